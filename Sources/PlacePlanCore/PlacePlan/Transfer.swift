import LinearAlgebra

/// Secondary transfer: Year 7 of each secondary planning area from the Year 6 of the primary
/// planning areas a year earlier,
///
///     Y7(s, t+1) = Σ_p share(p → s) × Y6(p, t) + inflow(s),
///
/// with every share and inflow ≥ 0, fitted for each secondary area over the plan's history by
/// non-negative least squares (LAPACK subproblems, `NonNegativeLeastSquares`).
///
/// Shares of one primary area need not sum to 1: what is missing left the authority (for
/// independent schools or a neighbour's). The inflow is the pupils a year who come from outside
/// the authority. Shares cannot be negative, which ordinary least squares on a few collinear
/// years would happily make them.
///
/// How well individual shares are determined depends on how differently the areas' cohorts have
/// moved: nine years of area totals can pin them down only when each secondary area draws on a
/// few primary areas that do not rise and fall together. Listing the secondary areas each
/// primary area can feed (`Geography.feeds`) removes the impossible flows from the fit; the
/// standard errors say how well the rest are known.
public struct TransferModel: Equatable, Sendable {
    /// One estimated flow.
    public struct Flow: Equatable, Sendable {
        public let from: String
        public let to: String
        public let share: Double
        /// From LAPACK's fit on the flows not held at zero; `nil` for a share at zero or when
        /// the fit leaves no degrees of freedom.
        public let standardError: Double?
    }

    /// The fit for one secondary area.
    public struct Area: Equatable, Sendable {
        public let area: String
        /// Every candidate feeder (including those fitted at zero), in the order of the
        /// geography's primary areas.
        public let flows: [Flow]
        /// Year 7 pupils a year from outside the authority.
        public let inflow: Double
        public let inflowStandardError: Double?
        /// The Year 7 years fitted (the year after each Year 6 year).
        public let years: [Int]
        /// Root mean square of the fit's residuals, in pupils.
        public let rootMeanSquareError: Double
        /// How the Year 7 forecast is made when the history cannot support a fit.
        public let fallback: String?
    }

    public let areas: [Area]

    public func area(_ code: String) -> Area? { areas.first { $0.area == code } }

    /// share(p → s), 0 when p is not a candidate feeder of s.
    public func share(from p: String, to s: String) -> Double {
        area(s)?.flows.first { $0.from == p }?.share ?? 0
    }

    /// Year 7 of `s` given the Year 6 of each primary area the year before.
    public func year7(_ s: String, year6: (String) -> Double) -> Double {
        guard let fit = area(s) else { return 0 }
        return max(0, fit.flows.reduce(fit.inflow) { $0 + $1.share * year6($1.from) })
    }

    /// Fits every secondary area of the geography from the history's area rolls.
    /// - Parameters:
    ///   - year6: primary area code → year → Year 6 pupils.
    ///   - year7: secondary area code → year → Year 7 pupils.
    public static func fit(geography: Geography, years: ClosedRange<Int>,
                           year6: [String: [Int: Double]], year7: [String: [Int: Double]]) throws -> TransferModel {
        // One area after another: this runs beside the primary areas' forecast, and in a
        // backtest or a report beside other replayed plans. Fitted a core each (tried
        // 2026-12-01), the report at 20,000 schools peaked at 795 MB instead of 635 MB, and no
        // command was measurably faster.
        let areas = try geography.secondaryAreas.map { secondary -> Area in
            let feeders = geography.feeders(of: secondary.code).map(\.code)
            // Pairs (Y6 in t, Y7 in t + 1) with every number known.
            let pairs = years.filter { t in
                years.contains(t + 1) && year7[secondary.code]?[t + 1] != nil && feeders.allSatisfy { year6[$0]?[t] != nil }
            }
            let y = pairs.map { year7[secondary.code]![$0 + 1]! }
            guard !pairs.isEmpty, !feeders.isEmpty else {
                // Nothing to fit: Year 7 stays at its latest level, all of it "inflow".
                let latest = year7[secondary.code]?.max { $0.key < $1.key }?.value ?? 0
                return Area(area: secondary.code, flows: feeders.map { Flow(from: $0, to: secondary.code, share: 0, standardError: nil) },
                            inflow: latest, inflowStandardError: nil, years: [], rootMeanSquareError: 0,
                            fallback: feeders.isEmpty ? "no primary area feeds it: Year 7 held at its latest count"
                                : "no year with Year 6 and the next Year 7 known: Year 7 held at its latest count")
            }
            let design = Matrix(rowsOf: pairs.map { t in feeders.map { year6[$0]![t]! } + [1] })
            let fit = try NonNegativeLeastSquares.fit(design: design, response: y)
            let flows = feeders.enumerated().map { j, p in
                Flow(from: p, to: secondary.code, share: fit.coefficients[j], standardError: fit.standardError(of: j))
            }
            let rms = (fit.residualSumOfSquares / Double(pairs.count)).squareRoot()
            return Area(area: secondary.code, flows: flows, inflow: fit.coefficients[feeders.count],
                        inflowStandardError: fit.standardError(of: feeders.count), years: pairs.map { $0 + 1 },
                        rootMeanSquareError: rms, fallback: fit.converged ? nil : "the fit stopped at its iteration limit")
        }
        return TransferModel(areas: areas)
    }

    /// Fits from a school history's area rolls.
    public static func fit(_ history: SchoolHistory) throws -> TransferModel {
        let layout = history.layout
        var year6: [String: [Int: Double]] = [:], year7: [String: [Int: Double]] = [:]
        for area in history.geography.primaryAreas {
            let rolls = history.rolls(area: area.code, .primary)
            for (i, row) in rolls.enumerated() { year6[area.code, default: [:]][history.firstYear + i] = row[layout.transferFrom] }
        }
        for area in history.geography.secondaryAreas {
            let rolls = history.rolls(area: area.code, .secondary)
            for (i, row) in rolls.enumerated() { year7[area.code, default: [:]][history.firstYear + i] = row[layout.transferTo] }
        }
        return try fit(geography: history.geography, years: history.firstYear...history.lastYear, year6: year6, year7: year7)
    }
}
