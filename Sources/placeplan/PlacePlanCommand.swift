import ArgumentParser

@main
struct PlacePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placeplan",
        abstract: "School place planning: forecast pupils by planning area and year group.",
        discussion: """
            A plan folder holds plan.toml, rolls.csv and (optionally) births.csv; see the README.
            With no folder, commands use the bundled England data in Data/england.

            Examples:
              placeplan forecast                         # summary of the bundled England forecast
              placeplan forecast Data/england --horizon 3 --out forecast.csv
              placeplan backtest Data/england --horizon 3
              placeplan check my-plan/
            """,
        subcommands: [ForecastCommand.self, PlanCommand.self, BacktestCommand.self, CheckCommand.self]
    )
}
