import PlacePlanCore

/// `area-changes.csv` (optional, plans of areas): boundary changes and breaks in the areas'
/// series, applied to the history before anything is forecast (`History.harmonised`).
///
/// ```csv
/// year,area,change,to,share
/// 2019,E06000059,transfer,E06000058,
/// ```
enum AreaChangesReader {
    static let columns = ["year", "area", "change"]
    static let example = "year,area,change,to,share / 2019,E06000059,transfer,E06000058,"

    /// The rows as boundary changes, and the line of each (for errors the history finds).
    static func read(_ table: CSVTable) throws -> [(change: BoundaryChange, line: Int)] {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        var changes: [(change: BoundaryChange, line: Int)] = []
        for row in table.rows {
            let year = table.academicYear(row, "year", in: HistoryReader.years, what: "the first academic year on the new boundaries")
            if case .failure(let issue) = year { log.add(issue) }
            let area = table.text(row, "area")
            if area.isEmpty { log.add(table.issue(row, "area", "the area is empty", fix: "give the code of the area whose boundary changed")) }
            let to = table.has("to") ? table.text(row, "to") : ""
            let shareText = table.has("share") ? table.text(row, "share") : ""
            var share: Double? = nil
            if !shareText.isEmpty {
                if let value = StrictNumber.parse(shareText), value > 0, value < 1 { share = value } else {
                    log.add(table.issue(row, "share", "'\(shareText)' is not a share between 0 and 1",
                                        fix: "write the share of the area's pupils that moved, e.g. 0.12, or leave it empty to estimate it"))
                }
            }
            let kind: BoundaryChange.Kind?
            switch table.text(row, "change").lowercased() {
            case "transfer", "boundary", "split":
                if to.isEmpty {
                    log.add(table.issue(row, "to", "a transfer needs the area that gained the pupils",
                                        fix: "add a `to` column with that area's code"))
                }
                kind = .transfer(to: to, share: share)
            case "start":
                if !to.isEmpty || share != nil {
                    log.add(table.issue(row, to.isEmpty ? "share" : "to", "a start has no `to` or `share`: the area's history starts at the year",
                                        fix: "leave to and share empty, or write transfer"))
                }
                kind = .start
            default:
                log.add(table.issue(row, "change", "'\(table.text(row, "change"))' is not a kind of change",
                                    fix: "write transfer (part of the area moved to `to`; split is the same) or start (the history starts at the year)"))
                kind = nil
            }
            if case .success(let y) = year, let kind, !area.isEmpty {
                changes.append((BoundaryChange(area: area, year: y, kind: kind), row.line))
            }
        }
        try log.throwIfAny()
        return changes
    }

    /// The history restated on today's boundaries, or the change it cannot apply, located.
    static func apply(_ changes: [(change: BoundaryChange, line: Int)], to history: History, file: String) throws -> (History, [AppliedBoundaryChange]) {
        switch history.harmonised(changes.map(\.change)) {
        case .success(let result): return result
        case .failure(let problem):
            throw InputErrors([InputIssue(file: file, line: changes[problem.index].line, message: problem.message, fix: problem.fix)])
        }
    }
}
