import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

extension RatioMethod: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension Backtest.Level: ExpressibleByArgument {}

extension CellLevel: ExpressibleByArgument {}

/// The forecast settings every command that runs a plan takes, the same flags as `plan.toml`'s
/// `[forecast]` keys (docs/plan-folder.md). They are checked by the rules `plan.toml` is checked
/// by (`RunOptions.problems`) and merged over the plan's settings by `PlanRun`.
struct RunFlags: ParsableArguments {
    @Option(help: "Years ahead to forecast, \(SettingRule.horizonRange.lowerBound)–\(SettingRule.horizonRange.upperBound). Default: plan.toml's, else \(PlanConfig.defaultHorizon).")
    var horizon: Int?
    @Option(help: "Progression-ratio method, e.g. weighted-3, P:I (progression P, intake I), auto or ensemble. Default: plan.toml's, else the measured default.")
    var method: String?
    @Option(help: "Intake-ratio method (entry year group / births). Default: as --method.")
    var intakeMethod: String?
    @Option(help: "Years of births a line is fitted to for births beyond the last known year (1 = flat).")
    var birthsTrendYears: Int?
    @Option(help: "Damping of the births trend per year, 0 (flat) to 1 (straight line).", transform: strictNumber)
    var birthsTrendDamping: Double?
    @Option(help: "Prediction intervals of this coverage in percent (e.g. 80), calibrated on the plan's own past errors.",
            transform: strictNumber)
    var intervals: Double?
    @Option(help: ArgumentHelp("Leave out the ratios into these academic years (e.g. 2020 for 2020/21; comma-separated), or none. "
                               + "Default: plan.toml's, or else any year every area's ratios moved together in.", valueName: "years"),
            transform: yearList)
    var excludeYears: [Int]?
    @Flag(help: "Leave out the pupils of planned housing (housing.csv), to see what it adds.")
    var noHousing = false
    @Flag(help: "Leave out next September's applications (applications.csv): Reception from births alone, to see what they add.")
    var noApplications = false

    var options: RunOptions {
        RunOptions(horizon: horizon, method: method, intakeMethod: intakeMethod, birthsTrendYears: birthsTrendYears,
                   birthsTrendDamping: birthsTrendDamping, intervals: intervals, excludeYears: excludeYears, housing: !noHousing,
                   applications: !noApplications)
    }

    func validate() throws {
        let problems = options.problems
        if !problems.isEmpty { throw ValidationError(SettingProblems(problems).description) }
    }
}

/// The one way a command runs a plan: the flags over the plan's settings, then `PlanRun`; what
/// the run could not do (intervals it could not calibrate, housing left out) goes to standard
/// error, so it is never silent.
func runPlan(_ plan: Plan, _ options: RunOptions) throws -> PlanRun {
    let run = try PlanRun(plan, options: options)
    for note in run.notes { printError("Note: \(note)") }
    return run
}

/// `--exclude-years 2020,2021`: years, comma-separated.
func yearList(_ text: String) throws -> [Int] {
    // `none`: no year left out, not even one found exceptional (every area's ratios moved together).
    if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" { return [] }
    return try text.split(separator: ",").map { part in
        guard let year = Int(part.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("--exclude-years must list years, e.g. 2020,2021, or be none (not '\(text)').")
        }
        return year
    }
}

/// A flag's number, read as strictly as a file's (`StrictNumber`): `0x50`, `inf`, `nan` are refused.
func strictNumber(_ text: String) throws -> Double {
    guard let value = StrictNumber.parse(text) else {
        throw ValidationError("'\(text)' is not a number: write it in digits, e.g. 80 or 0.5 (no hex, inf or nan)")
    }
    return value
}
