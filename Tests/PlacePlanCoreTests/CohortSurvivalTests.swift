import Testing
@testable import PlacePlanCore

@Suite("Cohort survival projection")
struct CohortSurvivalTests {
    /// Area X, 2015–2017: A→B ratios 0.99 and 108/110; B→C ratios 1 and 1; intake ratio 1.
    let area = AreaRolls(area: PlanningArea(code: "X"), firstYear: 2015,
                         pupils: [[100, 90, 80], [110, 99, 90], [120, 108, 99]])
    let births = ["X": BirthSeries([2011: 100, 2012: 110, 2013: 120, 2014: 130])]

    @Test("a forecast worked by hand: entry from births, other year groups by mean ratios")
    func handWorked() throws {
        let forecast = try CohortSurvival.forecast(history([area], births: births),
                                                   settings: ForecastSettings(method: .mean(years: 3), birthsTrendYears: 4, birthsTrendDamping: 1), horizon: 2)
        let x = try #require(forecast.areas.first)
        #expect(forecast.baseYear == 2017)
        #expect(x.years == [2018, 2019])
        let ab = (0.99 + 108.0 / 110) / 2
        // 2018: A = 1 × births(2014); B = A(2017) × mean A→B; C = B(2017) × 1.
        #expect(close(x.pupils[0][0], 130))
        #expect(close(x.pupils[0][1], 120 * ab))
        #expect(close(x.pupils[0][2], 108))
        // 2019 needs births(2015): the last known year plus the undamped slope of 2011–2014, 130 + 10.
        #expect(close(x.pupils[1][0], 140))
        #expect(close(x.pupils[1][1], 130 * ab))
        #expect(close(x.pupils[1][2], 120 * ab))
        #expect(x.notes.contains { $0.contains("births after 2014 projected") })
    }

    @Test("births beyond the last known year: damped trend from the last known year, flat at damping 0")
    func birthsProjection() {
        let series = BirthSeries([2011: 100, 2012: 110, 2013: 120, 2014: 130])
        let damped = BirthsProjection(series, trendYears: 4, damping: 0.5)
        #expect(damped.value(at: 2014) == 130)
        #expect(close(damped.value(at: 2015)!, 135))
        #expect(close(damped.value(at: 2016)!, 137.5))
        #expect(damped.value(at: 2010) == nil)  // never back-cast
        #expect(BirthsProjection(series, trendYears: 4, damping: 0).value(at: 2020) == 130)
        #expect(close(BirthsProjection(series, trendYears: 2, damping: 1).value(at: 2016)!, 150))
        // A falling line stops at zero.
        let falling = BirthsProjection(BirthSeries([2011: 30, 2012: 20, 2013: 10]), trendYears: 3, damping: 1)
        #expect(falling.value(at: 2020) == 0)
    }

    @Test("property: constant ratios of 1 and flat births give a flat forecast, for every method")
    func flatStaysFlat() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<50 {
            let pupils = Double(Int.random(in: 1...5000, using: &random))
            let birthsPerYear = Double(Int.random(in: 1...6000, using: &random))
            let years = Int.random(in: 2...8, using: &random)
            let area = AreaRolls(area: PlanningArea(code: "F"), firstYear: 2010,
                                 pupils: Array(repeating: [pupils, pupils, pupils], count: years))
            let flatBirths = BirthSeries(Dictionary(uniqueKeysWithValues: (2000...(2009 + years - 4)).map { ($0, birthsPerYear) }))
            for method in [RatioMethod.mean(years: 1), .mean(years: 3), .weighted(years: 5), .trend(years: 3)] {
                for trendYears in [1, 5] {
                    let settings = ForecastSettings(method: method, birthsTrendYears: trendYears)
                    let forecast = try CohortSurvival.forecast(history([area], births: ["F": flatBirths]), settings: settings, horizon: 15)
                    for row in forecast.areas[0].pupils { #expect(row.allSatisfy { close($0, pupils, 1e-9) }, "\(method)") }
                    let noBirths = try CohortSurvival.forecast(history([area], births: nil), settings: settings, horizon: 15)
                    for row in noBirths.areas[0].pupils { #expect(row.allSatisfy { close($0, pupils, 1e-9) }, "\(method), no births") }
                }
            }
        }
    }

    @Test("property: forecasts are never negative and never NaN, even from wild data")
    func nonNegative() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<100 {
            let years = Int.random(in: 1...6, using: &random)
            let grid = (0..<years).map { _ in (0..<3).map { _ in Double(Int.random(in: 0...50, using: &random)) } }
            let area = AreaRolls(area: PlanningArea(code: "W"), firstYear: 2010, pupils: grid)
            let b = BirthSeries(Dictionary(uniqueKeysWithValues: (2004...2010).map { ($0, Double(Int.random(in: 0...60, using: &random))) }))
            for method in [RatioMethod.mean(years: 3), .weighted(years: 3), .trend(years: 5)] {
                for births in [["W": b], nil] {
                    let forecast = try CohortSurvival.forecast(history([area], births: births),
                                                               settings: ForecastSettings(method: method, birthsTrendYears: 5), horizon: 10)
                    #expect(forecast.areas[0].pupils.allSatisfy { $0.allSatisfy { $0.isFinite && $0 >= 0 } })
                }
            }
        }
    }

    @Test("without births, the entry year group follows its own fitted line")
    func entryTrendWithoutBirths() throws {
        let forecast = try CohortSurvival.forecast(history([area], births: nil),
                                                   settings: ForecastSettings(method: .mean(years: 3), birthsTrendYears: 3), horizon: 3)
        #expect(forecast.areas[0].pupils.map { $0[0] }.enumerated().allSatisfy { close($1, 130 + 10 * Double($0)) })
    }

    @Test("an area with no history for a ratio borrows the pooled ratio and says so")
    func pooledFallback() throws {
        // E has nobody in A until its last year, so it has no A→B ratio of its own.
        let empty = AreaRolls(area: PlanningArea(code: "E"), firstYear: 2015, pupils: [[0, 5, 4], [0, 6, 5], [10, 0, 6]])
        let h = history([area, empty], births: births.merging(["E": BirthSeries([2011: 10, 2012: 12, 2013: 11, 2014: 11])]) { a, _ in a })
        let forecast = try CohortSurvival.forecast(h, settings: ForecastSettings(method: .mean(years: 3)), horizon: 2)
        let e = forecast.areas.first { $0.area.code == "E" }!
        #expect(e.notes.contains { $0.contains("A→B") && $0.contains("pooled") })
        // Pooled A: 100, 110, 130; B: 95, 105, 108 → A→B ratios 105/100 and 108/110.
        #expect(close(e.pupils[0][1], 10 * (105.0 / 100 + 108.0 / 110) / 2))
        // X has its own ratios and no notes about borrowing.
        #expect(!forecast.areas.first { $0.area.code == "X" }!.notes.contains { $0.contains("pooled") })
    }

    @Test("horizon outside 1…15 is refused")
    func horizon() {
        for horizon in [16, 0] {
            let error = #expect(throws: SettingProblems.self) {
                try CohortSurvival.forecast(history([area], births: births), horizon: horizon)
            }
            #expect(error?.problems.map(\.setting) == [.horizon])
        }
    }
}
