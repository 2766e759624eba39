/// Replays the past: for each origin year Y, forecast from what was known at Y (rolls up to Y,
/// births keyed up to Y, later births projected) and score against the rolls of Y+1 … Y+h.
public enum Backtest {
    /// What is scored: a phase total or a single year group, per area.
    public struct Measure: Equatable, Sendable {
        public let name: String
        public let yearGroups: ClosedRange<Int>
    }

    /// The entry year group (intake) and every phase of the ladder; for a place plan also the
    /// first secondary year group, whose intake is the transfer from primary.
    public static func measures(for ladder: Ladder, layout: PhaseLayout? = nil) -> [Measure] {
        [Measure(name: "\(ladder.entry) (intake)", yearGroups: 0...0)]
            + (layout.map { [Measure(name: "\(ladder.yearGroups[$0.transferTo]) (transfer)", yearGroups: $0.transferTo...$0.transferTo)] } ?? [])
            + ladder.phases.compactMap { phase in ladder.indices(of: phase).map { Measure(name: phase.name, yearGroups: $0) } }
    }

    /// One scored forecast: a measure for one area from one origin at one horizon.
    public struct Case: Equatable, Sendable {
        public let method: String
        public let measure: String
        public let horizon: Int
        public let origin: Int
        public let area: String
        public let forecast: Double
        public let actual: Double
        public var error: Double? { percentageError(forecast: forecast, actual: actual) }
    }

    public struct Row: Equatable, Sendable {
        public let method: String
        public let measure: String
        public let horizon: Int
        public let summary: ErrorSummary
    }

    public struct Result: Equatable, Sendable {
        public let origins: [Int]
        public let cases: [Case]
        /// One row per method × measure × horizon, in the order the methods were given.
        public let rows: [Row]

        public func row(method: String, measure: String, horizon: Int) -> Row? {
            rows.first { $0.method == method && $0.measure == measure && $0.horizon == horizon }
        }
    }

    /// Origins that leave at least `minimumHistory` years of rolls before them and one year after.
    public static func origins(for history: History, minimumHistory: Int = 3) -> [Int] {
        let first = history.firstYear + minimumHistory - 1
        let last = history.lastYear - 1
        return first <= last ? Array(first...last) : []
    }

    /// Runs every method from every origin. `progress` is called after each forecast with
    /// (done, total), so long runs can show a bar.
    /// - Parameters:
    ///   - measures: what is scored (default: `measures(for: history.ladder)`).
    ///   - forecaster: the forecast made at an origin for `reach` years from what was known
    ///     then (default: cohort survival on `history.known(through: origin)`). A place plan
    ///     passes its own, which replays schools and transfer as well.
    public static func run(
        _ history: History,
        methods: [ForecastSettings],
        horizon: Int,
        origins: [Int]? = nil,
        measures: [Measure]? = nil,
        forecaster: ((_ settings: ForecastSettings, _ origin: Int, _ reach: Int) throws -> Forecast)? = nil,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Result {
        let origins = origins ?? Self.origins(for: history)
        let measures = measures ?? Self.measures(for: history.ladder)
        let forecaster = forecaster ?? { settings, origin, reach in
            try CohortSurvival.forecast(history.known(through: origin), settings: settings, horizon: reach)
        }
        let actualByArea = Dictionary(uniqueKeysWithValues: history.areas.map { ($0.area.code, $0) })
        var cases: [Case] = []
        let total = origins.count * methods.count
        var done = 0
        for settings in methods {
            for origin in origins {
                let reach = min(horizon, history.lastYear - origin)
                if reach >= 1 {
                    let forecast = try forecaster(settings, origin, reach)
                    for area in forecast.areas {
                        guard let actual = actualByArea[area.area.code] else { continue }
                        for (h, year) in area.years.enumerated() {
                            guard let truth = actual.pupils(year: year, yearGroup: 0).map({ _ in actual.pupils[year - actual.firstYear] })
                            else { continue }
                            for measure in measures {
                                let f = measure.yearGroups.reduce(0) { $0 + area.pupils[h][$1] }
                                let a = measure.yearGroups.reduce(0) { $0 + truth[$1] }
                                cases.append(Case(method: settings.label, measure: measure.name, horizon: h + 1,
                                                  origin: origin, area: area.area.code, forecast: f, actual: a))
                            }
                        }
                    }
                }
                done += 1
                progress(done, total)
            }
        }
        var rows: [Row] = []
        for settings in methods {
            for measure in measures {
                for h in 1...horizon {
                    let errors = cases.lazy.filter { $0.method == settings.label && $0.measure == measure.name && $0.horizon == h }
                        .compactMap(\.error)
                    if let summary = ErrorSummary(errors: Array(errors)) {
                        rows.append(Row(method: settings.label, measure: measure.name, horizon: h, summary: summary))
                    }
                }
            }
        }
        return Result(origins: origins, cases: cases, rows: rows)
    }
}
