import LinearAlgebra

/// Local pupil yields estimated from history: where housing.csv records completions in census
/// years and the rolls show what happened, a phase's yearly change in pupils in each area is
///
///     Δpupils(a, t) = c_a + yield × completions(a, t) + noise
///
/// (with the yield reached on completion: each new dwelling adds `yield` pupils that year and
/// keeps them), fitted by least squares through LAPACK with one intercept per area — the area's
/// own drift from births and migration — and a standard error for the yield.
public enum YieldCalibration {
    public struct Observation: Equatable, Sendable {
        public let area: String
        public let year: Int
        public let change: Double
        public let completions: Double
        public init(area: String, year: Int, change: Double, completions: Double) {
            self.area = area
            self.year = year
            self.change = change
            self.completions = completions
        }
    }

    public struct Estimate: Equatable, Sendable {
        public let phase: YieldPhase
        /// Pupils per dwelling, when the history identifies it.
        public let value: Double?
        public let standardError: Double?
        public let observations: Int
        public let areas: Int
        /// Why there is no estimate, or a caution.
        public let note: String?
    }

    /// Fits one phase's yield from observations.
    public static func fit(_ phase: YieldPhase, _ observations: [Observation]) -> Estimate {
        let areas = Array(Set(observations.map(\.area))).sorted()
        let n = observations.count
        guard observations.contains(where: { $0.completions != 0 }) else {
            return Estimate(phase: phase, value: nil, standardError: nil, observations: n, areas: areas.count,
                            note: "no completions recorded in the census years")
        }
        guard n > areas.count + 1 else {
            return Estimate(phase: phase, value: nil, standardError: nil, observations: n, areas: areas.count,
                            note: "too few years: \(n) changes for \(areas.count + 1) unknowns")
        }
        let index = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        let design = Matrix(rowsOf: observations.map { o in
            [o.completions] + areas.indices.map { index[o.area] == $0 ? 1.0 : 0.0 }
        })
        guard let fit = try? LeastSquares.fit(design: design, response: observations.map(\.change)), fit.isFullRank else {
            return Estimate(phase: phase, value: nil, standardError: nil, observations: n, areas: areas.count,
                            note: "completions do not vary within an area: the yield cannot be told from the area's drift")
        }
        return Estimate(phase: phase, value: fit.coefficients[0], standardError: fit.standardErrors?[0], observations: n,
                        areas: areas.count, note: nil)
    }

    /// Observations of a place plan's history: primary pupils in primary areas; secondary and
    /// post-16 in secondary areas, with each primary area's completions counted in the secondary
    /// area `secondaryOf` gives. Years: from the first recorded completion (a year with none
    /// recorded counts as 0) to the last census.
    public static func observations(_ phase: YieldPhase, history: SchoolHistory, housing: HousingInput,
                                    secondaryOf: (String) -> String?) -> [Observation] {
        guard let groups = phase.yearGroups(history.layout) else { return [] }
        let recorded = housing.completions.filter { $0.year <= history.lastYear }
        guard let firstRecorded = recorded.map(\.year).min() else { return [] }
        let first = max(history.firstYear + 1, firstRecorded)
        guard first <= history.lastYear else { return [] }
        let kind: AreaKind = phase == .primary ? .primary : .secondary
        var built: [String: [Int: Double]] = [:]
        for c in recorded {
            let area = kind == .primary ? c.area : (c.secondaryArea ?? secondaryOf(c.area))
            if let area { built[area, default: [:]][c.year, default: 0] += c.dwellings }
        }
        var result: [Observation] = []
        for area in history.geography.areas(kind) where built[area.code] != nil {
            let rolls = history.rolls(area: area.code, kind)
            for year in first...history.lastYear {
                let now = groups.reduce(0) { $0 + rolls[year - history.firstYear][$1] }
                let before = groups.reduce(0) { $0 + rolls[year - 1 - history.firstYear][$1] }
                result.append(Observation(area: area.code, year: year, change: now - before, completions: built[area.code]?[year] ?? 0))
            }
        }
        return result
    }
}

extension YieldCalibration {
    /// Local yields for every phase of the plan's schools (`placeplan housing-yields`): primary in
    /// primary planning areas, secondary and post-16 in secondary areas (a site's own, else where
    /// most of its area's Year 6 go).
    public static func estimates(for plan: Plan) throws -> [Estimate] {
        let (places, housing) = try plan.requireHousing(for: "calibrating yields from completions")
        let schools = places.schools
        let transfer = try TransferModel.fit(schools)
        return [YieldPhase.primary, .secondary, .post16].map { phase in
            fit(phase, observations(phase, history: schools, housing: housing) {
                HousingModel.secondaryArea(of: $0, transfer: transfer, geography: schools.geography)
            })
        }
    }
}
