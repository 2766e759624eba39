import Testing
import TestSupport
@testable import PlacePlanCore

@Suite("Accuracy measures and backtesting")
struct BacktestTests {
    @Test("percentage error keeps its sign: positive is an over-forecast")
    func percentageErrors() {
        #expect(percentageError(forecast: 101, actual: 100) == 0.01)
        #expect(percentageError(forecast: 99, actual: 100) == -0.01)
        #expect(percentageError(forecast: 5, actual: 0) == nil)
    }

    @Test("median, mean absolute error, bias and share within 0.9%")
    func summary() throws {
        let s = try #require(ErrorSummary(errors: [0.02, -0.01, 0.005, -0.004]))
        #expect(close(s.medianAbsolute, 0.0075))
        #expect(close(s.meanAbsolute, 0.039 / 4))
        #expect(close(s.bias, 0.0005))
        #expect(s.shareWithin0_9Percent == 0.5)
        #expect(median([3, 1, 2]) == 2)
        // (1 − 2)² + 0 + (3 − 2)² = 2, over n − 1 = 2.
        #expect(sampleVariance([1, 2, 3]) == 1)
        #expect(sampleVariance([5]) == nil)
        #expect(ErrorSummary(errors: []) == nil)
    }

    /// Nine years of an area whose later years are then scrambled.
    func area(_ code: String, scrambleAfter year: Int? = nil, seed: UInt64 = 1) -> AreaRolls {
        var random = SeededRandom(seed: seed)
        let grid = (2011...2019).map { y -> [Double] in
            if let year, y > year { return (0..<3).map { _ in Double(Int.random(in: 0...10_000, using: &random)) } }
            return [100 + Double(y - 2011) * 3, 95 + Double(y - 2011) * 2, 90 + Double(y - 2011)]
        }
        return AreaRolls(area: PlanningArea(code: code), firstYear: 2011, pupils: grid)
    }

    @Test("a forecast from origin Y does not change when years after Y change: no peeking")
    func noPeeking() throws {
        let births = BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2019).map { ($0, 100 + Double($0 - 2000)) }))
        var scrambledBirths = births.byYear
        for y in 2016...2019 { scrambledBirths[y] = 5000 }
        let clean = history([area("A")], births: ["A": births])
        let scrambled = history([area("A", scrambleAfter: 2015, seed: 9)], births: ["A": BirthSeries(scrambledBirths)])
        for method in [RatioMethod.mean(years: 3), .trend(years: 5)] {
            let settings = ForecastSettings(method: method)
            let a = try CohortSurvival.forecast(clean.known(through: 2015), settings: settings, horizon: 4)
            let b = try CohortSurvival.forecast(scrambled.known(through: 2015), settings: settings, horizon: 4)
            #expect(a == b)
        }
        // And the backtest's cases from origin 2015 are scored against the real later years.
        var cases: [Backtest.Case] = []
        _ = try Backtest.run(clean, methods: [ForecastSettings(method: .mean(years: 3))], horizon: 2, origins: [2015], onCase: { cases.append($0) })
        let case1 = try #require(cases.first { $0.horizon == 1 && $0.measure == "all" })
        #expect(case1.origin == 2015 && case1.actual == (100 + 15) + (95 + 10) + (90 + 5))
    }

    @Test("a perfectly regular history is forecast with zero error at every horizon")
    func perfectHistory() throws {
        // Constant ratios of 1 and flat births: every method should be exact.
        let grid = Array(repeating: [200.0, 200, 200], count: 9)
        let flat = AreaRolls(area: PlanningArea(code: "P"), firstYear: 2011, pupils: grid)
        let births = BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2019).map { ($0, 250.0) }))
        let result = try Backtest.run(history([flat], births: ["P": births]),
                                      methods: [ForecastSettings(method: .weighted(years: 3))], horizon: 3)
        #expect(result.origins == Array(2013...2018))
        #expect(!result.rows.isEmpty)
        #expect(result.rows.allSatisfy { $0.summary.medianAbsolute < 1e-12 })
    }

    @Test("forecasts made side by side come back in order, and the first failure (by position) is the one thrown")
    func inParallel() throws {
        struct Failure: Error, Equatable { let at: Int }
        #expect(try Parallel.map(7) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36])
        #expect(throws: Failure(at: 2)) { try Parallel.map(6) { i -> Int in if i >= 2 { throw Failure(at: i) }; return i } }
        #expect(try Parallel.map(0) { $0 }.isEmpty)
    }

    @Test("work in the background: its value, or its error, to every thread that waits for it")
    func inBackground() throws {
        struct Failure: Error, Equatable {}
        let squares = Parallel.Background { (1...1000).map { $0 * $0 }.reduce(0, +) }
        #expect(try Parallel.map(4) { _ in try squares.value() } == Array(repeating: 333_833_500, count: 4))
        let failing = Parallel.Background { () throws -> Int in throw Failure() }
        #expect(throws: Failure()) { try failing.value() }
        #expect(throws: Failure()) { try failing.value() }
    }

    @Test("the median by selection is the median of the sorted values, odd or even, with ties")
    func medianBySelection() {
        var random = SeededRandom(seed: 44)
        for count in [1, 2, 3, 4, 5, 10, 11, 100, 101, 1000] {
            for _ in 0..<20 {
                let values = (0..<count).map { _ in Double(Int.random(in: -20...20, using: &random)) / 8 }
                let sorted = values.sorted()
                let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
                #expect(median(values) == expected, "\(values)")
            }
        }
        #expect(median([]) == nil)
    }
}
