import ArgumentParser
import Foundation
import PlacePlanStore

/// `--db FILE`, shared by every command that uses the database, and where it is by default:
/// `placeplan.sqlite` in the plan folder.
struct DatabaseOption: ParsableArguments {
    static let defaultName = "placeplan.sqlite"

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database of vintages and actuals. Default: \(defaultName) in the plan folder (created on first use).",
        valueName: "file"))
    var db: String?

    func path(planFolder: () throws -> URL) throws -> String {
        if let db { return db }
        return try planFolder().appendingPathComponent(Self.defaultName).path
    }

    /// Opens (creating it when `mode` allows) the database, turning store problems into
    /// messages for the user.
    func open(planFolder: () throws -> URL, mode: PlanStore.OpenMode) throws -> PlanStore {
        let path = try path(planFolder: planFolder)
        return try storeCall { try PlanStore(path: path, mode: mode) }
    }
}

/// Runs a store operation, reporting a store problem as a user error (exit status 1).
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as StoreError {
        throw CLIFailure(error.description)
    }
}

extension PlanLocation {
    /// The plan folder named, or the bundled one.
    func url() throws -> URL { try folder.map { URL(fileURLWithPath: $0) } ?? Self.bundled() }
}
