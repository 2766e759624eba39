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
        return try reporting { try PlanFolder.loadWithWarnings(url) }
    }

    /// What a file of actuals is checked against (`PlanFolder.loadOutline`), its warnings
    /// printed; every input problem becomes one error and a non-zero exit.
    static func loadOutline(_ folder: URL) throws -> PlanOutline {
        try reporting { try PlanFolder.loadOutline(folder) }
    }

    /// Loads a plan folder with the bytes of every input file it read (what a vintage's
    /// fingerprint covers).
    static func loadWithInputs(_ folder: URL) throws -> (plan: Plan, inputs: [PlanFolder.InputFile]) {
        try reporting {
            let loaded = try PlanFolder.loadAll(folder)
            return ((loaded.plan, loaded.inputs), loaded.warnings)
        }
    }

    /// Runs a load, printing its warnings to standard error; every input problem becomes one
    /// error and a non-zero exit.
    private static func reporting<T>(_ load: () throws -> (T, [InputIssue])) throws -> T {
        do {
            let (value, warnings) = try load()
            for warning in warnings { printError("Warning: \(warning)") }
            return value
        } catch let errors as InputErrors {
            throw CLIFailure("the plan folder has problems; nothing was written.\n" + errors.description)
        }
    }

    /// The folder a command that writes into it (its database) works on: it must be named, unless
    /// the database is given elsewhere (`--db`). The bundled data is for read-only demos; an
    /// import without a folder once wrote a database inside Data/england.
    static func folderToWrite(_ folder: String?, command: String, database: String?, bundled relative: String = "Data/england") throws -> URL {
        if let folder { return URL(fileURLWithPath: folder) }
        guard database != nil else {
            throw ValidationError("\(command) writes into the plan folder's database: name the folder, e.g. placeplan \(command) my-plan "
                + "(or give --db FILE). Without one, commands only read the bundled \(relative).")
        }
        return try bundled(relative)
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
