import Foundation
import PlacePlanCore

/// `contributions.csv`: the council's ledger of developer contributions, one row per event:
/// `site,project,kind,amount` (kind `agreed`, `received` or `spent`; amount in pounds) and
/// optionally `date` (YYYY-MM-DD) and `note`. Every row is checked; one bad row and nothing is read.
public enum LedgerReader {
    static let columns = ["site", "project", "kind", "amount"]

    public static func read(url: URL) throws -> ContributionLedger {
        let file = url.path
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file)
        var log = IssueLog()
        let shape = table.checkShape(required: columns, example: "site,project,kind,amount,date / Northgate Fields,Northgate Primary expansion,agreed,4202800,2026-03-01")
        log.add(contentsOf: shape)
        try log.throwIfAny()
        if table.rows.isEmpty {
            throw InputErrors([InputIssue(file: file, line: 1, message: "has a header but no rows", fix: "add one row per agreement, payment or spend")])
        }
        var entries: [ContributionLedger.Entry] = []
        for row in table.rows {
            let site = table.text(row, "site"), project = table.text(row, "project"), kindText = table.text(row, "kind")
            if site.isEmpty { log.add(table.issue(row, "site", "the site is empty", fix: "name the site, as in housing.csv")) }
            if project.isEmpty { log.add(table.issue(row, "project", "the project is empty", fix: "name the project the money is for")) }
            let kind = ContributionLedger.Kind(rawValue: kindText.lowercased())
            if kind == nil {
                log.add(table.issue(row, "kind", "'\(kindText)' is not a kind of entry",
                                    fix: "use \(ContributionLedger.Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            let amount = table.count(row, "amount", what: "the amount in pounds", within: Bounds.projectCost)
            if case .failure(let issue) = amount { log.add(issue) }
            let date = table.has("date") ? table.text(row, "date") : ""
            if !date.isEmpty && !isDate(date) {
                log.add(table.issue(row, "date", "'\(date)' is not a date written YYYY-MM-DD", fix: "e.g. 2026-09-01, or leave it empty"))
            }
            if let kind, case .success(let value) = amount, !site.isEmpty, !project.isEmpty, date.isEmpty || isDate(date) {
                entries.append(ContributionLedger.Entry(site: site, project: project, kind: kind, amount: value, date: date, line: row.line))
            }
        }
        try log.throwIfAny()
        return ContributionLedger(entries: entries)
    }

    /// `2026-09-01`: a real calendar date.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1900...2200).contains(y), (1...12).contains(m) else { return false }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }
}
