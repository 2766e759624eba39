import PlacePlanCore

/// Reads `rolls.csv` keyed by school (it has a `school` column) into a validated `SchoolHistory`.
///
/// One row per year, school and year group. The `area` column may be left out or empty: a
/// school's area is in `schools.csv`, its primary area for primary year groups and its secondary
/// area for the rest. When an area is given it must be that one. A year group with no row is 0
/// (census extracts list only the year groups a school has pupils in), but every school must
/// have rows in every census year it is open, so that a school missing from a year is never
/// taken for a school with no pupils.
enum SchoolRollsReader {
    static let columns = ["year", "school", "year_group", "pupils"]

    /// - Parameter partCount: how many parts the rows are checked in (by default one per core for
    ///   100,000 rows or more); the history and the issues are the same whatever it is.
    static func read(rolls: CSVTable, births: CSVTable?, schools reader: SchoolsReader, ladder: Ladder,
                     basis: BirthsBasis, schoolsFile: String, parts partCount: Int? = nil) throws -> SchoolHistory {
        let layout = reader.layout
        var log = IssueLog()
        // Problems in schools.csv come first; the rolls are still checked, so that all are
        // reported in one pass.
        log.add(contentsOf: reader.log.issues)
        var shape = rolls.checkShape(required: columns, example: "year,school,area,year_group,pupils / 2024,NG01,P01,R,58")
        if let births {
            shape += births.checkShape(required: BirthsReader.columns, example: "year,area,births / 2020,P01,331")
        }
        log.add(contentsOf: shape)
        if !shape.isEmpty { try log.throwIfAny() }

        // Schools and year groups as small integers, so that the rows are gathered in flat
        // arrays rather than dictionaries keyed by strings (a national plan has millions). The
        // rows are checked in parts, one per core, and put together in the file's order: the
        // same rows and the same issues, in the same order, as one pass.
        var position: [String: Int] = [:]
        for (i, school) in reader.schools.enumerated() where position[school.code] == nil { position[school.code] = i }
        let parts = max(1, min(partCount ?? (rolls.rows.count >= 100_000 ? Parallel.threads : 1), rolls.rows.count))
        let checked = Parallel.map(parts, infallible: { [position] part in
            RollRows(rolls, rows: part * rolls.rows.count / parts ..< (part + 1) * rolls.rows.count / parts,
                     schools: reader, position: position, ladder: ladder, schoolsFile: schoolsFile)
        })
        for part in checked { log.add(contentsOf: part.issues) }
        let accepted = AcceptedRows(joining: checked.map(\.accepted))
        guard let first = accepted.firstYear, let last = accepted.lastYear else {
            throw InputErrors(log.issues + [InputIssue(file: rolls.file, line: 1, message: "has a header but no rows",
                                                       fix: "add one row per year, school and year group")])
        }

        // One cell per school, year and year group, the first row for it kept.
        let span = last - first + 1, groups = ladder.count
        var pupils = [Double](repeating: 0, count: reader.schools.count * span * groups)
        var firstLine = [Int32](repeating: 0, count: pupils.count)
        var hasYear = [Bool](repeating: false, count: reader.schools.count * span)
        for i in accepted.schools.indices {
            let s = Int(accepted.schools[i]), t = Int(accepted.years[i]) - first, g = Int(accepted.yearGroups[i])
            let cell = (s * span + t) * groups + g
            if firstLine[cell] != 0 {
                let code = reader.schools[s].code
                log.add(InputIssue(file: rolls.file, line: Int(accepted.lines[i]), column: rolls.number("year_group"), columnName: "year_group",
                                   message: "a second row for \(code), \(t + first), \(ladder.yearGroups[g]) (the first is on line \(firstLine[cell]))",
                                   fix: "keep one row per year, school and year group: delete or correct one of the two"))
                continue
            }
            firstLine[cell] = accepted.lines[i]
            pupils[cell] = accepted.pupils[i]
            hasYear[s * span + t] = true
        }

        // Every school has rows in every census year it is open.
        var schoolRolls: [String: SchoolRolls] = [:]
        for (s, school) in reader.schools.enumerated() {
            let open = (first...last).filter { school.isOpen(in: $0) }
            let missing = open.filter { !hasYear[s * span + $0 - first] }
            if !missing.isEmpty {
                log.add(InputIssue(file: rolls.file, column: rolls.number("school"), columnName: "school",
                                   message: "school \(school.code) is open in \(HistoryReader.describe(missing)) "
                                    + "(\(schoolsFile), line \(reader.lines[school.code] ?? 0)) but has no rolls then",
                                   fix: "add its rows, or give the year it opened or closed in \(schoolsFile)"))
                continue
            }
            guard let start = open.first, let end = open.last else { continue }
            let grid = (start...end).map { year in
                let at = (s * span + year - first) * groups
                return Array(pupils[at..<(at + groups)])
            }
            schoolRolls[school.code] = SchoolRolls(school: school.code, firstYear: start, pupils: grid)
        }

        // Births by primary planning area.
        let geography = reader.geography
        var birthsByArea: [String: BirthSeries]? = nil
        if let births {
            let read = BirthsReader.rows(births, log: &log)
            let series = read.values
            let primary = Set(geography.primaryAreas.map(\.code))
            for code in series.keys.sorted() where !primary.contains(code) {
                let kind = geography.secondaryAreas.contains { $0.code == code } ? "a secondary planning area" : "not a planning area of the plan"
                log.add(InputIssue(file: births.file, line: series[code]!.values.map(\.line).min(), column: births.number("area"),
                                   columnName: "area", message: "area \(code) has births but is \(kind)",
                                   fix: "births are given for primary planning areas (their Reception is fed by them); correct the code"))
            }
            for area in geography.primaryAreas where series[area.code] == nil {
                log.add(InputIssue(file: births.file, column: births.number("area"), columnName: "area",
                                   message: "primary planning area \(area.code) has no births",
                                   fix: "add its births, or remove births.csv to project every Reception from its own trend"))
            }
            BirthsReader.checkGaps(series, births, log: &log)
            birthsByArea = Dictionary(uniqueKeysWithValues: primary.compactMap { code in read.series(code).map { (code, $0) } })
        }
        try log.throwIfAny()
        return SchoolHistory(ladder: ladder, layout: layout, birthsBasis: basis, geography: geography, schools: reader.schools,
                             rolls: schoolRolls, births: birthsByArea, firstYear: first, lastYear: last)
    }

    fileprivate static func whole(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    /// One part of the rolls' rows checked on its own: each row's year, school, year group and
    /// count, against schools.csv and the ladder.
    private struct RollRows: Sendable {
        var accepted = AcceptedRows()
        var issues: [InputIssue] = []

        init(_ rolls: CSVTable, rows range: Range<Int>, schools: SchoolsReader, position: [String: Int], ladder: Ladder,
             schoolsFile: String) {
            let layout = schools.layout
            var yearGroup = YearGroupLookup(ladder)
            let hasArea = rolls.has("area")
            // Each column found once (a national file has millions of rows).
            let yearColumn = rolls.column("year"), schoolColumn = rolls.column("school"), groupColumn = rolls.column("year_group")
            let pupilsColumn = rolls.column("pupils"), areaColumn = rolls.column("area")
            var lastCode = "", lastSchool: Int? = nil
            accepted.reserve(range.count)
            for row in rolls.rows[range] {
                let year = rolls.academicYear(row, yearColumn, in: HistoryReader.years, what: "the year (the academic year's first year: 2024 for 2024/25)")
                let code = rolls.text(row, schoolColumn)
                let groupText = rolls.text(row, groupColumn)
                let count = rolls.count(row, pupilsColumn, what: "the number of pupils", within: Bounds.pupils)
                if case .failure(let issue) = year { issues.append(issue) }
                if case .failure(let issue) = count { issues.append(issue) }
                let group = yearGroup(groupText)
                if group == nil {
                    issues.append(rolls.issue(row, "year_group", "'\(groupText)' is not a year group of the \(ladder.name) ladder",
                                              fix: "use one of \(ladder.yearGroups.map(\.name).joined(separator: ", ")), or change the ladder in plan.toml"))
                }
                // Rows come school by school (the last one found is usually the one), or a year
                // group's schools in schools.csv's order (then it is the next one); else look it up.
                if code != lastCode {
                    lastCode = code
                    if let s = lastSchool, s + 1 < schools.schools.count, schools.schools[s + 1].code == code {
                        lastSchool = s + 1
                    } else {
                        lastSchool = position[code]
                    }
                }
                guard let s = lastSchool else {
                    if schools.refused.contains(code) { continue }
                    issues.append(rolls.issue(row, "school", code.isEmpty ? "the school is empty" : "school \(code) is not in \(schoolsFile)",
                                              fix: "add the school to \(schoolsFile), or correct its code"))
                    continue
                }
                guard case .success(let y) = year, let g = group, case .success(let n) = count else { continue }
                accepted.seen(y)
                let school = schools.schools[s]
                func where_() -> String { "\(schoolsFile), line \(schools.lines[code] ?? 0)" }

                // Open, and teaching this year group? A zero row is harmless either way.
                if !school.isOpen(in: y) {
                    if n > 0 {
                        let message = school.closed.map { y >= $0 } == true
                            ? "school \(code) closed in \(school.closed!) (\(where_())) but has \(whole(n)) pupils here in \(y)"
                            : "school \(code) opens in \(school.opened!) (\(where_())) but has \(whole(n)) pupils here in \(y)"
                        issues.append(rolls.issue(row, "pupils", message,
                                                  fix: "correct the school's opened/closed year in \(schoolsFile), or record these pupils at the school they attend"))
                    }
                    continue
                }
                if !school.teaches(g, layout: layout) {
                    if n > 0 {
                        let reason = layout.sixthForm?.contains(g) == true && (school.phase == .secondary || school.phase == .allThrough)
                            ? (schools.capacityGiven ? "has no sixth-form capacity in \(schoolsFile) (\(where_()))"
                                : "has no sixth form in \(schoolsFile) (\(where_()))")
                            : "is \(school.phase.withArticle) school"
                        issues.append(rolls.issue(row, "year_group", "school \(code) \(reason) but has \(whole(n)) pupils in \(ladder.yearGroups[g])",
                                                  fix: reason.hasPrefix("has no sixth")
                                                      ? (schools.capacityGiven ? "give its sixth_form_capacity in \(schoolsFile)" : "write yes in its sixth_form column in \(schoolsFile)")
                                                      : "correct the year group or the school's phase in \(schoolsFile)"))
                    }
                    continue
                }
                if hasArea {
                    let given = rolls.text(row, areaColumn)
                    let expected = school.area(for: g, layout: layout)
                    if !given.isEmpty, given != expected, school.phase != .special || ![school.primaryArea, school.secondaryArea].contains(given) {
                        let kind = layout.areaKind(of: g).rawValue
                        issues.append(rolls.issue(row, "area", expected.map { "school \(code) is in \(kind) planning area \($0) (\(where_())), but this row says \(given)" }
                                                      ?? "school \(code) is a special school in no planning area, but this row says \(given)",
                                                  fix: "a school is in one area for each phase: correct this row's area, or leave the column empty"))
                        continue
                    }
                }
                accepted.append(school: s, year: y, yearGroup: g, pupils: n, line: row.line)
            }
        }

        private func whole(_ x: Double) -> String { SchoolRollsReader.whole(x) }
    }

    /// The rows that passed every check, in file order, as parallel arrays.
    private struct AcceptedRows {
        var schools: [Int32] = [], years: [Int16] = [], yearGroups: [UInt8] = [], pupils: [Double] = [], lines: [Int32] = []
        /// The census years of every readable row, accepted or not.
        private(set) var firstYear: Int?, lastYear: Int?

        init() {}

        /// Parts' rows one after another, in the parts' order.
        init(joining parts: [AcceptedRows]) {
            for part in parts {
                schools += part.schools; years += part.years; yearGroups += part.yearGroups
                pupils += part.pupils; lines += part.lines
                if let first = part.firstYear, let last = part.lastYear { seen(first); seen(last) }
            }
        }

        mutating func reserve(_ count: Int) {
            schools.reserveCapacity(count); years.reserveCapacity(count); yearGroups.reserveCapacity(count)
            pupils.reserveCapacity(count); lines.reserveCapacity(count)
        }

        mutating func seen(_ year: Int) {
            firstYear = min(firstYear ?? year, year)
            lastYear = max(lastYear ?? year, year)
        }

        mutating func append(school: Int, year: Int, yearGroup: Int, pupils n: Double, line: Int) {
            schools.append(Int32(school)); years.append(Int16(year)); yearGroups.append(UInt8(yearGroup))
            pupils.append(n); lines.append(Int32(line))
        }
    }
}
