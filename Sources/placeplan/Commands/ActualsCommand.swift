import ArgumentParser
import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanStore

struct ActualsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actuals",
        abstract: "Keep actual rolls (census counts) in the database, to score vintages against.",
        discussion: """
            Examples:
              placeplan actuals import census-2026.csv --plan my-plan
            """,
        subcommands: [ActualsImportCommand.self])
}

struct ActualsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add actual rolls from a CSV file in the format of rolls.csv.",
        discussion: """
            The file has the columns of rolls.csv: year,area,year_group,pupils (others,
            such as area_name, are ignored; rows with a non-empty `school` column are kept
            as that school's counts). Any rows may come: a year at a time, or a few
            corrections.

            Every row is checked against the plan (its ladder's year groups, its areas)
            and the database: a row equal to the stored value is unchanged, so importing a
            file twice changes nothing. A different value for a cell already stored is
            refused unless --replace is given; replacements are recorded (old and new
            value, both sources, time) in the actual_revision table.

            All or nothing: if any row is rejected, or conflicts without --replace,
            nothing is written and the exit status is 1, with every problem listed by
            file, line and column. The rows are written in one transaction, so Ctrl-C or a
            crash mid-import leaves the database as it was.

            The database is --db FILE, else placeplan.sqlite in the plan folder: --plan
            DIR, else the bundled Data/england. Authority totals are not stored:
            `placeplan accuracy` adds up the areas' actuals when it scores.

            Examples:
              placeplan actuals import census-2020.csv --plan my-plan
              placeplan actuals import census-2020.csv --plan my-plan --db plans.sqlite
              placeplan actuals import census-2020-revised.csv --plan my-plan --replace
            """)

    @Argument(help: ArgumentHelp("CSV of actual rolls: year,area,year_group,pupils.", valueName: "file"))
    var file: String
    @Option(help: ArgumentHelp("The plan folder the actuals belong to (its ladder and areas; its database by default). "
                               + "Default: the bundled Data/england.", valueName: "dir"))
    var plan: String?
    @Flag(help: "Replace stored values that differ from the file's, recording each replacement.")
    var replace = false
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let folder = try PlanLocation.url(plan, bundled: "Data/england")
        let planned = try PlanLocation.load(plan, bundled: "Data/england")
        let contents = try userInput("\(file) cannot be imported; nothing was written.") {
            try ActualsFile.read(url: URL(fileURLWithPath: file), file: file, plan: planned)
        }
        if !contents.issues.isEmpty { throw CLIFailure(ImportSummary.rejection(contents, file: file)) }
        let store = try database.open(planFolder: { folder }, mode: .createIfMissing)
        let outcome = try storeCall {
            try store.importActuals(contents.rows, source: URL(fileURLWithPath: file).lastPathComponent, replace: replace) { count in
                printError("Writing \(ImportSummary.rows(count)) to \(store.path) in one transaction…")
            }
        }
        if !outcome.refused.isEmpty { throw CLIFailure(ImportSummary.refusal(outcome, contents: contents, file: file)) }
        say(ImportSummary.text(outcome, contents: contents, file: file, database: store.path), terminator: "")
    }
}
