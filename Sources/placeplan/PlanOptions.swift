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

/// Prints to standard error (progress, notes) without touching standard output.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

extension RatioMethod: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension Backtest.Level: ExpressibleByArgument {}
extension ForecastLevel: ExpressibleByArgument {}

/// `--no-housing`: leave out the pupils of planned housing (housing.csv), to see its effect.
struct HousingOptions: ParsableArguments {
    @Flag(help: "Leave out the pupils of planned housing (housing.csv), to see what it adds.")
    var noHousing = false

    /// The forecast with housing pupils added, when the plan has housing.csv and it is wanted.
    func apply(_ plan: Plan, to forecast: PlaceForecast) -> (forecast: PlaceForecast, layer: HousingLayer?) {
        guard !noHousing, let housing = plan.housing else { return (forecast, nil) }
        let layer = HousingModel.layer(housing, forecast: forecast)
        return (forecast.adding(layer), layer)
    }
}
