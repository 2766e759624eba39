import ArgumentParser
import PlacePlanCore
import PlacePlanReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a plan folder and say what was read.",
        discussion: """
            Reads plan.toml, rolls.csv and births.csv (and schools.csv and areas.csv for a place
            plan) as a forecast would, reports every problem with its file, line and column, and
            exits non-zero if there is any. Warnings (likely mistakes that do not stop a forecast)
            go to standard error.

            Examples:
              placeplan check Data/england
              placeplan check Data/borough
              placeplan check my-plan/
            """)

    @OptionGroup var location: PlanLocation

    func run() throws {
        print(CheckSummary.render(try location.load()), terminator: "")
    }
}
