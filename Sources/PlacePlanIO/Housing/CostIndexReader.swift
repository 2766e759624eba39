import PlacePlanCore

/// `cost-index.csv`: the council's build cost index (BCIS all-in tender price index or its
/// own), `period,index`, one row per quarter (`2026Q1`) or per year (`2026`), in order with no
/// gaps, so that a cost can be priced from the date of its figures to any later period.
enum CostIndexReader {
    static let columns = ["period", "index"]

    /// A period as a count of quarters or years, and which of the two it is.
    static func ordinal(_ text: String) -> (value: Int, quarterly: Bool)? {
        let upper = text.uppercased()
        if let q = upper.firstIndex(of: "Q") {
            guard let year = Int(upper[..<q]), let quarter = Int(upper[upper.index(after: q)...]), (1900...2200).contains(year),
                  (1...4).contains(quarter) else { return nil }
            return (year * 4 + quarter - 1, true)
        }
        guard let year = Int(upper), (1900...2200).contains(year) else { return nil }
        return (year, false)
    }

    /// The index, checked row by row; `base` and `target` (default: the latest period) must be in it.
    static func read(_ table: CSVTable, base: String, target: String?, configFile: String, log: inout IssueLog) -> CostIndex? {
        let shape = table.checkShape(required: columns, example: "period,index / 2026Q1,399")
        log.add(contentsOf: shape)
        guard shape.isEmpty else { return nil }
        var points: [CostIndex.Point] = []
        var previous: (value: Int, quarterly: Bool, line: Int)? = nil
        for row in table.rows {
            let period = table.text(row, "period").uppercased()
            guard let ordinal = ordinal(period) else {
                log.add(table.issue(row, "period", "'\(period)' is not a period: write a quarter as 2026Q1 or a year as 2026",
                                    fix: "one row per quarter (or per year), e.g. 2026Q1,399"))
                return nil
            }
            if let previous {
                if previous.quarterly != ordinal.quarterly {
                    log.add(table.issue(row, "period", "mixes quarters and years (line \(previous.line) is \(previous.quarterly ? "a quarter" : "a year"))",
                                        fix: "give every row as a quarter (2026Q1) or every row as a year (2026)"))
                    return nil
                }
                if ordinal.value != previous.value + 1 {
                    let gap = ordinal.value > previous.value + 1
                    log.add(table.issue(row, "period", gap
                                            ? "the index has a gap before \(period): \(ordinal.value - previous.value - 1) \(ordinal.quarterly ? "quarter" : "year")(s) missing after line \(previous.line)"
                                            : "\(period) is not after the period on line \(previous.line): periods run in order, each once",
                                        fix: "list every period in order, with no gaps and no repeats"))
                    return nil
                }
            }
            previous = (ordinal.value, ordinal.quarterly, row.line)
            switch table.count(row, "index", what: "the index", within: 0...1_000_000) {
            case .success(let value) where value > 0: points.append(CostIndex.Point(period: period, value: value))
            case .success: log.add(table.issue(row, "index", "the index is 0", fix: "give the index value for \(period)")); return nil
            case .failure(let issue): log.add(issue); return nil
            }
        }
        guard let last = points.last else {
            log.add(InputIssue(file: table.file, line: 1, message: "has a header but no rows", fix: "add one row per period, e.g. 2026Q1,399"))
            return nil
        }
        let wanted = target?.uppercased() ?? last.period
        for (key, period) in [("cost_base_period", base.uppercased()), ("cost_period", wanted)] where !points.contains(where: { $0.period == period }) {
            log.add(InputIssue(file: configFile, columnName: key,
                               message: "\(key) \(period) is not in \(table.file) (it runs \(points[0].period)–\(last.period))",
                               fix: "add the index for \(period) to the file, or give a period it has"))
            return nil
        }
        return CostIndex(points: points, base: base.uppercased(), target: wanted)
    }
}
