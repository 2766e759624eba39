import PlacePlanCore

/// `applications.csv` (optional): applications for a place in each area's entry year group, by
/// the academic year of entry — `year,area,applications` (`2019` = entry in September 2019,
/// applications closed in January 2019), with an optional `year_group` that must name the
/// entry year group. A forecast uses the year after its base year (`ApplicationsBlend`);
/// applications for later entry cannot have been made by the base year's census: rows for it
/// are kept out of every forecast, and a warning says how many.
enum ApplicationsReader {
    static let columns = ["year", "area", "applications"]

    /// `history` with its applications, and a warning when some are for entry after the year
    /// the forecast can use (kept, never used: no census of the plan could know them); every
    /// problem found is reported together, located.
    static func read(_ table: CSVTable, into history: History) throws -> (History, [InputIssue]) {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: "year,area,applications / 2019,E06000001,1049"))
        try log.throwIfAny()
        let codes = Set(history.areas.map(\.area.code))
        let latest = EntryApplications.latestKnown(atCensus: history.lastYear)
        let entry = history.ladder.yearGroups[0].name
        var byArea: [String: [Int: (value: Double, line: Int)]] = [:]
        var later: [Int] = []
        for row in table.rows {
            let year = table.integer(row, "year", in: HistoryReader.years, what: "the academic year of entry")
            let count = table.count(row, "applications", what: "the number of applications", within: Bounds.applications)
            let area = table.text(row, "area")
            if case .failure(let issue) = year { log.add(issue) }
            if case .failure(let issue) = count { log.add(issue) }
            if area.isEmpty {
                log.add(table.issue(row, "area", "the area is empty", fix: "give the planning area's code"))
            } else if !codes.contains(area) {
                log.add(table.issue(row, "area", "area \(area) has applications but no rolls",
                                    fix: "add its rolls, or remove its applications (is the area code spelt the same in both files?)"))
            }
            if table.has("year_group"), table.text(row, "year_group") != entry {
                log.add(table.issue(row, "year_group", "'\(table.text(row, "year_group"))' is not the entry year group (\(entry))",
                                    fix: "give applications for \(entry) only: later year groups are forecast from the cohort below them"))
            }
            guard case .success(let y) = year, case .success(let n) = count, codes.contains(area) else { continue }
            if y > latest { later.append(row.line) }
            if let earlier = byArea[area]?[y] {
                log.add(table.issue(row, "year", "a second applications row for \(area), \(y) (the first is on line \(earlier.line))",
                                    fix: "keep one row per area and year"))
                continue
            }
            byArea[area, default: [:]][y] = (n, row.line)
        }
        try log.throwIfAny()
        let warnings = table.laterRows(later, "\(later.count) rows are for entry after \(latest) and are not used: the forecast starts at the "
                                                  + "\(history.lastYear) census, and applications close in the January before entry")
        return (History(ladder: history.ladder, birthsBasis: history.birthsBasis, areas: history.areas, births: history.births,
                        applications: byArea.mapValues { EntryApplications($0.mapValues(\.value)) }), warnings)
    }
}
