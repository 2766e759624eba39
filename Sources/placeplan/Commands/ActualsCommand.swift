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
              placeplan actuals import my-plan census-2026.csv
            """,
        subcommands: [ActualsImportCommand.self])
}

struct ActualsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add actual rolls from a CSV file in the format of rolls.csv.",
        discussion: """
            The file has the columns of rolls.csv: year,area,year_group,pupils (others, \
            such as area_name, are ignored; rows with a non-empty `school` column are kept \
            as that school's counts). Any rows may come: a year at a time, or a few \
            corrections.

            Every row is checked against the plan (its ladder's year groups, its areas) \
            and the database: a row equal to the stored value is unchanged, so importing a \
            file twice changes nothing. A different value for a cell already stored is \
            refused unless --replace is given; replacements are recorded (old and new \
            value, both sources, time) in the actual_revision table.

            All or nothing: if any row is rejected, or conflicts without --replace, \
            nothing is written and the exit status is 1, with every problem listed by \
            file, line and column. The rows are written in one transaction, so Ctrl-C or a \
            crash mid-import leaves the database as it was.

            The plan folder comes first, as for every command: its ladder, areas and \
            schools check the rows (a place plan's plan.toml, areas.csv and schools.csv; \
            its rolls are not read), and the database is its placeplan.sqlite unless \
            --db FILE names another. (The older form, FILE --plan DIR, is still read.) Authority \
            totals are not stored: `placeplan accuracy` adds up the areas' actuals \
            when it scores.

            Examples:
              placeplan actuals import my-plan census-2020.csv
              placeplan actuals import my-plan census-2020.csv --db plans.sqlite
              placeplan actuals import my-plan census-2020-revised.csv --replace
            """)

    @Argument(help: ArgumentHelp("The plan folder, then the CSV of actual rolls (year,area,year_group,pupils).", valueName: "dir> <file"))
    var paths: [String] = []
    @Option(help: ArgumentHelp("The plan folder, in the older form FILE --plan DIR.", valueName: "dir"))
    var plan: String?

    func validate() throws {
        guard (paths.count == 2 && plan == nil) || (paths.count == 1 && plan != nil) else {
            throw ValidationError("Give the plan folder and the file: placeplan actuals import my-plan census.csv")
        }
    }

    /// The file, and the plan folder it belongs to.
    var file: String { paths.last! }
    var planFolder: String { plan ?? paths[0] }
    @Flag(help: "Replace stored values that differ from the file's, recording each replacement.")
    var replace = false
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let folder = URL(fileURLWithPath: planFolder)
        let reading = ActualsFile.reading(url: URL(fileURLWithPath: file), file: file)  // read as the plan loads
        let outline = try PlanLocation.loadOutline(folder)
        let contents = try userInput("\(file) cannot be imported; nothing was written.") { try reading.contents(outline: outline) }
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
