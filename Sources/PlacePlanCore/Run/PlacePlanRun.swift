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
    /// Whole pupils against places, by school, area, phase and the authority: made the first
    /// time it is asked for (`Memo`), from the forecast above.
    public var tables: PupilPlacePlan { tablesMemo.value }
    private let tablesMemo: Memo<PupilPlacePlan>
    /// Pupils with EHC plans against specialist places, when the plan has `ehcp.csv`.
    public let specialist: SpecialistPlan?
    /// Early-years places needed against providers' places, when the plan has `settings.csv`.
    public let earlyYears: EarlyYearsPlan?

    /// - Parameters:
    ///   - history: the schools (a scenario's: with its schools opened, closed or changed).
    ///   - housing: planned housing to add, already varied by any scenario; `nil` = none.
    ///   - adjust: changes applied to the forecast before housing (a scenario's births and
    ///     preference changes move whole cohorts).
    ///   - specialist: the specialist inputs to plan with (a scenario's, with its places);
    ///     `inputs.specialist` when not given.
    public static func make(name: String, history: SchoolHistory, inputs: PlacePlanInputs, settings: ForecastSettings,
                            horizon: Int, housing: HousingInput?, specialist: SpecialistInputs? = nil,
                            adjust: (PlaceForecast) -> PlaceForecast = { $0 }) throws -> PlacePlanRun {
        let baseline = adjust(try PlacePlanning.forecast(history, settings: settings, shareMethod: inputs.shareMethod,
                                                         horizon: horizon))
        let layer = housing.map { HousingModel.layer($0, forecast: baseline) }
        let forecast = layer.map { baseline.adding($0) } ?? baseline
        let needs = (specialist ?? inputs.specialist).map { Self.specialistPlan($0, history: history, baseline: baseline, housing: layer) }
        let early = inputs.earlyYears.map { Self.earlyYearsPlan($0, history: history, settings: settings, baseline: baseline, housing: layer) }
        let targets = inputs.targets
        let tables = Memo { PupilPlacePlan(name: name, forecast: forecast, history: history, targets: targets, specialist: needs) }
        return PlacePlanRun(baseline: baseline, housing: layer, forecast: forecast, tablesMemo: tables, specialist: needs, earlyYears: early)
    }

    /// Runs are equal when their figures are: the tables compared as made from each.
    public static func == (a: PlacePlanRun, b: PlacePlanRun) -> Bool {
        a.baseline == b.baseline && a.housing == b.housing && a.forecast == b.forecast && a.specialist == b.specialist
            && a.earlyYears == b.earlyYears && a.tables == b.tables
    }

    /// Pupils with EHC plans set against the mainstream forecast before housing (housing's SEND
    /// children come from their own yield), and the special schools' census pupils to share by.
    static func specialistPlan(_ inputs: SpecialistInputs, history: SchoolHistory, baseline: PlaceForecast,
                               housing: HousingLayer?) -> SpecialistPlan {
        let schools = history.schools.filter { $0.phase == .special }
        let base = baseline.baseYear
        let basePupils = Dictionary(uniqueKeysWithValues: schools.map { school in
            (school.code, (0..<history.ladder.count).reduce(0.0) { $0 + history.pupils(school: school.code, year: base, yearGroup: $1) })
        })
        let send = housing.map { layer in
            Dictionary(uniqueKeysWithValues: baseline.years.enumerated().map { h, year in (year, layer.total(.send, h: h, layout: history.layout)) })
        } ?? [:]
        return SpecialistPlan.make(inputs, denominators: .placePlan(history: history, forecast: baseline), baseYear: base,
                                   horizon: baseline.horizon, specialSchools: schools, basePupils: basePupils,
                                   housingSEND: send)
    }

    /// Children aged 2–4 from each primary area's births, projected as the forecast projects
    /// them, with the early-years children of planned housing.
    static func earlyYearsPlan(_ inputs: EarlyYearsInputs, history: SchoolHistory, settings: ForecastSettings, baseline: PlaceForecast,
                               housing: HousingLayer?) -> EarlyYearsPlan {
        let births = (history.births ?? [:]).mapValues {
            BirthsProjection($0, trendYears: settings.birthsTrendYears, damping: settings.birthsTrendDamping)
        }
        let children = housing.map { layer in
            layer.earlyYears.mapValues { row in Dictionary(uniqueKeysWithValues: zip(baseline.years, row)) }
        } ?? [:]
        return EarlyYearsPlan.make(inputs, areas: history.geography.primaryAreas, births: births, basis: history.birthsBasis,
                                   entryAge: history.ladder.entryAge, baseYear: baseline.baseYear, horizon: baseline.horizon,
                                   housingChildren: children)
    }
}
