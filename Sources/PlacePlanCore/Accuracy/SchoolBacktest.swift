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
        let transfers = try transfers(at: origins)
        return try Backtest.run(schoolsAsHistory, methods: methods, horizon: horizon, origins: origins,
                                measures: Backtest.measures(for: ladder, layout: layout), forecaster: { settings, origin, reach in
            try PlacePlanning.forecast(self.known(through: origin), settings: settings, shareMethod: shareMethod,
                                       horizon: reach, transfer: transfers[origin]?.get()).schoolForecast
        }, progress: progress)
    }

    /// The transfer model fitted at each origin that has a year after it, from what was known
    /// then: one fit for all the methods a backtest replays from there (the fit reads the rolls
    /// alone). A fit that fails is kept as its error, thrown where a forecast needs it.
    func transfers(at origins: [Int]) throws -> [Int: Result<TransferModel, any Error>] {
        let fitted = origins.filter { $0 < lastYear }
        let fits = try Parallel.map(fitted.count) { i in Result { try TransferModel.fit(self.known(through: fitted[i])) } }
        return Dictionary(zip(fitted, fits), uniquingKeysWith: { first, _ in first })
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
            let transfers = try schools.transfers(at: origins ?? Backtest.origins(for: history))
            forecaster = { settings, origin, reach in
                let known = schools.known(through: origin)
                let made = try PlacePlanning.forecast(known, settings: settings, shareMethod: shareMethod, horizon: reach,
                                                      transfer: transfers[origin]?.get())
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
