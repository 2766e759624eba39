import PlacePlanCharts
import PlacePlanCore

/// The report's sections on specialist places and early years: the same figures as `placeplan
/// plan` prints and `plan-specialist.csv` / `plan-early-years.csv` hold, with a chart of pupils
/// against places.
enum SpecialistSection {
    static func html(_ plan: SpecialistPlan) -> String {
        var out = "<section class=\"specialist\" id=\"specialist\">\n<h2>Specialist places</h2>\n"
        out += "<p>Pupils with education, health and care plans, by age: each age's rate (plans per pupil of its year groups, "
            + "per birth for the under-5s) follows a least-squares trend of its last \(plan.settings.trendYears) years, damped by "
            + "\(Format.number(plan.settings.damping, decimals: 2)) a year and held within ±\(Format.percent(plan.settings.maxChange, decimals: 0)) "
            + "of the last rate, times the mainstream forecast; placed by these shares: "
            + Placement.allCases.map { "\(Markup.escape($0.label)) \(Format.percent(plan.settings.shares[$0], decimals: 1))" }.joined(separator: ", ")
            + ".</p>\n"
        var series: [LineChart.Series] = []
        for (i, placement) in Placement.planned.enumerated() {
            let lines = plan.years.compactMap { y in plan.line(placement, year: y).map { (y, $0.sufficiency) } }
            series.append(.init(name: "\(placement.label), pupils", points: lines.map { .init(x: Double($0.0), y: Double($0.1.pupils)) },
                                style: .dashed, colour: i))
            series.append(.init(name: "\(placement.label) places", points: lines.map { .init(x: Double($0.0), y: Double($0.1.capacity)) },
                                style: .capacity, colour: i))
        }
        out += figure(LineChart(title: "Specialist places: pupils placed against places", yLabel: "pupils", series: series))
        out += "<table>\n<thead><tr><th>year</th><th>pupils with plans</th><th>special school</th><th>places</th><th>needed</th>"
            + "<th>resourced provision</th><th>places</th><th>needed</th></tr></thead>\n<tbody>\n"
        for year in plan.years {
            guard let s = plan.line(.specialSchool, year: year)?.sufficiency, let r = plan.line(.resourcedProvision, year: year)?.sufficiency else { continue }
            let total = plan.wholePlans(in: year)
            out += "<tr\(s.placesNeeded ?? 0 > 0 || r.placesNeeded ?? 0 > 0 ? " class=\"deficit\"" : "")><th>\(Format.academicYear(year))"
                + (plan.isForecast(year) ? "" : " (census)") + "</th>"
            out += [total, s.pupils, s.capacity, s.placesNeeded ?? 0, r.pupils, r.capacity, r.placesNeeded ?? 0]
                .map { "<td>\(Format.number(Double($0)))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for note in plan.notes { out += "<p class=\"note\">\(Markup.escape(note))</p>\n" }
        return out + "</section>\n"
    }

    static func html(_ plan: EarlyYearsPlan) -> String {
        let s = plan.settings
        var out = "<section class=\"early-years\" id=\"early-years\">\n<h2>Early years</h2>\n"
        out += "<p>Children aged 2, 3 and 4 from births aged forward; funded take-up: two-year-olds \(Format.percent(s.twoYearOldTakeUp, decimals: 0)), "
            + "universal 15 hours \(Format.percent(s.universalTakeUp, decimals: 0)), extended hours \(Format.percent(s.extendedTakeUp, decimals: 0)); "
            + "\(Format.number(s.hoursPerEntitlement)) hours each, \(Format.number(s.hoursPerPlace)) hours a place. "
            + "Four-year-olds in Reception classes (\(Format.percent(s.fourYearOldsInSchool, decimals: 0))) have school places.</p>\n"
        let lines = plan.authority
        out += figure(LineChart(title: "Early-years places needed against places, the authority", yLabel: "places", series: [
            .init(name: "funded hours, in places", points: lines.map { .init(x: Double($0.year), y: Double($0.sufficiency.pupils)) }, style: .dashed, colour: 0),
            .init(name: "places", points: lines.map { .init(x: Double($0.year), y: Double($0.sufficiency.capacity)) }, style: .capacity, colour: 0),
        ]))
        let forecastYears = plan.years.filter(plan.isForecast)
        let shown = [forecastYears.first, forecastYears.count > 4 ? forecastYears[4] : nil, forecastYears.last].compactMap { $0 }
        out += "<table>\n<thead><tr><th>area</th>" + shown.map { "<th>\(Format.academicYear($0)): places / needed</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for area in Array(Set(plan.areas.map(\.area))).sorted() {
            let cells = shown.map { y -> (String, Bool) in
                guard let line = plan.line(area.code, year: y) else { return ("–", false) }
                return ("\(Format.number(Double(line.sufficiency.capacity))) / \(Format.number(Double(line.sufficiency.placesNeeded ?? 0)))",
                        (line.sufficiency.placesNeeded ?? 0) > 0)
            }
            out += "<tr\(cells.contains { $0.1 } ? " class=\"pressure\"" : "")><th>\(Markup.escape(area.label))</th>"
                + cells.map { "<td>\($0.0)</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for note in plan.notes { out += "<p class=\"note\">\(Markup.escape(note))</p>\n" }
        return out + "</section>\n"
    }

    static func figure(_ chart: LineChart) -> String {
        var chart = chart
        chart.width = 860
        chart.height = 300
        chart.xLabel = { Format.academicYear(Int($0)) }
        chart.yTickLabel = { Format.number($0) }
        return "<figure>\n\(chart.svg())</figure>\n"
    }
}
