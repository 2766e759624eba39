import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

/// The plan folder argument shared by every command, and how a missing one is resolved.
struct PlanLocation: ParsableArguments {
    @Argument(help: ArgumentHelp("Plan folder (plan.toml, rolls.csv, births.csv). Default: the bundled Data/england.",
                                 valueName: "dir"))
    var folder: String?

    var isDefault: Bool { folder == nil }

    /// Loads and validates the plan, printing every input problem and exiting non-zero on any.
    func load() throws -> Plan { try Self.load(folder, bundled: "Data/england") }

    /// Loads a plan folder (or the bundled one at `relative`), printing its warnings to standard
    /// error; every input problem becomes one error and a non-zero exit.
    static func load(_ folder: String?, bundled relative: String) throws -> Plan {
        let url = try folder.map { URL(fileURLWithPath: $0) } ?? Self.bundled(relative)
        do {
            let (plan, warnings) = try PlanFolder.loadWithWarnings(url)
            for warning in warnings { printError("Warning: \(warning)") }
            return plan
        } catch let errors as InputErrors {
            throw CLIFailure("the plan folder has problems; nothing was written.\n" + errors.description)
        }
    }

    /// Loads a plan folder with the bytes of every input file it read (what a vintage's
    /// fingerprint covers).
    static func loadWithInputs(_ folder: URL) throws -> (plan: Plan, inputs: [PlanFolder.InputFile]) {
        do {
            let loaded = try PlanFolder.loadAll(folder)
            for warning in loaded.warnings { printError("Warning: \(warning)") }
            return (loaded.plan, loaded.inputs)
        } catch let errors as InputErrors {
            throw CLIFailure("the plan folder has problems; nothing was written.\n" + errors.description)
        }
    }

    /// The plan folder named, or the bundled one at `relative`.
    static func url(_ folder: String?, bundled relative: String) throws -> URL {
        try folder.map { URL(fileURLWithPath: $0) } ?? bundled(relative)
    }

    /// A bundled plan folder (`Data/england`, `Data/borough`) in the working directory, or beside
    /// the executable's package checkout (the binary lives in .build/<config>/, two or three
    /// levels below the repository).
    static func bundled(_ relative: String = "Data/england") throws -> URL {
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent(relative))
            dir = dir.deletingLastPathComponent()
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("plan.toml").path) }) {
            return found
        }
        throw CLIFailure("no plan folder given and the bundled \(relative) was not found; "
            + "run from the repository folder or give a plan folder, e.g. placeplan forecast DIR")
    }
}

/// Runs `body`, which reads input files, turning their problems into one error for the user that
/// starts with `heading`.
func userInput<T>(_ heading: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let errors as InputErrors {
        throw CLIFailure(heading + "\n" + errors.description)
    }
}

/// An error for the user: printed as `error: …` and exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Where output goes: a file written atomically, or standard output.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (written whole or not at all). Default: standard output.",
                                                     valueName: "file"))
    var out: String?

    init() {}
    init(out: String?) { self.out = out }

    func emit(_ text: String) throws { try emit(Data(text.utf8)) }

    func emit(_ data: Data) throws {
        if let out {
            do { try AtomicFile.write(data, to: URL(fileURLWithPath: out)) } catch let errors as InputErrors {
                throw CLIFailure(errors.description)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension AtomicFile {
    /// Writes every file into `folder` (created if missing), all or nothing, as a user error.
    static func writeAllForUser(_ files: [(name: String, text: String)], into folder: String) throws {
        do { try writeAll(files, into: URL(fileURLWithPath: folder)) } catch let errors as InputErrors {
            throw CLIFailure(errors.description)
        }
    }
}

/// Prints to standard error (progress, notes) without touching standard output.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

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
    @Option(help: "Progression-ratio method, e.g. weighted-3, P:I (progression P, intake I) or auto. Default: plan.toml's, else the measured default.")
    var method: String?
    @Option(help: "Intake-ratio method (entry year group / births). Default: as --method.")
    var intakeMethod: String?
    @Option(help: "Years of births a line is fitted to for births beyond the last known year (1 = flat).")
    var birthsTrendYears: Int?
    @Option(help: "Damping of the births trend per year, 0 (flat) to 1 (straight line).")
    var birthsTrendDamping: Double?
    @Option(help: "Prediction intervals of this coverage in percent (e.g. 80), calibrated on the plan's own past errors.")
    var intervals: Double?
    @Flag(help: "Leave out the pupils of planned housing (housing.csv), to see what it adds.")
    var noHousing = false

    var options: RunOptions {
        RunOptions(horizon: horizon, method: method, intakeMethod: intakeMethod, birthsTrendYears: birthsTrendYears,
                   birthsTrendDamping: birthsTrendDamping, intervals: intervals, housing: !noHousing)
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
