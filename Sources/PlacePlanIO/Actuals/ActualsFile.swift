import Foundation
import PlacePlanCore

/// A file of actual rolls (census counts) to add to the store: the same columns as `rolls.csv`
/// (`year,area,year_group,pupils`, other columns ignored). Unlike `rolls.csv` it need not be a
/// complete grid: any rows may come, a year at a time or a few corrections.
///
/// With a non-empty `school` column a row is a school's count (kept at school level under the
/// school's code); without one it is its area's.
public enum ActualsFile {
    public struct Contents: Equatable, Sendable {
        /// Data rows in the file (the header not counted).
        public let rowsRead: Int
        /// The rows that passed every check.
        public let rows: [ActualRoll]
        /// Every problem, with file, line and column; a row may have more than one.
        public let issues: [InputIssue]
        /// How many rows have at least one problem.
        public let rejectedRows: Int
        /// 1-based number of the `pupils` column, for messages about a row's value.
        public let pupilsColumn: Int?
    }

    /// Reads and checks `url`; `file` is the name shown in messages. Whole-file problems (cannot
    /// be read, not CSV, missing columns) are thrown; problems with single rows are returned,
    /// so that the caller can report them all and decide.
    /// - Parameters:
    ///   - ladder: year groups are checked against it and written as it spells them.
    ///   - areas: the plan's area codes; a row for any other area is refused (a typo would
    ///     otherwise become an actual nobody forecast). `nil` accepts any code.
    ///   - schools: the plan's school codes, for a place plan; a row for any other school is refused.
    public static func read(url: URL, file: String, ladder: Ladder, areas: Set<String>?, schools: Set<String>? = nil) throws -> Contents {
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file)
        return try read(table, ladder: ladder, areas: areas, schools: schools)
    }

    /// The same, from text in memory.
    /// Actuals for `plan`: its ladder's year groups, its areas.
    public static func read(url: URL, file: String, plan: Plan) throws -> Contents {
        try read(url: url, file: file, ladder: plan.history.ladder, areas: Set(plan.history.areas.map(\.area.code)),
                 schools: plan.places.map { Set($0.schools.schools.map(\.code)) })
    }

    public static func read(csv: String, file: String, ladder: Ladder, areas: Set<String>?) throws -> Contents {
        try read(CSVTable(bytes: Array(csv.utf8), file: file), ladder: ladder, areas: areas)
    }

    private struct Key: Hashable { let level: CellLevel; let code: String; let year: Int; let yearGroup: Int }

    static func read(_ table: CSVTable, ladder: Ladder, areas: Set<String>?, schools: Set<String>? = nil) throws -> Contents {
        let shape = table.checkShape(required: HistoryReader.rollsColumns,
                                     example: "year,area,year_group,pupils / 2020,E06000001,R,1153")
        if let first = shape.first, first.line == 1 { throw InputErrors([first]) }
        if table.rows.isEmpty {
            throw InputErrors([InputIssue(file: table.file, line: 1, message: "has a header but no rows",
                                          fix: "add one row per year, area and year group")])
        }
        var yearGroup = YearGroupLookup(ladder)
        let hasSchool = table.has("school")
        var issues = shape
        var badLines = Set(shape.compactMap(\.line))
        var firstLine: [Key: Int] = [:]
        firstLine.reserveCapacity(table.rows.count)
        var rows: [ActualRoll] = []
        rows.reserveCapacity(table.rows.count)
        for row in table.rows where !badLines.contains(row.line) {
            var rowIssues: [InputIssue] = []
            let year = table.academicYear(row, "year", in: HistoryReader.years,
                                     what: "the year (the academic year's first year: 2019 for 2019/20)")
            if case .failure(let issue) = year { rowIssues.append(issue) }
            let area = table.text(row, "area")
            let school = hasSchool ? table.text(row, "school") : ""
            // A school's row may have no area, as in rolls.csv: a special school is in none.
            if area.isEmpty && school.isEmpty {
                rowIssues.append(table.issue(row, "area", "the area is empty", fix: "give the planning area's code"))
            } else if !area.isEmpty, let areas, !areas.contains(area) {
                rowIssues.append(table.issue(row, "area", "area \(area) is not one of the plan's areas",
                                             fix: "check the code against the plan's rolls.csv (or use --plan to name the plan it belongs to)"))
            }
            if !school.isEmpty, let schools, !schools.contains(school) {
                rowIssues.append(table.issue(row, "school", "school \(school) is not in the plan's schools.csv",
                                             fix: "check the code against schools.csv (a new school needs its row there first)"))
            }
            let groupText = table.text(row, "year_group")
            let group = yearGroup(groupText)
            if group == nil {
                rowIssues.append(table.issue(row, "year_group", "'\(groupText)' is not a year group of the \(ladder.name) ladder",
                                             fix: "use one of \(ladder.yearGroups.map(\.name).joined(separator: ", "))"))
            }
            let count = table.count(row, "pupils", what: "the number of pupils", within: Bounds.pupils)
            if case .failure(let issue) = count { rowIssues.append(issue) }

            if rowIssues.isEmpty, case .success(let y) = year, let g = group, case .success(let n) = count {
                let key = Key(level: school.isEmpty ? .area : .school, code: school.isEmpty ? area : school, year: y, yearGroup: g)
                if let earlier = firstLine[key] {
                    rowIssues.append(table.issue(
                        row, "year_group",
                        "a second row for \(key.level == .school ? "school" : "area") \(key.code), \(y), \(ladder.yearGroups[g]) (the first is on line \(earlier))",
                        fix: "keep one row per year, \(key.level == .school ? "school" : "area") and year group: delete or correct one of the two"))
                } else {
                    firstLine[key] = row.line
                    rows.append(ActualRoll(level: key.level, code: key.code, year: y, yearGroup: ladder.yearGroups[g].name,
                                           pupils: n, line: row.line))
                }
            }
            if !rowIssues.isEmpty {
                issues += rowIssues
                badLines.insert(row.line)
            }
        }
        return Contents(rowsRead: table.rows.count, rows: rows, issues: issues, rejectedRows: badLines.count,
                        pupilsColumn: table.number("pupils"))
    }
}
