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
            Reads candidate projects (candidates.toml in the plan folder, or \
            --candidates FILE): [[expansion]], [[bulge]] and [[new_school]] changes \
            as in a scenario file, each starting in its from / year / opens year or \
            any year up to its latest = YEAR. Finds the programme — which projects, \
            from when — that leaves no planning area below the operating margin in \
            any forecast year; the cheapest such; of those, the one with the least \
            spare capacity above the target. If no programme meets the margin \
            everywhere, the one that misses it by the fewest places.

            The search is exact (branch and bound over every project and year) \
            when it finishes within --node-limit nodes, and says so; otherwise it \
            shows the best programme found and says it is not proven.

            Examples:
              placeplan optimise
              placeplan optimise Data/borough --candidates my-candidates.toml
              placeplan optimise my-plan --horizon 15 --node-limit 10000000
              placeplan optimise Data/borough --xlsx programme.xlsx
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: ArgumentHelp("Candidate projects. Default: candidates.toml in the plan folder.", valueName: "file"))
    var candidates: String?
    @OptionGroup var flags: RunFlags
    @Option(help: "Stop the search after this many nodes (then the answer is not proven optimal).")
    var nodeLimit: Int = 2_000_000

    func validate() throws {
        if nodeLimit < 1 { throw ValidationError("--node-limit must be at least 1 (got \(nodeLimit)).") }
    }

    @Option(help: ArgumentHelp("Write the chosen programme, the runner-up and what each leaves missing as a workbook.", valueName: "file.xlsx"))
    var xlsx: String?

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let (list, file) = try userInput("the candidate projects have problems.") {
            try ScenarioFile.candidates(file: candidates, folder: try PlanLocation.url(folder, bundled: "Data/borough"),
                                        display: folder ?? "Data/borough", plan: plan)
        }
        let study = try ProgrammeStudy(list, on: try runPlan(plan, flags.options), nodeLimit: nodeLimit)
        say(ProgrammeReport.render(study.result, changes: list.changes, candidates: study.options, baseline: study.withoutProjects,
                                     plan: study.baseline.plan, file: file), terminator: "")
        if let xlsx {
            let tables = ProgrammeReport.files(study.result, changes: list.changes, candidates: study.options, baseline: study.withoutProjects,
                                               plan: study.baseline.plan)
            try OutputOptions(out: xlsx).emit(try TableWorkbook.workbook(tables, title: plan.name).data(),
                                              planFolder: try PlanLocation.url(folder, bundled: "Data/borough"))
        }
    }
}
