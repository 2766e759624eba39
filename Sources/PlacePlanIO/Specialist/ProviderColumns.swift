import PlacePlanCore

/// What `specialist.csv` and `settings.csv` read alike: each row's own code, given once, and its
/// optional opening and closing years.
struct ProviderColumns {
    let table: CSVTable
    /// The code column (`base`, `setting`) and what a row is, for messages (`base`, `setting`).
    let column: String
    let example: String
    private var seen: [String: Int] = [:]

    init(_ table: CSVTable, column: String, example: String) {
        self.table = table
        self.column = column
        self.example = example
    }

    /// The row's code, or "" (reported) when empty or listed before.
    mutating func code(_ row: CSVRow, log: inout IssueLog) -> String {
        let code = table.text(row, column)
        if code.isEmpty {
            log.add(table.issue(row, column, "the \(column) has no code", fix: "give each \(column) a short code, e.g. \(example)"))
            return ""
        }
        if let first = seen[code] {
            log.add(table.issue(row, column, "\(column) \(code) is listed twice (first on line \(first))", fix: "give each \(column) its own code"))
            return ""
        }
        seen[code] = row.line
        return code
    }

    /// The row's `name`, else its code.
    func name(_ row: CSVRow, code: String) -> String {
        let name = table.has("name") ? table.text(row, "name") : ""
        return name.isEmpty ? code : name
    }

    /// `opened` and `closed`: optional academic years, closing after opening.
    func years(_ row: CSVRow, log: inout IssueLog) -> (opened: Int?, closed: Int?) {
        let opened = year(row, "opened", log: &log), closed = year(row, "closed", log: &log)
        if let opened, let closed, closed <= opened {
            log.add(table.issue(row, "closed", "it closes (\(closed)) no later than it opens (\(opened))",
                                fix: "closed is the first year it is no longer open: after opened"))
        }
        return (opened, closed)
    }

    private func year(_ row: CSVRow, _ column: String, log: inout IssueLog) -> Int? {
        guard table.has(column), !table.text(row, column).isEmpty else { return nil }
        switch table.academicYear(row, column, in: HistoryReader.years, what: "the academic year (2026 for 2026/27)") {
        case .success(let year): return year
        case .failure(let issue):
            log.add(issue)
            return nil
        }
    }
}
