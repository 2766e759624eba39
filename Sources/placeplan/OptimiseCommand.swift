import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct OptimiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimise",
        abstract: "The cheapest capital programme from candidate projects, and the runner-up.",
        discussion: """
            Reads candidate projects (candidates.toml in the plan folder, or
            --candidates FILE): [[expansion]], [[bulge]] and [[new_school]] changes
            as in a scenario file, each starting in its from / year / opens year or
            any year up to its latest = YEAR. Finds the programme — which projects,
            from when — that leaves no planning area below the operating margin in
            any forecast year; the cheapest such; of those, the one with the least
            spare capacity above the target. If no programme meets the margin
            everywhere, the one that misses it by the fewest places.

            The search is exact (branch and bound over every project and year)
            when it finishes within --node-limit nodes, and says so; otherwise it
            shows the best programme found and says it is not proven.

            Examples:
              placeplan optimise
              placeplan optimise Data/borough --candidates my-candidates.toml
              placeplan optimise my-plan --horizon 15 --node-limit 10000000
            """)

    @OptionGroup var housing: HousingOptions
    @Argument(help: ArgumentHelp("Plan folder with schools.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: ArgumentHelp("Candidate projects. Default: candidates.toml in the plan folder.", valueName: "file"))
    var candidates: String?
    @Option(help: "Years ahead to forecast, 1–\(CohortSurvival.maximumHorizon). Default: plan.toml's, else 10.")
    var horizon: Int?
    @Option(help: "Stop the search after this many nodes (then the answer is not proven optimal).")
    var nodeLimit: Int = 2_000_000

    func validate() throws {
        if let horizon, !(1...CohortSurvival.maximumHorizon).contains(horizon) {
            throw ValidationError("--horizon must be from 1 to \(CohortSurvival.maximumHorizon) years (got \(horizon)).")
        }
        if nodeLimit < 1 { throw ValidationError("--node-limit must be at least 1 (got \(nodeLimit)).") }
    }

    func run() throws {
        let url = try folder.map { URL(fileURLWithPath: $0) } ?? PlanLocation.bundled("Data/borough")
        let display = folder ?? "Data/borough"
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        guard let history = plan.schools else {
            throw CLIFailure("\(plan.name) has no schools.csv: capital projects change schools' places (README, \"The place plan\")")
        }
        let file = candidates ?? ((display.hasSuffix("/") ? display : display + "/") + "candidates.toml")
        let fileURL = candidates.map { URL(fileURLWithPath: $0) } ?? url.appendingPathComponent("candidates.toml")
        guard let data = FileManager.default.contents(atPath: fileURL.path), let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure("\(file) cannot be read: give the candidate projects in it, or name another file with --candidates "
                + "(README, \"The cheapest programme\")")
        }
        let costs: CostRates
        let list: Scenario
        do {
            let configText = (try? String(contentsOf: url.appendingPathComponent(PlanFolder.configFile), encoding: .utf8)) ?? ""
            costs = try ScenarioFile.costs(planText: configText, file: (display.hasSuffix("/") ? display : display + "/") + PlanFolder.configFile)
            list = try ScenarioFile.parse(text, name: "candidates", file: file, history: history, candidates: true)
        } catch let errors as InputErrors {
            throw CLIFailure("the candidate projects have problems.\n" + errors.description)
        }
        guard !list.changes.isEmpty else { throw CLIFailure("\(file) lists no candidate projects") }
        let baseline = try ScenarioEngine.run(nil, history: history, settings: plan.settings, shareMethod: plan.shareMethod,
                                              horizon: horizon ?? plan.horizon, name: plan.name, targets: plan.targets, costs: costs,
                                              housing: housing.noHousing ? nil : plan.housing)
        let problem = ProgrammeSearch.problem(list.changes, baseline: baseline, history: history, costs: costs)
        let result = ProgrammeSearch.solve(baseline: problem.baseline, candidates: problem.candidates, targets: plan.targets, nodeLimit: nodeLimit)
        let none = ProgrammeSearch.solve(baseline: problem.baseline, candidates: [], targets: plan.targets).best
        print(ProgrammeReport.render(result, changes: list.changes, candidates: problem.candidates, baseline: none,
                                     plan: baseline.plan, file: file), terminator: "")
    }
}
