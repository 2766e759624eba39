import PlacePlanCharts
import PlacePlanCore
import PlacePlanIO

/// Why the forecast changed, as HTML: a waterfall for each of the authority's phases and for the
/// largest area changes (before, each input's step, after) with the sentences — a page of its
/// own (`placeplan explain --format html`, with the table of every area) or a section of the
/// report (`placeplan report --changes-since VINTAGE`). Styled as the report is; names escaped.
public enum ExplainPage {
    public static func html(_ explanation: InputSwap.Explanation, older: String, newer: String, largest: Int = 8) -> String {
        let e = Markup.escape
        var out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Why the forecast changed</title>\n<style>\(HTMLReport.css)\(css)</style>\n</head>\n<body>\n"
        out += "<h1>Why the forecast changed</h1>\n"
        out += section(explanation, older: older, newer: newer, heading: 2, largest: largest)
        let change = explanation.change
        let lines = change.phaseLines(ladder: explanation.ladder)
        if let last = lines.map(\.year).max(), !change.factors.isEmpty {
            out += "<h2>Every area and phase, \(e(Format.academicYear(last)))</h2>\n<table class=\"grid\">\n<thead><tr><th>area</th><th>phase</th>"
            out += (["before", "after", "change"] + change.factors.map(\.words)).map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for line in lines where line.year == last {
                let name = line.level == .authority ? "the authority" : explanation.labels[line.code] ?? line.code
                out += "<tr><th>\(e(name))</th><td>\(e(line.phase))</td>"
                out += ExplainSummary.figures(line).map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</body>\n</html>\n"
    }

    /// The waterfalls with what they mean: the body of the page, and the report's section.
    /// `heading` is the level of the section's own headings (h2 on the page, h3 in the report).
    public static func section(_ explanation: InputSwap.Explanation, older: String, newer: String, heading: Int, largest: Int = 8) -> String {
        let e = Markup.escape, h = "h\(heading)"
        let change = explanation.change
        var out = "<p class=\"lede\">\(e(older)) → \(e(newer))</p>\n"
        let lines = change.phaseLines(ladder: explanation.ladder)
        guard !change.factors.isEmpty, let last = lines.map(\.year).max() else {
            return out + "<p>Nothing changed: the two forecasts are made from the same files and settings.</p>\n"
        }
        out += "<p>Inputs that changed: \(e(change.factors.map(\.words).joined(separator: ", "))). Each input's step is its Shapley value: "
        out += "its effect averaged over every order in which the changed inputs could be swapped (\(1 << change.factors.count) forecasts run), "
        out += "so the steps add up to the change exactly and no order is favoured.</p>\n"
        let final = lines.filter { $0.year == last }
        out += "<\(h)>The authority, \(e(Format.academicYear(last)))</\(h)>\n"
        for line in final where line.level == .authority { out += figure(line, title: "The authority: \(line.phase)", factors: change.factors) }
        let areas = final.filter { $0.level == .area }.sorted { abs($0.change) > abs($1.change) }.prefix(largest)
        if !areas.isEmpty {
            out += "<\(h)>The largest changes by area, \(e(Format.academicYear(last)))</\(h)>\n<ul>\n"
            out += areas.map { "<li>\(e(ExplainSummary.sentence($0, factors: change.factors, labels: explanation.labels)))</li>\n" }.joined()
            out += "</ul>\n"
            for line in areas {
                out += figure(line, title: "\(explanation.labels[line.code] ?? line.code): \(line.phase)", factors: change.factors)
            }
        }
        return out
    }

    /// Waterfalls side by side, two to a row on a screen.
    static let css = "figure.waterfall{display:inline-block;width:29.5rem;margin:.5rem .8rem .5rem 0;vertical-align:top}"

    /// One phase line as a waterfall.
    static func figure(_ line: ForecastChange.PhaseLine, title: String, factors: [ChangeFactor]) -> String {
        var chart = WaterfallChart(title: title, before: ("before", line.before),
                                   steps: zip(factors, line.shares).map { WaterfallChart.Step(name: $0.0.words, change: $0.1) },
                                   after: ("after", line.after))
        chart.valueLabel = { Format.number($0) }
        chart.changeLabel = { ExplainSummary.signed($0) }
        return "<figure class=\"waterfall\">\(chart.svg())</figure>\n"
    }
}
