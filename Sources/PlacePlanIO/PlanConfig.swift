import Foundation
import PlacePlanCore
import TOMLKit

/// `plan.toml`: the plan's name, ladder, births basis, method settings, place-plan settings and
/// file names.
/// Every key is optional except `name`; unknown keys are errors (a typo must not be ignored).
public struct PlanConfig: Equatable, Sendable {
    public var name: String
    public var ladder: Ladder
    public var birthsBasis: BirthsBasis
    public var settings: ForecastSettings
    public var horizon: Int
    public var rollsFile: String
    public var birthsFile: String
    /// Schools and areas: when the schools file exists the plan is a place plan.
    public var schoolsFile: String = "schools.csv"
    public var areasFile: String = "areas.csv"
    /// `[schools] share_method`: how a school's intake share is summarised.
    public var shareMethod: RatioMethod = SchoolSettings.defaultShareMethod
    /// `[capacity]`: spare-capacity target and operating margin.
    public var targets: CapacityTargets = .default
    /// Housing growth: `housing.csv`, `yields.csv`, `yield-profile.csv` and `[housing]`.
    public var housingFile: String = "housing.csv"
    public var yieldsFile: String = "yields.csv"
    public var yieldProfileFile: String = "yield-profile.csv"
    public var housing: HousingSettings = .default
    /// `[costs]`: cost per place by phase and project type.
    public var costs: CostRates = .dfe

    public static let defaultHorizon = 10

    static let topKeys: Set<String> = ["name", "ladder", "entry_age", "births_basis", "phases", "forecast", "files",
                                       "schools", "capacity", "housing", "costs"]
    public static let forecastKeys = Set(Setting.allCases.map(\.tomlKey))
    static let fileKeys: Set<String> = ["rolls", "births", "schools", "areas", "housing", "yields", "yield_profile"]
    static let housingKeys: Set<String> = ["regional_factor", "primary_cost_per_place", "secondary_cost_per_place",
                                           "sixth_form_cost_per_place", "background"]
    static let schoolKeys: Set<String> = ["share_method"]
    static let capacityKeys: Set<String> = ["spare_target_percent", "operating_margin_percent"]

    /// Parses the text of `plan.toml`; `file` is the name used in messages.
    public static func parse(_ text: String, file: String = "plan.toml") throws -> PlanConfig {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw InputErrors([InputIssue(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                          message: "is not valid TOML: \(error.description)",
                                          fix: "correct the syntax at that place (see toml.io for the format)")])
        }
        var log = IssueLog()
        func line(of key: String) -> Int? {
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = raw.drop { $0 == " " || $0 == "\t" }
                if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first.map({ $0 == "=" || $0 == "]" }) == true { return i + 1 }
                if trimmed.hasPrefix("[\(key)]") { return i + 1 }
            }
            return nil
        }
        func issue(_ key: String, _ message: String, fix: String) {
            log.add(InputIssue(file: file, line: line(of: key), columnName: key, message: message, fix: fix))
        }
        func checkKeys(_ table: TOMLTable, allowed: Set<String>, section: String) {
            for key in table.keys where !allowed.contains(key) {
                issue(key, "unknown key '\(key)'\(section.isEmpty ? "" : " in [\(section)]")",
                      fix: "use one of: \(allowed.sorted().joined(separator: ", "))")
            }
        }
        checkKeys(table, allowed: topKeys, section: "")

        var name = ""
        if let value = table["name"]?.string, !value.isEmpty { name = value } else {
            issue("name", "the plan has no name", fix: "add a line such as: name = \"Northshire primary and secondary\"")
        }

        // Ladder: a known name, or an explicit list (which then needs entry_age).
        var ladder = Ladder.england
        var explicitPhases: [Phase]? = nil
        if let value = table["ladder"] {
            if let named = value.string {
                switch named.lowercased() {
                case "england": ladder = .england
                case "us": ladder = .us
                default: issue("ladder", "unknown ladder '\(named)'",
                               fix: "write ladder = \"england\" or \"us\", or list the year groups: ladder = [\"R\", \"Y1\", …]")
                }
            } else if let list = value.array {
                let names = list.compactMap { $0.string?.trimmingCharacters(in: .whitespaces) }
                if names.count != list.count || names.contains("") || names.isEmpty {
                    issue("ladder", "the ladder list must be non-empty text year groups", fix: "e.g. ladder = [\"R\", \"Y1\", \"Y2\"]")
                } else if Set(names).count != names.count {
                    issue("ladder", "the ladder lists a year group twice", fix: "list each year group once, youngest first")
                } else if let age = table["entry_age"]?.int {
                    ladder = Ladder(name: "custom", yearGroups: names.map { YearGroup($0) }, entryAge: age)
                    explicitPhases = []
                } else {
                    issue("ladder", "an explicit ladder needs entry_age",
                          fix: "add entry_age = the age on 1 September of the first year group (4 for Reception)")
                }
            } else {
                issue("ladder", "ladder must be a name or a list", fix: "write ladder = \"england\"")
            }
        }
        if let age = table["entry_age"] {
            if let age = age.int, (0...20).contains(age) {
                ladder = Ladder(name: ladder.name, yearGroups: ladder.yearGroups, entryAge: age, phases: ladder.phases)
            } else {
                issue("entry_age", "entry_age must be a whole number of years from 0 to 20", fix: "e.g. entry_age = 4")
            }
        }
        if let phases = table["phases"] {
            if let phases = phases.table {
                var list: [Phase] = []
                for key in phases.keys.sorted() {
                    let ends = phases[key]?.array?.compactMap { $0.string }
                    guard let ends, ends.count == 2 else {
                        issue(key, "phase '\(key)' must be [first, last] year groups", fix: "e.g. \(key) = [\"R\", \"Y6\"]")
                        continue
                    }
                    let phase = Phase(name: key, first: YearGroup(ends[0]), last: YearGroup(ends[1]))
                    if ladder.indices(of: phase) == nil {
                        issue(key, "phase '\(key)' runs from \(ends[0]) to \(ends[1]), which are not in that order on the ladder",
                              fix: "use year groups from: \(ladder.yearGroups.map(\.name).joined(separator: ", "))")
                    }
                    list.append(phase)
                }
                explicitPhases = list
            } else {
                issue("phases", "[phases] must be a table", fix: "e.g. [phases]\nprimary = [\"R\", \"Y6\"]")
            }
        }
        if let explicitPhases {
            ladder = Ladder(name: ladder.name, yearGroups: ladder.yearGroups, entryAge: ladder.entryAge, phases: explicitPhases)
        }

        var basis = BirthsBasis.midYear
        if let value = table["births_basis"] {
            if let text = value.string, let parsed = BirthsBasis(rawValue: text.lowercased()) { basis = parsed } else {
                issue("births_basis", "unknown births basis",
                      fix: "write births_basis = \"calendar\", \"mid-year\" (July–June) or \"academic\" (September–August)")
            }
        }

        // [forecast]: read into the same `RunOptions` the flags fill, and checked by the same rules.
        var settings = ForecastSettings.default
        var horizon = defaultHorizon
        if let forecast = table["forecast"]?.table {
            checkKeys(forecast, allowed: forecastKeys, section: "forecast")
            var options = RunOptions()
            for setting in Setting.allCases {
                guard let value = forecast[setting.tomlKey] else { continue }
                let number = value.double ?? value.int.map(Double.init)
                let whole = value.int
                switch setting {
                case .method: options.method = value.string
                case .intakeMethod: options.intakeMethod = value.string
                case .horizon: options.horizon = whole
                case .birthsTrendYears: options.birthsTrendYears = whole
                case .birthsTrendDamping: options.birthsTrendDamping = number
                case .intervals: options.intervals = number
                }
                let wholeNumber = setting == .horizon || setting == .birthsTrendYears
                if setting.isText ? value.string == nil : (wholeNumber ? whole == nil : number == nil) {
                    let kind = setting.isText ? "text, e.g. \(setting.tomlKey) = \"weighted-3\"" : (wholeNumber ? "a whole number" : "a number")
                    issue(setting.tomlKey, "\(setting.tomlKey) must be \(kind)", fix: "write it as \(kind)")
                }
            }
            do {
                (settings, horizon) = try options.resolve(over: settings, horizon: horizon)
            } catch let problems as SettingProblems {
                for problem in problems.problems { issue(problem.setting.tomlKey, problem.tomlMessage, fix: problem.tomlFix) }
            }
        } else if table["forecast"] != nil {
            issue("forecast", "[forecast] must be a table", fix: "write it as a section: [forecast]")
        }

        var shareMethod = SchoolSettings.defaultShareMethod
        if let schools = table["schools"]?.table {
            checkKeys(schools, allowed: schoolKeys, section: "schools")
            if let value = schools["share_method"] {
                if let text = value.string, let method = RatioMethod(name: text) { shareMethod = method } else {
                    issue("share_method", "share_method is not a method",
                          fix: "write share_method = \"mean-3\"; methods: \(RatioMethod.syntax)")
                }
            }
        } else if table["schools"] != nil {
            issue("schools", "[schools] must be a table", fix: "write it as a section: [schools]")
        }

        var targets = CapacityTargets.default
        if let capacity = table["capacity"]?.table {
            checkKeys(capacity, allowed: capacityKeys, section: "capacity")
            for key in ["spare_target_percent", "operating_margin_percent"] {
                guard let value = capacity[key] else { continue }
                guard let percent = value.double ?? value.int.map(Double.init), (0...100).contains(percent) else {
                    issue(key, "\(key) must be a percentage from 0 to 100", fix: "e.g. \(key) = \(key.hasPrefix("spare") ? 5 : 2)")
                    continue
                }
                if key == "spare_target_percent" { targets.spareTarget = percent / 100 } else { targets.operatingMargin = percent / 100 }
            }
            if targets.operatingMargin > targets.spareTarget {
                issue("operating_margin_percent", "the operating margin (\(targets.operatingMargin * 100)%) is above the spare-capacity "
                      + "target (\(targets.spareTarget * 100)%), so no area could meet both",
                      fix: "keep operating_margin_percent at or below spare_target_percent")
            }
        } else if table["capacity"] != nil {
            issue("capacity", "[capacity] must be a table", fix: "write it as a section: [capacity]")
        }

        // One set of costs per place: `[costs]` (also read by the scenarios) gives the
        // permanent-expansion rates developer contributions use, unless `[housing]` overrides them.
        var housing = HousingSettings.default
        var costs = CostRates.dfe
        do {
            costs = try ScenarioFile.costs(planText: text, file: file)
            housing.costPerPlace = HousingSettings.permanentCosts(costs)
        } catch let errors as InputErrors {
            log.add(contentsOf: errors.issues)
        }
        if let section = table["housing"]?.table {
            checkKeys(section, allowed: housingKeys, section: "housing")
            if let value = section["regional_factor"] {
                if let factor = value.double ?? value.int.map(Double.init), factor > 0, factor <= 5 { housing.regionalFactor = factor } else {
                    issue("regional_factor", "regional_factor must be a number above 0 (1 = national average prices)",
                          fix: "e.g. regional_factor = 1.08")
                }
            }
            for (key, phase) in [("primary_cost_per_place", PlacePhase.primary), ("secondary_cost_per_place", .secondary),
                                 ("sixth_form_cost_per_place", .sixthForm)] {
                guard let value = section[key] else { continue }
                if let cost = value.double ?? value.int.map(Double.init), cost >= 0, cost.isFinite { housing.costPerPlace[phase] = cost } else {
                    issue(key, "\(key) must be a cost in pounds, 0 or more", fix: "e.g. \(key) = \(Int(HousingSettings.nationalCosts[phase] ?? 0))")
                }
            }
            if let value = section["background"] {
                if let rates = value.table {
                    for area in rates.keys {
                        if let rate = rates[area]?.double ?? rates[area]?.int.map(Double.init), rate >= 0 { housing.background[area] = rate } else {
                            issue("background", "background.\(area) must be a number of dwellings a year, 0 or more",
                                  fix: "e.g. background = { \(area) = 40 }")
                        }
                    }
                } else {
                    issue("background", "background must be a table of dwellings a year by primary planning area",
                          fix: "e.g. background = { P01 = 40, P02 = 25 }")
                }
            }
        } else if table["housing"] != nil {
            issue("housing", "[housing] must be a table", fix: "write it as a section: [housing]")
        }

        var rolls = "rolls.csv", births = "births.csv", schools = "schools.csv", areas = "areas.csv"
        var housingFile = "housing.csv", yieldsFile = "yields.csv", profileFile = "yield-profile.csv"
        if let files = table["files"]?.table {
            checkKeys(files, allowed: fileKeys, section: "files")
            for key in ["rolls", "births", "schools", "areas", "housing", "yields", "yield_profile"] {
                guard let value = files[key] else { continue }
                guard let name = value.string, !name.isEmpty else {
                    issue(key, "files.\(key) must be a file name", fix: "e.g. \(key) = \"\(key).csv\"")
                    continue
                }
                switch key {
                case "rolls": rolls = name
                case "births": births = name
                case "schools": schools = name
                case "housing": housingFile = name
                case "yields": yieldsFile = name
                case "yield_profile": profileFile = name
                default: areas = name
                }
            }
        }
        try log.throwIfAny()
        var config = PlanConfig(name: name, ladder: ladder, birthsBasis: basis, settings: settings, horizon: horizon,
                                rollsFile: rolls, birthsFile: births)
        config.schoolsFile = schools
        config.areasFile = areas
        config.shareMethod = shareMethod
        config.targets = targets
        config.housing = housing
        config.costs = costs
        config.housingFile = housingFile
        config.yieldsFile = yieldsFile
        config.yieldProfileFile = profileFile
        return config
    }
}
