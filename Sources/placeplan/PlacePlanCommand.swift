import ArgumentParser

@main
struct PlacePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placeplan",
        abstract: "School place planning: forecast pupils by planning area, school and year group, against places.",
        discussion: """
            A plan folder holds plan.toml, rolls.csv and (optionally) births.csv;
            with schools.csv (and areas.csv) it is a place plan, by school and
            planning area. See the README. With no folder, commands use the
            bundled England data in Data/england (plan: the example borough in
            Data/borough).

            Examples:
              placeplan forecast                         # summary of the bundled England forecast
              placeplan forecast Data/england --horizon 3 --out forecast.csv
              placeplan plan Data/borough --out place-plan
              placeplan backtest Data/england --horizon 3
              placeplan check my-plan/
            """,
        subcommands: [ForecastCommand.self, PlanCommand.self, BacktestCommand.self, CheckCommand.self]
    )
}
