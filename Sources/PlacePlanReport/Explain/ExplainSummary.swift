import PlacePlanCore
import PlacePlanIO
import PlacePlanSpreadsheet

/// What `placeplan explain` prints and writes: which inputs changed, the authority's change by
/// phase split among them, the largest area changes in words, and every cell as CSV.
public enum ExplainSummary {
    public static func text(_ explanation: InputSwap.Explanation, older: String, newer: String, largest: Int = 10) -> String {
        let change = explanation.change
        var out = "Why the forecast changed: \(older) → \(newer)\n"
        guard !change.factors.isEmpty else {
            return out + "Nothing changed: the two forecasts are made from the same files and settings.\n"
        }
        out += "Inputs that changed: \(change.factors.map(\.words).joined(separator: ", "))\n"
        out += "Each input's share is its Shapley value: its effect averaged over every order in which the changed inputs could "
            + "be swapped (\(1 << change.factors.count) forecasts run), so the shares add up to the change exactly and no order is favoured.\n"
        let years = Set(change.cells.map(\.key.year)).sorted()
        guard let last = years.last, let first = years.first else {
            return out + "The two forecasts have no year in common: nothing to compare.\n"
        }
        out += "Compared: \(Format.count(change.cells.count, "cell")) in both forecasts (\(Format.academicYear(first))–\(Format.academicYear(last)))"
        out += change.unmatched > 0 ? "; \(Format.count(change.unmatched, "cell")) in only one (years the other does not reach), not compared\n" : "\n"

        let lines = change.phaseLines(ladder: explanation.ladder).filter { $0.year == last }
        let header = ["before", "after", "change"] + change.factors.map(\.words)
        var authority = TextTable(header: ["phase"] + header)
        for line in lines where line.level == .authority { authority.add([line.phase] + figures(line)) }
        out += "\nThe authority by phase, \(Format.academicYear(last))\n" + authority.render()

        let areas = lines.filter { $0.level == .area }.sorted { abs($0.change) > abs($1.change) }.prefix(largest)
        if !areas.isEmpty {
            var table = TextTable(header: ["area", "phase"] + header)
            for line in areas { table.add([explanation.labels[line.code] ?? line.code, line.phase] + figures(line)) }
            out += "\nLargest changes by area, \(Format.academicYear(last))\n" + table.render()
            out += areas.prefix(3).map { "- " + sentence($0, factors: change.factors, labels: explanation.labels) + "\n" }.joined()
        }
        out += "Every cell, with each input's share: --format csv\n"
        return out
    }

    /// "Northgate (P01) primary +164 by 2030/31: births +92, housing +80, method and settings -8".
    public static func sentence(_ line: ForecastChange.PhaseLine, factors: [ChangeFactor], labels: [String: String]) -> String {
        let parts = zip(factors, line.shares).sorted { abs($0.1) > abs($1.1) }.map { "\($0.0.words) \(signed($0.1))" }
        return "\(labels[line.code] ?? line.code) \(line.phase) \(signed(line.change)) by \(Format.academicYear(line.year)): "
            + parts.joined(separator: ", ")
    }

    /// `level,code,year,year_group,before,after,change,<one column per changed input>`.
    public static func csv(_ change: ForecastChange) -> String {
        var out = (["level", "code", "year", "year_group", "before", "after", "change"] + change.factors.map(\.rawValue)).joined(separator: ",") + "\n"
        for cell in change.cells {
            let figures = [cell.before, cell.after, cell.change] + cell.shares
            out += ([cell.key.level.rawValue, CSVField.quote(cell.key.code), String(cell.key.year), CSVField.quote(cell.key.yearGroup)]
                + figures.map { Format.number($0, decimals: 1, grouping: false) }).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `level,code,name,phase,year,before,after,change,<inputs>`: the authority's and every area's
    /// phases, year by year — the lines the table and the page show.
    public static func phaseCSV(_ explanation: InputSwap.Explanation) -> String {
        let change = explanation.change
        var out = (["level", "code", "name", "phase", "year", "before", "after", "change"] + change.factors.map(\.rawValue)).joined(separator: ",") + "\n"
        for line in change.phaseLines(ladder: explanation.ladder) {
            let name = line.level == .authority ? "the authority" : explanation.labels[line.code] ?? line.code
            out += ([line.level.rawValue, CSVField.quote(line.code), CSVField.quote(name), CSVField.quote(line.phase), String(line.year)]
                + ([line.before, line.after, line.change] + line.shares).map { Format.number($0, decimals: 1, grouping: false) })
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// The workbook: the phase lines, then every cell.
    public static func workbook(_ explanation: InputSwap.Explanation, older: String, newer: String) throws -> Workbook {
        try TableWorkbook.workbook([("phases.csv", phaseCSV(explanation)), ("cells.csv", csv(explanation.change))],
                                   title: "Why the forecast changed: \(older) to \(newer)")
    }

    static func figures(_ line: ForecastChange.PhaseLine) -> [String] {
        [Format.number(line.before), Format.number(line.after), signed(line.change)] + line.shares.map(signed)
    }

    /// Whole pupils with a sign: "+92", "-8", "0".
    static func signed(_ x: Double) -> String {
        let n = x.rounded()
        return n > 0 ? "+" + Format.number(n) : (n < 0 ? "-" + Format.number(-n) : "0")
    }
}
