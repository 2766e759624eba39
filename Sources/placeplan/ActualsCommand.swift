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
              placeplan actuals import census-2020.csv --plan Data/england
              placeplan actuals import census-2020-revised.csv --plan my-plan --replace
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
        let folder = try plan.map { URL(fileURLWithPath: $0) } ?? PlanLocation.bundled()
        let planned: Plan
        do { planned = try PlanFolder.load(folder) } catch let errors as InputErrors {
            throw CLIFailure("the plan folder has problems; nothing was written.\n" + errors.description)
        }
        let contents: ActualsFile.Contents
        do {
            contents = try ActualsFile.read(url: URL(fileURLWithPath: file), file: file, ladder: planned.history.ladder,
                                            areas: Set(planned.history.areas.map(\.area.code)))
        } catch let errors as InputErrors {
            throw CLIFailure("\(file) cannot be imported; nothing was written.\n" + errors.description)
        }
        if !contents.issues.isEmpty {
            throw CLIFailure("\(file): \(Format.number(Double(contents.rejectedRows))) of \(rows(contents.rowsRead)) "
                + "rejected; nothing was written.\n" + InputErrors(contents.issues).description)
        }

        let store = try database.open(planFolder: { folder }, mode: .createIfMissing)
        let source = URL(fileURLWithPath: file).lastPathComponent
        let outcome = try storeCall {
            try store.importActuals(contents.rows, source: source, replace: replace) { count in
                printError("Writing \(rows(count)) to \(store.path) in one transaction…")
            }
        }
        if !outcome.refused.isEmpty {
            let issues = outcome.refused.map { conflict -> InputIssue in
                let row = conflict.row
                let what = (row.level == .school ? "school " : "") + "\(row.code), \(Format.academicYear(row.year)), \(row.yearGroup)"
                return InputIssue(
                    file: file, line: row.line, column: contents.pupilsColumn, columnName: "pupils",
                    message: "\(what): the database holds \(Self.count(conflict.existing.pupils)) (from \(conflict.existing.source), "
                        + "imported \(conflict.existing.importedAt)) but this row says \(Self.count(row.pupils))",
                    fix: "if this file revises the figures, import it with --replace (the old values are kept); otherwise correct the row")
            }
            throw CLIFailure("\(file): \(rows(outcome.refused.count)) \(outcome.refused.count == 1 ? "differs" : "differ") from the actuals already stored; "
                + "nothing was written (rows read \(Format.number(Double(contents.rowsRead))): \(Format.number(Double(outcome.added))) new, "
                + "\(Format.number(Double(outcome.unchanged))) unchanged, \(Format.number(Double(outcome.refused.count))) conflicting).\n"
                + InputErrors(issues).description)
        }

        print(outcome.written ? "Imported \(file) into \(store.path)" : "Nothing new in \(file): the database \(store.path) is unchanged")
        var table = TextTable(header: ["rows", "count"])
        for (name, value) in [("read", contents.rowsRead), ("added", outcome.added), ("unchanged", outcome.unchanged),
                              ("replaced", outcome.replaced.count), ("rejected", contents.rejectedRows)] {
            table.add([name, Format.number(Double(value))])
        }
        print(table.render(), terminator: "")
        let years = Array(Set(contents.rows.map(\.year))).sorted()
        let areas = Set(contents.rows.filter { $0.level == .area }.map(\.code)).count
        let schools = Set(contents.rows.filter { $0.level == .school }.map(\.code)).count
        let yearText = years.count > 2 && years.last! - years.first! + 1 == years.count
            ? "\(Format.academicYear(years.first!))–\(Format.academicYear(years.last!)) (\(years.count) years)"
            : years.map(Format.academicYear).joined(separator: ", ")
        print("Years \(yearText); \(areas) areas"
              + (schools > 0 ? ", \(schools) schools" : ""))
        if !outcome.replaced.isEmpty {
            print("Replaced (old values kept in actual_revision):")
            for conflict in outcome.replaced.prefix(InputErrors.reportLimit) {
                let row = conflict.row
                print("- \(row.code), \(Format.academicYear(row.year)), \(row.yearGroup): \(Self.count(conflict.existing.pupils)) "
                      + "(\(conflict.existing.source)) → \(Self.count(row.pupils))")
            }
            if outcome.replaced.count > InputErrors.reportLimit {
                print("… and \(outcome.replaced.count - InputErrors.reportLimit) more")
            }
        }
    }

    /// "1 row", "2,114 rows".
    func rows(_ n: Int) -> String { "\(Format.number(Double(n))) row\(n == 1 ? "" : "s")" }

    /// A count of pupils: whole numbers as such, fractions to one decimal.
    static func count(_ value: Double) -> String {
        Format.number(value, decimals: value == value.rounded() ? 0 : 1)
    }
}
