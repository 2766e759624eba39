/// The one check of each forecast setting, wherever it comes from (`plan.toml`, a flag, a test):
/// a problem names the setting, says what is wrong, and gives an example of a good value.
public enum SettingRule {
    /// Years ahead a forecast may reach.
    public static let horizonRange = 1...15
    public static let intervalsRange = 50.0...99.0
    public static let birthsTrendYearsRange = 1...30
    public static let birthsTrendDampingRange = 0.0...1.0

    static func horizon(_ years: Int) -> SettingProblem? {
        horizonRange.contains(years) ? nil : SettingProblem(
            .horizon, "must be a whole number of years from \(horizonRange.lowerBound) to \(horizonRange.upperBound) (got \(years))",
            example: "10")
    }

    static func method(_ spec: String, intakeGiven: Bool) -> SettingProblem? {
        guard let parsed = ForecastSettings(spec: spec) else {
            return SettingProblem(.method, "'\(spec)' is not a method", example: "weighted-3",
                                  hint: "methods: \(RatioMethod.syntax); P:I uses P for progression and I for the intake ratio; or auto, or ensemble")
        }
        if intakeGiven, parsed.selection != nil || spec.contains(":") {
            return SettingProblem(.method, "'\(spec)' sets the intake method too, and the intake method is also given",
                                  example: "weighted-3", hint: "name the intake method once")
        }
        return nil
    }

    static func intakeMethod(_ name: String) -> SettingProblem? {
        RatioMethod(name: name) == nil
            ? SettingProblem(.intakeMethod, "'\(name)' is not a method", example: "weighted-3", hint: "methods: \(RatioMethod.syntax)")
            : nil
    }

    static func birthsTrendYears(_ years: Int) -> SettingProblem? {
        birthsTrendYearsRange.contains(years) ? nil : SettingProblem(
            .birthsTrendYears, "must be a whole number of years from 1 to 30 (got \(years))", example: "5",
            hint: "1 holds the last known births flat")
    }

    static func birthsTrendDamping(_ damping: Double) -> SettingProblem? {
        birthsTrendDampingRange.contains(damping) ? nil : SettingProblem(
            .birthsTrendDamping, "must be a number from 0 to 1 (got \(damping))", example: "0.5",
            hint: "0 holds the last known births flat, 1 follows the line")
    }

    /// Years a planner would leave out: real academic years, a few of them.
    public static let excludeYearsRange = 1900...2200
    public static let excludeYearsMost = 5

    public static func excludeYears(_ years: [Int]) -> SettingProblem? {
        if let bad = years.first(where: { !excludeYearsRange.contains($0) }) {
            return SettingProblem(.excludeYears, "must list academic years by their first year, e.g. 2020 for 2020/21 (got \(bad))", example: "2020")
        }
        if Set(years).count > excludeYearsMost {
            return SettingProblem(.excludeYears, "leaves out \(Set(years).count) years; at most \(excludeYearsMost) may be left out, or the forecast has too little to go on",
                                  example: "2020", hint: "for a series that changed for good, record the change in area-changes.csv")
        }
        return nil
    }

    static func intervals(_ percent: Double) -> SettingProblem? {
        intervalsRange.contains(percent) ? nil : SettingProblem(
            .intervals, "is a coverage in percent from 50 to 99 (got \(percent))", example: "80")
    }
}

/// A forecast setting, with its name in `plan.toml`'s `[forecast]` and as a flag.
public enum Setting: String, CaseIterable, Sendable {
    case horizon, method, intakeMethod, birthsTrendYears, birthsTrendDamping, intervals, excludeYears

    /// `births_trend_years`.
    public var tomlKey: String {
        rawValue.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// `--births-trend-years`.
    public var flag: String { "--" + tomlKey.replacingOccurrences(of: "_", with: "-") }

    /// Methods are text (quoted in TOML); the rest are numbers.
    public var isText: Bool { self == .method || self == .intakeMethod }
}

/// One setting's problem: which, what is wrong, and a good value.
public struct SettingProblem: Equatable, Sendable {
    public let setting: Setting
    public let message: String
    public let example: String
    public let hint: String?

    init(_ setting: Setting, _ message: String, example: String, hint: String? = nil) {
        self.setting = setting
        self.message = message
        self.example = example
        self.hint = hint
    }

    /// As a flag's problem: `--horizon must be … (got 20); e.g. --horizon 10`.
    public var flagDescription: String {
        "\(setting.flag) \(message); e.g. \(setting.flag) \(example)" + (hint.map { " (\($0))" } ?? "")
    }

    /// As `plan.toml`'s: the message, and the fix `e.g. horizon = 10`.
    public var tomlMessage: String { "\(setting.tomlKey) \(message)" }
    public var tomlFix: String {
        "e.g. \(setting.tomlKey) = " + (setting.isText ? "\"\(example)\"" : setting == .excludeYears ? "[\(example)]" : example)
            + (hint.map { " (\($0))" } ?? "")
    }
}

/// Every problem with a set of settings.
public struct SettingProblems: Error, Equatable, CustomStringConvertible {
    public let problems: [SettingProblem]
    public init(_ problems: [SettingProblem]) { self.problems = problems }
    public var description: String { problems.map(\.flagDescription).joined(separator: "\n") }
}
