import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PlacePlanCore
@testable import PlacePlanReport

@Suite("HTML report")
struct HTMLReportTests {
    func plan(areaName: String, areas: Int = 2) -> Plan {
        let rolls = (0..<areas).map { i in
            AreaRolls(area: PlanningArea(code: "A\(i)", name: i == 0 ? areaName : "Area \(i)"), firstYear: 2012,
                      pupils: (0..<8).map { y in Ladder.england.yearGroups.indices.map { Double(100 + 3 * y + $0 + 10 * i) } })
        }
        let births = Dictionary(uniqueKeysWithValues: rolls.map { r in
            (r.area.code, BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2019).map { ($0, 105.0) })))
        })
        let history = History(ladder: .england, birthsBasis: .midYear, areas: rolls, births: births)
        return Plan(name: "Test <plan> & co", history: history, settings: .default, horizon: 5)
    }

    func render(_ plan: Plan, intervals: Double? = 0.8) throws -> String {
        var settings = plan.settings
        settings.intervals = intervals
        let forecast = try CohortSurvival.forecast(plan.history, settings: settings, horizon: plan.horizon)
        let backtest = try Backtest.run(plan.history, methods: [plan.settings], horizon: 2)
        return HTMLReport(plan: plan, forecast: forecast, generated: "2026-01-01 00:00 UTC", backtest: backtest).render()
    }

    @Test("a hostile area name renders as text, everywhere it appears")
    func escaping() throws {
        let html = try render(plan(areaName: "<script>alert(1)</script>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Test &lt;plan&gt; &amp; co"))
        #expect(!html.contains("Test <plan>"))
    }

    @Test("self-contained: no scripts, no external links or resources")
    func selfContained() throws {
        let html = try render(plan(areaName: "North"))
        for forbidden in ["<script", "http://", "https://", "<link", "src=", "@import"] {
            let allowed = forbidden == "http://" ? html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "") : html
            #expect(!allowed.contains(forbidden), "found \(forbidden)")
        }
    }

    @Test("one section, chart and table per area; each chart is well-formed SVG with a band when intervals exist")
    func structure() throws {
        let html = try render(plan(areaName: "North", areas: 3))
        #expect(html.components(separatedBy: "<section class=\"area\"").count - 1 == 3)
        let charts = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        #expect(charts.count == 4)  // all areas + one per area
        for chart in charts {
            let parser = XMLParser(data: Data(chart.utf8))
            #expect(parser.parse())
        }
        #expect(charts.dropFirst().allSatisfy { $0.contains("class=\"band\"") })
        #expect(html.contains("How accurate has this method been?"))
        #expect(html.contains("Methods and assumptions"))
    }

    @Test("largest changes lists each area once when there are few")
    func fewAreas() throws {
        let html = try render(plan(areaName: "North", areas: 2), intervals: nil)
        let table = html.components(separatedBy: "Largest changes")[1].components(separatedBy: "</table>")[0]
        #expect(table.components(separatedBy: "href=\"#area-1\"").count - 1 == 1)
        #expect(table.components(separatedBy: "href=\"#area-2\"").count - 1 == 1)
    }
}
