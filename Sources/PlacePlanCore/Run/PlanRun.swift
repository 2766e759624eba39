/// One run of a plan: everything a command can ask for, computed once, by one path.
///
///     load (PlanFolder) → PlanRun(plan, options) → cells(.school | .area | .authority),
///                                                   places?.tables, notes → render
///
/// `forecast`, `plan`, `report`, `archive`, `scenario` (its baseline), `optimise` and
/// `developer-report` all start from a `PlanRun`; so do the tests and benchmarks. The settings
/// are `options` (flags) over `plan.toml` over the defaults, checked once (`RunOptions`).
public struct PlanRun: Equatable, Sendable {
    public let plan: Plan
    public let options: RunOptions
    /// The settings the forecast was made with.
    public let settings: ForecastSettings
    public let horizon: Int
    /// Every area's forecast by year and year group: a plan of areas' own, or a place plan's
    /// areas as its schools' run gives them (housing included).
    public let areaForecast: Forecast
    /// The place plan, for a plan with schools.
    public let places: PlacePlanRun?
    /// What the user must know about this run that the figures do not show: asked-for intervals
    /// that could not be made, housing left out.
    public let notes: [String]

    public init(_ plan: Plan, options: RunOptions = RunOptions()) throws {
        let (settings, horizon) = try options.resolve(over: plan.settings, horizon: plan.horizon)
        self.plan = plan
        self.options = options
        self.settings = settings
        self.horizon = horizon
        var notes: [String] = []
        switch plan.kind {
        case .areas:
            places = nil
            areaForecast = try CohortSurvival.forecast(plan.history, settings: settings, horizon: horizon)
            if let coverage = settings.intervals, areaForecast.intervals == nil {
                notes.append("no \(Self.percent(coverage)) prediction intervals: the rolls cover too few years to score past "
                    + "forecasts (\(PredictionIntervals.minimumHistory + 1) years at least, and 10 past errors per year group)")
            }
        case .places(let inputs):
            let housing = options.housing ? inputs.housing : nil
            let run = try PlacePlanRun.make(name: plan.name, history: inputs.schools, inputs: inputs, settings: settings,
                                            horizon: horizon, housing: housing)
            places = run
            areaForecast = run.forecast.areaForecast
            if let coverage = settings.intervals {
                notes.append("no \(Self.percent(coverage)) prediction intervals: a place plan's forecasts (schools, areas, "
                    + "transfer) are not yet calibrated; the figures are central forecasts")
            }
            if inputs.housing != nil, !options.housing {
                notes.append("housing growth left out (--no-housing): the pupils of housing.csv's planned homes are not in these figures")
            }
        }
        self.notes = notes
    }

    public var years: ClosedRange<Int> { areaForecast.years }

    static func percent(_ coverage: Double) -> String {
        let p = coverage * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
