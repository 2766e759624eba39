import ArgumentParser

@main
struct PlacePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placeplan",
        abstract: "School place planning: forecast pupils by planning area and year group.",
        discussion: """
            A plan folder holds plan.toml, rolls.csv and (optionally) births.csv; see the README.
            With no folder, commands use the bundled England data in Data/england.
            archive, actuals import and accuracy keep forecasts (vintages) and actual
            rolls in placeplan.sqlite in the plan folder (--db names another database).

            Examples:
              placeplan forecast                         # summary of the bundled England forecast
              placeplan forecast Data/england --horizon 3 --out forecast.csv
              placeplan backtest Data/england --horizon 3
              placeplan check my-plan/
              placeplan archive my-plan --label "Pupil Place Plan 2025"
              placeplan actuals import census-2026.csv --plan my-plan
              placeplan accuracy my-plan
            """,
        subcommands: [ForecastCommand.self, BacktestCommand.self, ReportCommand.self, CheckCommand.self, ArchiveCommand.self,
                      ActualsCommand.self, AccuracyCommand.self]
    )
}
