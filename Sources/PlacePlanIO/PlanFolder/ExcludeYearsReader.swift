import PlacePlanCore

/// `exclude-years.csv` (optional, plans of areas): years whose ratios are left out in one area
/// alone — a census the planner knows was miscounted there, a school counted in the wrong
/// area. `exclude_years` in plan.toml leaves a year out of every area; this file, of the areas
/// it names. An optional `reason` column is for the planner and is not read.
///
/// ```csv
/// area,year,reason
/// E08000006,2015,Y13 counted short in the 2015/16 census
/// ```
enum ExcludeYearsReader {
    static let columns = ["area", "year"]
    static let example = "area,year / E08000006,2015"

    /// The years by area code. Every problem is reported together, located: an area the rolls do
    /// not have, a year no ratio goes into (the first census, or after the last), a row repeated,
    /// or more years in one area than `exclude_years` may name.
    static func read(_ table: CSVTable, history: History) throws -> [String: Set<Int>] {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        let codes = Set(history.areas.map(\.area.code))
        // A ratio goes into every census year but the first.
        let years = (history.firstYear + 1)...max(history.firstYear + 1, history.lastYear)
        var byArea: [String: [Int: Int]] = [:]
        for row in table.rows {
            let area = table.text(row, "area")
            let year = table.academicYear(row, "year", in: HistoryReader.years, what: "the academic year whose ratios are left out")
            if area.isEmpty {
                log.add(table.issue(row, "area", "the area is empty", fix: "give the code of the area whose year is left out"))
            } else if !codes.contains(area) {
                log.add(table.issue(row, "area", "'\(area)' is not an area of the plan's rolls",
                                    fix: "give an area code as rolls.csv spells it"))
            }
            switch year {
            case .failure(let issue): log.add(issue)
            case .success(let y) where !years.contains(y):
                log.add(table.issue(row, "year", "no ratio goes into \(AcademicYear.text(y)): the rolls run \(AcademicYear.text(history.firstYear))–"
                                    + "\(AcademicYear.text(history.lastYear)), and a ratio goes into each census year after the first",
                                    fix: "give a year from \(years.lowerBound) to \(years.upperBound)"))
            case .success(let y) where codes.contains(area):
                if let first = byArea[area]?[y] {
                    log.add(table.issue(row, "year", "\(area), \(y) is already left out on line \(first)", fix: "keep one row per area and year"))
                } else {
                    byArea[area, default: [:]][y] = row.line
                }
            case .success: break
            }
        }
        // The same rule as exclude_years, area by area.
        for (area, named) in byArea {
            guard let problem = SettingRule.excludeYears(Array(named.keys)) else { continue }
            log.add(table.issue(line: named.values.max() ?? 0, "year", "\(area) \(problem.message)",
                                fix: problem.hint ?? "leave out fewer years"))
        }
        try log.throwIfAny()
        return byArea.mapValues { Set($0.keys) }
    }
}
