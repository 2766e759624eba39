import Testing
@testable import PlacePlanCore

@Suite("Ratio summaries")
struct RatioMethodTests {
    let observations: [(year: Int, ratio: Double)] = [(2015, 0.90), (2016, 1.00), (2017, 0.96), (2018, 1.02)]

    @Test("mean of the last k")
    func mean() {
        #expect(RatioMethod.mean(years: 3).estimate(from: observations)?.value(at: 2030) == (1.00 + 0.96 + 1.02) / 3)
        #expect(RatioMethod.mean(years: 1).estimate(from: observations)?.value(at: 2030) == 1.02)
        // Fewer ratios than k: the mean of those there are.
        #expect(RatioMethod.mean(years: 10).estimate(from: observations)?.value(at: 2030) == (0.90 + 1.00 + 0.96 + 1.02) / 4)
    }

    @Test("weighted mean, weights 1…k with the latest heaviest")
    func weighted() {
        let value = RatioMethod.weighted(years: 3).estimate(from: observations)?.value(at: 2030)
        #expect(close(value!, (1 * 1.00 + 2 * 0.96 + 3 * 1.02) / 6))
    }

    @Test("observations in any order give the same answer")
    func order() {
        let shuffled = [observations[2], observations[0], observations[3], observations[1]]
        for method in [RatioMethod.mean(years: 3), .weighted(years: 3), .trend(years: 3)] {
            #expect(method.estimate(from: shuffled) == method.estimate(from: observations))
        }
    }

    @Test("trend follows a line inside the range and is held at its edge beyond it")
    func trend() throws {
        let rising: [(year: Int, ratio: Double)] = [(2015, 0.95), (2016, 0.96), (2017, 0.97)]
        let estimate = try #require(RatioMethod.trend(years: 3).estimate(from: rising))
        #expect(close(estimate.value(at: 2016), 0.96))
        // 2025 on the line would be 1.05; the limit holds it at the highest ratio seen.
        #expect(close(estimate.value(at: 2025), 0.97))
        #expect(close(estimate.value(at: 2000), 0.95))
    }

    @Test("no observations: no estimate (the caller decides what to borrow)")
    func none() {
        #expect(RatioMethod.mean(years: 3).estimate(from: []) == nil)
    }

    @Test("names parse and print back", arguments: ["mean-3", "weighted-5", "trend-4", "mean-1"])
    func names(name: String) {
        #expect(RatioMethod(name: name)?.description == name)
    }

    @Test("bad names are refused", arguments: ["mean", "mean-0", "trend-1", "mode-3", "weighted-31", ""])
    func badNames(name: String) {
        #expect(RatioMethod(name: name) == nil)
    }

    @Test("last means mean-1")
    func last() { #expect(RatioMethod(name: "last") == .mean(years: 1)) }
}
