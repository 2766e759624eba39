import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanStore

@main
struct PlacePlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placeplan",
        abstract: "School place planning: forecast pupils by planning area, school and year group, against places.",
        discussion: """
            A plan folder holds plan.toml, rolls.csv and (optionally) births.csv; \
            with schools.csv (and areas.csv) it is a place plan, by school and \
            planning area. See the README. With no folder, commands use the \
            bundled England data in Data/england (plan: the example borough in \
            Data/borough). \
            archive, actuals import and accuracy keep forecasts (vintages) and actual \
            rolls in placeplan.sqlite in the plan folder (--db names another database).

            Examples:
              placeplan forecast                 # summary of the bundled England forecast
              placeplan forecast Data/england --horizon 3 --out forecast.csv
              placeplan plan Data/borough --out-dir place-plan
              placeplan scenario Data/borough expand-oakwood
              placeplan optimise Data/borough
              placeplan backtest Data/england --horizon 3
              placeplan check my-plan/
              placeplan archive my-plan --label "Pupil Place Plan 2025"
              placeplan actuals import my-plan census-2026.csv
              placeplan accuracy my-plan
              placeplan report Data/borough --out borough.html
              placeplan developer-report Data/borough --site "Northgate Fields"
              placeplan contributions Data/borough
              placeplan housing-yields Data/borough
            """,
        version: Self.version,
        subcommands: [ForecastCommand.self, PlanCommand.self, BacktestCommand.self, ReportCommand.self, CheckCommand.self, InitCommand.self, ImportCommand.self,
                      ArchiveCommand.self, ActualsCommand.self, AccuracyCommand.self, ExplainCommand.self, VintageCommand.self, ScenarioCommand.self, OptimiseCommand.self,
                      DeveloperReportCommand.self, ContributionsCommand.self, HousingYieldsCommand.self, SpecialistBacktestCommand.self]
    )

    /// `placeplan --version`: the engine's version (what a vintage records) and the build.
    static var version: String {
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        return "placeplan \(Engine.version) (\(build), Swift 6; database schema \(PlanStore.schemaVersion))"
    }

    /// As ArgumentParser's own `main`, but an error reaches the terminal with control and bidi
    /// characters escaped: a message may quote a path or a flag's value as it was typed.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let text = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                if !text.isEmpty { say(text) }  // --help
            } else {
                printError(text)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
