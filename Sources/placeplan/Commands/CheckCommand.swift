import ArgumentParser
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a plan folder and say what was read.",
        discussion: """
            Reads plan.toml, rolls.csv and births.csv (and for a place plan schools.csv, \
            areas.csv, housing, its scenarios and candidate projects) as the commands would, reports every problem with its file, line and column, and \
            exits non-zero if there is any. Warnings (likely mistakes that do not stop a forecast) \
            go to standard error.

            Examples:
              placeplan check Data/england
              placeplan check Data/borough
              placeplan check my-plan/
            """)

    @OptionGroup var location: PlanLocation

    func run() throws {
        let plan = try location.load()
        let extras = try userInput("the plan folder has problems.") {
            try PlanExtras.read(try location.url(), display: location.folder ?? "Data/england", plan: plan)
        }
        say(CheckSummary.render(plan, extras: extras), terminator: "")
        endNow()
    }
}
