import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The Pupil Place Plan: pupils against places by school, planning area and the authority.",
        discussion: """
            Forecasts every primary and secondary planning area and every school \
            (schools.csv), sets them against their places, and prints what a \
            planner reads first: the areas that will need places, by how many and \
            when, and those with more spare places than the target. With --out-dir it \
            also writes the tables (whole pupils that add up exactly: schools to \
            areas, areas to the authority):

              plan-authority.csv           by phase and year
              plan-areas.csv               by area, phase and year; places needed
              plan-schools.csv             by school, phase and year; rules used
              plan-area-year-groups.csv    by area, year group and year
              plan-school-year-groups.csv  by school, year group and year
              plan-transfer.csv            Year 6 → Year 7 shares and inflow
              plan-sixth-form.csv          staying-on and Y12→Y13 rates
              plan-housing.csv             pupils from planned housing (housing.csv)
              plan-specialist.csv          specialist places and pupils (ehcp.csv)
              plan-specialist-demand.csv   EHC plans by age and placement (ehcp.csv)
              plan-early-years.csv         early-years places and demand (settings.csv)

            With housing.csv in the plan folder, the pupils of new homes above \
            each area's background rate of building are added to areas and \
            schools; --no-housing leaves them out. With housing-delivery.csv as \
            well (past trajectories against completions), --intervals draws \
            build the planned homes as past years built theirs.

            With --intervals 80, the forecast is simulated (1,000 draws that \
            follow the method's own past forecasts) and the summary adds the \
            chance of a shortfall by area and phase; plan-areas.csv gains \
            p_short and p_below_margin for every forecast year, and \
            plan-area-year-groups.csv p_short by year group (a Reception \
            short of places: a bulge class).

            The folder is created if missing; the files are written all or \
            nothing. With no plan folder it uses the bundled example borough \
            (Data/borough).

            Examples:
              placeplan plan
              placeplan plan Data/borough --out-dir place-plan
              placeplan plan my-plan --horizon 5 --out-dir out/my-plan
              placeplan plan Data/borough --no-housing
              placeplan plan Data/borough --intervals 80
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @OptionGroup var flags: RunFlags
    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write the tables into this folder (created if missing).", valueName: "dir"))
    var out: String?
    @Option(name: [.customLong("out"), .customShort("o")], help: .hidden)
    var outFile: String?

    func validate() throws {
        // --out is a file for every command; this one writes a folder of tables.
        if outFile != nil { throw ValidationError("--out names a file; this command writes a folder of tables: give --out-dir DIR.") }
    }

    func run() throws {
        let run = try runPlan(try PlanLocation.load(folder, bundled: "Data/borough"), flags.options)
        let files = try PlacePlanOutput.files(run)
        if let out { try AtomicFile.writeAllForUser(files, into: out) }
        say(try PlacePlanSummary.render(run), terminator: "")
        say(out.map { "\nWrote \(Format.count(files.count, "table")) to \($0): \(files.map(\.name).joined(separator: ", "))" }
              ?? "\nGive --out-dir DIR to write the tables (by school, area and the authority).")
        endNow()
    }
}
