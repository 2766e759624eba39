import ArgumentParser
import Foundation
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

struct VintageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vintage",
        abstract: "The archived forecasts (vintages) in a plan's database: list them, or label one archived without a label.",
        discussion: """
            Examples:
              placeplan vintage list my-plan
            """,
        subcommands: [VintageListCommand.self, VintageLabelCommand.self])
}

struct VintageListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Every vintage in the database: id, label, plan, origin, horizon, method, when archived.",
        discussion: """
            Examples:
              placeplan vintage list my-plan
            """)

    @OptionGroup var location: PlanLocation
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try database.open(planFolder: { try location.url() }, mode: .existing)
        say(VintageList.text(try storeCall { try store.vintages() }, database: store.path), terminator: "")
    }
}

struct VintageLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Give a vintage archived without a label its label (once; nothing else of a sealed vintage changes).",
        discussion: """
            Examples:
              placeplan vintage label my-plan 2 "Pupil Place Plan 2025, five years"
            """)

    @Argument(help: ArgumentHelp("The plan folder whose database holds the vintage.", valueName: "dir"))
    var folder: String
    @Argument(help: ArgumentHelp("The vintage's id (see placeplan vintage list).", valueName: "id"))
    var vintage: String
    @Argument(help: ArgumentHelp("Its label, e.g. \"Pupil Place Plan 2025\" (unique in the database).", valueName: "label"))
    var label: String
    @OptionGroup var database: DatabaseOption

    func run() throws {
        // Opened for writing (a read-only copy would take the label and lose it), but never made.
        let path = try database.path(planFolder: { URL(fileURLWithPath: folder) })
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIFailure("\(path): no database here yet, so no vintage to label\n  fix: archive a forecast first (placeplan archive \(folder))")
        }
        let store = try database.open(planFolder: { URL(fileURLWithPath: folder) }, mode: .createIfMissing)
        let labelled = try storeCall { try store.label(vintage, as: label) }
        say("Labelled \(labelled.name) in \(store.path).")
    }
}
