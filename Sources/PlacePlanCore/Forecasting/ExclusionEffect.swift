/// What leaving out some years' ratios (`exclude_years`, and an area's own in `exclude-years.csv`)
/// does to a forecast: each phase's total over all areas in the last forecast year, made as it
/// was and with every year's ratios, so that the planner sees the effect of the choice, not only
/// that it was made.
public struct ExclusionEffect: Equatable, Sendable {
    public let phase: String
    public let year: Int
    /// Pupils as forecast (years left out), and with every year's ratios.
    public let forecast: Double
    public let withEveryYear: Double
    public var change: Double { forecast - withEveryYear }
}

extension Forecast {
    /// The effect of `settings.excludedYears` and `excludedAreaYears` on this forecast of
    /// `history`; empty when none are left out.
    public func exclusionEffect(_ history: History) throws -> [ExclusionEffect] {
        guard !settings.excludedYears.isEmpty || !settings.excludedAreaYears.isEmpty, horizon >= 1 else { return [] }
        // Only the central figures are compared: the draws of intervals would be thrown away.
        var every = settings.central
        every.excludedYears = []
        every.excludedAreaYears = [:]
        let other = try CohortSurvival.forecast(history, settings: every, horizon: horizon)
        let last = horizon - 1
        return ladder.phases.compactMap { phase in
            guard let range = ladder.indices(of: phase) else { return nil }
            func total(_ f: Forecast) -> Double { f.areas.reduce(0) { sum, area in sum + range.reduce(0) { $0 + area.pupils[last][$1] } } }
            return ExclusionEffect(phase: phase.name, year: baseYear + horizon, forecast: total(self), withEveryYear: total(other))
        }
    }
}
