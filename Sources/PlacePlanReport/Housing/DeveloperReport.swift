import PlacePlanCharts
import PlacePlanCore

/// The developer infrastructure report as a self-contained HTML page and as CSV, with every
/// assumption printed beside the figures so that a developer can check each number by hand.
public enum DeveloperReport {
    static func money(_ x: Double) -> String { "£" + Format.number(x) }
    static func e(_ text: String) -> String { Markup.escape(text) }

    static func label(_ code: String?, _ geography: Geography) -> String {
        guard let code else { return "" }
        return geography.area(code: code)?.label ?? code
    }

    /// `phase,area,year,development_pupils,capacity,baseline_pupils,spare_places,places_not_provided,places_charged,cost_per_place,contribution`:
    /// one row per phase and forecast year, then one `total` row per phase charged.
    public static func csv(_ a: DeveloperAssessment) -> String {
        var out = "phase,area,year,development_pupils,capacity,baseline_pupils,spare_places,places_not_provided,places_charged,cost_per_place,contribution\n"
        func n(_ x: Double, _ d: Int) -> String { Format.number(x, decimals: d, grouping: false) }
        for line in a.lines {
            out += [line.phase.name, CSVField.quote(line.area ?? ""), String(line.year), n(line.pupils, 1),
                    line.capacity.map(String.init) ?? "", line.baselinePupils.map(String.init) ?? "", line.spare.map(String.init) ?? "",
                    line.notProvided.map { n($0, 1) } ?? "", "", "", ""].joined(separator: ",") + "\n"
        }
        for charge in a.charges {
            out += [charge.phase.name, CSVField.quote(charge.area), "total (peak \(charge.peakYear))", "", "", "", "", n(charge.notProvided, 1),
                    String(charge.places), n(charge.costPerPlace, 2), n(charge.contribution, 2)].joined(separator: ",") + "\n"
        }
        out += ["all", CSVField.quote(a.area), "total", "", "", "", "", "", String(a.charges.reduce(0) { $0 + $1.places }), "",
                n(a.total, 2)].joined(separator: ",") + "\n"
        return out
    }

    /// Plain text for the terminal: the development, the charges and the total.
    public static func text(_ a: DeveloperAssessment, geography: Geography) -> String {
        var out = "Developer infrastructure report: \(a.name)\n"
        out += "\(Format.number(a.dwellings)) dwellings in \(label(a.area, geography)), completing "
            + "\(Format.academicYear(a.completions.map(\.year).min() ?? a.baseYear + 1))–\(Format.academicYear(a.completions.map(\.year).max() ?? a.baseYear + 1)); "
            + "secondary and post-16 in \(label(a.secondaryArea, geography))\n"
        var table = TextTable(header: ["phase", "area", "peak year", "pupils then", "spare then", "places not provided", "£ per place", "contribution"])
        table.leftAligned = [0, 1]
        for charge in a.charges {
            let line = a.line(charge.phase, charge.peakYear)
            table.add([charge.phase.name, label(charge.area, geography), Format.academicYear(charge.peakYear),
                       Format.number(line?.pupils ?? 0, decimals: 1), line?.spare.map { Format.number(Double($0)) } ?? "–",
                       String(charge.places), money(charge.costPerPlace), money(charge.contribution)])
        }
        out += table.render()
        out += "Total contribution: \(money(a.total))\n"
        return out
    }

    public static func html(_ a: DeveloperAssessment, plan: String, geography: Geography, generated: String) -> String {
        var h = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(a.name)) — developer infrastructure report</title>
            <style>
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
            th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;text-align:right}th:first-child,td:first-child{text-align:left}
            thead th{border-bottom:2px solid #888}.total td{font-weight:bold;border-top:2px solid #888}
            .lede{color:#444}.note{color:#555;font-size:.9rem}
            @media print{body{margin:0}}
            </style>
            </head>
            <body>
            <h1>Developer infrastructure report: \(e(a.name))</h1>
            <p class="lede">\(e(plan)). \(Format.number(a.dwellings)) dwellings in \(e(label(a.area, geography)))
            (secondary and post-16 places: \(e(label(a.secondaryArea, geography)))). Baseline forecast from the
            \(Format.academicYear(a.baseYear)) census, other planned housing included. Made \(e(generated)).</p>

            """
        h += "<h2>Contribution</h2>\n<table>\n<thead><tr><th>phase</th><th>area</th><th>peak year</th><th>development pupils</th>"
        h += "<th>spare places</th><th>places not provided</th><th>cost per place</th><th>contribution</th></tr></thead>\n<tbody>\n"
        for charge in a.charges {
            let line = a.line(charge.phase, charge.peakYear)
            h += "<tr><td>\(e(charge.phase.name))</td><td>\(e(label(charge.area, geography)))</td><td>\(Format.academicYear(charge.peakYear))</td>"
            h += "<td>\(Format.number(line?.pupils ?? 0, decimals: 1))</td><td>\(line?.spare.map { Format.number(Double($0)) } ?? "–")</td>"
            h += "<td>\(charge.places)</td><td>\(money(charge.costPerPlace))</td><td>\(money(charge.contribution))</td></tr>\n"
        }
        h += "<tr class=\"total\"><td>total</td><td></td><td></td><td></td><td></td><td>\(a.charges.reduce(0) { $0 + $1.places })</td>"
        h += "<td></td><td>\(money(a.total))</td></tr>\n</tbody>\n</table>\n"
        h += "<p class=\"note\">Places not provided = development pupils − spare places (never below 0), in each year; "
        h += "a phase is charged for its largest shortfall in any year, rounded to a whole place, × the cost per place.</p>\n"

        h += "<h2>The development</h2>\n<table>\n<thead><tr><th>year</th><th>category</th><th>dwellings</th></tr></thead>\n<tbody>\n"
        for c in a.completions {
            h += "<tr><td>\(Format.academicYear(c.year))</td><td>\(e(c.category.description))</td><td>\(Format.number(c.dwellings, decimals: 1))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"

        h += "<h2>Pupils, places and spare places by year</h2>\n"
        for phase in YieldPhase.allCases {
            let lines = a.lines.filter { $0.phase == phase }
            guard !lines.isEmpty else { continue }
            h += "<h3>\(e(phase.name))" + (lines.first?.area.map { " — " + e(label($0, geography)) } ?? "") + "</h3>\n<table>\n"
            h += "<thead><tr><th>year</th><th>development pupils</th><th>places</th><th>baseline pupils</th><th>spare places</th>"
            h += "<th>places not provided</th></tr></thead>\n<tbody>\n"
            for line in lines {
                h += "<tr><td>\(Format.academicYear(line.year))</td><td>\(Format.number(line.pupils, decimals: 1))</td>"
                h += "<td>\(line.capacity.map { Format.number(Double($0)) } ?? "–")</td><td>\(line.baselinePupils.map { Format.number(Double($0)) } ?? "–")</td>"
                h += "<td>\(line.spare.map { Format.number(Double($0)) } ?? "–")</td><td>\(line.notProvided.map { Format.number($0, decimals: 1) } ?? "not charged")</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }

        h += "<h2>Assumptions</h2>\n<p>Pupil yields per dwelling (\(e(a.yields.source))):</p>\n<table>\n<thead><tr><th>category</th>"
        h += YieldPhase.allCases.map { "<th>\(e($0.name))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in a.yields.rows {
            h += "<tr><td>\(e(row.category.description))</td>" + YieldPhase.allCases.map { "<td>\(Format.number(row.yield($0), decimals: 3))</td>" }.joined() + "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        if a.yields.profile.isEmpty {
            h += "<p>The full yield is reached in the completion year and held (no profile by years since completion was given).</p>\n"
        } else {
            h += "<p>Share of the full yield 0, 1, 2 … years after completion (the last held after):</p>\n<ul>\n"
            for phase in YieldPhase.allCases {
                if let values = a.yields.profile[phase] {
                    h += "<li>\(e(phase.name)): \(values.map { Format.number($0, decimals: 2) }.joined(separator: ", "))</li>\n"
                }
            }
            h += "</ul>\n"
        }
        h += "<p>A category without its own yield uses the most specific row that covers it; a dwelling of unknown mix uses the row for any dwelling. "
        h += "Pupils of each phase are spread evenly over its year groups and then move up a year group a year.</p>\n"
        h += "<p>Cost per place: "
        h += [PlacePhase.primary, .secondary, .sixthForm].compactMap { p in
            a.settings.costPerPlace[p].map { "\(e(p.name)) \(money($0))" }
        }.joined(separator: ", ")
        h += " (defaults: DfE national average cost of a permanent expansion, 2025 scorecards, Q1-2026 prices; sixth form at the "
        h += "secondary rate), × regional factor \(Format.number(a.settings.regionalFactor, decimals: 2)). Early years are shown, not charged.</p>\n"
        h += "<p>Spare places: the phase's places less the baseline forecast's pupils in the planning area, in whole pupils, from the "
        h += "Pupil Place Plan (forecast years \(Format.academicYear(a.years.first ?? a.baseYear + 1))–\(Format.academicYear(a.years.last ?? a.baseYear + 1))).</p>\n"
        h += "</body>\n</html>\n"
        return h
    }
}
