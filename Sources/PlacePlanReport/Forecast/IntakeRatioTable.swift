import PlacePlanCore

/// Each area's intake ratio (entry year group ÷ aligned births) by year, as `check` prints it
/// and the report shows it: every area when there are few, otherwise the median over areas by
/// year and the lowest and highest areas, so that England's 151 do not fill the terminal.
public enum IntakeRatioTable {
    /// Above this many areas, `check` shows the median, lowest and highest instead of each area.
    public static let areasShown = 12

    /// Rows: a label and the ratio in each year (`nil` where not known).
    public static func rows(_ ratios: IntakeRatios, all: Bool) -> (years: [Int], rows: [(label: String, ratios: [Double?])]) {
        let years = Set(ratios.rows.flatMap { $0.byYear.keys }).sorted()
        if all || ratios.rows.count <= areasShown {
            return (years, ratios.rows.map { row in (row.area.label, years.map { row.byYear[$0] }) })
        }
        let middle = years.map { year -> Double? in
            let values = ratios.rows.compactMap { $0.byYear[year] }
            return PlacePlanCore.median(values)
        }
        let byMedian = ratios.medians.sorted { $0.ratio < $1.ratio }
        var rows: [(label: String, ratios: [Double?])] = [("median of \(ratios.rows.count) areas", middle)]
        for (tag, item) in [("lowest", byMedian.first), ("highest", byMedian.last)] {
            if let item, let row = ratios.rows.first(where: { $0.area == item.area }) {
                rows.append(("\(tag): \(item.area.label)", years.map { row.byYear[$0] }))
            }
        }
        return (years, rows)
    }

    /// The table as text, titled with the basis.
    public static func text(_ ratios: IntakeRatios, entry: String) -> String {
        let (years, rows) = rows(ratios, all: false)
        guard !years.isEmpty else { return "" }
        var table = TextTable(header: ["intake ratio"] + years.map { Format.academicYear($0) })
        for row in rows { table.add([row.label] + row.ratios.map { $0.map { Format.number($0, decimals: 2) } ?? "" }) }
        return "Intake ratio: \(entry) ÷ births of its cohort (\(ratios.basis.rawValue) basis)\n" + table.render()
    }
}
