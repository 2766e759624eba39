/// `placeplan backtest`: which methods to replay and at which level, read the way every other
/// command reads its settings (`RunOptions`).
public struct BacktestPlan: Sendable {
    /// Compared when no methods are named (with the plan's own).
    public static let standardMethods = ["mean-1", "mean-3", "mean-5", "weighted-3", "weighted-5", "median-3", "median-5", "huber-3", "huber-5",
                                         "trend-3", "trend-5", "mean-1+weighted-5", "mean-1+huber-3:weighted-3", "shared(mean-1+weighted-5):weighted-3", "pooled(mean-1+weighted-5):weighted-3",
                                         "auto", "ensemble"]

    /// The settings replayed, in order, each distinct: every named method (or the standard ones
    /// and the plan's own), with `shared`'s births trend and intervals over the plan's settings.
    public let candidates: [ForecastSettings]
    public let origins: [Int]
    /// Whether the plan's applications are replayed (`--no-applications`: not).
    public let applications: Bool

    /// The history is too short to replay.
    public struct TooShort: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Method names in a list as a person types it: `mean-3,weighted-3` or `"mean-3 auto"`.
    public static func methodNames(_ lists: [String]) -> [String] {
        lists.flatMap { $0.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) }
    }

    /// Every problem with the named methods and shared settings, one per problem.
    public static func problems(methods: [String], shared: RunOptions) -> [SettingProblem] {
        methodNames(methods).flatMap { name in RunOptions(method: name).problems } + shared.problems
    }

    public init(_ plan: Plan, methods: [String], shared: RunOptions, minimumHistory: Int) throws {
        let names = Self.methodNames(methods)
        var candidates: [ForecastSettings] = []
        for name in names.isEmpty ? Self.standardMethods : names {
            var options = shared
            options.method = name
            let settings = try options.resolve(over: plan.settings, horizon: plan.horizon).settings
            if !candidates.contains(settings) { candidates.append(settings) }
        }
        if names.isEmpty {
            let own = try shared.resolve(over: plan.settings, horizon: plan.horizon).settings
            if !candidates.contains(own) { candidates.append(own) }
        }
        self.candidates = candidates
        applications = shared.applications
        origins = Backtest.origins(for: plan.history, minimumHistory: minimumHistory)
        guard !origins.isEmpty else {
            throw TooShort(description: "the rolls cover \(plan.history.firstYear)–\(plan.history.lastYear): too few years "
                + "to backtest with --minimum-history \(minimumHistory); at least \(minimumHistory + 1) years are needed")
        }
    }

    /// The shock test: the plan replayed from the origins that see `shock` (its year and later),
    /// on its own history and on the shocked copy, every method alike. Plans of areas only (a
    /// place plan replays its schools, which the shock does not reach).
    public func shockTest(_ plan: Plan, shock: Shock, horizon: Int, progress: (Int, Int) -> Void = { _, _ in })
        throws -> (without: Backtest.Result, with: Backtest.Result) {
        let plan = plan.applications(kept: applications)
        guard plan.places == nil else {
            throw TooShort(description: "--shock replays a plan of areas; \(plan.name) is a place plan, whose schools the shock does not reach")
        }
        let seen = origins.filter { $0 >= shock.year }
        guard plan.history.firstYear < shock.year, !seen.isEmpty else {
            throw TooShort(description: "--shock \(shock.year): the year must be after the first census (\(plan.history.firstYear)) and "
                + "no later than the last origin (\(origins.last ?? plan.history.lastYear)), so that some forecasts see it")
        }
        let shocked = Plan(name: plan.name, history: shock.apply(to: plan.history), settings: plan.settings, horizon: plan.horizon)
        let total = 2 * seen.count * candidates.count
        let without = try plan.backtest(methods: candidates, horizon: horizon, origins: seen) { done, _ in progress(done, total) }
        let with = try shocked.backtest(methods: candidates, horizon: horizon, origins: seen) { done, _ in progress(total / 2 + done, total) }
        return (without, with)
    }

    /// Replays the plan at `level`: each area (a place plan whole, Year 7 by transfer), the
    /// authority, or each school.
    public func run(_ plan: Plan, level: CellLevel, horizon: Int, perYearGroup: Bool,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> Backtest.Result {
        let plan = plan.applications(kept: applications)
        if level == .school {
            let places = try plan.requirePlaces(for: "scoring schools")
            return try places.schools.schoolBacktest(methods: candidates, shareMethod: places.shareMethod, horizon: horizon,
                                                     origins: origins, progress: progress)
        }
        return try plan.backtest(methods: candidates, horizon: horizon, origins: origins, perYearGroup: perYearGroup, progress: progress)
    }
}
