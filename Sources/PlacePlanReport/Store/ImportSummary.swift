import PlacePlanCore
import PlacePlanIO
import PlacePlanStore

/// What `placeplan actuals import` prints, or refuses with.
public enum ImportSummary {
    /// Rows the file could not give: every one, located.
    public static func rejection(_ contents: ActualsFile.Contents, file: String) -> String {
        "\(file): \(Format.number(Double(contents.rejectedRows))) of \(rows(contents.rowsRead)) rejected; nothing was written.\n"
            + InputErrors(contents.issues).description
    }

    /// Rows that differ from what the database holds, without `--replace`: every one, located.
    public static func refusal(_ outcome: PlanStore.ImportOutcome, contents: ActualsFile.Contents, file: String) -> String {
        let issues = outcome.refused.map { conflict -> InputIssue in
            let row = conflict.row
            let what = (row.level == .school ? "school " : "") + "\(row.code), \(Format.academicYear(row.year)), \(row.yearGroup)"
            return InputIssue(
                file: file, line: row.line, column: contents.pupilsColumn, columnName: "pupils",
                message: "\(what): the database holds \(count(conflict.existing.pupils)) (from \(conflict.existing.source), "
                    + "imported \(conflict.existing.importedAt)) but this row says \(count(row.pupils))",
                fix: "if this file revises the figures, import it with --replace (the old values are kept); otherwise correct the row")
        }
        return "\(file): \(rows(outcome.refused.count)) \(outcome.refused.count == 1 ? "differs" : "differ") from the actuals already stored; "
            + "nothing was written (rows read \(Format.number(Double(contents.rowsRead))): \(Format.number(Double(outcome.added))) new, "
            + "\(Format.number(Double(outcome.unchanged))) unchanged, \(Format.number(Double(outcome.refused.count))) conflicting).\n"
            + InputErrors(issues).description
    }

    /// What was imported: counts, years, areas and schools, and every replacement.
    public static func text(_ outcome: PlanStore.ImportOutcome, contents: ActualsFile.Contents, file: String, database: String) -> String {
        var out = (outcome.written ? "Imported \(file) into \(database)" : "Nothing new in \(file): the database \(database) is unchanged") + "\n"
        var table = TextTable(header: ["rows", "count"])
        for (name, value) in [("read", contents.rowsRead), ("added", outcome.added), ("unchanged", outcome.unchanged),
                              ("replaced", outcome.replaced.count), ("rejected", contents.rejectedRows)] {
            table.add([name, Format.number(Double(value))])
        }
        out += table.render()
        let (years, areas, schools) = (contents.years, contents.areaCount, contents.schoolCount)
        let yearText = years.count > 2 && years.last! - years.first! + 1 == years.count
            ? "\(Format.academicYear(years.first!))–\(Format.academicYear(years.last!)) (\(years.count) years)"
            : years.map(Format.academicYear).joined(separator: ", ")
        out += "Years \(yearText); \(areas) areas" + (schools > 0 ? ", \(schools) schools" : "") + "\n"
        if !outcome.replaced.isEmpty {
            out += "Replaced (old values kept in actual_revision):\n"
            for conflict in outcome.replaced.prefix(InputErrors.reportLimit) {
                let row = conflict.row
                out += "- \(row.code), \(Format.academicYear(row.year)), \(row.yearGroup): \(count(conflict.existing.pupils)) "
                    + "(\(conflict.existing.source)) → \(count(row.pupils))\n"
            }
            if outcome.replaced.count > InputErrors.reportLimit {
                out += "… and \(outcome.replaced.count - InputErrors.reportLimit) more\n"
            }
        }
        return out
    }

    /// "1 row", "2,114 rows".
    public static func rows(_ n: Int) -> String { "\(Format.number(Double(n))) row\(n == 1 ? "" : "s")" }

    /// A count of pupils: whole numbers as such, fractions to one decimal.
    static func count(_ value: Double) -> String {
        Format.number(value, decimals: value == value.rounded() ? 0 : 1)
    }
}
