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
        /// The years of the rows that passed, in order, and how many areas and schools they are for.
        public let years: [Int]
        public let areaCount: Int
        public let schoolCount: Int
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
        // A cell (level, code, year, year group) as one integer, codes numbered as first met:
        // a census file of millions of rows is checked for repeated cells without string keys.
        var codes = CodeNumbers(areas: areas, schools: schools)
        var firstLine: [UInt64: Int32] = [:]
        firstLine.reserveCapacity(table.rows.count)
        var rows: [ActualRoll] = []
        rows.reserveCapacity(table.rows.count)
        var lastArea: (code: String, known: Bool) = ("", true)
        var yearsSeen: Set<Int> = [], areasSeen: Set<UInt32> = [], schoolsSeen: Set<UInt32> = []
        for row in table.rows where badLines.isEmpty || !badLines.contains(row.line) {
            var rowIssues: [InputIssue] = []
            let year = table.academicYear(row, "year", in: HistoryReader.years,
                                     what: "the year (the academic year's first year: 2019 for 2019/20)")
            if case .failure(let issue) = year { rowIssues.append(issue) }
            let area = table.text(row, "area")
            let school = hasSchool ? table.text(row, "school") : ""
            if area != lastArea.code { lastArea = (area, areas?.contains(area) ?? true) }
            // A school's row may have no area, as in rolls.csv: a special school is in none.
            if area.isEmpty && school.isEmpty {
                rowIssues.append(table.issue(row, "area", "the area is empty", fix: "give the planning area's code"))
            } else if !area.isEmpty, !lastArea.known {
                rowIssues.append(table.issue(row, "area", "area \(area) is not one of the plan's areas",
                                             fix: "check the code against the plan's rolls.csv (or use --plan to name the plan it belongs to)"))
            }
            let level: CellLevel = school.isEmpty ? .area : .school
            let code = school.isEmpty ? area : school
            let number = code.isEmpty ? nil : codes.number(code, level: level)
            if !school.isEmpty, let number, !number.known {
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

            if rowIssues.isEmpty, case .success(let y) = year, let g = group, case .success(let n) = count, let number {
                let cell = UInt64(level == .school ? 1 : 0) << 63 | UInt64(number.id) << 24 | UInt64(y & 0xFFFF) << 8 | UInt64(g & 0xFF)
                if let earlier = firstLine[cell] {
                    rowIssues.append(table.issue(
                        row, "year_group",
                        "a second row for \(level == .school ? "school" : "area") \(code), \(y), \(ladder.yearGroups[g]) (the first is on line \(earlier))",
                        fix: "keep one row per year, \(level == .school ? "school" : "area") and year group: delete or correct one of the two"))
                } else {
                    firstLine[cell] = Int32(row.line)
                    yearsSeen.insert(y)
                    if level == .school { schoolsSeen.insert(number.id) } else { areasSeen.insert(number.id) }
                    rows.append(ActualRoll(level: level, code: code, year: y, yearGroup: ladder.yearGroups[g].name,
                                           pupils: n, line: row.line))
                }
            }
            if !rowIssues.isEmpty {
                issues += rowIssues
                badLines.insert(row.line)
            }
        }
        return Contents(rowsRead: table.rows.count, rows: rows, issues: issues, rejectedRows: badLines.count,
                        pupilsColumn: table.number("pupils"), years: yearsSeen.sorted(), areaCount: areasSeen.count,
                        schoolCount: schoolsSeen.count)
    }
}

/// Area and school codes numbered as they are first met, each checked against the plan's
/// codes once (not once a row).
private struct CodeNumbers {
    let areas: Set<String>?, schools: Set<String>?
    private var numbers: [CellLevel: [String: (id: UInt32, known: Bool)]] = [:]
    private var last: (code: String, level: CellLevel, number: (id: UInt32, known: Bool))?

    init(areas: Set<String>?, schools: Set<String>?) {
        self.areas = areas
        self.schools = schools
    }

    mutating func number(_ code: String, level: CellLevel) -> (id: UInt32, known: Bool) {
        if let last, last.level == level, last.code == code { return last.number }
        let number: (id: UInt32, known: Bool)
        if let found = numbers[level]?[code] { number = found } else {
            let known = (level == .school ? schools : areas)?.contains(code) ?? true
            number = (UInt32(numbers[level]?.count ?? 0), known)
            numbers[level, default: [:]][code] = number
        }
        last = (code, level, number)
        return number
    }
}

