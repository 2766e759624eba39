import PlacePlanCore

/// `ehcp.csv`: pupils with EHC plans in past Januaries, by age band or year group.
///
/// ```csv
/// year,age,plans
/// 2024,5-10,412
/// 2024,11-15,388
/// ```
///
/// `age` is a SEN2 band (`under-5`, `5-10`, `11-15`, `16-19`, `20-25`) or a year group of the
/// ladder (`R`, `Y1`, …). A plan of areas may add `area` (each authority's counts); a place
/// plan's counts are the authority's, without it. An optional `need` column counts each primary
/// need apart (`ASD`, `SEMH` …): each need of an age gets its own rate and trend.
enum EHCPReader {
    static let columns = ["year", "age", "plans"]
    static let example = "year,age,plans / 2024,5-10,412"

    /// - Parameter areas: the plan's areas, when counts may be by area (a plan of areas); `nil`
    ///   for a place plan.
    static func read(_ table: CSVTable, ladder: Ladder, areas: Set<String>?) throws -> EHCPHistory {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        if areas == nil, table.has("area") {
            throw InputErrors([InputIssue(file: table.file, line: 1, column: table.number("area"), columnName: "area",
                                          message: "a place plan's EHC plans are the authority's, but this file has an area column",
                                          fix: "remove the area column and give the authority's counts")])
        }
        // A plan of areas counts each area apart; with one area, its counts need not say so.
        let onlyArea = areas.flatMap { $0.count == 1 ? $0.first : nil }
        if let areas, areas.count > 1, !table.has("area") {
            throw InputErrors([InputIssue(file: table.file, line: 1, message: "a plan of \(areas.count) areas needs each area's EHC plans, but this file has no area column",
                                          fix: "add an area column with the codes rolls.csv uses (year,area,age,plans)")])
        }
        let bands = [SpecialistGroup.underFive] + SpecialistGroup.bands.map(\.name) + [SpecialistGroup.pastSchoolAge]
        var counts: [EHCPHistory.Count] = []
        var seen: [String: Int] = [:]
        // Each group's year groups and first line, by need: a band and a year group inside it
        // (5-10 and Y3) would count the same pupils twice.
        var covered: [String: [(group: SpecialistGroup, range: ClosedRange<Int>, line: Int)]] = [:]
        for row in table.rows {
            let year = table.academicYear(row, "year", in: HistoryReader.years, what: "the year (2024 for the January 2025 count, 2024/25)")
            if case .failure(let issue) = year { log.add(issue) }
            let age = table.text(row, "age")
            let need = table.has("need") ? table.text(row, "need") : ""
            let group = SpecialistGroup.named(age, ladder: ladder)?.withNeed(need.isEmpty ? nil : need)
            if group == nil {
                log.add(table.issue(row, "age", age.isEmpty ? "the age is empty" : "'\(age)' is neither an age band nor a year group",
                                    fix: "write one of \(bands.joined(separator: ", ")), or a year group (\(ladder.yearGroups.map(\.name).joined(separator: ", ")))"))
            }
            let plans = table.count(row, "plans", what: "the number of EHC plans", within: Bounds.pupils)
            if case .failure(let issue) = plans { log.add(issue) }
            var area: String? = onlyArea
            if let areas, table.has("area") {
                let code = table.text(row, "area")
                if !areas.contains(code) {
                    log.add(table.issue(row, "area", code.isEmpty ? "the area is empty" : "'\(code)' is not an area of the plan's rolls",
                                        fix: "give the code of one of the plan's areas, as rolls.csv writes it"))
                }
                area = code
            }
            guard case .success(let y) = year, case .success(let n) = plans, let group else { continue }
            let key = "\(area ?? ""),\(group.label),\(y)"
            if let first = seen[key] {
                log.add(table.issue(row, "age", "\(group.label) in \(y)\(area.map { " for \($0)" } ?? "") is counted twice (first on line \(first))",
                                    fix: "keep one row per \(area == nil ? "" : "area, ")age\(group.need == nil ? "" : ", need") and year"))
                continue
            }
            seen[key] = row.line
            if case .pupils(let range) = group.denominator {
                let need = group.need ?? ""
                if let clash = covered[need]?.first(where: { $0.group.name != group.name && $0.range.overlaps(range) }) {
                    log.add(table.issue(row, "age", "\(group.name) overlaps \(clash.group.name) (line \(clash.line)): the same pupils would be counted twice",
                                        fix: "count by SEN2 bands or by year groups, not both"))
                    continue
                }
                if !(covered[need]?.contains { $0.group.name == group.name } ?? false) { covered[need, default: []].append((group, range, row.line)) }
            }
            counts.append(EHCPHistory.Count(area: area, group: group, year: y, plans: n))
        }
        try log.throwIfAny()
        return EHCPHistory(counts)
    }
}
