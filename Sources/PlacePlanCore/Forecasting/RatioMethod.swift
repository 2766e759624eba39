import LinearAlgebra

/// How a run of past ratios (progression or intake) is summarised into the ratio to project with.
public enum RatioMethod: Hashable, Sendable, CustomStringConvertible {
    /// Mean of the last `years` ratios (`mean-1` is "last year's ratio").
    case mean(years: Int)
    /// Weighted mean of the last `years` ratios, weights 1, 2, …, `years` (most recent heaviest).
    case weighted(years: Int)
    /// Least-squares line through the last `years` ratios, extrapolated to the target year but
    /// held inside the range of those ratios so that it cannot run away.
    case trend(years: Int)
    /// Median of the last `years` ratios: one odd year (a pandemic year, a miscount, a boundary
    /// change) cannot drag it, as it drags a mean or, most of all, last year's ratio.
    case median(years: Int)
    /// The weighted mean of the last `years` ratios (weights 1…K, as `weighted`) with a ratio far
    /// from the rest down-weighted (a Huber M-estimate, `HuberMean`): an area's odd year counts
    /// as if it lay about two robust spreads from the result, however far off it is, while
    /// ordinary years count as in `weighted`.
    case huber(years: Int)
    /// The average of several summaries, read at each target year: an ensemble, which is
    /// steadier than any one of its members when each is right at different times.
    indirect case blend([RatioMethod])
    /// A summary of the area's own ratios, moved by half the change in that ratio that every
    /// area shares in the latest year (the median across areas, `SharedChange`): a change that
    /// comes everywhere at once — families moving out of cities, a national shift into sixth
    /// forms — reaches each area's forecast without waiting for its own mean to catch up.
    /// `estimate(from:)` gives the area's own part, and the forecast (`CohortSurvival`) moves it.
    indirect case shared(RatioMethod)
    /// A summary of the area's own ratios moved towards the same summary's average across all
    /// areas, the further the noisier the area's own ratios are (`PartialPooling`: empirical
    /// Bayes): a small area, or one with a short history, borrows strength from the rest.
    /// `estimate(from:)` gives the area's own part, and the forecast (`CohortSurvival`) moves it.
    indirect case pooled(RatioMethod)
    /// Several summaries weighted by how well they would have predicted this ratio, across all
    /// areas, from what was known at the origin (`MethodSelection` with `combine`: non-negative
    /// least squares, the weights scaled to add to one).
    indirect case ensemble([RatioMethod], weights: [Double])

    /// Years of history the method looks at (the longest of a blend's members).
    public var years: Int {
        switch self {
        case .mean(let k), .weighted(let k), .trend(let k), .median(let k), .huber(let k): return k
        case .blend(let members), .ensemble(let members, _): return members.map(\.years).max() ?? 0
        case .shared(let own): return max(own.years, 2)  // the shared change needs two years
        case .pooled(let own): return own.years
        }
    }

    /// `mean-3`, `weighted-5`, `trend-5`: the name used in `plan.toml` and on the command line.
    public var description: String {
        switch self {
        case .mean(let k): return "mean-\(k)"
        case .weighted(let k): return "weighted-\(k)"
        case .trend(let k): return "trend-\(k)"
        case .median(let k): return "median-\(k)"
        case .huber(let k): return "huber-\(k)"
        case .blend(let members): return members.map(\.description).joined(separator: "+")
        case .ensemble(let members, let weights):
            // Weights to two decimals, written without a locale.
            return "ensemble(" + zip(weights, members).map { w, m in
                let hundredths = Int((w * 100).rounded())
                return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) \(m)"
            }.joined(separator: ", ") + ")"
        case .shared(let own): return "shared(\(own))"
        case .pooled(let own): return "pooled(\(own))"
        }
    }

    /// Parses `mean-3`, `weighted-5`, `median-5`, `huber-5`, `trend-4`; `last` means `mean-1`; `mean-1+trend-5` is a
    /// blend of the two.
    public init?(name: String) {
        let text = String(name.filter { !$0.isWhitespace }).lowercased()
        // `shared(…)` and `pooled(…)` move a whole summary: each goes around a blend, not inside
        // one, and not around the other.
        for (prefix, wrap) in [("shared(", RatioMethod.shared), ("pooled(", RatioMethod.pooled)] where text.hasPrefix(prefix) && text.hasSuffix(")") {
            guard let own = RatioMethod(name: String(text.dropFirst(prefix.count).dropLast())), !own.isMoved else { return nil }
            self = wrap(own)
            return
        }
        if text.contains("+") {
            let members = text.split(separator: "+", omittingEmptySubsequences: false).map { RatioMethod(name: String($0)) }
            guard members.count >= 2, members.allSatisfy({ $0 != nil && !$0!.isMoved }) else { return nil }
            self = .blend(members.map { $0! })
            return
        }
        if text == "last" { self = .mean(years: 1); return }
        let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let k = Int(parts[1]), (1...30).contains(k) else { return nil }
        switch parts[0] {
        case "mean": self = .mean(years: k)
        case "weighted": self = .weighted(years: k)
        case "median": self = .median(years: k)
        case "huber": self = .huber(years: k)
        case "trend":
            guard k >= 2 else { return nil }  // a line needs two points
            self = .trend(years: k)
        default: return nil
        }
    }

    public static let syntax = "mean-K, weighted-K, median-K, huber-K or trend-K (K = years of history, 1–30; trend needs K ≥ 2), last, "
        + "or a blend of these joined by + (e.g. mean-1+trend-5), or any of these moved by the change all areas share: "
        + "shared(mean-1+weighted-5), or towards all areas' by how noisy the area's own ratios are: pooled(mean-3)"

    /// Whether it is `shared(…)`.
    public var isShared: Bool { if case .shared = self { true } else { false } }

    /// Whether it is `pooled(…)`.
    public var isPooled: Bool { if case .pooled = self { true } else { false } }

    /// Whether the forecast moves the area's own estimate (`shared(…)`, `pooled(…)`).
    var isMoved: Bool { isShared || isPooled }

    /// The share of one past ratio's variance left in the summary, were the ratios independent
    /// and equally noisy: 1/K for a mean of K, Σw²/(Σw)² for weights 1…K, π/2K for a median
    /// (at most 1); a trend's as its mean's (its slope's own noise is left out); a blend's as if
    /// its members moved together (the square of the mean of their standard errors). What
    /// `PartialPooling` weighs an area's own estimate by.
    var noiseShare: Double {
        switch self {
        case .mean(let k), .trend(let k): return 1 / Double(k)
        case .weighted(let k), .huber(let k):
            // A Huber mean's noise is within a few percent of its weighted mean's (95%
            // efficiency under normal noise, c = 1.345).
            let weights = (1...k).map(Double.init), total = weights.reduce(0, +)
            return weights.reduce(0) { $0 + $1 * $1 } / (total * total)
        case .median(let k): return min(1, Double.pi / 2 / Double(k))
        case .blend(let members), .ensemble(let members, _):
            let error = members.reduce(0) { $0 + $1.noiseShare.squareRoot() } / Double(members.count)
            return error * error
        case .shared(let own), .pooled(let own): return own.noiseShare
        }
    }

    /// Summarises observed ratios into an estimate that can be read at any future year.
    /// `observations` are (year, ratio) pairs in any order; non-finite ratios must already be
    /// excluded. Returns `nil` when there are none.
    public func estimate(from observations: [(year: Int, ratio: Double)]) -> RatioEstimate? {
        if case .blend(let members) = self {
            let estimates = members.compactMap { $0.estimate(from: observations) }
            return estimates.isEmpty ? nil : .blend(estimates)
        }
        if case .shared(let own) = self { return own.estimate(from: observations) }
        if case .pooled(let own) = self { return own.estimate(from: observations) }
        if case .ensemble(let members, let weights) = self {
            // A member with no estimate leaves its weight to the others.
            let pairs = zip(members, weights).compactMap { m, w in m.estimate(from: observations).map { ($0, w) } }
            let total = pairs.reduce(0) { $0 + $1.1 }
            guard total > 0 else { return nil }
            return .weighted(pairs.map(\.0), weights: pairs.map { $0.1 / total })
        }
        // Observations nearly always come in year order (a backtest summarises millions of
        // them): then the latest `years` are read where they are, with nothing sorted or copied.
        if observations.isSortedByYear { return summarise(observations.suffix(years)) }
        return summarise(observations.sorted { $0.year < $1.year }.suffix(years))
    }

    /// A single summary (not a blend) of the latest observations, in year order.
    private func summarise(_ recent: ArraySlice<(year: Int, ratio: Double)>) -> RatioEstimate? {
        guard !recent.isEmpty else { return nil }
        func mean() -> Double {
            var sum = 0.0
            for observation in recent { sum += observation.ratio }
            return sum / Double(recent.count)
        }
        switch self {
        case .mean:
            return .constant(mean())
        case .median:
            return PlacePlanCore.median(recent.map(\.ratio)).map(RatioEstimate.constant)
        case .weighted, .huber:
            // A Huber mean is the weighted mean unless some ratio can be judged odd.
            if case .huber = self, let robust = HuberMean.of(recent.map(\.ratio)) { return .constant(robust) }
            var weighted = 0.0, weights = 0.0
            for (i, observation) in recent.enumerated() {
                weighted += Double(i + 1) * observation.ratio
                weights += Double(i + 1)
            }
            return .constant(weighted / weights)
        case .trend:
            guard recent.count >= 2, let line = TrendLine.fit(recent.map { (Double($0.year), $0.ratio) })
            else { return .constant(mean()) }
            var lower = Double.infinity, upper = -Double.infinity
            for observation in recent {
                lower = min(lower, observation.ratio)
                upper = max(upper, observation.ratio)
            }
            return .trend(line, lower: lower, upper: upper)
        case .blend, .shared, .pooled, .ensemble:
            preconditionFailure("handled above")
        }
    }
}

/// A summarised ratio: a constant, or a clamped straight line in time.
public enum RatioEstimate: Equatable, Sendable {
    case constant(Double)
    case trend(TrendLine, lower: Double, upper: Double)
    indirect case blend([RatioEstimate])
    /// Σ weight × member, the weights adding to one.
    indirect case weighted([RatioEstimate], weights: [Double])

    public func value(at year: Int) -> Double {
        switch self {
        case .constant(let r): return r
        case .trend(let line, let lower, let upper): return min(max(line.value(at: Double(year)), lower), upper)
        case .blend(let members): return members.reduce(0) { $0 + $1.value(at: year) } / Double(members.count)
        case .weighted(let members, let weights): return zip(members, weights).reduce(0) { $0 + $1.1 * $1.0.value(at: year) }
        }
    }

    /// The same estimate times `factor`, at every year.
    public func scaled(by factor: Double) -> RatioEstimate {
        switch self {
        case .constant(let r): return .constant(r * factor)
        case .trend(let line, let lower, let upper):
            let scaled = TrendLine(intercept: line.intercept * factor, slope: line.slope * factor, centre: line.centre)
            return .trend(scaled, lower: lower * factor, upper: upper * factor)
        case .blend(let members): return .blend(members.map { $0.scaled(by: factor) })
        case .weighted(let members, let weights): return .weighted(members.map { $0.scaled(by: factor) }, weights: weights)
        }
    }
}

/// y = intercept + slope × (x − centre), fitted by ordinary least squares through LAPACK.
/// Centring x on its mean keeps the design well conditioned (years are ~2000, slopes tiny).
public struct TrendLine: Equatable, Sendable {
    public let intercept: Double
    public let slope: Double
    public let centre: Double

    public init(intercept: Double, slope: Double, centre: Double) {
        self.intercept = intercept
        self.slope = slope
        self.centre = centre
    }

    public func value(at x: Double) -> Double { intercept + slope * (x - centre) }

    /// `nil` when the points cannot determine a line (fewer than two distinct x).
    public static func fit(_ points: [(x: Double, y: Double)]) -> TrendLine? {
        guard points.count >= 2 else { return nil }
        var centre = 0.0
        for point in points { centre += point.x }
        centre /= Double(points.count)
        // The design column by column, as LAPACK takes it: ones, then x − centre. A backtest
        // fits hundreds of thousands of lines; nothing reads their standard errors.
        var design = Matrix(rows: points.count, columns: 2, repeating: 1)
        for (i, point) in points.enumerated() { design[i, 1] = point.x - centre }
        guard let fit = try? LeastSquares.fit(design: design, response: points.map(\.y), onRankDeficiency: .fail,
                                              standardErrors: false)
        else { return nil }
        return TrendLine(intercept: fit.coefficients[0], slope: fit.coefficients[1], centre: centre)
    }
}

extension Array where Element == (year: Int, ratio: Double) {
    /// Whether the years never go down.
    var isSortedByYear: Bool {
        var previous = Int.min
        for element in self {
            if element.year < previous { return false }
            previous = element.year
        }
        return true
    }
}
