import Testing
@testable import PlacePlanCore

/// The shock test's shocked history, and the summary one odd year cannot drag.
@Suite("A shock year, and the median of past ratios")
struct ShockTests {
    @Test("a 3% shock in 2015 scales every cohort past the entry year group in 2015, from then on; earlier years, births and entrants untouched")
    func shockedHistory() {
        let rows = (0..<6).map { _ in Array(repeating: 100.0, count: 14) }
        let history = History(ladder: .england, birthsBasis: .midYear,
                              areas: [AreaRolls(area: PlanningArea(code: "A"), firstYear: 2013, pupils: rows)], births: ["A": BirthSeries([2010: 90])])
        let shocked = Shock(year: 2015, change: -0.03).apply(to: history)
        let p = shocked.areas[0].pupils
        #expect(p[0] == rows[0] && p[1] == rows[1])                       // 2013, 2014
        #expect(p[2][0] == 100 && p[2][1...].allSatisfy { abs($0 - 97) < 1e-9 })   // 2015: all but Reception
        #expect(p[3][1] == 100 && abs(p[3][2] - 97) < 1e-9)              // 2016: Y1 entered after the shock; Y2 was Y1 in it
        #expect(p[5][3] == 100 && abs(p[5][4] - 97) < 1e-9)              // 2018: Y4 was Y1 in 2015
        #expect(shocked.births == history.births)
    }

    @Test("--shock is read as YEAR:PERCENT within ±50, never 0")
    func parse() {
        #expect(Shock("2015:-3") == Shock(year: 2015, change: -0.03))
        #expect(Shock("2015:2.5")?.description == "every progression ratio into 2015/16 2.5% high")
        for bad in ["2015", "2015:0", "2015:-60", ":3", "2015:x", "2015:3:1"] { #expect(Shock(bad) == nil, "\(bad)") }
    }

    @Test("median-K: the middle of the last K ratios, so one odd year among them changes nothing")
    func median() {
        let method = RatioMethod(name: "median-3")
        #expect(method == .median(years: 3) && method?.description == "median-3")
        let steady = [(2014, 1.00), (2015, 1.02), (2016, 1.01)].map { (year: $0.0, ratio: $0.1) }
        let shocked = [(2014, 1.00), (2015, 0.90), (2016, 1.01)].map { (year: $0.0, ratio: $0.1) }
        #expect(method?.estimate(from: steady) == .constant(1.01))
        #expect(method?.estimate(from: shocked) == .constant(1.00))
        #expect(RatioMethod.mean(years: 3).estimate(from: shocked)!.value(at: 2017) < 0.98)
    }
}

@Suite("exclude_years in the forecast")
struct ExcludedYearsForecastTests {
    @Test("a year's ratios left out: the forecast is the one the other years make, as if the odd year had not been")
    func leftOut() throws {
        // Ratios 1.0 every year but into 2015, when every year group halved relative to the one below.
        var rows: [[Double]] = []
        for t in 2011...2018 { rows.append((0..<14).map { _ in t == 2015 ? 50 : 100 }) }
        let history = History(ladder: .england, birthsBasis: .midYear, areas: [AreaRolls(area: PlanningArea(code: "A"), firstYear: 2011, pupils: rows)], births: nil)
        var settings = ForecastSettings(method: .mean(years: 8), birthsTrendYears: 1)
        settings.excludedYears = [2015, 2016]   // into 2015 (×0.5) and out of it (×2)
        let forecast = try CohortSurvival.forecast(history, settings: settings, horizon: 2)
        #expect(forecast.areas[0].pupils[1][5] == 100)
        settings.excludedYears = []
        #expect(try CohortSurvival.forecast(history, settings: settings, horizon: 2).areas[0].pupils[1][5] != 100)
    }

    @Test("an area's own years left out: that area's forecast is the other years', every other area's is as it was")
    func leftOutInOneArea() throws {
        var odd: [[Double]] = [], steady: [[Double]] = []
        for t in 2011...2018 {
            odd.append((0..<14).map { _ in t == 2015 ? 50 : 100 })
            steady.append((0..<14).map { _ in t == 2015 ? 50 : 100 })
        }
        let history = History(ladder: .england, birthsBasis: .midYear,
                              areas: [AreaRolls(area: PlanningArea(code: "A"), firstYear: 2011, pupils: odd),
                                      AreaRolls(area: PlanningArea(code: "B"), firstYear: 2011, pupils: steady)], births: nil)
        var settings = ForecastSettings(method: .mean(years: 8), birthsTrendYears: 1)
        settings.findsExceptionalYears = false
        let every = try CohortSurvival.forecast(history, settings: settings, horizon: 2)
        settings.excludedAreaYears = ["A": [2015, 2016]]
        #expect(settings.leavesOut(2015, in: "A") && !settings.leavesOut(2015, in: "B") && !settings.leavesOut(2017, in: "A"))
        let forecast = try CohortSurvival.forecast(history, settings: settings, horizon: 2)
        #expect(forecast.areas[0].pupils[1][5] == 100)
        #expect(forecast.areas[1].pupils == every.areas[1].pupils && every.areas[1].pupils[1][5] != 100)
        // The effect is the difference from the forecast that keeps every year.
        let effect = try forecast.exclusionEffect(history)
        #expect(effect.count == 3 && effect.allSatisfy { abs($0.change) > 0 } && effect.contains { $0.phase == "primary" })
    }
}
