import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Forecast with the plan's settings and keep the forecast as a vintage.",
        discussion: """
            Runs the forecast exactly as `placeplan forecast DIR` would (the same settings \
            and flags) and stores every cell it prints — the authority's, each area's and, \
            for a place plan, each school's, with intervals when asked — in the database \
            as a vintage, in one transaction. A vintage cannot be changed \
            or deleted afterwards: it is what was published, kept to be scored when the \
            actual rolls arrive (`placeplan actuals import`, then `placeplan accuracy`).

            The vintage records a SHA-256 fingerprint of the plan's input files \
            (plan.toml, rolls, births) and settings. Archiving the same inputs and \
            settings again writes nothing, names the vintage that already holds them, and \
            exits 0; any error exits 1.

            Examples:
              placeplan archive Data/england --label "Pupil Place Plan 2020"
              placeplan archive my-plan --horizon 5 --intervals 80
              placeplan archive my-plan --db archive/forecasts.sqlite
            """)

    @OptionGroup var location: PlanLocation
    @Option(help: ArgumentHelp("A name for the vintage, e.g. \"Pupil Place Plan 2025\" (unique in the database).", valueName: "text"))
    var label: String?
    @OptionGroup var flags: RunFlags
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        // Checked before the run, by the store's own rule.
        if let label, case .failure(let problem) = VintageLabel.checked(label) {
            throw ValidationError("--label: \(problem.message); \(problem.fix).")
        }
    }

    func run() throws {
        let folder = try PlanLocation.folderToWrite(location.folder, command: "archive", database: database.db)
        let loaded = try PlanLocation.loadWithInputs(folder)
        let run = try runPlan(loaded.plan, flags.options)
        let vintage = try NewVintage(run: run, label: label, inputs: loaded.inputs.map { InputsHash.File(name: $0.name, bytes: $0.bytes) })
        let store = try database.open(planFolder: { folder }, mode: .createIfMissing)
        let outcome = try storeCall { try store.archive(vintage) }
        say(ArchiveSummary.text(outcome, run: run, vintage: vintage, label: label, inputs: loaded.inputs.map(\.name),
                                  database: store.path, folder: folder.path, customDatabase: database.db != nil), terminator: "")
    }
}
