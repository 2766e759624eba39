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
            Runs the forecast exactly as `placeplan forecast DIR` would (the plan's method
            and horizon) and stores every cell — each area's and the authority's totals —
            in the database as a vintage, in one transaction. A vintage cannot be changed
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
    @Option(help: "Years ahead to forecast, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's, else 10.")
    var horizon: Int?
    @Option(help: "Keep prediction intervals of this coverage in percent (50–99) with every cell. Default: the plan's.")
    var intervals: Double?
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
        if let intervals, !(50...99).contains(intervals) {
            throw ValidationError("--intervals is a coverage in percent from 50 to 99 (got \(intervals)).")
        }
        if let label, label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--label is empty: give a name such as --label \"Pupil Place Plan 2025\", or leave it out.")
        }
    }

    func run() throws {
        let folder = try location.url()
        let loaded: (plan: Plan, inputs: [PlanFolder.InputFile])
        do { loaded = try PlanFolder.loadWithInputs(folder) } catch let errors as InputErrors {
            throw CLIFailure("the plan folder has problems; nothing was written.\n" + errors.description)
        }
        let plan = loaded.plan
        var settings = plan.settings
        if let intervals { settings.intervals = intervals / 100 }
        let forecast = try CohortSurvival.forecast(plan.history, settings: settings, horizon: horizon ?? plan.horizon)
        let vintage = NewVintage(forecast: forecast, label: label, planName: plan.name, birthsBasis: plan.history.birthsBasis,
                                 inputs: loaded.inputs.map { InputsHash.File(name: $0.name, bytes: $0.bytes) })
        let store = try database.open(planFolder: { folder }, mode: .createIfMissing)
        switch try storeCall({ try store.archive(vintage) }) {
        case .alreadyArchived(let existing):
            print("Already archived as \(existing.name), made \(existing.createdAt), from the same inputs and settings; nothing was written.")
            if let label, label != existing.label {
                print("(The label \"\(label)\" was not used: a vintage cannot be changed once archived.)")
            }
            print("Database: \(store.path)")
        case .archived(let stored, let cells):
            let areaCells = vintage.cells.filter { $0.level == .area }.count
            print("Archived \(stored.name) in \(store.path)")
            print("- \(plan.name): forecast from \(Format.academicYear(stored.originYear)) (last census) for \(stored.horizon) years "
                  + "(\(Format.academicYear(forecast.years.lowerBound))–\(Format.academicYear(forecast.years.upperBound))), "
                  + "\(forecast.areas.count) areas, method \(stored.method)")
            print("- \(Format.number(Double(cells))) cells: \(Format.number(Double(areaCells))) area cells and "
                  + "\(Format.number(Double(cells - areaCells))) authority totals")
            print("- inputs: \(loaded.inputs.map(\.name).joined(separator: ", ")) and settings; SHA-256 \(stored.inputsSHA256)")
            print("Score it as actuals arrive: placeplan actuals import FILE --plan \(folder.path), then placeplan accuracy \(folder.path)"
                  + (database.db == nil ? "" : " (with --db \(store.path))"))
        }
    }
}
