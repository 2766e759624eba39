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
            Runs the place plan as it stands (the baseline) and each scenario in
            the plan folder's scenarios/ (the named ones, or all), and prints them
            side by side: for every planning area a scenario changes, year by year,
            the surplus (negative: deficit), spare % and places needed (DfE); the
            first year places are needed; the places each scenario adds, their cost
            (cost per place by project type: [costs] in plan.toml, else the DfE
            national averages) and the cost per deficit place removed.

            A scenario file (scenarios/NAME.toml) lists changes: [[expansion]],
            [[pan_reduction]], [[bulge]], [[new_school]], [[closure]], [[births]],
            [[preference]] (README, "Capital programme scenarios").

            With --out it writes, all or nothing:
              scenario-totals.csv         per scenario: places added, cost, places removed
              scenario-changes.csv        per change: places, cost per place, cost
              scenario-areas.csv          per scenario, area, phase and year
              scenario-area-summary.csv   per scenario and area: first short, peak need

            Examples:
              placeplan scenario
              placeplan scenario Data/borough expand-oakwood new-free-school
              placeplan scenario Data/borough --all-areas --out scenarios-out
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv and scenarios/. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @OptionGroup var housing: HousingOptions
    @Argument(help: ArgumentHelp("Scenarios to run (file names in scenarios/ without .toml). Default: all.", valueName: "names"))
    var names: [String] = []
    @Option(help: "Years ahead to forecast, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's, else 10.")
    var horizon: Int?
    @Flag(help: "Show every planning area, not only those a scenario changes.")
    var allAreas = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the tables into this folder (created if missing).", valueName: "dir"))
    var out: String?

    func validate() throws {
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
    }

    func run() throws {
        let url = try folder.map { URL(fileURLWithPath: $0) } ?? PlanLocation.bundled("Data/borough")
        let display = folder ?? "Data/borough"
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        guard let history = plan.schools else {
            throw CLIFailure("\(plan.name) has no schools.csv: scenarios change schools' places "
                + "(README, \"The place plan\")")
        }
        let costs: CostRates
        let scenarios: [Scenario]
        do {
            let configText = (try? String(contentsOf: url.appendingPathComponent(PlanFolder.configFile), encoding: .utf8)) ?? ""
            costs = try ScenarioFile.costs(planText: configText, file: (display.hasSuffix("/") ? display : display + "/") + PlanFolder.configFile)
            scenarios = try ScenarioFile.load(url, display: display, names: names, history: history,
                                              sites: plan.housing.map { Set($0.completions.map(\.site)) })
        } catch let errors as InputErrors {
            throw CLIFailure("the scenarios have problems; nothing was written.\n" + errors.description)
        }
        let years = horizon ?? plan.horizon
        func run(_ scenario: Scenario?) throws -> ScenarioOutcome {
            try ScenarioEngine.run(scenario, history: history, settings: plan.settings, shareMethod: plan.shareMethod,
                                   horizon: years, name: plan.name, targets: plan.targets, costs: costs,
                                   housing: housing.noHousing ? nil : plan.housing)
        }
        let comparison = ScenarioComparison(baseline: try run(nil), scenarios: try scenarios.map { try run($0) })
        let files = ScenarioReport.files(comparison)
        if let out {
            do { try AtomicFile.writeAll(files, into: URL(fileURLWithPath: out)) } catch let errors as InputErrors {
                throw CLIFailure(errors.description)
            }
        }
        print(ScenarioReport.render(comparison, costs: costs, allAreas: allAreas), terminator: "")
        if let out {
            print("\nWrote \(files.count) tables to \(out): \(files.map(\.name).joined(separator: ", "))")
        }
    }
}
