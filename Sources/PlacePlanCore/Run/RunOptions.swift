/// The forecast settings a plan can be given, in `plan.toml`'s `[forecast]` or as command-line
/// flags, before they are checked. Both sources fill one of these; `resolve(over:)` checks every
/// value against its one rule (`SettingRule`) and merges it over the settings below it:
/// flags over `plan.toml` over the measured defaults.
public struct RunOptions: Equatable, Sendable {
    /// Years ahead.
    public var horizon: Int?
    /// `P` (one method for progression and intake), `P:I`, or `auto`.
    public var method: String?
    /// The intake-ratio method, when it differs from `method`.
    public var intakeMethod: String?
    public var birthsTrendYears: Int?
    public var birthsTrendDamping: Double?
    /// Coverage of prediction intervals in percent (80 = 80%).
    public var intervals: Double?
    /// Academic years whose ratios are left out (`exclude_years = [2020]`).
    public var excludeYears: [Int]?
    /// `false` leaves out the pupils of planned housing (`--no-housing`).
    public var housing: Bool = true
    /// `false` leaves out next September's applications (`--no-applications`): Reception from
    /// births alone, as a plan without `applications.csv`.
    public var applications: Bool = true

    public init(horizon: Int? = nil, method: String? = nil, intakeMethod: String? = nil, birthsTrendYears: Int? = nil,
                birthsTrendDamping: Double? = nil, intervals: Double? = nil, excludeYears: [Int]? = nil, housing: Bool = true,
                applications: Bool = true) {
        self.excludeYears = excludeYears
        self.horizon = horizon
        self.method = method
        self.intakeMethod = intakeMethod
        self.birthsTrendYears = birthsTrendYears
        self.birthsTrendDamping = birthsTrendDamping
        self.intervals = intervals
        self.housing = housing
        self.applications = applications
    }

    /// Every problem with the values given, one per setting (an empty list: all are valid).
    public var problems: [SettingProblem] {
        var found: [SettingProblem] = []
        func check(_ problem: SettingProblem?) { if let problem { found.append(problem) } }
        if let horizon { check(SettingRule.horizon(horizon)) }
        if let method { check(SettingRule.method(method, intakeGiven: intakeMethod != nil)) }
        if let intakeMethod { check(SettingRule.intakeMethod(intakeMethod)) }
        if let birthsTrendYears { check(SettingRule.birthsTrendYears(birthsTrendYears)) }
        if let birthsTrendDamping { check(SettingRule.birthsTrendDamping(birthsTrendDamping)) }
        if let intervals { check(SettingRule.intervals(intervals)) }
        if let excludeYears { check(SettingRule.excludeYears(excludeYears)) }
        return found
    }

    /// These values over `base` (the settings and horizon they override). Naming a method means
    /// it for the intake too, unless an intake method is named beside it; everything not named
    /// is kept from `base`.
    public func resolve(over base: ForecastSettings, horizon baseHorizon: Int) throws -> (settings: ForecastSettings, horizon: Int) {
        let problems = self.problems
        guard problems.isEmpty else { throw SettingProblems(problems) }
        var settings = base
        if let method {
            let parsed = ForecastSettings(spec: method, base: base)!
            settings.method = parsed.method
            settings.intakeMethod = parsed.intakeMethod
            settings.selection = parsed.selection
        }
        if let intakeMethod {
            settings.intakeMethod = RatioMethod(name: intakeMethod)!
            settings.selection = nil
        }
        if let birthsTrendYears { settings.birthsTrendYears = birthsTrendYears }
        if let birthsTrendDamping { settings.birthsTrendDamping = birthsTrendDamping }
        if let intervals { settings.intervals = intervals / 100 }
        if let excludeYears {
            settings.excludedYears = Set(excludeYears)
            settings.findsExceptionalYears = false   // the planner has said which years
        }
        return (settings, horizon ?? baseHorizon)
    }
}
