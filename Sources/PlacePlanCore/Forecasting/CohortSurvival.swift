/// Cohort survival (grade progression) forecasting:
///
///     entry(t)        = intake ratio(t) × cohort births(t)
///     N(g+1, t+1)     = N(g, t) × progression ratio(g)
///
/// with each ratio a summary (`RatioMethod`) of that area's own past ratios. An area with no
/// usable history for a ratio borrows the ratio of all areas pooled, and says so in its notes.
public enum CohortSurvival {
    /// The furthest a forecast may reach (`SettingRule.horizonRange`).
    public static let maximumHorizon = SettingRule.horizonRange.upperBound

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noAreas
        public var description: String {
            switch self {
            case .noAreas: return "there are no areas to forecast"
            }
        }
    }

    /// Forecasts every area from the history's last common census year.
    /// - Parameter entry: the entry year group of an area in a forecast year, when it is fed
    ///   from outside the area's own history (Year 7 from the transfer of primary areas' Year 6);
    ///   `nil` = from births (or the entry year group's own trend when there are none).
    public static func forecast(_ history: History, settings: ForecastSettings = .default, horizon: Int,
                                entry: ((PlanningArea, Int) -> Double)? = nil) throws -> Forecast {
        if let problem = SettingRule.horizon(horizon) { throw SettingProblems([problem]) }
        guard !history.areas.isEmpty else { throw Failure.noAreas }
        let base = history.lastYear
        let asked = settings
        // A year every area's ratios moved together is left out, unless the planner named years.
        var settings = settings
        var exceptional: [ExceptionalYear] = []
        if settings.findsExceptionalYears && settings.excludedYears.isEmpty {
            exceptional = ExceptionalYear.detect(history)
            settings.excludedYears = Set(exceptional.map(\.year))
            settings.findsExceptionalYears = false
        }
        let (models, choice) = Self.models(history, settings: settings)
        let areas = models.map { model -> AreaForecast in
            model.project(horizon: horizon, entry: entry.map { given in { given(model.rolls.area, $0) } })
        }
        let lastBirths = BirthSeries.lastYear(of: history.births)
        var forecast = Forecast(ladder: history.ladder, baseYear: base, horizon: horizon, settings: settings,
                                areas: areas, lastKnownBirthsYear: lastBirths, methodChoice: choice)
        forecast.exceptionalYears = exceptional
        if let blend = models.lazy.compactMap(\.applicationsBlend).first {
            forecast.applications = ApplicationsUse(year: EntryApplications.latestKnown(atCensus: base),
                                                    areas: models.filter { $0.applicationsBlend != nil }.count, blend: blend)
        }
        // Intervals from draws of this forecast that resample the method's own past errors, each
        // found as this forecast would have been made then (asked-for settings, that history). An
        // entry fed from outside (a place plan's Year 7) is simulated with its schools instead
        // (`PlaceUncertainty`), which replays the transfer too.
        if let coverage = settings.intervals, entry == nil,
           let errors = try PastErrors.areas(history, settings: asked, horizon: horizon, areas: forecast.areas.map(\.area.code)) {
            forecast.setUncertainty(ForecastUncertainty.simulate(forecast, errors: errors, coverage: coverage))
        }
        return forecast
    }
}

extension CohortSurvival {
    /// Every area's fitted ratios from the history's last common census year (an area with no
    /// usable history for a ratio borrows the pooled one), and the methods `auto` chose: what
    /// `forecast` projects and the simulation varies.
    static func models(_ history: History, settings: ForecastSettings) -> ([AreaModel], MethodSelection.Choice?) {
        let base = history.lastYear
        let pooled = history.pooled()
        let choice = settings.selection?.choose(for: history)
        let pooledModel = AreaModel(rolls: pooled.rolls, births: pooled.births, history: history,
                                    settings: settings, choice: choice, baseYear: base, fallback: nil)
        var models = history.areas.map { rolls in
            AreaModel(rolls: rolls.known(through: base)!, births: history.births?[rolls.area.code], history: history,
                      settings: settings, choice: choice, baseYear: base, fallback: pooledModel)
        }
        // `shared(…)` methods: each area's own estimate moved by the change all areas share.
        let sharedProgression = (0..<max(history.ladder.count - 1, 0)).map { (choice?.progression[$0] ?? settings.method).isShared }
        let sharedIntake = (choice?.intake ?? settings.effectiveIntakeMethod).isShared
        if sharedProgression.contains(true) || sharedIntake {
            let change = SharedChange(history, excludedYears: settings.excludedYears)
            let progression = zip(sharedProgression, change.progression).map { $0 ? $1 : 1 }
            models = models.map { $0.moved(progression: progression, intake: sharedIntake ? change.intake : 1) }
        }
        // `pooled(…)` methods: each area's own estimate moved towards all areas'.
        if models.contains(where: { $0.intakeEvidence != nil || $0.progressionEvidence.contains { $0 != nil } }) {
            models = PartialPooling.apply(models, baseYear: base)
        }
        // Applications for next year's entry: that year's entry combined from births and
        // applications, weighted by how each did in the years the history can replay.
        if models.contains(where: { $0.applicationsEntry != nil }) {
            let method = choice?.intake ?? settings.effectiveIntakeMethod
            let blend = ApplicationsBlend.fit(history, method: method, birthsRatios: { rolls in
                intakeRatios(of: rolls, births: history.births?[rolls.area.code], ladder: history.ladder, basis: history.birthsBasis)
            }, excludedYears: settings.excludedYears)   // an area's own years (excludedAreaYears) move that area alone
            models = models.map { $0.applicationsEntry == nil ? $0 : $0.combined(by: blend) }
        }
        return (models, choice)
    }
}

/// The fitted ratios of one area: everything needed to project it.
struct AreaModel {
    let rolls: AreaRolls
    let ladder: Ladder
    let basis: BirthsBasis
    let baseYear: Int
    let births: BirthsProjection?
    let entryTrend: TrendLine?
    private(set) var intake: RatioEstimate?
    private(set) var progression: [RatioEstimate?]
    private(set) var notes: [String] = []
    /// The entry in the year after the base year forecast from its applications (`nil`: none
    /// given), and how it is combined with the one from births (`ApplicationsBlend`).
    let applicationsEntry: Double?
    private(set) var applicationsBlend: ApplicationsBlend?
    /// For a `pooled(…)` ratio estimated from the area's own history, the noise of that
    /// estimate (`PartialPooling`); `nil` otherwise (another method, or a ratio borrowed).
    let progressionEvidence: [PartialPooling.Evidence?]
    let intakeEvidence: PartialPooling.Evidence?

    init(rolls: AreaRolls, births series: BirthSeries?, history: History, settings: ForecastSettings,
         choice: MethodSelection.Choice?, baseYear: Int, fallback: AreaModel?) {
        self.rolls = rolls
        self.ladder = history.ladder
        self.basis = history.birthsBasis
        self.baseYear = baseYear
        let ladder = history.ladder

        var progression: [RatioEstimate?] = []
        var progressionEvidence: [PartialPooling.Evidence?] = []
        var notes: [String] = []
        for g in 0..<(ladder.count - 1) {
            let observations = progressionRatios(of: rolls, from: g).filter { !settings.leavesOut($0.year + 1, in: rolls.area.code) }
            let method = choice?.progression[g] ?? settings.method
            var estimate = method.estimate(from: observations)
            progressionEvidence.append(method.isPooled && estimate != nil ? PartialPooling.Evidence(observations, method: method) : nil)
            if estimate == nil, let borrowed = fallback?.progression[g] {
                estimate = borrowed
                notes.append("\(ladder.yearGroups[g])→\(ladder.yearGroups[g + 1]): no history with pupils in "
                    + "\(ladder.yearGroups[g]); used the ratio of all areas pooled")
            }
            progression.append(estimate)
        }
        self.progression = progression
        self.progressionEvidence = progressionEvidence

        var intakeEvidence: PartialPooling.Evidence?
        if let series, !series.byYear.isEmpty {
            let projection = BirthsProjection(series, trendYears: settings.birthsTrendYears, damping: settings.birthsTrendDamping)
            self.births = projection
            let observations = intakeRatios(of: rolls, births: series, ladder: ladder, basis: basis).filter { !settings.leavesOut($0.year, in: rolls.area.code) }
            let method = choice?.intake ?? settings.effectiveIntakeMethod
            var intake = method.estimate(from: observations)
            if method.isPooled && intake != nil { intakeEvidence = PartialPooling.Evidence(observations, method: method) }
            if intake == nil, let borrowed = fallback?.intake {
                intake = borrowed
                notes.append("\(ladder.entry) intake: no year with both rolls and births; used the ratio of all areas pooled")
            }
            self.intake = intake
            self.entryTrend = nil
        } else {
            self.births = nil
            self.intake = nil
            // No births: the entry year group follows its own recent trend.
            let recent = rolls.years.suffix(settings.birthsTrendYears)
                .map { (x: Double($0), y: rolls.pupils(year: $0, yearGroup: 0)!) }
            self.entryTrend = TrendLine.fit(recent)
                ?? recent.last.map { TrendLine(intercept: $0.y, slope: 0, centre: $0.x) }
        }
        self.notes = notes
        self.intakeEvidence = intakeEvidence
        // Applications for next year's entry, where the entry is also forecast from births.
        let next = EntryApplications.latestKnown(atCensus: baseYear)
        if self.births != nil, let applied = history.applications?[rolls.area.code], let count = applied.byYear[next],
           let ratio = (choice?.intake ?? settings.effectiveIntakeMethod)
            .estimate(from: ApplicationsBlend.ratios(of: rolls, applications: applied).filter { !settings.leavesOut($0.year, in: rolls.area.code) }) {
            applicationsEntry = max(0, count * ratio.value(at: next))
        } else {
            applicationsEntry = nil
        }
        applicationsBlend = nil
    }

    /// The model with next year's entry combined from births and applications by `blend`.
    func combined(by blend: ApplicationsBlend) -> AreaModel {
        var combined = self
        combined.applicationsBlend = blend
        return combined
    }

    /// The model with its progression ratios (by year group moved from) and its intake ratio
    /// multiplied by these factors.
    func moved(progression factors: [Double], intake factor: Double) -> AreaModel {
        var moved = self
        moved.progression = zip(progression, factors).map { estimate, f in f == 1 ? estimate : estimate?.scaled(by: f) }
        if factor != 1 { moved.intake = intake?.scaled(by: factor) }
        return moved
    }

    /// Entry year group in `year`.
    func entry(year: Int) -> Double {
        if let births, let intake {
            let cohort = basis.cohortBirths(entryYear: year, entryAge: ladder.entryAge, births: births.value(at:)) ?? 0
            let fromBirths = max(0, intake.value(at: year) * cohort)
            if year == EntryApplications.latestKnown(atCensus: baseYear), let fromApplications = applicationsEntry, let applicationsBlend {
                return applicationsBlend.combine(fromApplications: fromApplications, fromBirths: fromBirths)
            }
            return fromBirths
        }
        return max(0, entryTrend?.value(at: Double(year)) ?? 0)
    }

    func project(horizon: Int, entry given: ((Int) -> Double)? = nil) -> AreaForecast {
        var previous = rolls.pupils[baseYear - rolls.firstYear]
        var grid = PupilGrid()
        var notes = self.notes
        if given == nil, let births, let last = births.lastKnownYear,
           basis.latestKeyNeeded(entryYear: baseYear + horizon, entryAge: ladder.entryAge) > last {
            notes.append("births after \(last) projected by \(births.description)")
        }
        for h in 1...horizon {
            let year = baseYear + h
            var next = [Double](repeating: 0, count: ladder.count)
            next[0] = given.map { max(0, $0(year)) } ?? entry(year: year)
            for g in 0..<(ladder.count - 1) {
                // A year group nobody has ever been in stays empty rather than inventing a ratio.
                next[g + 1] = previous[g] * (progression[g]?.value(at: year - 1) ?? 0)
            }
            grid.append(next)
            previous = next
        }
        return AreaForecast(area: rolls.area, years: Array((baseYear + 1)...(baseYear + horizon)), pupils: grid, notes: notes)
    }
}
