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
    /// Intervals at every level and chances of shortfall, from draws of this forecast, when the
    /// settings ask for intervals and the history allows them.
    public let uncertainty: ForecastUncertainty?
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
            uncertainty = areaForecast.uncertainty
            if let coverage = settings.intervals, uncertainty == nil {
                notes.append(Self.tooShort(coverage, years: plan.history.lastYear - plan.history.firstYear + 1))
            }
        case .places(let inputs):
            let housing = options.housing ? inputs.housing : nil
            let run = try PlacePlanRun.make(name: plan.name, history: inputs.schools, inputs: inputs, settings: settings,
                                            horizon: horizon, housing: housing)
            places = run
            var areas = run.forecast.areaForecast
            uncertainty = try settings.intervals.flatMap { try Self.simulate(run, inputs: inputs, settings: settings, coverage: $0) }
            areas.setUncertainty(uncertainty)
            areaForecast = areas
            if let coverage = settings.intervals, uncertainty == nil {
                notes.append(Self.tooShort(coverage, years: inputs.schools.lastYear - inputs.schools.firstYear + 1))
            }
            if inputs.housing != nil, !options.housing {
                notes.append("housing growth left out (--no-housing): the pupils of housing.csv's planned homes are not in these figures")
            }
        }
        self.notes = notes
    }

    public var years: ClosedRange<Int> { areaForecast.years }

    /// A place plan's draws: its schools' past errors, replayed one year ahead as the place plan
    /// would have been made then, and its areas' places for the chance of a shortfall.
    static func simulate(_ run: PlacePlanRun, inputs: PlacePlanInputs, settings: ForecastSettings,
                         coverage: Double) throws -> ForecastUncertainty? {
        let forecast = run.forecast
        let codes = ForecastUncertainty.simulatedSchools(forecast).map { forecast.schools[$0].school.code }
        guard let errors = try PastErrors.schools(inputs.schools, settings: settings, shareMethod: inputs.shareMethod,
                                                    horizon: run.forecast.horizon, schools: codes) else {
            return nil
        }
        let places = inputs.schools.capacityGiven ? ForecastUncertainty.Places(
            capacity: Dictionary(run.tables.areas.map { (AreaPhaseYear(area: $0.area.code, phase: $0.phase, year: $0.year), $0.sufficiency.capacity) },
                                 uniquingKeysWith: { first, _ in first }),
            operatingMargin: inputs.targets.operatingMargin) : nil
        return ForecastUncertainty.simulate(forecast, errors: errors, coverage: coverage, places: places)
    }

    /// Why a run asked for intervals has none.
    static func tooShort(_ coverage: Double, years: Int) -> String {
        "no \(percent(coverage)) prediction intervals: the rolls cover \(years) year\(years == 1 ? "" : "s"), and intervals need "
            + "\(PastErrors.yearsOfRollsNeeded) (\(PastErrors.minimumYears) past years of one-year-ahead errors, each forecast from "
            + "\(PastErrors.minimumHistory) years before it); the figures are central forecasts"
    }

    static func percent(_ coverage: Double) -> String {
        let p = coverage * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
