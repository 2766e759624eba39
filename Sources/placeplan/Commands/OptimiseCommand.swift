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

            With --shortfall-chance P, each area must also have the places that \
            keep its chance of a shortfall (pupils above places) at most P% in \
            every forecast year, from 1,000 simulated draws of the forecast \
            (docs/uncertainty.md); the chance with no programme, with the chosen \
            one and with the runner-up is shown. With --intervals alone, the \
            chances are shown and not used to choose.

            Examples:
              placeplan optimise
              placeplan optimise Data/borough --candidates my-candidates.toml
              placeplan optimise my-plan --horizon 15 --node-limit 10000000
              placeplan optimise Data/borough --xlsx programme.xlsx
              placeplan optimise Data/borough --shortfall-chance 10
            """)

    @Argument(help: ArgumentHelp("Plan folder with schools.csv. Default: the bundled Data/borough.", valueName: "dir"))
    var folder: String?
    @Option(help: ArgumentHelp("Candidate projects. Default: candidates.toml in the plan folder.", valueName: "file"))
    var candidates: String?
    @OptionGroup var flags: RunFlags
    @Option(help: "Stop the search after this many nodes (then the answer is not proven optimal).")
    var nodeLimit: Int = 2_000_000

    @Option(help: ArgumentHelp("Keep every area's chance of a shortfall at most this percent in every year (simulated).", valueName: "percent"))
    var shortfallChance: Double?

    func validate() throws {
        if nodeLimit < 1 { throw ValidationError("--node-limit must be at least 1 (got \(nodeLimit)).") }
        if let shortfallChance, !ProgrammeStudy.shortfallChanceRange.contains(shortfallChance / 100) {
            throw ValidationError("--shortfall-chance is a percent from 0.1 to 50 (got \(shortfallChance)); e.g. --shortfall-chance 10.")
        }
    }

    /// The run's options; a chance of a shortfall needs the simulation, so it asks for intervals
    /// (80%) when neither the flags nor plan.toml do.
    func options(for plan: Plan) -> RunOptions {
        var options = flags.options
        if shortfallChance != nil, options.intervals == nil, plan.settings.intervals == nil { options.intervals = ProgrammeStudy.defaultIntervals }
        return options
    }

    @Option(help: ArgumentHelp("Write the chosen programme, the runner-up and what each leaves missing as a workbook.", valueName: "file.xlsx"))
    var xlsx: String?

    func run() throws {
        let plan = try PlanLocation.load(folder, bundled: "Data/borough")
        let (list, file) = try userInput("the candidate projects have problems.") {
            try ScenarioFile.candidates(file: candidates, folder: try PlanLocation.url(folder, bundled: "Data/borough"),
                                        display: folder ?? "Data/borough", plan: plan)
        }
        let study = try ProgrammeStudy(list, on: try runPlan(plan, options(for: plan)), nodeLimit: nodeLimit,
                                       shortfallChance: shortfallChance.map { $0 / 100 })
        say(ProgrammeReport.render(study, file: file), terminator: "")
        if let xlsx {
            try OutputOptions(out: xlsx).emit(try TableWorkbook.workbook(ProgrammeReport.files(study), title: plan.name).data(),
                                              planFolder: try PlanLocation.url(folder, bundled: "Data/borough"))
        }
    }
}
