import PlacePlanCore

/// `housing-delivery.csv` (optional, with `housing.csv`): how the authority's past housing
/// trajectories were delivered — `year,planned,completed`, one row a past year: the completions
/// the trajectory published before the year expected in it (an Authority Monitoring Report's
/// trajectory), and the completions recorded in it. Years are academic years of completion, as
/// in `housing.csv` (`2019` = 2019/20). Simulated draws build the plan's planned homes by
/// resampling these years (`DeliveryDraws`). Rows after the last census (a plan whose rolls were
/// cut, to replay an old forecast) are kept out, and a warning counts them.
enum HousingDeliveryReader {
    static let columns = ["year", "planned", "completed"]

    /// The record (`nil` when every row is after the last census), and a warning when rows
    /// were kept out; every problem found is reported together, located.
    static func read(_ table: CSVTable, lastCensus: Int) throws -> (HousingDeliveryRecord?, [InputIssue]) {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: "year,planned,completed / 2019,620,548"))
        try log.throwIfAny()
        var years: [Int: (year: HousingDeliveryRecord.Year, line: Int)] = [:]
        var later: [Int] = []
        for row in table.rows {
            let year = table.integer(row, "year", in: HistoryReader.years, what: "the academic year of completion")
            let planned = table.count(row, "planned", what: "the count of completions planned", within: Bounds.dwellings)
            let completed = table.count(row, "completed", what: "the count of completions recorded", within: Bounds.dwellings)
            for case .failure(let issue) in [year.map { Double($0) }, planned, completed] { log.add(issue) }
            guard case .success(let y) = year, case .success(let p) = planned, case .success(let c) = completed else { continue }
            if p == 0 {
                log.add(table.issue(row, "planned", "the trajectory planned no completions in \(y), so how it was delivered cannot be measured",
                                    fix: "remove the row, or give the completions the trajectory published before \(y) expected"))
                continue
            }
            if let earlier = years[y] {
                log.add(table.issue(row, "year", "a second row for \(y) (the first is on line \(earlier.line))", fix: "keep one row per year"))
                continue
            }
            years[y] = (HousingDeliveryRecord.Year(year: y, planned: p, completed: c), row.line)
            if y > lastCensus { later.append(row.line) }
        }
        if table.rows.isEmpty {
            log.add(InputIssue(file: table.file, line: 1, message: "has no rows",
                               fix: "add a row for each past year (year,planned,completed), or remove the file"))
        }
        try log.throwIfAny()
        let kept = years.values.map(\.year).filter { $0.year <= lastCensus }
        let warnings = table.laterRows(later, "\(later.count) row\(later.count == 1 ? " is" : "s are") for years after the last census "
            + "(\(AcademicYear.text(lastCensus))) and \(later.count == 1 ? "is" : "are") not used: the forecast could not have known how they were built"
            + (kept.isEmpty ? "; no earlier year is left, so housing delivery does not vary" : ""))
        // A year or two is a record the draws can only repeat: say so (as intervals need three past forecasts).
        let few = kept.isEmpty || kept.count >= PastErrors.minimumYears ? [] : [
            InputIssue(file: table.file, line: 1,
                       message: "has only \(kept.count) past year\(kept.count == 1 ? "" : "s") up to the last census: every draw builds the planned "
                           + "homes as \(kept.count == 1 ? "that year" : "one of those years") did, so delivery \(kept.count == 1 ? "does not vary" : "hardly varies")",
                       fix: "add earlier years (an Authority Monitoring Report gives each year's trajectory and completions); "
                           + "\(PastErrors.minimumYears) or more let the draws vary as the past did")]
        return (kept.isEmpty ? nil : HousingDeliveryRecord(kept), warnings + few)
    }
}
