/// A place plan projected under one set of settings: the schools' and areas' forecast before
/// and after planned housing, and the plan's tables (places, surplus, places needed).
///
/// `PlanRun` makes one for the plan as it stands and `ScenarioEngine` one per scenario, by the
/// same `make`, so a scenario's baseline is the place plan to the pupil.
public struct PlacePlanRun: Equatable, Sendable {
    /// Before planned housing (and with any scenario's births and preference changes).
    public let baseline: PlaceForecast
    /// The pupils planned housing adds, when the plan has housing and it is wanted.
    public let housing: HousingLayer?
    /// `baseline` with `housing` added: what every table and output shows.
    public let forecast: PlaceForecast
    /// Whole pupils against places, by school, area, phase and the authority.
    public let tables: PupilPlacePlan

    /// - Parameters:
    ///   - history: the schools (a scenario's: with its schools opened, closed or changed).
    ///   - housing: planned housing to add, already varied by any scenario; `nil` = none.
    ///   - adjust: changes applied to the forecast before housing (a scenario's births and
    ///     preference changes move whole cohorts).
    public static func make(name: String, history: SchoolHistory, inputs: PlacePlanInputs, settings: ForecastSettings,
                            horizon: Int, housing: HousingInput?,
                            adjust: (PlaceForecast) -> PlaceForecast = { $0 }) throws -> PlacePlanRun {
        let baseline = adjust(try PlacePlanning.forecast(history, settings: settings, shareMethod: inputs.shareMethod,
                                                         horizon: horizon))
        let layer = housing.map { HousingModel.layer($0, forecast: baseline) }
        let forecast = layer.map { baseline.adding($0) } ?? baseline
        let tables = PupilPlacePlan(name: name, forecast: forecast, history: history, targets: inputs.targets)
        return PlacePlanRun(baseline: baseline, housing: layer, forecast: forecast, tables: tables)
    }
}
