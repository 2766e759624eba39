import PlacePlanCharts
import PlacePlanCore

/// The report's "how often have the intervals held?": from the same backtest as its accuracy
/// table, each measure's share of past actuals inside the interval its replayed forecast would
/// have given, by years ahead, against the nominal share, and how wide those intervals were.
enum CalibrationSection {
    /// Empty when the backtest had no intervals (none asked, or too short a history).
    static func html(_ result: Backtest.Result, method: String, measures: [String], coverage: Double) -> String {
        let rows = result.rows.filter { $0.level == .area && $0.method == method && $0.summary.coverage != nil }
        guard !rows.isEmpty else { return "" }
        let horizons = Array(Set(rows.map(\.horizon))).sorted()
        let shown = measures.filter { m in rows.contains { $0.measure == m } }
        let nominal = Format.percent(coverage, decimals: 0)
        var out = "<h3>How often have the \(nominal) intervals held?</h3>\n<p>Each replayed forecast was simulated from the past "
            + "forecasts known at its census, as this one is; the share of areas' actuals that fell inside its \(nominal) interval "
            + "should be near \(nominal). Too high: the intervals are wider than they need be; too low: too narrow. "
            + "Width is the median interval as a share of the forecast.</p>\n"
        var series: [LineChart.Series] = []
        for (i, measure) in shown.enumerated() {
            let points = horizons.compactMap { h -> LineChart.Point? in
                rows.first { $0.measure == measure && $0.horizon == h }?.summary.coverage.map { LineChart.Point(x: Double(h), y: $0 * 100) }
            }
            series.append(.init(name: measure, points: points, colour: i))
        }
        if let first = horizons.first, let last = horizons.last {
            series.append(.init(name: "nominal \(nominal)", points: [.init(x: Double(first), y: coverage * 100), .init(x: Double(last), y: coverage * 100)],
                                style: .capacity))
        }
        var chart = LineChart(title: "Share of actuals inside the \(nominal) interval, by years ahead", yLabel: "% of areas", series: series)
        chart.width = 860
        chart.height = 300
        chart.xLabel = { "\(Int($0)) year\(Int($0) == 1 ? "" : "s") ahead" }
        chart.yTickLabel = { "\(Int($0))%" }
        out += "<figure>\n\(chart.svg())</figure>\n"
        out += "<table>\n<thead><tr><th>measure</th>"
            + horizons.map { "<th>\($0)y: held</th><th>width</th>" }.joined() + "<th>intervals scored, 1y</th></tr></thead>\n<tbody>\n"
        for measure in shown {
            out += "<tr><th>\(Markup.escape(measure))</th>"
            for h in horizons {
                let s = rows.first { $0.measure == measure && $0.horizon == h }?.summary
                out += "<td>\(s?.coverage.map { Format.percent($0, decimals: 0) } ?? "–")</td>"
                    + "<td>\(s?.width.map { Format.percent($0, decimals: 1) } ?? "–")</td>"
            }
            let count = rows.first { $0.measure == measure && $0.horizon == horizons.first }?.summary.intervals ?? 0
            out += "<td>\(Format.number(Double(count)))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
