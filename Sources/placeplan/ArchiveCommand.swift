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
            Runs the forecast exactly as `placeplan forecast DIR` would (the same settings
            and flags) and stores every cell it prints — the authority's, each area's and,
            for a place plan, each school's, with intervals when asked — in the database
            as a vintage, in one transaction. A vintage cannot be changed
            or deleted afterwards: it is what was published, kept to be scored when the
            actual rolls arrive (`placeplan actuals import`, then `placeplan accuracy`).

            The vintage records a SHA-256 fingerprint of the plan's input files
            (plan.toml, rolls, births) and settings. Archiving the same inputs and
            settings again writes nothing, names the vintage that already holds them, and
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
        if let label, label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--label is empty: give a name such as --label \"Pupil Place Plan 2025\", or leave it out.")
        }
    }

    func run() throws {
        let folder = try location.url()
        let loaded = try PlanLocation.loadWithInputs(folder)
        let run = try runPlan(loaded.plan, flags.options)
        let vintage = try NewVintage(run: run, label: label, inputs: loaded.inputs.map { InputsHash.File(name: $0.name, bytes: $0.bytes) })
        let store = try database.open(planFolder: { folder }, mode: .createIfMissing)
        let outcome = try storeCall { try store.archive(vintage) }
        print(describe(outcome, run: run, vintage: vintage, inputs: loaded.inputs.map(\.name), database: store.path,
                       folder: folder.path), terminator: "")
    }

    func describe(_ outcome: PlanStore.ArchiveOutcome, run: PlanRun, vintage: NewVintage, inputs: [String], database path: String,
                  folder: String) -> String {
        switch outcome {
        case .alreadyArchived(let existing):
            return "Already archived as \(existing.name), made \(existing.createdAt), from the same inputs and settings; nothing was written.\n"
                + (label.flatMap { $0 == existing.label ? nil : "(The label \"\($0)\" was not used: a vintage cannot be changed once archived.)\n" } ?? "")
                + "Database: \(path)\n"
        case .archived(let stored, let cells):
            let counts = vintage.cellCounts
            let levels = run.levels.reversed().map { level in
                "\(Format.number(Double(counts[level] ?? 0))) \(level == .authority ? "authority totals" : "\(level.rawValue) cells")"
            }
            return """
                Archived \(stored.name) in \(path)
                - \(run.plan.name): forecast from \(Format.academicYear(stored.originYear)) (last census) for \(stored.horizon) years \
                (\(Format.academicYear(run.years.lowerBound))–\(Format.academicYear(run.years.upperBound))), \
                \(run.areaForecast.areas.count) areas\(run.places.map { ", \($0.forecast.schools.count) schools" } ?? ""), method \(stored.method)
                - \(Format.number(Double(cells))) cells: \(levels.joined(separator: ", "))
                - inputs: \(inputs.joined(separator: ", ")) and settings; SHA-256 \(stored.inputsSHA256)
                Score it as actuals arrive: placeplan actuals import FILE --plan \(folder), then placeplan accuracy \(folder)\
                \(database.db == nil ? "" : " (with --db \(path))")

                """
        }
    }
}
