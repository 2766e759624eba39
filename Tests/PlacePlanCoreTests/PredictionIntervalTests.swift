import Testing
@testable import PlacePlanCore

@Suite("Prediction intervals")
struct PredictionIntervalTests {
    @Test("quantiles interpolate between order statistics")
    func quantiles() {
        #expect(quantile([4, 1, 3, 2], 0.5) == 2.5)
        #expect(quantile([4, 1, 3, 2], 0) == 1)
        #expect(quantile([4, 1, 3, 2], 1) == 4)
        #expect(close(quantile([1, 2, 3, 4, 5], 0.1), 1.4))
    }

    /// Areas whose entry year group moves by a known random amount around a flat history.
    func noisyHistory(seed: UInt64, areas: Int = 40, years: Int = 8) -> History {
        var random = SeededRandom(seed: seed)
        let rolls = (0..<areas).map { a -> AreaRolls in
            let grid = (0..<years).map { _ -> [Double] in
                let wobble = Double.random(in: 0.9...1.1, using: &random)
                return [1000 * wobble, 1000, 1000]
            }
            return AreaRolls(area: PlanningArea(code: "A\(a)"), firstYear: 2010, pupils: grid)
        }
        return History(ladder: tinyLadder, birthsBasis: .midYear, areas: rolls, births: nil)
    }

    @Test("a perfectly regular history gives intervals of zero width")
    func regular() throws {
        let area = AreaRolls(area: PlanningArea(code: "P"), firstYear: 2010, pupils: Array(repeating: [50, 50, 50], count: 8))
        let history = History(ladder: tinyLadder, birthsBasis: .midYear, areas: Array(repeating: area, count: 1)
            .enumerated().map { AreaRolls(area: PlanningArea(code: "P\($0.offset)"), firstYear: 2010, pupils: $0.element.pupils) }
            + (1...12).map { AreaRolls(area: PlanningArea(code: "Q\($0)"), firstYear: 2010, pupils: area.pupils) }, births: nil)
        let intervals = try #require(try PredictionIntervals.calibrate(history, settings: ForecastSettings(method: .mean(years: 3)),
                                                                     coverage: 0.8, horizon: 3))
        #expect(intervals.bounds.allSatisfy { $0.allSatisfy { abs($0.lower) < 1e-12 && abs($0.upper) < 1e-12 } })
    }

    @Test("noise in the entry year group widens its interval, not the others'; deeper horizons widen by √h")
    func noisy() throws {
        let history = noisyHistory(seed: 3)
        let intervals = try #require(try PredictionIntervals.calibrate(history, settings: ForecastSettings(method: .mean(years: 3)),
                                                                     coverage: 0.8, horizon: 8))
        // The entry year group (no births: its own trend) misses by up to ±10%.
        #expect(intervals.bounds[0][0].lower < -0.03 && intervals.bounds[0][0].upper > 0.03)
        // B and C a year ahead come from last year's counts: A→B carries A's noise, B→C none.
        #expect(abs(intervals.bounds[0][2].lower) < 1e-9 && abs(intervals.bounds[0][2].upper) < 1e-9)
        // The history (2010–2017, origins from 2012) tests at most 5 years ahead; beyond, √h widening.
        let deepest = intervals.bounds[4][0]
        #expect(close(intervals.bounds[7][0].upper, deepest.upper * (8.0 / 5).squareRoot()))
        let (lower, upper) = intervals.interval(around: 1000, horizon: 1, yearGroup: 0)
        #expect(lower < 1000 && upper > 1000)
    }

    @Test("a forecast with intervals carries one per cell, lower ≤ upper; calibration never sees past the origin")
    func inForecast() throws {
        let history = noisyHistory(seed: 5)
        let settings = ForecastSettings(method: .mean(years: 3), intervals: 0.8)
        let forecast = try CohortSurvival.forecast(history, settings: settings, horizon: 4)
        #expect(forecast.intervals?.coverage == 0.8)
        #expect(forecast.cells.allSatisfy { ($0.lower ?? .nan) <= ($0.upper ?? .nan) })
        // Changing the years after an origin does not change the intervals made at it.
        let early = try CohortSurvival.forecast(history.known(through: 2015), settings: settings, horizon: 2)
        let other = try CohortSurvival.forecast(noisyHistory(seed: 5).known(through: 2015), settings: settings, horizon: 2)
        #expect(early == other)
    }

    @Test("the backtest reports coverage for single year groups, and a wide interval covers more")
    func coverage() throws {
        let history = noisyHistory(seed: 11, years: 9)
        let narrow = ForecastSettings(method: .mean(years: 3), intervals: 0.5)
        let wide = ForecastSettings(method: .weighted(years: 3), intervals: 0.95)
        let result = try Backtest.run(history, methods: [narrow, wide], horizon: 1)
        let n = try #require(result.row(method: narrow.label, measure: "A (intake)", horizon: 1)?.summary.coverage)
        let w = try #require(result.row(method: wide.label, measure: "A (intake)", horizon: 1)?.summary.coverage)
        #expect(n < w)
        #expect(result.row(method: narrow.label, measure: "all", horizon: 1)?.summary.coverage == nil)
    }
}
