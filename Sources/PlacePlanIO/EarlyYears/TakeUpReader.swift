import PlacePlanCore

/// `early-years.csv` (plans of areas): children in funded early education in past Januaries, by
/// area and entitlement — what `placeplan early-years-backtest` replays.
///
/// ```csv
/// year,area,entitlement,children,percent
/// 2023,E06000001,two-year-olds,262,75.1
/// ```
///
/// `percent` (the DfE's take-up rate) is read as written and not used: the model's rate is
/// children per birth of their cohorts. Rows without `children` are kept out of the replay.
enum TakeUpReader {
    static let columns = ["year", "area", "entitlement", "children"]
    static let example = "year,area,entitlement,children,percent / 2023,E06000001,two-year-olds,262,75.1"

    static func read(_ table: CSVTable, areas: Set<String>) throws -> TakeUpHistory {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        var counts: [TakeUpHistory.Count] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let year = table.academicYear(row, "year", in: HistoryReader.years, what: "the year (2023 for the January 2024 count)")
            if case .failure(let issue) = year { log.add(issue) }
            let area = table.text(row, "area")
            if !areas.contains(area) {
                log.add(table.issue(row, "area", area.isEmpty ? "the area is empty" : "'\(area)' is not an area of the plan's rolls",
                                    fix: "give the code of one of the plan's areas, as rolls.csv writes it"))
            }
            let written = table.text(row, "entitlement")
            let entitlement = TakeUpHistory.Entitlement(rawValue: written.lowercased())
            if entitlement == nil {
                log.add(table.issue(row, "entitlement", "'\(written)' is not an entitlement",
                                    fix: "write \(TakeUpHistory.Entitlement.allCases.map(\.rawValue).joined(separator: " or "))"))
            }
            if table.text(row, "children").isEmpty { continue }
            let children = table.count(row, "children", what: "the children in funded places", within: Bounds.pupils)
            if case .failure(let issue) = children { log.add(issue) }
            guard case .success(let y) = year, case .success(let n) = children, let entitlement, areas.contains(area) else { continue }
            let key = "\(area),\(entitlement.rawValue),\(y)"
            if let first = seen[key] {
                log.add(table.issue(row, "entitlement", "\(entitlement.rawValue) of \(area) in \(y) is counted twice (first on line \(first))",
                                    fix: "keep one row per area, entitlement and year"))
                continue
            }
            seen[key] = row.line
            counts.append(TakeUpHistory.Count(area: area, year: y, entitlement: entitlement, children: n))
        }
        try log.throwIfAny()
        return TakeUpHistory(counts)
    }
}
