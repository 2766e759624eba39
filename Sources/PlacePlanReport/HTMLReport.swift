import PlacePlanCharts
import PlacePlanCore

/// One self-contained HTML page — inline CSS and SVG, no scripts, no network — that a council
/// could publish: a first page for councillors, a section per planning area, and the methods and
/// assumptions behind every figure. Every name from the input files is escaped.
public struct HTMLReport {
    public let plan: Plan
    public let forecast: Forecast
    /// When the report was made, as text (the caller decides the clock and time zone).
    public let generated: String
    /// A backtest of the plan's own method, for the accuracy section; `nil` leaves it out.
    public let backtest: Backtest.Result?

    public init(plan: Plan, forecast: Forecast, generated: String, backtest: Backtest.Result?) {
        self.plan = plan
        self.forecast = forecast
        self.generated = generated
        self.backtest = backtest
    }

    private var ladder: Ladder { forecast.ladder }
    private var phases: [(phase: Phase, range: ClosedRange<Int>)] {
        ladder.phases.compactMap { p in ladder.indices(of: p).map { (p, $0) } }
    }

    public func render() -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(plan.name)) — pupil place plan</title>
            <style>\(Self.css)</style>
            </head>
            <body>

            """
        html += firstPage()
        html += contents()
        for (index, area) in forecast.areas.enumerated() { html += areaSection(area, index: index) }
        html += methods()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: sections

    private func firstPage() -> String {
        let base = forecast.baseYear, last = forecast.baseYear + forecast.horizon
        var out = "<header class=\"cover\">\n<h1>\(e(plan.name))</h1>\n"
        out += "<p class=\"lede\">Pupil forecast from the \(Format.academicYear(base)) census to \(Format.academicYear(last)), "
        out += "\(forecast.areas.count) planning areas. Made \(e(generated)) with PlacePlan.</p>\n</header>\n"
        out += "<section class=\"summary\">\n<h2>At a glance</h2>\n<table class=\"figures\">\n<thead><tr><th>phase</th>"
        out += "<th>\(Format.academicYear(base)) (actual)</th><th>\(Format.academicYear(last)) (forecast)</th><th>change</th></tr></thead>\n<tbody>\n"
        for (p, (phase, range)) in phases.enumerated() {
            let now = totalActual(range, year: base)
            let then = forecast.areas.reduce(0) { $0 + sum($1.pupils[forecast.horizon - 1], range) }
            var cell = Format.number(then)
            if let band = forecast.intervals?.interval(aroundPhaseTotal: then, horizon: forecast.horizon, phase: p), forecast.areas.count == 1 {
                cell += " <span class=\"range\">(\(Format.number(band.lower))–\(Format.number(band.upper)))</span>"
            }
            out += "<tr><th>\(e(phase.name))</th><td>\(Format.number(now))</td><td>\(cell)</td>"
            out += "<td>\(now > 0 ? Format.percent(then / now - 1, signed: true) : "–")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += chart(title: "All areas: pupils by phase", actual: { g, y in totalActual(g...g, year: y) },
                     projected: { h, g in forecast.areas.reduce(0) { $0 + $1.pupils[h][g] } }, bands: nil)
        out += movers()
        if let backtest { out += accuracy(backtest) }
        out += "</section>\n"
        return out
    }

    /// The areas changing most in the first phase: what a councillor asks about first.
    private func movers() -> String {
        guard let (phase, range) = phases.first, forecast.areas.count > 1 else { return "" }
        let changes: [(AreaForecast, Double, Double)] = forecast.areas.compactMap { area in
            let now = actual(area.area)?.pupils(year: forecast.baseYear).map { sum($0, range) } ?? 0
            let then = sum(area.pupils[forecast.horizon - 1], range)
            return now > 0 ? (area, now, then) : nil
        }.sorted { $0.2 / $0.1 < $1.2 / $1.1 }
        let end = Format.academicYear(forecast.baseYear + forecast.horizon)
        var out = "<h3>Largest changes in \(e(phase.name)) pupils by \(end)</h3>\n<table>\n<thead><tr><th>area</th>"
        out += "<th>\(Format.academicYear(forecast.baseYear))</th><th>\(end)</th><th>change</th></tr></thead>\n<tbody>\n"
        // Five biggest falls and five biggest rises; with ten areas or fewer, simply all of them.
        let shown = changes.count <= 10 ? changes : Array(changes.prefix(5)) + Array(changes.suffix(5).reversed())
        for (area, now, then) in shown {
            let index = forecast.areas.firstIndex { $0.area == area.area }!
            out += "<tr><th><a href=\"#area-\(index + 1)\">\(e(area.area.label))</a></th><td>\(Format.number(now))</td>"
            out += "<td>\(Format.number(then))</td><td>\(Format.percent(then / now - 1, signed: true))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func accuracy(_ result: Backtest.Result) -> String {
        let label = forecast.settings.label
        let measures = Backtest.measures(for: ladder).map(\.name)
        let horizons = Array(1...(result.rows.map(\.horizon).max() ?? 1))
        var out = "<h3>How accurate has this method been?</h3>\n<p>Replaying the past from each census year "
        out += "\(result.origins.map(String.init).joined(separator: ", ")) with only the data known then, the median "
        out += "absolute error across areas was:</p>\n<table>\n<thead><tr><th>measure</th>"
        out += horizons.map { "<th>\($0) year\($0 == 1 ? "" : "s") ahead</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for measure in measures {
            out += "<tr><th>\(e(measure))</th>"
            for h in horizons {
                let row = result.row(method: label, measure: measure, horizon: h)
                out += "<td>\(row.map { Format.percent($0.summary.medianAbsolute, decimals: 2) } ?? "–")</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func contents() -> String {
        guard forecast.areas.count > 1 else { return "" }
        var out = "<nav class=\"contents\">\n<h2>Planning areas</h2>\n<ol>\n"
        for (i, area) in forecast.areas.enumerated() { out += "<li><a href=\"#area-\(i + 1)\">\(e(area.area.label))</a></li>\n" }
        return out + "</ol>\n</nav>\n"
    }

    private func areaSection(_ area: AreaForecast, index: Int) -> String {
        var out = "<section class=\"area\" id=\"area-\(index + 1)\">\n<h2>\(e(area.area.label))</h2>\n"
        let rolls = actual(area.area)
        out += chart(title: "\(area.area.name): pupils by phase", actual: { g, y in rolls?.pupils(year: y, yearGroup: g) ?? .nan },
                     projected: { h, g in area.pupils[h][g] }, bands: forecast.intervals)
        if !area.notes.isEmpty {
            out += "<ul class=\"notes\">\n" + area.notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "<table class=\"grid\">\n<thead><tr><th>year group</th>"
        out += "<th>\(Format.academicYear(forecast.baseYear))<br><small>actual</small></th>"
        out += forecast.years.map { "<th>\(Format.academicYear($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (g, yearGroup) in ladder.yearGroups.enumerated() {
            out += "<tr><th>\(e(yearGroup.name))</th><td>\(Format.number(rolls?.pupils(year: forecast.baseYear, yearGroup: g) ?? 0))</td>"
            for h in 0..<forecast.horizon { out += "<td>\(Format.number(area.pupils[h][g]))</td>" }
            out += "</tr>\n"
        }
        for (phase, range) in phases {
            out += "<tr class=\"total\"><th>\(e(phase.name))</th><td>\(Format.number(rolls?.pupils(year: forecast.baseYear).map { sum($0, range) } ?? 0))</td>"
            for h in 0..<forecast.horizon { out += "<td>\(Format.number(sum(area.pupils[h], range)))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func methods() -> String {
        let history = plan.history
        let s = forecast.settings
        var out = "<section class=\"methods\">\n<h2>Methods and assumptions</h2>\n<dl>\n"
        out += "<dt>Data</dt><dd>Pupils on roll by year group for \(history.areas.count) areas, "
        out += "\(Format.academicYear(history.firstYear)) to \(Format.academicYear(history.lastYear)) (January census)."
        if let births = forecast.lastKnownBirthsYear {
            out += " Live births on a \(e(history.birthsBasis.rawValue)) basis, known to \(births).</dd>\n"
        } else {
            out += " No births: each area's \(e(ladder.entry.name)) follows its own recent trend.</dd>\n"
        }
        out += "<dt>Year groups</dt><dd>\(ladder.yearGroups.map { e($0.name) }.joined(separator: ", ")); phases "
        out += phases.map { "\(e($0.phase.name)) \(e($0.phase.first.name))–\(e($0.phase.last.name))" }.joined(separator: ", ") + ".</dd>\n"
        out += "<dt>Entry year group</dt><dd>\(e(ladder.entry.name)) = intake ratio × births of the cohort born "
        out += "September to August \(ladder.entryAge + 1)–\(ladder.entryAge) years before entry; intake ratio by "
        out += "<code>\(e(s.effectiveIntakeMethod.description))</code>.</dd>\n"
        out += "<dt>Other year groups</dt><dd>Last year's pupils in the year group below × progression ratio, "
        out += "summarised by <code>\(e((s.selection != nil ? "auto" : s.method.description)))</code> "
        out += "(mean-K: mean of the last K ratios; weighted-K: weights 1…K, latest heaviest; trend-K: least-squares "
        out += "line held within the range of the last K ratios; a + b: the average of the two).</dd>\n"
        let projection = BirthsProjection(BirthSeries([:]), trendYears: s.birthsTrendYears, damping: s.birthsTrendDamping)
        out += "<dt>Births beyond the last known year</dt><dd>Projected by \(e(projection.description)).</dd>\n"
        if let intervals = forecast.intervals {
            out += "<dt>Intervals</dt><dd>\(Format.percent(intervals.coverage, decimals: 0)) prediction intervals from this "
            out += "plan's own past forecast errors (\(intervals.scoredForecasts) area forecasts replayed).</dd>\n"
        }
        out += "<dt>Accuracy measure</dt><dd>(forecast − actual) / actual, sign kept, as DfE scorecards define it.</dd>\n"
        return out + "</dl>\n</section>\n"
    }

    // MARK: pieces

    /// A chart of each phase: history solid, forecast dashed (joined at the base year), bands
    /// when intervals exist.
    private func chart(title: String, actual: (Int, Int) -> Double, projected: (Int, Int) -> Double,
                       bands: PredictionIntervals?) -> String {
        var series: [LineChart.Series] = []
        for (p, (phase, range)) in phases.enumerated() {
            let history = plan.history.firstYear...forecast.baseYear
            let past = history.compactMap { y -> LineChart.Point? in
                let total = range.reduce(0.0) { $0 + actual($1, y) }
                return total.isFinite ? LineChart.Point(x: Double(y), y: total) : nil
            }
            let future = forecast.years.enumerated().map { h, y in
                LineChart.Point(x: Double(y), y: range.reduce(0.0) { $0 + projected(h, $1) })
            }
            let band = bands.map { intervals in
                future.enumerated().compactMap { h, point -> (x: Double, lower: Double, upper: Double)? in
                    intervals.interval(aroundPhaseTotal: point.y, horizon: h + 1, phase: p).map { (point.x, $0.lower, $0.upper) }
                }
            } ?? []
            series.append(.init(name: "\(phase.name), actual", points: past, colour: p))
            series.append(.init(name: "\(phase.name), forecast", points: (past.last.map { [$0] } ?? []) + future, style: .dashed,
                                band: band, colour: p))
        }
        var chart = LineChart(title: title, yLabel: "pupils", series: series)
        chart.width = 860
        chart.height = 340
        chart.xLabel = { Format.academicYear(Int($0)) }
        chart.yTickLabel = { Format.number($0) }
        return "<figure>\n\(chart.svg())</figure>\n"
    }

    private func actual(_ area: PlanningArea) -> AreaRolls? { plan.history.areas.first { $0.area == area } }

    private func totalActual(_ range: ClosedRange<Int>, year: Int) -> Double {
        plan.history.areas.reduce(0) { total, area in total + (area.pupils(year: year).map { sum($0, range) } ?? 0) }
    }

    private func sum(_ row: [Double], _ range: ClosedRange<Int>) -> Double { range.reduce(0) { $0 + row[$1] } }

    private func e(_ text: String) -> String { Markup.escape(text) }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
        h1{font-size:2rem;margin-bottom:.2rem}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
        .lede{color:#444}table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
        th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}th:first-child{text-align:left}
        thead th{border-bottom:2px solid #222;vertical-align:bottom}tr.total th,tr.total td{font-weight:bold;border-top:1px solid #222}
        table.grid{font-size:.85rem}.range{color:#555;font-size:.85em}figure{margin:1rem 0}svg{max-width:100%;height:auto}
        nav.contents ol{columns:3;font-size:.9rem}.notes{font-size:.9rem;color:#555}code{font-size:.9em}
        dt{font-weight:bold;margin-top:.6rem}dd{margin-left:1rem}
        @media print{body{margin:0;max-width:none}section.area{break-before:page}figure,table{break-inside:avoid}nav.contents{break-after:page}a{color:inherit;text-decoration:none}}
        """
}

extension AreaRolls {
    /// The whole row of year groups for a year, or `nil` outside the history.
    func pupils(year: Int) -> [Double]? { years.contains(year) ? pupils[year - firstYear] : nil }
}
