import Foundation
import PlacePlanCharts
import PlacePlanCore
import PlacePlanIO

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
    /// The place plan (schools and capacity), when the plan folder has schools: adds places
    /// needed, spare capacity, capacity lines on the charts and each area's schools.
    public let placePlan: PupilPlacePlan?
    /// Pupils from planned housing (already inside the forecast), shown separately.
    public let housing: HousingLayer?
    /// Archived vintages scored against the actuals now known (from the plan's database).
    public let vintages: [AccuracyReport.Vintage]
    /// Specialist places and early years, when the plan has them (the run's own plans).
    public var specialist: SpecialistPlan?
    public var earlyYears: EarlyYearsPlan?
    /// What the run could not make (intervals, for one): said on the first page, never left out silently.
    public var notes: [String] = []
    /// The council's title, name, logo and words (`[report]` of plan.toml).
    public var content = ReportContent()
    /// Why the forecast changed since an archived vintage (`report --changes-since`), if asked.
    public var changes: Changes?
    public struct Changes: Sendable {
        public let explanation: InputSwap.Explanation
        public let older: String
        public let newer: String
        public init(explanation: InputSwap.Explanation, older: String, newer: String) {
            self.explanation = explanation
            self.older = older
            self.newer = newer
        }
    }
    /// What the history gives reason to doubt or had restated, and the intake ratios: found once
    /// for the first page and the methods section, in `check`'s words.
    let findings: HistoryFindings
    let index: AreaIndex

    /// The report of one run of a plan: its areas, and its place plan and housing when it has them.
    public init(run: PlanRun, generated: String, backtest: Backtest.Result?, vintages: [AccuracyReport.Vintage] = []) {
        self.init(plan: run.plan, forecast: run.areaForecast, generated: generated, backtest: backtest,
                  placePlan: run.places?.tables, housing: run.places?.housing, vintages: vintages)
        notes = run.notes
        specialist = run.places?.specialist
        earlyYears = run.places?.earlyYears
    }

    public init(plan: Plan, forecast: Forecast, generated: String, backtest: Backtest.Result?, placePlan: PupilPlacePlan? = nil,
                housing: HousingLayer? = nil, vintages: [AccuracyReport.Vintage] = []) {
        self.plan = plan
        self.forecast = forecast
        self.generated = generated
        self.backtest = backtest
        self.placePlan = placePlan
        self.housing = housing
        self.vintages = vintages
        self.findings = HistoryFindings(plan, settings: forecast.settings)
        self.index = AreaIndex(plan: plan, forecast: forecast, placePlan: placePlan)
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
            <style>\(Self.css)\(ExplainPage.css)</style>
            </head>
            <body>

            """
        html += firstPage()
        html += contents()
        if let changes {
            html += "<section class=\"changes\">\n<h2>What changed since \(e(changes.older))</h2>\n"
            html += ExplainPage.section(changes.explanation, older: changes.older, newer: changes.newer, heading: 3) + "</section>\n"
        }
        for (index, area) in forecast.areas.enumerated() { html += areaSection(area, index: index) }
        if let specialist { html += SpecialistSection.html(specialist) }
        if let earlyYears { html += SpecialistSection.html(earlyYears) }
        html += methods()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: sections

    /// The place plan's authority pupils in a phase of the ladder and a year, when it has them.
    private func placePlanTotal(_ phase: Phase, year: Int) -> Double? {
        guard let placePlan, let place = PlacePhase(rawValue: phase.name),
              let line = placePlan.authority.first(where: { $0.phase == place && $0.year == year }) else { return nil }
        return Double(line.sufficiency.pupils)
    }

    private func firstPage() -> String {
        let base = forecast.baseYear, last = forecast.baseYear + forecast.horizon
        var out = "<header class=\"cover\">\n"
        if let logo = content.logo {
            out += "<img class=\"logo\" alt=\"\(e(content.authority ?? plan.name)) logo\" src=\"data:\(logo.mediaType);base64,"
            out += Data(logo.bytes).base64EncodedString() + "\">\n"
        }
        if let authority = content.authority { out += "<p class=\"authority\">\(e(authority))</p>\n" }
        out += "<h1>\(e(content.title ?? plan.name))</h1>\n"
        out += "<p class=\"lede\">Pupil forecast from the \(Format.academicYear(base)) census to \(Format.academicYear(last)), "
        out += "\(forecast.areas.count) planning areas. Made \(e(generated)) with PlacePlan.</p>\n"
        for note in notes { out += "<p class=\"notes\">Note: \(e(note)).</p>\n" }
        for line in findings.lines(limit: 10) {
            out += "<p class=\"notes\(line.hasPrefix("Warning") ? " warning" : "")\">\(e(line)).</p>\n"
        }
        out += "</header>\n"
        if let foreword = content.foreword { out += "<section class=\"foreword\">\n<h2>Foreword</h2>\n\(Markdown.html(foreword))</section>\n" }
        out += "<section class=\"summary\">\n<h2>At a glance</h2>\n\(narrative("summary"))<table class=\"figures\">\n<thead><tr><th>phase</th>"
        out += "<th>\(Format.academicYear(base)) (actual)</th><th>\(Format.academicYear(last)) (forecast)</th><th>change</th></tr></thead>\n<tbody>\n"
        for (phase, range) in phases {
            // A place plan's totals are its own authority lines (whole pupils that add up), the
            // figures `placeplan plan` shows; an area forecast's, its authority rows added up.
            let now = placePlanTotal(phase, year: base) ?? totalActual(range, year: base)
            let then = placePlanTotal(phase, year: last) ?? forecast.total(range, year: last) ?? 0
            var cell = Format.number(then)
            if let uncertainty = forecast.uncertainty, let column = uncertainty.phaseColumn(range) {
                let band = uncertainty.authorityPhases[forecast.horizon - 1, column]
                cell += " <span class=\"range\">(\(ForecastSummary.range(band)))</span>"
            }
            out += "<tr><th>\(e(phase.name))</th><td>\(Format.number(now))</td><td>\(cell)</td>"
            out += "<td>\(now > 0 ? Format.percent(then / now - 1, signed: true) : "–")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += chart(title: placePlan == nil ? "All areas: pupils by phase" : "The authority: pupils and places by phase",
                     actual: { g, y in totalActual(g...g, year: y) },
                     projected: { h, g in forecast.areas.reduce(0) { $0 + $1.pupils[h][g] } }, bands: forecast.uncertainty?.authorityPhases,
                     capacity: placePlan.map { plan in { phase in authorityCapacity(plan, phase: phase) } })
        if let placePlan { out += sufficiencySummary(placePlan) }
        if let housing { out += housingSummary(housing) }
        out += movers()
        if !vintages.isEmpty { out += trackRecord() }
        if let backtest { out += accuracy(backtest) }
        out += "</section>\n"
        return out
    }

    /// The areas changing most in the first phase: what a councillor asks about first.
    private func movers() -> String {
        guard let phase = phases.first?.phase, forecast.areas.count > 1 else { return "" }
        let changes = forecast.changes(in: phase, history: plan.history)
        let end = Format.academicYear(forecast.baseYear + forecast.horizon)
        var out = "<h3>Largest changes in \(e(phase.name)) pupils by \(end)</h3>\n<table>\n<thead><tr><th>area</th>"
        out += "<th>\(Format.academicYear(forecast.baseYear))</th><th>\(end)</th><th>change</th></tr></thead>\n<tbody>\n"
        // Five biggest falls and five biggest rises; with ten areas or fewer, simply all of them.
        let shown = changes.extremes(5).map { $0.falls + $0.rises } ?? changes
        for change in shown {
            let index = forecast.areas.firstIndex { $0.area.code == change.area.code }!
            out += "<tr><th><a href=\"#area-\(index + 1)\">\(e(change.area.label))</a></th><td>\(Format.number(change.now))</td>"
            out += "<td>\(Format.number(change.then))</td><td>\(Format.percent(change.relative, signed: true))</td></tr>\n"
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
        out += "</tbody>\n</table>\n"
        if let coverage = forecast.settings.intervals {
            out += CalibrationSection.html(result, method: label, measures: measures, coverage: coverage)
        }
        return out
    }

    /// How past published forecasts (archived vintages) compare with the censuses since: the
    /// authority's signed error on intake and phase totals, by years ahead, latest vintage first.
    private func trackRecord() -> String {
        let measures = VintageAccuracy.measures(for: ladder).map(\.name)
        var out = "<h3>Accuracy of published forecasts</h3>\n"
        let scored = vintages.filter { !$0.result.scores.isEmpty }
        guard let latest = scored.max(by: { $0.origin < $1.origin }) else {
            return out + "<p>\(vintages.count) archived forecast\(vintages.count == 1 ? "" : "s"), none of them scored yet: "
                + "no census since has been imported (placeplan actuals import).</p>\n"
        }
        let intake = measures.filter { $0.hasSuffix("intake") }.compactMap { m -> String? in
            latest.result.scores(level: .authority, measure: m, horizon: 1).first?.error.map { "\(e(m)) \(Format.percent($0, decimals: 2, signed: true))" }
        }
        if !intake.isEmpty {
            out += "<p class=\"lede\">The \(Format.academicYear(latest.origin + 1)) intake forecast \(e(latest.label.map { "(\($0))" } ?? "")) "
            out += "came within \(intake.joined(separator: ", ")) of the children admitted.</p>\n"
        }
        out += "<table>\n<thead><tr><th>forecast</th><th>made from</th><th>years ahead</th>"
        out += measures.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for vintage in scored.sorted(by: { ($0.origin, $0.id) > ($1.origin, $1.id) }) {
            for h in vintage.result.horizons {
                out += "<tr><th>\(e(vintage.label ?? "vintage \(vintage.id)"))</th><td>\(Format.academicYear(vintage.origin))</td><td>\(h)</td>"
                for m in measures {
                    let error = vintage.result.scores(level: .authority, measure: m, horizon: h).first?.error
                    out += "<td>\(error.map { Format.percent($0, decimals: 2, signed: true) } ?? "–")</td>"
                }
                out += "</tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n<p class=\"range\">Error = (forecast − actual) / actual for the authority, sign kept "
            + "(+ over-forecast), as DfE scorecards measure it.</p>\n"
    }

    private func contents() -> String {
        guard forecast.areas.count > 1 else { return "" }
        // With specialist places or early years the list is more than the planning areas.
        let heading = specialist == nil && earlyYears == nil ? "Planning areas" : "Contents"
        var out = "<nav class=\"contents\">\n<h2>\(heading)</h2>\n<ol>\n"
        for (i, area) in forecast.areas.enumerated() { out += "<li><a href=\"#area-\(i + 1)\">\(e(area.area.label))</a></li>\n" }
        if specialist != nil { out += "<li><a href=\"#specialist\">Specialist places</a></li>\n" }
        if earlyYears != nil { out += "<li><a href=\"#early-years\">Early years</a></li>\n" }
        return out + "</ol>\n</nav>\n"
    }

    private func areaSection(_ area: AreaForecast, index: Int) -> String {
        var out = "<section class=\"area\" id=\"area-\(index + 1)\">\n<h2>\(e(area.area.label))</h2>\n" + narrative(area.area.code)
        let rolls = actual(area.area)
        let groups = area.yearGroups ?? 0...(ladder.count - 1)
        out += chart(title: "\(area.area.name): pupils by phase", actual: { g, y in rolls?.pupils(year: y, yearGroup: g) ?? .nan },
                     projected: { h, g in area.pupils[h][g] }, bands: forecast.uncertainty?.areaPhases[index], within: groups,
                     capacity: placePlan.map { plan in { phase in areaCapacity(plan, area: area.area.code, phase: phase) } })
        if let placePlan { out += areaSufficiency(placePlan, area: area.area) }
        if !area.notes.isEmpty {
            out += "<ul class=\"notes\">\n" + area.notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "<table class=\"grid\">\n<thead><tr><th>year group</th>"
        out += "<th>\(Format.academicYear(forecast.baseYear))<br><small>actual</small></th>"
        out += forecast.years.map { "<th>\(Format.academicYear($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (g, yearGroup) in ladder.yearGroups.enumerated() where groups.contains(g) {
            out += "<tr><th>\(e(yearGroup.name))</th><td>\(Format.number(rolls?.pupils(year: forecast.baseYear, yearGroup: g) ?? 0))</td>"
            for h in 0..<forecast.horizon { out += "<td>\(Format.number(area.pupils[h][g]))</td>" }
            out += "</tr>\n"
        }
        for (phase, range) in phases where groups.contains(range.lowerBound) {
            out += "<tr class=\"total\"><th>\(e(phase.name))</th><td>\(Format.number(rolls?.pupils(year: forecast.baseYear).map { sum($0, range) } ?? 0))</td>"
            for h in 0..<forecast.horizon { out += "<td>\(Format.number(sum(area.pupils[h], range)))</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let housing { out += housingTable(housing, area: area) }
        if let placePlan { out += schoolsTable(placePlan, area: area.area) }
        return out + "</section>\n"
    }

    /// Each area's intake ratio by year (all areas, folded), as `check` shows it.
    private func intakeRatios() -> String {
        let ratios = findings.intakeRatios
        let (years, rows) = IntakeRatioTable.rows(ratios, all: true)
        guard !years.isEmpty else { return "" }
        var out = "<dt>Intake ratios</dt><dd><details><summary>\(e(ladder.entry.name)) ÷ births of its cohort "
        out += "(\(e(ratios.basis.rawValue)) basis), by area and year</summary>\n<table class=\"grid intake\"><thead><tr><th>area</th>"
        out += years.map { "<th>\(Format.academicYear($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr><th>\(e(row.label))</th>" + row.ratios.map { "<td>\($0.map { Format.number($0, decimals: 2) } ?? "")</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></details></dd>\n"
    }

    private func methods() -> String {
        let history = plan.history
        let s = forecast.settings
        var out = "<section class=\"methods\">\n<h2>Methods and assumptions</h2>\n\(narrative("methods"))<dl>\n"
        out += "<dt>Data</dt><dd>Pupils on roll by year group for \(Format.count(history.areas.count, "area")), "
        out += "\(Format.academicYear(history.firstYear)) to \(Format.academicYear(history.lastYear)) (January census)."
        if let births = forecast.lastKnownBirthsYear {
            out += " \(e(ForecastSummary.birthsKnown(through: births, history: history))).</dd>\n"
        } else {
            out += " No births: each area's \(e(ladder.entry.name)) follows its own recent trend.</dd>\n"
        }
        out += "<dt>Year groups</dt><dd>\(ladder.yearGroups.map { e($0.name) }.joined(separator: ", ")); phases "
        out += phases.map { "\(e($0.phase.name)) \(e($0.phase.first.name))–\(e($0.phase.last.name))" }.joined(separator: ", ") + ".</dd>\n"
        out += "<dt>Entry year group</dt><dd>\(e(ladder.entry.name)) = intake ratio × births of the cohort born "
        out += "September to August \(ladder.entryAge + 1)–\(ladder.entryAge) years before entry; intake ratio by "
        out += "<code>\(e(s.effectiveIntakeMethod.description))</code>.</dd>\n"
        if let used = forecast.applications {
            // Next September's entry is also made from its applications: say how they were weighed.
            out += "<dt>Applications</dt><dd>\(e(ForecastSummary.applications(used, entry: ladder.entry.name))).</dd>\n"
        }
        out += intakeRatios()
        out += "<dt>Other year groups</dt><dd>Last year's pupils in the year group below × progression ratio, "
        out += "summarised by <code>\(e((s.selection != nil ? "auto" : s.method.description)))</code> "
        out += "(mean-K: mean of the last K ratios; weighted-K: weights 1…K, latest heaviest; median-K: their median; "
        out += "huber-K: as weighted-K with a ratio far from the rest down-weighted; trend-K: least-squares "
        out += "line held within the range of the last K ratios; a + b: the average of the two).</dd>\n"
        // Years left out, and what that changed: the summary's line, worked out by the same code.
        let leftOut = ForecastSummary.exclusion(forecast, history: history).trimmingCharacters(in: .whitespacesAndNewlines)
        if !leftOut.isEmpty { out += "<dt>Years left out</dt><dd>\(e(leftOut)).</dd>\n" }
        let projection = BirthsProjection(BirthSeries([:]), trendYears: s.birthsTrendYears, damping: s.birthsTrendDamping)
        out += "<dt>Births beyond the last known year</dt><dd>Projected by \(e(projection.description)).</dd>\n"
        if let uncertainty = forecast.uncertainty {
            out += "<dt>Intervals</dt><dd>\(e(uncertainty.description)).</dd>\n"
        } else if !notes.isEmpty {
            out += "<dt>Intervals</dt><dd>None: \(notes.map(e).joined(separator: "; ")).</dd>\n"
        }
        out += placeMethods()
        out += "<dt>Accuracy measure</dt><dd>(forecast − actual) / actual, sign kept, as DfE scorecards define it.</dd>\n"
        return out + "</dl>\n</section>\n"
    }

    /// The place plan's own methods, from the settings it ran with: schools, transfer, places,
    /// targets and housing (nothing for a plan of areas alone).
    private func placeMethods() -> String {
        guard let placePlan else { return "" }
        var out = "<dt>Schools</dt><dd>Each school's share of its area's \(e(ladder.entry.name)) (and of a secondary area's Year 7) "
        out += "is summarised by <code>\(e(plan.places?.shareMethod.description ?? ""))</code> of its past shares; its other year "
        out += "groups follow its own progression; the schools of an area add up to the area's forecast, to the pupil.</dd>\n"
        out += "<dt>Secondary transfer</dt><dd>Each secondary area's Year 7 is the Year 6 of the primary areas that feed it, "
        out += "each × the share of its Year 6 that moved to that secondary area in past years (fitted by least squares), "
        out += "plus pupils arriving from elsewhere.</dd>\n"
        out += "<dt>Places</dt><dd>Net capacity from schools.csv; a year group's places are the schools' admission numbers. "
        out += "Places needed are counted as the DfE's scorecards count them: by planning area and year group, spare places "
        out += "in one year group never offsetting need in another. Spare capacity above \(Format.percent(placePlan.targets.spareTarget, decimals: 0)) "
        out += "is flagged as more than the target, below \(Format.percent(placePlan.targets.operatingMargin, decimals: 0)) as less than "
        out += "the operating margin (plan.toml <code>[capacity]</code>).</dd>\n"
        if let housing {
            let background: String = housing.accounts.map { account -> String in
                let label = forecast.areas.first { $0.area.code == account.area }?.area.label ?? account.area
                return "\(e(label)) \(Format.number(account.background, decimals: 1)) a year (\(e(account.backgroundSource)))"
            }.joined(separator: "; ")
            out += "<dt>Housing</dt><dd>Pupils of planned homes (housing.csv) above each area's background rate of building, which "
            out += "past ratios already carry: \(background). Yields: \(e(housing.yields.source)). Pupils of each phase are spread over "
            out += "its year groups and move up a year group a year.</dd>\n"
        }
        return out
    }

    // MARK: pieces

    /// A chart of each phase: history solid, forecast dashed (joined at the base year), bands
    /// when intervals exist.
    private func chart(title: String, actual: (Int, Int) -> Double, projected: (Int, Int) -> Double,
                       bands: IntervalGrid?, within groups: ClosedRange<Int>? = nil,
                       capacity: ((String) -> [LineChart.Point])? = nil) -> String {
        var series: [LineChart.Series] = []
        for (p, (phase, range)) in phases.enumerated() where groups?.contains(range.lowerBound) ?? true {
            let history = plan.history.firstYear...forecast.baseYear
            let past = history.compactMap { y -> LineChart.Point? in
                let total = range.reduce(0.0) { $0 + actual($1, y) }
                return total.isFinite ? LineChart.Point(x: Double(y), y: total) : nil
            }
            let future = forecast.years.enumerated().map { h, y in
                LineChart.Point(x: Double(y), y: range.reduce(0.0) { $0 + projected(h, $1) })
            }
            // The band of this phase's draws, where the simulation summed the same year groups.
            let column = forecast.uncertainty?.phaseColumn(range)
            let band: [(x: Double, lower: Double, upper: Double)] = bands.flatMap { grid in
                column.map { c in future.enumerated().map { h, point in (point.x, grid[h, c].lower, grid[h, c].upper) } }
            } ?? []
            series.append(.init(name: "\(phase.name), actual", points: past, colour: p))
            series.append(.init(name: "\(phase.name), forecast", points: (past.last.map { [$0] } ?? []) + future, style: .dashed,
                                band: band, colour: p))
            if let points = capacity?(phase.name), !points.isEmpty {
                series.append(.init(name: "\(phase.name) places", points: points, style: .capacity, colour: p))
            }
        }
        var chart = LineChart(title: title, yLabel: "pupils", series: series)
        chart.width = 860
        chart.height = 340
        chart.xLabel = { Format.academicYear(Int($0)) }
        chart.yTickLabel = { Format.number($0) }
        return "<figure>\n\(chart.svg())</figure>\n"
    }

    // MARK: places (plans with schools)

    private func areaCapacity(_ plan: PupilPlacePlan, area: String, phase: String) -> [LineChart.Point] {
        index.areaLines(area).filter { $0.phase.name == phase }
            .map { LineChart.Point(x: Double($0.year), y: Double($0.sufficiency.capacity)) }
    }

    private func authorityCapacity(_ plan: PupilPlacePlan, phase: String) -> [LineChart.Point] {
        plan.authority.filter { $0.phase.name == phase }.map { LineChart.Point(x: Double($0.year), y: Double($0.sufficiency.capacity)) }
    }

    private func anchor(_ area: PlanningArea) -> String {
        index.section(of: area).map { "<a href=\"#area-\($0 + 1)\">\(e(area.label))</a>" } ?? e(area.label)
    }

    /// Areas that run short of places (DfE places needed), when and by how much; and those with
    /// more spare places than the target: the councillor's first questions.
    private func sufficiencySummary(_ plan: PupilPlacePlan) -> String {
        let target = Format.percent(plan.targets.spareTarget, decimals: 0)
        var out = "<h3>Where places will be needed</h3>\n" + narrative("places")
        // The same shortfalls and surpluses the plan's summary lists (`PupilPlacePlan`).
        let short = plan.shortfalls
        let spare = plan.surpluses
        if short.isEmpty {
            out += "<p>No planning area needs places in any year of the forecast.</p>\n"
        } else {
            out += "<p class=\"legend\"><span class=\"deficit\">Red</span>: fewer places than pupils in the area at the peak. "
            out += "<span class=\"pressure\">Amber</span>: places to spare overall, but some year groups short (the DfE counts places "
            out += "needed by year group).</p>\n"
            out += "<table>\n<thead><tr><th>area</th><th>phase</th><th>first short</th><th>peak</th><th>places needed at peak</th>"
            out += "<th>surplus at peak</th></tr></thead>\n<tbody>\n"
            for line in short.sorted(by: { $0.peakNeeded > $1.peakNeeded }) {
                out += "<tr class=\"\(line.surplusAtPeak < 0 ? "deficit" : "pressure")\"><th>\(anchor(line.area))</th><td>\(e(line.phase.name))</td><td>\(Format.academicYear(line.firstYear))</td>"
                out += "<td>\(Format.academicYear(line.peakYear))</td><td>\(Format.number(Double(line.peakNeeded)))</td>"
                out += "<td>\(signed(line.surplusAtPeak))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<h3>Spare places above the \(target) target in \(Format.academicYear(plan.baseYear + 1))</h3>\n"
        if spare.isEmpty { return out + "<p>None.</p>\n" }
        out += "<table>\n<thead><tr><th>area</th><th>phase</th><th>places</th><th>spare</th></tr></thead>\n<tbody>\n"
        for line in spare.sorted(by: { ($0.first.spare ?? 0) > ($1.first.spare ?? 0) }) {
            out += "<tr><th>\(anchor(line.area))</th><td>\(e(line.phase.name))</td><td>\(Format.number(Double(line.first.capacity)))</td>"
            out += "<td>\(line.first.spare.map { Format.percent($0) } ?? "–")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Places against pupils in every year, per phase, for one area.
    private func areaSufficiency(_ plan: PupilPlacePlan, area: PlanningArea) -> String {
        let lines = index.areaLines(area.code)
        guard !lines.isEmpty else { return "" }
        var out = "<table class=\"grid\">\n<thead><tr><th>places</th>"
        out += plan.years.map { "<th>\(Format.academicYear($0))\(plan.isForecast($0) ? "" : "<br><small>actual</small>")</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for phase in Set(lines.map(\.phase)).sorted() {
            let byYear = Dictionary(uniqueKeysWithValues: lines.filter { $0.phase == phase }.map { ($0.year, $0.sufficiency) })
            // Each figure coloured by what it says: a deficit red, places needed in some year
            // groups (spare overall) amber, spare below the operating margin amber, spare above the
            // target blue.
            let targets = plan.targets
            let rows: [(String, (Sufficiency) -> String, (Sufficiency) -> String?)] = [
                ("\(phase.name): places", { Format.number(Double($0.capacity)) }, { _ in nil }),
                ("pupils", { Format.number(Double($0.pupils)) }, { _ in nil }),
                ("surplus (deficit)", { self.signed($0.surplus) }, { $0.surplus < 0 ? "deficit" : nil }),
                ("spare", { $0.spare.map { Format.percent($0) } ?? "–" }, { s in
                    switch s.flag(targets) {
                    case .belowMargin: return "pressure"
                    case .aboveTarget: return "surplus"
                    default: return nil
                    }
                }),
                ("places needed", { Format.number(Double($0.placesNeeded ?? 0)) },
                 { ($0.placesNeeded ?? 0) > 0 ? ($0.surplus < 0 ? "deficit" : "pressure") : nil }),
            ]
            for (label, value, status) in rows {
                out += "<tr><th>\(e(label))</th>" + plan.years.map { year in
                    guard let s = byYear[year] else { return "<td>–</td>" }
                    return status(s).map { "<td class=\"\($0)\">\(value(s))</td>" } ?? "<td>\(value(s))</td>"
                }.joined() + "</tr>\n"
            }
            // The simulated chance that pupils outnumber places: red from one in two, amber from one in ten.
            if let chances = forecast.uncertainty?.shortfall, !chances.isEmpty {
                out += "<tr><th>chance of a shortfall</th>" + plan.years.map { year in
                    guard let p = chances[AreaPhaseYear(area: area.code, phase: phase, year: year)]?.short else { return "<td>–</td>" }
                    let status = p >= 0.5 ? " class=\"deficit\"" : p >= 0.1 ? " class=\"pressure\"" : ""
                    return "<td\(status)>\(Format.percent(p, decimals: 0))</td>"
                }.joined() + "</tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The schools of an area: places, pupils now and at the horizon, surplus and flag.
    private func schoolsTable(_ plan: PupilPlacePlan, area: PlanningArea) -> String {
        let base = plan.baseYear, last = plan.years.last ?? base
        let lines = index.schoolLines(area.code)
        guard !lines.isEmpty else { return "" }
        struct SchoolPhase: Hashable, Comparable {
            let school: String, phase: PlacePhase
            static func < (a: Self, b: Self) -> Bool { (a.school, a.phase) < (b.school, b.phase) }
        }
        let keys = Dictionary(grouping: lines) { SchoolPhase(school: $0.school.code, phase: $0.phase) }
        var out = "<h3>Schools</h3>\n<table>\n<thead><tr><th>school</th><th>phase</th><th>places \(Format.academicYear(last))</th>"
        out += "<th>pupils \(Format.academicYear(base))</th><th>pupils \(Format.academicYear(last))</th><th>surplus \(Format.academicYear(last))</th>"
        out += "<th>spare</th><th></th></tr></thead>\n<tbody>\n"
        for key in keys.keys.sorted() {
            let group = keys[key]!
            let now = group.first { $0.year == base }, then = group.first { $0.year == last } ?? group.max { $0.year < $1.year }!
            let flag = then.sufficiency.flag(plan.targets)
            let status = flag.map { $0 == .deficit ? "deficit" : $0 == .belowMargin ? "pressure" : "surplus" }
            out += "<tr\(status.map { " class=\"\($0)\"" } ?? "")><th>\(e(then.school.label))</th><td>\(e(then.phase.name))</td>"
            out += "<td>\(Format.number(Double(then.sufficiency.capacity)))</td><td>\(now.map { Format.number(Double($0.sufficiency.pupils)) } ?? "–")</td>"
            out += "<td>\(Format.number(Double(then.sufficiency.pupils)))</td><td>\(signed(then.sufficiency.surplus))</td>"
            out += "<td>\(then.sufficiency.spare.map { Format.percent($0) } ?? "–")</td><td>\(flag.map { e($0.rawValue) } ?? "")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// What planned housing adds, area by area, and why (only completions above the background rate).
    private func housingSummary(_ layer: HousingLayer) -> String {
        let added = layer.accounts.filter { $0.addedDwellings > 0 || $0.plannedDwellings > 0 }
        guard !added.isEmpty else { return "" }
        var out = "<h3>Planned housing</h3>\n<p>Pupils of new homes are added only for completions above each area's usual "
        out += "(background) rate, which past ratios already carry. They are included in every figure of this report.</p>\n"
        out += "<table>\n<thead><tr><th>area</th><th>planned homes</th><th>background a year</th><th>homes added</th>"
        out += "<th>pupils by \(Format.academicYear(layer.baseYear + layer.horizon))</th></tr></thead>\n<tbody>\n"
        for account in added {
            let pupils = account.pupilsAtHorizon.sorted { $0.key < $1.key }
                .filter { $0.value > 0 }.map { "\(e($0.key.name)) \(Format.number($0.value))" }.joined(separator: ", ")
            let area = forecast.areas.first { $0.area.code == account.area }?.area ?? PlanningArea(code: account.area)
            out += "<tr><th>\(anchor(area))</th><td>\(Format.number(account.plannedDwellings))</td>"
            out += "<td>\(Format.number(account.background))</td><td>\(Format.number(account.addedDwellings))</td>"
            out += "<td class=\"words\">\(pupils.isEmpty ? "–" : pupils)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Housing pupils of one area by phase and year: the part of the forecast new homes bring.
    private func housingTable(_ layer: HousingLayer, area: AreaForecast) -> String {
        guard let grid = layer.areaPupils[area.area.code], grid.contains(where: { $0.contains { $0 > 0 } }) else { return "" }
        let groups = area.yearGroups ?? 0...(ladder.count - 1)
        var out = "<h3>Pupils from planned housing (included above)</h3>\n<table class=\"grid\">\n<thead><tr><th>phase</th>"
        out += layer.years.map { "<th>\(Format.academicYear($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (phase, range) in phases where groups.contains(range.lowerBound) {
            out += "<tr><th>\(e(phase.name))</th>" + grid.map { "<td>\(Format.number(sum($0, range)))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func signed(_ n: Int) -> String { n > 0 ? "+" + Format.number(Double(n)) : Format.number(Double(n)) }

    private func actual(_ area: PlanningArea) -> AreaRolls? { index.rolls(of: area) }

    private func totalActual(_ range: ClosedRange<Int>, year: Int) -> Double {
        plan.history.areas.reduce(0) { total, area in total + (area.pupils(year: year).map { sum($0, range) } ?? 0) }
    }

    private func sum(_ row: [Double], _ range: ClosedRange<Int>) -> Double { range.reduce(0) { $0 + row[$1] } }

    private func e(_ text: String) -> String { Markup.escape(text) }

    /// The council's words for a section or a planning area, if it wrote any.
    private func narrative(_ key: String) -> String {
        content.narrative[key].map { "<div class=\"narrative\">\n\(Markdown.html($0))</div>\n" } ?? ""
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
        h1{font-size:2rem;margin-bottom:.2rem}img.logo{max-height:4.5rem;max-width:16rem;float:right}.authority{font-weight:bold;color:#444;margin:0}
        .narrative{border-left:3px solid #0072B2;padding-left:.8rem;margin:.8rem 0}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
        .lede{color:#444}table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}
        th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}th:first-child{text-align:left}
        thead th{border-bottom:2px solid #222;vertical-align:bottom}tr.total th,tr.total td{font-weight:bold;border-top:1px solid #222}
        table.grid{font-size:.85rem}table.intake th,table.intake td{padding:.2rem .45rem}table.intake tbody th{white-space:nowrap;font-weight:normal}.range{color:#555;font-size:.85em}figure{margin:1rem 0}svg{max-width:100%;height:auto}
        nav.contents ol{columns:3;font-size:.9rem}.notes{font-size:.9rem;color:#555}code{font-size:.9em}
        dt{font-weight:bold;margin-top:.6rem}dd{margin-left:1rem}td.deficit,tr.deficit td,tr.deficit th,span.deficit{color:#B00020;font-weight:bold}
        td.pressure,tr.pressure td,tr.pressure th,span.pressure{color:#9A5B00;font-weight:bold}td.surplus,tr.surplus td,tr.surplus th{color:#0B5394}
        @page{size:A4;margin:15mm 14mm 18mm 14mm;@bottom-center{content:"Page " counter(page) " of " counter(pages);font:9pt system-ui,sans-serif;color:#555}}
        @media print{body{margin:0;max-width:none;font-size:10.5pt}section.area{break-before:page}figure,table{break-inside:avoid}
        h1,h2,h3{break-after:avoid;break-inside:avoid}thead{display:table-header-group}tr{break-inside:avoid}
        nav.contents{break-after:page;break-inside:avoid}td.words{text-align:left;min-width:14rem}a{color:inherit;text-decoration:none}}
        """
}

extension AreaRolls {
    /// The whole row of year groups for a year, or `nil` outside the history.
    func pupils(year: Int) -> [Double]? { years.contains(year) ? pupils[year - firstYear] : nil }
}
