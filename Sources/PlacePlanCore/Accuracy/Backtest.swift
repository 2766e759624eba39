/// Replays the past: for each origin year Y, forecast from what was known at Y (rolls up to Y,
/// births keyed up to Y, later births projected) and score against the rolls of Y+1 … Y+h.
public enum Backtest {
    /// What is scored: a phase total or a single year group, per area.
    public struct Measure: Equatable, Sendable {
        public let name: String
        public let yearGroups: ClosedRange<Int>
        func total(_ pupils: [Double]) -> Double { yearGroups.reduce(0) { $0 + pupils[$1] } }
    }

    /// The intake year groups — the entry year group, and the first year group of the second
    /// phase (Y7, where pupils transfer) — and every phase of the ladder; with `perYearGroup`,
    /// every year group on its own as well. (`layout` is accepted for place plans, whose
    /// transfer year group is the same first year group of the second phase.)
    public static func measures(for ladder: Ladder, layout: PhaseLayout? = nil, perYearGroup: Bool = false) -> [Measure] {
        var measures = [Measure(name: "\(ladder.entry) (intake)", yearGroups: 0...0)]
        let transfer = layout?.transferTo
            ?? (ladder.phases.count >= 2 ? ladder.indices(of: ladder.phases[1])?.lowerBound : nil)
        if let transfer, transfer > 0 {
            measures.append(Measure(name: "\(ladder.yearGroups[transfer]) (intake)", yearGroups: transfer...transfer))
        }
        measures += ladder.phases.compactMap { phase in ladder.indices(of: phase).map { Measure(name: phase.name, yearGroups: $0) } }
        if perYearGroup {
            measures += ladder.yearGroups.enumerated().map { Measure(name: $1.name, yearGroups: $0...$0) }
        }
        return measures
    }

    /// Where a case is scored: each area on its own, or all areas added together.
    public enum Level: String, CaseIterable, Sendable {
        case area, authority
    }

    /// One scored forecast: a measure for one area from one origin at one horizon.
    public struct Case: Equatable, Sendable {
        public let level: Level
        public let method: String
        public let measure: String
        public let horizon: Int
        public let origin: Int
        public let area: String
        public let forecast: Double
        public let actual: Double
        /// The prediction interval, where the forecast has one: a year group's or a phase's, of
        /// an area or the authority.
        public var lower: Double? = nil
        public var upper: Double? = nil
        public var error: Double? { percentageError(forecast: forecast, actual: actual) }
        /// Whether the actual fell inside the interval; `nil` without an interval.
        public var covered: Bool? {
            guard let lower, let upper else { return nil }
            return actual >= lower - 1e-9 && actual <= upper + 1e-9
        }
        /// The interval's width as a share of the forecast; `nil` without an interval.
        public var width: Double? {
            guard let lower, let upper, forecast > 0 else { return nil }
            return (upper - lower) / forecast
        }
    }

    public struct Row: Equatable, Sendable {
        public let level: Level
        public let method: String
        public let measure: String
        public let horizon: Int
        public let summary: ErrorSummary
    }

    public struct Result: Equatable, Sendable {
        public let origins: [Int]
        /// One row per method × measure × horizon, in the order the methods were given.
        public let rows: [Row]

        public func row(method: String, measure: String, horizon: Int, level: Level = .area) -> Row? {
            rows.first { $0.level == level && $0.method == method && $0.measure == measure && $0.horizon == horizon }
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
    ///   - onCase: each scored case, in the order a single core would meet them (the cases
    ///     are kept only when it is given).
    public static func run(
        _ history: History,
        methods: [ForecastSettings],
        horizon: Int,
        origins: [Int]? = nil,
        perYearGroup: Bool = false,
        measures: [Measure]? = nil,
        forecaster: (@Sendable (_ settings: ForecastSettings, _ origin: Int, _ reach: Int) throws -> Forecast)? = nil,
        progress: (Int, Int) -> Void = { _, _ in },
        onCase: ((Case) -> Void)? = nil
    ) throws -> Result {
        let origins = origins ?? Self.origins(for: history)
        let measures = measures ?? Self.measures(for: history.ladder, perYearGroup: perYearGroup)
        let forecaster: @Sendable (ForecastSettings, Int, Int) throws -> Forecast = forecaster ?? { settings, origin, reach in
            try CohortSurvival.forecast(history.known(through: origin), settings: settings, horizon: reach)
        }
        let scorer = Scorer(measures: measures, actualByArea: Dictionary(uniqueKeysWithValues: history.areas.map { ($0.area.code, $0) }),
                            yearGroups: history.ladder.count, methodCount: methods.count, horizon: horizon, keepCases: onCase != nil)
        let labels = methods.map(\.label)
        // Each case is summed into its row, not kept: a school backtest of a national plan
        // scores tens of millions. Rows by position: level, method, measure, horizon.
        var errors = [[Double]](repeating: [], count: scorer.rowCount)
        var covered = [Int](repeating: 0, count: scorer.rowCount), withInterval = [Int](repeating: 0, count: scorer.rowCount)
        var widths = [[Double]](repeating: [], count: scorer.rowCount)
        // Every method from every origin: forecasts made and scored a core's worth at a time
        // (each is independent: what was known at its origin), then summed in order, so each
        // row sums its cases exactly as one after another would.
        let jobs = methods.indices.flatMap { m in origins.map { (method: m, origin: $0, reach: min(horizon, history.lastYear - $0)) } }
        let threads = Parallel.threads
        var done = 0
        for start in stride(from: 0, to: jobs.count, by: threads) {
            let batch = Array(jobs[start..<min(start + threads, jobs.count)])
            let scored = try Parallel.map(batch.count) { i -> Scores? in
                let job = batch[i]
                guard job.reach >= 1 else { return nil }
                let forecast = try forecaster(methods[job.method], job.origin, job.reach)
                return scorer.score(forecast, method: job.method, label: labels[job.method], origin: job.origin, reach: job.reach)
            }
            for scores in scored {
                for entry in scores?.entries ?? [] {
                    if let error = entry.error { errors[entry.row].append(error) }
                    if let inside = entry.covered {
                        withInterval[entry.row] += 1
                        if inside { covered[entry.row] += 1 }
                    }
                    if let width = entry.width { widths[entry.row].append(width) }
                }
                for scoredCase in scores?.cases ?? [] { onCase?(scoredCase) }
                done += 1
                progress(done, jobs.count)
            }
        }
        var rows: [Row] = []
        for level in Level.allCases {
            for (m, settings) in methods.enumerated() {
                for (k, measure) in measures.enumerated() {
                    for h in 1...horizon {
                        let r = scorer.row(level, m, k, h)
                        if var summary = ErrorSummary(errors: errors[r]) {
                            if withInterval[r] > 0 {
                                summary.coverage = Double(covered[r]) / Double(withInterval[r])
                                summary.intervals = withInterval[r]
                                summary.width = median(widths[r])
                            }
                            rows.append(Row(level: level, method: settings.label, measure: measure.name, horizon: h, summary: summary))
                        }
                    }
                }
            }
        }
        return Result(origins: origins, rows: rows)
    }
}
