import Testing
@testable import PlacePlanCore
@testable import PlacePlanReport
import PlacePlanSpreadsheet

@Suite("Workbook report")
struct WorkbookReportTests {
    @Test("sheets for authority, areas, forecast cells, accuracy and notes (how the intervals were made); numbers stay numbers; levels add up")
    func sheets() throws {
        let rolls = (0..<6).map { i in  // enough areas to calibrate intervals
            AreaRolls(area: PlanningArea(code: "A\(i)", name: "Area \(i)"), firstYear: 2014,
                      pupils: (0..<6).map { y in Ladder.england.yearGroups.indices.map { Double(50 + y + $0 + i) } })
        }
        let history = History(ladder: .england, birthsBasis: .midYear, areas: rolls, births: nil)
        let plan = Plan(name: "P", history: history, settings: .default, horizon: 3)
        var settings = plan.settings
        settings.intervals = 0.8
        let forecast = try CohortSurvival.forecast(history, settings: settings, horizon: 3)
        let backtest = try Backtest.run(history, methods: [plan.settings], horizon: 1)
        let workbook = WorkbookReport(plan: plan, forecast: forecast, backtest: backtest).workbook()
        #expect(workbook.sheets.map(\.name) == ["authority", "areas", "forecast cells", "accuracy", "notes"])
        // The interval columns are explained in the workbook itself, in the report's own sentence.
        let uncertainty = try #require(forecast.uncertainty)
        #expect(workbook.sheets[4].rows.first == [.text("lower, upper (forecast cells): \(uncertainty.description).")])
        #expect(uncertainty.description.hasPrefix("80% prediction intervals from 1,000 draws"))
        #expect(workbook.sheets[4].title == "P: how the intervals were made")
        // Without intervals, the notes say only what the run could not make.
        var plain = WorkbookReport(plan: plan, forecast: try CohortSurvival.forecast(history, settings: plan.settings, horizon: 3), backtest: nil)
        plain.notes = ["no 80% prediction intervals: the rolls are too short"]
        let notes = try #require(plain.workbook().sheets.last)
        #expect(notes.name == "notes" && notes.title == "P: what this workbook does not hold, and why" && notes.rows.count == 1)
        #expect((workbook.sheets[2].title ?? "").hasSuffix("; lower and upper: its prediction interval (notes)"))
        try workbook.validate()

        let authority = workbook.sheets[0]
        #expect(authority.rows.count == 6 + 3)
        let total = try #require(authority.columns.firstIndex(of: "total"))
        // The authority's forecast total in the first forecast year equals the sum over the areas' rows.
        let areaRows = workbook.sheets[1].rows.filter { $0[2] == .integer(2020) }
        #expect(areaRows.count == 6)
        // Totals are formulas over the row's year groups, stored with their values.
        guard case .formula(let formula, let a) = authority.rows[6][total] else { Issue.record("total is not a formula"); return }
        #expect(formula == "SUM(D9:Q9)")  // title and header above: the seventh data row is row 9; R–Y13 are D–Q
        let sum = areaRows.reduce(0.0) { acc, row in if case .formula(_, let v) = row[total + 1] { return acc + v } else { return .nan } }
        #expect(abs(a - sum) < 1e-9)
        #expect(workbook.sheets[2].columns == ["year", "area", "year_group", "pupils", "lower", "upper"])
        #expect(workbook.sheets[2].rows.count == 6 * 3 * 14)
        #expect(try workbook.data().starts(with: [0x50, 0x4B]))  // a ZIP container
    }
}
