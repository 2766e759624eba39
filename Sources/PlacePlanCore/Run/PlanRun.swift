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
    /// A simulated place plan's past errors by school: what a scenario's draws resample too.
    public let schoolErrors: SchoolErrors?
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
            schoolErrors = nil
            let history = plan.applications(kept: options.applications).history
            areaForecast = try CohortSurvival.forecast(history, settings: settings, horizon: horizon)
            uncertainty = areaForecast.uncertainty
            if let coverage = settings.intervals, uncertainty == nil {
                notes.append(Self.tooShort(coverage, years: plan.history.lastYear - plan.history.firstYear + 1))
            }
            if plan.history.applications != nil, !options.applications {
                notes.append("applications left out (--no-applications): \(plan.history.ladder.entry) in "
                    + "\(EntryApplications.latestKnown(atCensus: plan.history.lastYear)) is forecast from births alone")
            }
        case .places(let inputs):
            let housing = options.housing ? inputs.housing : nil
            let run = try PlacePlanRun.make(name: plan.name, history: inputs.schools, inputs: inputs, settings: settings,
                                            horizon: horizon, housing: housing)
            places = run
            var areas = run.forecast.areaForecast
            let errors = try settings.intervals == nil ? nil : Self.pastErrors(run, inputs: inputs, settings: settings)
            schoolErrors = errors
            if let coverage = settings.intervals, let errors {
                uncertainty = Self.simulate(run, errors: errors, coverage: coverage, capacity: Self.capacity(run, inputs: inputs),
                                            margin: inputs.targets.operatingMargin, delivery: inputs.housing?.delivery)
            } else {
                uncertainty = nil
            }
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

    /// A place plan's past errors: its schools' forecasts replayed as the place plan would have
    /// been made at each past census (`nil`: too short a history).
    static func pastErrors(_ run: PlacePlanRun, inputs: PlacePlanInputs, settings: ForecastSettings) throws -> SchoolErrors? {
        let forecast = run.forecast
        let codes = ForecastUncertainty.simulatedSchools(forecast).map { forecast.schools[$0].school.code }
        return try PastErrors.schools(inputs.schools, settings: settings, shareMethod: inputs.shareMethod,
                                      horizon: forecast.horizon, schools: codes).map { SchoolErrors(codes: codes, errors: $0) }
    }

    /// The places of each area's phases and year groups in each year (`nil`: the plan gives no
    /// capacity).
    static func capacity(_ run: PlacePlanRun, inputs: PlacePlanInputs) -> (phases: [AreaPhaseYear: Int], yearGroups: [AreaYearGroupYear: Int])? {
        guard inputs.schools.capacityGiven else { return nil }
        let tables = run.tables
        return (Dictionary(tables.areas.map { ($0.cell, $0.sufficiency.capacity) },
                           uniquingKeysWith: { first, _ in first }),
                Dictionary(tables.areaYearGroups.lazy.filter { tables.isForecast($0.year) }.map {
                    (AreaYearGroupYear(area: $0.owner, yearGroup: $0.yearGroup, year: $0.year), $0.sufficiency.capacity)
                }, uniquingKeysWith: { first, _ in first }))
    }

    /// A place plan run's draws; with a delivery record, its planned housing is built in each
    /// draw as past trajectories were (`HousingVariation`).
    static func simulate(_ run: PlacePlanRun, errors: SchoolErrors, coverage: Double,
                         capacity: (phases: [AreaPhaseYear: Int], yearGroups: [AreaYearGroupYear: Int])?,
                         margin: Double, delivery: HousingDeliveryRecord?, chance: Double? = nil) -> ForecastUncertainty {
        ForecastUncertainty.simulate(run.forecast, errors: errors.matching(run.forecast), coverage: coverage,
                                     places: capacity.map { .init(capacity: $0.phases, operatingMargin: margin, yearGroupCapacity: $0.yearGroups) },
                                     chance: chance, housing: HousingVariation(run, record: delivery))
    }

    /// Draws of another run of this place plan (a scenario's, a programme's) with `capacity`,
    /// from the same past errors, seed, settings and housing delivery as the run's own: its chance
    /// of a shortfall by area, phase and year, and with `chance`, the places that keep it at most
    /// that. `nil` when the run was not simulated (`schoolErrors`).
    public func simulate(_ run: PlacePlanRun, capacity: [AreaPhaseYear: Int], chance: Double? = nil) -> ForecastUncertainty? {
        guard let schoolErrors, let coverage = settings.intervals, case .places(let inputs) = plan.kind else { return nil }
        return Self.simulate(run, errors: schoolErrors, coverage: coverage, capacity: (capacity, [:]),
                             margin: inputs.targets.operatingMargin, delivery: inputs.housing?.delivery, chance: chance)
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
