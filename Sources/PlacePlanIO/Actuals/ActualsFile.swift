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

    /// Actuals for `plan`: its ladder's year groups, its areas.
    public static func read(url: URL, file: String, plan: Plan) throws -> Contents {
        try reading(url: url, file: file).contents(plan: plan)
    }

    /// A file being read on a thread of its own, so that the plan it is checked against can be
    /// loaded meanwhile (a national census and a national plan take about as long each).
    public struct Reading: Sendable {
        fileprivate let table: Parallel.Background<CSVTable>

        /// The file's rows checked against `plan`: its ladder's year groups, its areas and schools.
        /// Whole-file problems (cannot be read, not CSV) are thrown here.
        public func contents(plan: Plan) throws -> Contents { try contents(outline: PlanOutline(plan)) }

        /// The file's rows checked against a plan's outline (`PlanFolder.loadOutline`).
        public func contents(outline: PlanOutline) throws -> Contents {
            try ActualsFile.read(table.value(), ladder: outline.ladder, areas: outline.areas, schools: outline.schools)
        }
    }

    /// Starts reading `url` (`file` is the name shown in messages).
    public static func reading(url: URL, file: String) -> Reading {
        Reading(table: Parallel.Background { try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file) })
    }

    /// The same, from text in memory.
    public static func read(csv: String, file: String, ladder: Ladder, areas: Set<String>?) throws -> Contents {
        try read(CSVTable(bytes: Array(csv.utf8), file: file), ladder: ladder, areas: areas)
    }

    /// - Parameter parts: how many parts the rows are checked in (by default one per core for a
    ///   file of 100,000 rows or more); the outcome is the same whatever it is.
    static func read(_ table: CSVTable, ladder: Ladder, areas: Set<String>?, schools: Set<String>? = nil, parts: Int? = nil) throws -> Contents {
        let shape = table.checkShape(required: HistoryReader.rollsColumns,
                                     example: "year,area,year_group,pupils / 2020,E06000001,R,1153")
        if let first = shape.first, first.line == 1 { throw InputErrors([first]) }
        if table.rows.isEmpty {
            throw InputErrors([InputIssue(file: table.file, line: 1, message: "has a header but no rows",
                                          fix: "add one row per year, area and year group")])
        }
        // The rows are checked in parts, one per core (a national census is millions of rows),
        // then put together in the file's order, where a cell given twice is found.
        let shapeLines = Set(shape.compactMap(\.line))
        let parts = max(1, min(parts ?? (table.rows.count >= 100_000 ? Parallel.threads : 1), table.rows.count))
        // Each part writes the rows that pass straight into one array, from its first row's
        // place on; the parts' rows are then moved down to follow one another. A census's
        // millions of rows are made once, never copied from part to whole.
        var checked: [RowChecks] = []
        let passed = [ActualRoll](unsafeUninitializedCapacity: table.rows.count) { buffer, count in
            let slots = Parallel.DisjointWrites(buffer)
            checked = Parallel.map(parts, infallible: { part in
                RowChecks(table, rows: part * table.rows.count / parts ..< (part + 1) * table.rows.count / parts, skipping: shapeLines,
                          ladder: ladder, areas: areas, schools: schools, into: slots)
            })
            count = 0
            for (part, rows) in checked.enumerated() {
                let start = part * table.rows.count / parts
                if start != count { (buffer.baseAddress! + count).moveInitialize(from: buffer.baseAddress! + start, count: rows.kept) }
                count += rows.kept
            }
        }
        let checkIssues = checked.flatMap(\.issues), checkRejected = checked.reduce(0) { $0 + $1.rejectedRows }
        let cells = CellRepeats(checked, rows: passed, table: table, ladder: ladder)
        // Issues in the file's order, a row's own in the order they were found (a stable sort).
        var rowIssues = checkIssues + cells.issues
        if !cells.issues.isEmpty {
            rowIssues = rowIssues.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        }
        let rejected = shapeLines.count + checkRejected + cells.issues.count
        return Contents(rowsRead: table.rows.count, rows: cells.rows, issues: shape + rowIssues, rejectedRows: rejected,
                        pupilsColumn: table.number("pupils"), years: cells.years, areaCount: cells.areaCount,
                        schoolCount: cells.schoolCount)
    }
}

/// One part of a file's rows checked on its own: each row's year, area or school, year group
/// and count, against the plan. The rows that pass are written to the shared array from the
/// part's first row's place on, and keep their code's number in the part (`CodeNumbers`) for
/// `CellRepeats`.
private struct RowChecks: Sendable {
    /// How many rows passed.
    var kept = 0
    /// Each passed row's code, numbered within the part, and the codes by number.
    var codeNumbers: [UInt32] = []
    var codes: [[String]] = [[], []]
    var issues: [InputIssue] = []
    var rejectedRows = 0

    /// - Parameter passed: the whole file's array of rows, not yet holding any: this part's go
    ///   from `range.lowerBound` on.
    init(_ table: CSVTable, rows range: Range<Int>, skipping shapeLines: Set<Int>, ladder: Ladder, areas: Set<String>?, schools: Set<String>?,
         into passed: Parallel.DisjointWrites<ActualRoll>) {
        var yearGroup = YearGroupLookup(ladder)
        let hasSchool = table.has("school")
        var numbers = CodeNumbers(areas: areas, schools: schools)
        var lastArea: (code: String, known: Bool) = ("", true)
        codeNumbers.reserveCapacity(range.count)
        // Each column found once (a census has millions of rows).
        let yearColumn = table.column("year"), areaColumn = table.column("area"), schoolColumn = table.column("school")
        let groupColumn = table.column("year_group"), pupilsColumn = table.column("pupils")
        for row in table.rows[range] where shapeLines.isEmpty || !shapeLines.contains(row.line) {
            var rowIssues: [InputIssue] = []
            let year = table.academicYear(row, yearColumn, in: HistoryReader.years,
                                     what: "the year (the academic year's first year: 2019 for 2019/20)")
            if case .failure(let issue) = year { rowIssues.append(issue) }
            let area = table.text(row, areaColumn)
            let school = hasSchool ? table.text(row, schoolColumn) : ""
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
            let number = code.isEmpty ? nil : numbers.number(code, level: level)
            if !school.isEmpty, let number, !number.known {
                rowIssues.append(table.issue(row, "school", "school \(school) is not in the plan's schools.csv",
                                             fix: "check the code against schools.csv (a new school needs its row there first)"))
            }
            let groupText = table.text(row, groupColumn)
            let group = yearGroup(groupText)
            if group == nil {
                rowIssues.append(table.issue(row, "year_group", "'\(groupText)' is not a year group of the \(ladder.name) ladder",
                                             fix: "use one of \(ladder.yearGroups.map(\.name).joined(separator: ", "))"))
            }
            let count = table.count(row, pupilsColumn, what: "the number of pupils", within: Bounds.pupils)
            if case .failure(let issue) = count { rowIssues.append(issue) }

            if rowIssues.isEmpty, case .success(let y) = year, let g = group, case .success(let n) = count, let number {
                passed.initialize(range.lowerBound + kept,
                                  to: ActualRoll(level: level, code: code, year: y, yearGroup: ladder.yearGroups[g].name, pupils: n, line: row.line))
                kept += 1
                codeNumbers.append(number.id)
            } else {
                issues += rowIssues
                rejectedRows += 1
            }
        }
        codes = numbers.codes
    }
}

/// The checked parts put together in the file's order: a cell (level, code, year, year group)
/// given a second time is refused, naming the line of the first. Cells are numbered (codes
/// across the parts, then years and year groups) and marked in a bit set, not kept in a table
/// of strings: a census has millions.
private struct CellRepeats {
    var rows: [ActualRoll] = []
    var issues: [InputIssue] = []
    var years: [Int] = []
    var areaCount = 0, schoolCount = 0

    /// `passed` holds the parts' rows one after another.
    init(_ parts: [RowChecks], rows passed: [ActualRoll], table: CSVTable, ladder: Ladder) {
        // Each part's code numbers as numbers across the file, level by level.
        var global: [[String: UInt32]] = [[:], [:]]
        let partCodes = parts.map { part in
            (0..<2).map { level in part.codes[level].map { global[level].number($0) } }
        }
        // Where each part's rows start in `passed`.
        let starts = parts.indices.map { p in parts[..<p].reduce(0) { $0 + $1.kept } }
        let yearList = passed.distinctYears
        let firstYear = yearList.first ?? 0
        var yearIndex = [Int](repeating: -1, count: (yearList.last ?? 0) - firstYear + 1)
        for (i, year) in yearList.enumerated() { yearIndex[year - firstYear] = i }
        let groupIndex = Dictionary(ladder.yearGroups.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = max(1, ladder.yearGroups.count)
        let areaCodes = global[0].count, schoolCodes = global[1].count
        let cellCount = (areaCodes + schoolCodes) * yearList.count * groups
        // Each row's cell (code, year, year group) as one number, worked out part by part on
        // every core; then one pass in the file's order marks them.
        let numbering = CellNumbering(yearList: yearList, firstYear: firstYear, yearIndex: yearIndex, groupIndex: groupIndex,
                                      groups: groups, areaCodes: areaCodes)
        let cells = Parallel.map(parts.count, infallible: { p in
            // A file lists a year group's rows one after another: its name is looked up once.
            var lastGroup: (name: String, index: Int) = ("", 0)
            return (0..<parts[p].kept).map { i in
                let row = passed[starts[p] + i], level = row.level == .school ? 1 : 0
                if row.yearGroup != lastGroup.name { lastGroup = (row.yearGroup, numbering.groupIndex[row.yearGroup]!) }
                return numbering.cell(row, code: Int(partCodes[p][level][Int(parts[p].codeNumbers[i])]), level: level, group: lastGroup.index)
            }
        }).flatMap { $0 }
        var seen = [UInt64](repeating: 0, count: (cellCount + 63) / 64)
        var seenCode = [Bool](repeating: false, count: areaCodes + schoolCodes)
        var seenYear = [Bool](repeating: false, count: yearList.count)
        var firstLine: [Int: Int]?   // made only when a cell is given twice
        var repeated: [Int] = []
        for (i, c) in cells.enumerated() {
            if seen[c >> 6] & (1 << UInt64(c & 63)) != 0 {
                let row = passed[i]
                if firstLine == nil {
                    // Every cell's first line, once, from the rows kept so far (in file order).
                    var lines: [Int: Int] = [:]
                    for j in 0..<i where lines[cells[j]] == nil { lines[cells[j]] = passed[j].line }
                    firstLine = lines
                }
                let what = row.level == .school ? "school" : "area"
                issues.append(table.issue(
                    line: row.line ?? 0, "year_group",
                    "a second row for \(what) \(row.code), \(row.year), \(row.yearGroup) (the first is on line \(firstLine?[c] ?? 0))",
                    fix: "keep one row per year, \(what) and year group: delete or correct one of the two"))
                repeated.append(i)
                continue
            }
            seen[c >> 6] |= 1 << UInt64(c & 63)
            if firstLine != nil, firstLine![c] == nil { firstLine![c] = passed[i].line }
            seenCode[numbering.code(of: c)] = true
            seenYear[numbering.year(of: c)] = true
        }
        // Nearly always every row is kept, and the array is taken as it is.
        if repeated.isEmpty { rows = passed } else {
            let dropped = Set(repeated)
            rows = passed.indices.filter { !dropped.contains($0) }.map { passed[$0] }
        }
        years = yearList.indices.filter { seenYear[$0] }.map { yearList[$0] }
        areaCount = seenCode[..<areaCodes].filter { $0 }.count
        schoolCount = seenCode[areaCodes...].filter { $0 }.count
    }
}

/// A cell of an actuals file (level and code, year, year group) as one number, and back.
private struct CellNumbering: Sendable {
    let yearList: [Int], firstYear: Int, yearIndex: [Int], groupIndex: [String: Int], groups: Int, areaCodes: Int

    /// `code` is the row's code numbered across the file within its level (0 areas, 1 schools);
    /// `group` its year group's place on the ladder.
    func cell(_ row: ActualRoll, code: Int, level: Int, group: Int) -> Int {
        ((code + (level == 1 ? areaCodes : 0)) * yearList.count + yearIndex[row.year - firstYear]) * groups + group
    }

    func code(of cell: Int) -> Int { cell / groups / yearList.count }
    func year(of cell: Int) -> Int { cell / groups % yearList.count }
}

/// Area and school codes numbered as they are first met, each checked against the plan's
/// codes once (not once a row).
private struct CodeNumbers {
    let areas: Set<String>?, schools: Set<String>?
    private var numbers: [[String: (id: UInt32, known: Bool)]] = [[:], [:]]
    /// By level (areas, schools): the codes in the order they were numbered.
    private(set) var codes: [[String]] = [[], []]
    /// By level and number: whether the plan has the code.
    private var knownCodes: [[Bool]] = [[], []]
    private var last: (code: String, level: CellLevel, number: (id: UInt32, known: Bool))?

    init(areas: Set<String>?, schools: Set<String>?) {
        self.areas = areas
        self.schools = schools
    }

    mutating func number(_ code: String, level: CellLevel) -> (id: UInt32, known: Bool) {
        if let last, last.level == level, last.code == code { return last.number }
        let l = level == .school ? 1 : 0
        let number: (id: UInt32, known: Bool)
        // A census lists each year group's schools in the same order: the code after the last
        // one is usually the next one numbered, found without hashing it.
        if let last, last.level == level, Int(last.number.id) + 1 < codes[l].count, codes[l][Int(last.number.id) + 1] == code {
            number = (last.number.id + 1, knownCodes[l][Int(last.number.id) + 1])
        } else if let found = numbers[l][code] { number = found } else {
            let known = (level == .school ? schools : areas)?.contains(code) ?? true
            number = (UInt32(codes[l].count), known)
            numbers[l][code] = number
            codes[l].append(code)
            knownCodes[l].append(known)
        }
        last = (code, level, number)
        return number
    }
}
