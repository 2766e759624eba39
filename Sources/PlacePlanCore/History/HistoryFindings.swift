/// What the history itself gives reason to doubt or has had restated, found once and shown by
/// `check`, the forecast's summary and the report alike (one path, the same words):
/// boundary changes applied, breaks in a series, single ratios out of line, and a births basis
/// the data does not follow.
public struct HistoryFindings: Equatable, Sendable {
    public let restated: [AppliedBoundaryChange]
    public let breaks: [SeriesBreak]
    public let outliers: [RatioOutlier]
    /// Years every area's ratios moved together: left out of the forecast when no years are
    /// named (`findsExceptionalYears`), else those the named years leave in.
    public let exceptional: [ExceptionalYear]
    private let exceptionalLeftOut: Bool
    public let basis: BirthsBasisCheck?
    /// Each area's intake ratio by year on the declared basis, as `check` and the report show it.
    public let intakeRatios: IntakeRatios
    public let ladder: Ladder

    /// - Parameter settings: the run's (flags over plan.toml), when a run is shown; plan.toml's otherwise.
    public init(_ plan: Plan, settings: ForecastSettings? = nil) {
        let settings = settings ?? plan.settings
        let history = plan.history
        ladder = history.ladder
        restated = plan.boundaryChanges
        breaks = SeriesBreak.detect(history)
        // One the planner has already left out of its area (exclude-years.csv) is said there.
        outliers = RatioOutlier.detect(history, breaks: breaks).filter { settings.excludedAreaYears[$0.area.code]?.contains($0.year) != true }
        exceptionalLeftOut = settings.findsExceptionalYears && settings.excludedYears.isEmpty
        exceptional = ExceptionalYear.detect(history).filter { !settings.excludedYears.contains($0.year) }
        intakeRatios = IntakeRatios(history, basis: history.birthsBasis)
        basis = BirthsBasisCheck.check(history, declared: intakeRatios)
    }

    /// Lines to show, each starting "Restated:" or "Warning:". With `limit`, single-ratio
    /// outliers beyond it are counted, not listed (`placeplan check` lists them all).
    public func lines(limit: Int? = nil) -> [String] {
        var out = restated.map { "Restated: \($0.description)" }
        out += breaks.map { "Warning: \($0.description)" }
        out += exceptional.map { "Warning: \($0.description(leftOut: exceptionalLeftOut))" }
        out += basis.map { ["Warning: \($0.description)"] } ?? []
        let shown = limit.map { Array(outliers.prefix($0)) } ?? outliers
        out += shown.map { "Warning: \($0.description(ladder: ladder))" }
        if shown.count < outliers.count {
            out.append("Warning: \(outliers.count - shown.count) more progression ratios far outside their area's history "
                + "and every area's (placeplan check lists them)")
        }
        return out
    }
}
