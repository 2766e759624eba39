/// Scoring school forecasts with the same machinery as areas: each school stands in for an
/// area, its own rolls are the actuals, and the place-plan forecast's schools are the forecast.
extension SchoolHistory {
    /// Schools with a census in the last year (closed schools have nothing left to forecast),
    /// each as an area of its own, for `Backtest`.
    public var schoolsAsHistory: History {
        let open = rolls.values.filter { $0.lastYear == lastYear }.sorted { $0.school < $1.school }
        return History(ladder: ladder, birthsBasis: birthsBasis,
                       areas: open.map { AreaRolls(area: PlanningArea(code: $0.school, name: school($0.school)?.name),
                                                   firstYear: $0.firstYear, pupils: $0.pupils) },
                       births: nil)
    }

    /// Replays the place plan from every origin and scores each school: the intake year groups
    /// and phase totals, as `Backtest.run` does for areas (`Level.area` rows are the schools;
    /// `Level.authority` their sum).
    public func schoolBacktest(methods: [ForecastSettings], shareMethod: RatioMethod, horizon: Int, origins: [Int],
                               progress: (Int, Int) -> Void = { _, _ in }) throws -> Backtest.Result {
        let known = try knownAt(origins)
        return try Backtest.run(schoolsAsHistory, methods: methods, horizon: horizon, origins: origins,
                                measures: Backtest.measures(for: ladder, layout: layout), forecaster: { settings, origin, reach in
            let then = known.at(origin)
            return try PlacePlanning.forecast(then.history, settings: settings, shareMethod: shareMethod,
                                              horizon: reach, transfer: then.transfer.get()).schoolForecast
        }, progress: progress)
    }

    /// What was known at each origin that has a year after it, with its transfer model: made
    /// once for all the methods a backtest replays from there (neither depends on the method).
    func knownAt(_ origins: [Int]) throws -> KnownAtOrigins {
        let replayed = Array(Set(origins.filter { $0 < lastYear })).sorted()
        let made = try Parallel.map(replayed.count) { i in KnownAtOrigin(self, origin: replayed[i]) }
        return KnownAtOrigins(whole: self, made: Dictionary(uniqueKeysWithValues: zip(replayed, made)))
    }
}

/// A backtest's origins as they were known, made beforehand; one not made (an origin with no
/// year after it, which a backtest does not replay) is made when asked for.
struct KnownAtOrigins: Sendable {
    let whole: SchoolHistory
    let made: [Int: KnownAtOrigin]

    func at(_ origin: Int) -> KnownAtOrigin { made[origin] ?? KnownAtOrigin(whole, origin: origin) }
}

/// A place plan as it was known at the end of an origin year, and the transfer model fitted to
/// it (a fit that fails is kept as its error, thrown where a forecast needs it).
struct KnownAtOrigin: Sendable {
    let history: SchoolHistory
    let transfer: Result<TransferModel, any Error>

    init(_ whole: SchoolHistory, origin: Int) {
        history = whole.known(through: origin)
        transfer = Result { [history] in try TransferModel.fit(history) }
    }
}

extension PlaceForecast {
    /// The school forecasts as one `Forecast` whose areas are the schools.
    public var schoolForecast: Forecast {
        Forecast(ladder: ladder, baseYear: baseYear, horizon: horizon, settings: settings,
                 areas: schools.map { AreaForecast(area: PlanningArea(code: $0.school.code, name: $0.school.name),
                                                   years: $0.years, pupils: $0.pupils, notes: $0.rules) },
                 lastKnownBirthsYear: lastKnownBirthsYear)
    }
}

extension Plan {
    /// Replays this plan's past, area by area: a place plan whole (its areas made from its
    /// schools, with Year 7 by transfer), any other plan by cohort survival alone.
    public func backtest(methods: [ForecastSettings], horizon: Int, origins: [Int]? = nil, perYearGroup: Bool = false,
                         progress: (Int, Int) -> Void = { _, _ in }) throws -> Backtest.Result {
        let measures = Backtest.measures(for: history.ladder, layout: places?.schools.layout, perYearGroup: perYearGroup)
        var forecaster: (@Sendable (ForecastSettings, Int, Int) throws -> Forecast)?
        if let places {
            let (schools, shareMethod) = (places.schools, places.shareMethod)
            let knownAt = try schools.knownAt(origins ?? Backtest.origins(for: history))
            forecaster = { settings, origin, reach in
                let then = knownAt.at(origin)
                let known = then.history
                let made = try PlacePlanning.forecast(known, settings: settings, shareMethod: shareMethod, horizon: reach,
                                                      transfer: then.transfer.get())
                var areas = made.areaForecast
                // With intervals, the place plan is simulated as `PlanRun` does, from the past
                // forecasts known at the origin.
                if let coverage = settings.intervals {
                    let codes = ForecastUncertainty.simulatedSchools(made).map { made.schools[$0].school.code }
                    if let errors = try PastErrors.schools(known, settings: settings, shareMethod: shareMethod, horizon: reach, schools: codes) {
                        areas.setUncertainty(ForecastUncertainty.simulate(made, errors: errors, coverage: coverage, places: nil))
                    }
                }
                return areas
            }
        }
        return try Backtest.run(history, methods: methods, horizon: horizon, origins: origins, measures: measures,
                                forecaster: forecaster, progress: progress)
    }
}

extension PlanRun {
    /// How accurate this run's method has been on the plan's own past, up to `horizon` years
    /// ahead (never beyond the run's): the table a report shows beside its forecast. With the
    /// run's intervals, each replayed forecast is simulated from what was known at its origin,
    /// so the report can show how often such intervals held, and how wide they were.
    public func pastAccuracy(horizon: Int = 3) throws -> Backtest.Result {
        try plan.backtest(methods: [settings], horizon: min(horizon, self.horizon))
    }
}
