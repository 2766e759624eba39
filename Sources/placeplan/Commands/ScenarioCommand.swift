import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Capital programme scenarios: expansions, bulge classes, new schools, compared with the baseline.",
        discussion: """
            Runs the place plan as it stands (the baseline) and each scenario in \
            the plan folder's scenarios/ (the named ones, or all), and prints them \
            side by side: for every planning area a scenario changes, year by year, \
            the surplus (negative: deficit), spare % and places needed (DfE); the \
            first year places are needed; the places each scenario adds, their cost \
            (cost per place by project type: [costs] in plan.toml, else the DfE \
            national averages) and the cost per deficit place removed.

            A scenario file (scenarios/NAME.toml) lists changes: [[expansion]], \
            [[pan_reduction]], [[bulge]], [[new_school]], [[closure]], [[births]], \
            [[preference]], [[housing]], [[resourced_base]], [[special_places]] \
            (docs/scenarios.md).

            With --intervals 80, each scenario's forecast is also drawn 1,000 \
            times from the place plan's own past forecasts, and the summary shows \
            each area's highest chance of a shortfall (docs/uncertainty.md).

            With --out-dir it writes, all or nothing:
              scenario-totals.csv         per scenario: places added, cost, places removed
              scenario-changes.csv        per change: places, cost per place, cost
              scenario-areas.csv          per scenario, area, phase and year
                                          (with --intervals: p_short, p_below_margin)
              scenario-area-summary.csv   per scenario and area: first short, peak need
              scenario-specialist.csv     per scenario, provision and year (with ehcp.csv)

            Examples:
              placeplan scenario
              placeplan scenario Data/borough expand-oakwood new-free-school
              placeplan scenario Data/borough --all-areas --out-dir scenarios-out
              placeplan scenario Data/borough --xlsx scenarios.xlsx
              placeplan scenario Data/borough expand-oakwood --intervals 80
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv and scenarios/. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Argument(help: ArgumentHelp("Scenarios to run (file names in scenarios/ without .toml). Default: all.", valueName: "names"))
    var names: [String] = []
    @OptionGroup var flags: RunFlags
    @Flag(help: "Show every planning area, not only those a scenario changes.")
    var allAreas = false
    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write the tables into this folder (created if missing).", valueName: "dir"))
    var out: String?
    @Option(help: ArgumentHelp("Write the same tables as one workbook, a sheet each.", valueName: "file.xlsx"))
    var xlsx: String?
    @Option(name: [.customLong("out"), .customShort("o")], help: .hidden)
    var outFile: String?

    func validate() throws {
        // --out is a file for every command; this one writes a folder of tables.
        if outFile != nil { throw ValidationError("--out names a file; this command writes a folder of tables: give --out-dir DIR.") }
    }

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let scenarios = try userInput("the scenarios have problems; nothing was written.") {
            try ScenarioFile.load(try PlanLocation.url(folder, bundled: "Data/borough"), display: folder ?? "Data/borough",
                                  names: names, plan: plan)
        }
        let comparison = try ScenarioComparison.run(scenarios, on: try runPlan(plan, flags.options))
        let files = ScenarioReport.files(comparison)
        if let out { try AtomicFile.writeAllForUser(files, into: out) }
        if let xlsx { try OutputOptions(out: xlsx).emit(try TableWorkbook.workbook(files, title: plan.name).data(), planFolder: try PlanLocation.url(folder, bundled: "Data/borough")) }
        say(ScenarioReport.render(comparison, costs: try plan.requirePlaces(for: "scenarios").costs, allAreas: allAreas),
              terminator: "")
        if let out { say("\nWrote \(Format.count(files.count, "table")) to \(out): \(files.map(\.name).joined(separator: ", "))") }
    }
}
