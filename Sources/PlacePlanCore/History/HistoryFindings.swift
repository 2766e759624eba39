/// What the history itself gives reason to doubt or has had restated, found once and shown by
/// `check`, the forecast's summary and the report alike (one path, the same words):
/// boundary changes applied, breaks in a series, single ratios out of line, and a births basis
/// the data does not follow.
public struct HistoryFindings: Equatable, Sendable {
    public let restated: [AppliedBoundaryChange]
    public let breaks: [SeriesBreak]
    public let outliers: [RatioOutlier]
    /// Years every area's ratios moved together, not already named in `exclude_years`.
    public let exceptional: [ExceptionalYear]
    public let basis: BirthsBasisCheck?
    /// Each area's intake ratio by year on the declared basis, as `check` and the report show it.
    public let intakeRatios: IntakeRatios
    public let ladder: Ladder

    public init(_ plan: Plan) {
        let history = plan.history
        ladder = history.ladder
        restated = plan.boundaryChanges
        breaks = SeriesBreak.detect(history)
        outliers = RatioOutlier.detect(history, breaks: breaks)
        exceptional = ExceptionalYear.detect(history).filter { !plan.settings.excludedYears.contains($0.year) }
        intakeRatios = IntakeRatios(history, basis: history.birthsBasis)
        basis = BirthsBasisCheck.check(history, declared: intakeRatios)
    }

    /// Lines to show, each starting "Restated:" or "Warning:". With `limit`, single-ratio
    /// outliers beyond it are counted, not listed (`placeplan check` lists them all).
    public func lines(limit: Int? = nil) -> [String] {
        var out = restated.map { "Restated: \($0.description)" }
        out += breaks.map { "Warning: \($0.description)" }
        out += exceptional.map { "Warning: \($0.description)" }
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
