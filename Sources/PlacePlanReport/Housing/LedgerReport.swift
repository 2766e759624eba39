import PlacePlanCore

/// The balances of the contributions ledger, per site and project, as text and CSV.
public enum LedgerReport {
    static func money(_ x: Double) -> String { "£" + Format.number(x) }

    public static func table(_ ledger: ContributionLedger, file: String) -> String {
        var out = "Developer contributions in \(file): \(ledger.entries.count) entr\(ledger.entries.count == 1 ? "y" : "ies")\n"
        var table = TextTable(header: ["site", "project", "agreed", "received", "to come", "spent", "held", "check"])
        table.leftAligned = [0, 1, 7]
        for b in ledger.balances + [ledger.total] {
            table.add([b.site, b.project, money(b.agreed), money(b.received), money(b.toCome), money(b.spent), money(b.held),
                       b.problems.joined(separator: "; ")])
        }
        out += table.render()
        out += "to come = agreed − received; held = received − spent.\n"
        return out
    }

    public static func csv(_ ledger: ContributionLedger) -> String {
        func n(_ x: Double) -> String { Format.number(x, decimals: 2, grouping: false) }
        var out = "site,project,agreed,received,to_come,spent,held,check\n"
        for b in ledger.balances + [ledger.total] {
            out += [CSVField.quote(b.site), CSVField.quote(b.project), n(b.agreed), n(b.received), n(b.toCome), n(b.spent), n(b.held),
                    CSVField.quote(b.problems.joined(separator: "; "))].joined(separator: ",") + "\n"
        }
        return out
    }
}
