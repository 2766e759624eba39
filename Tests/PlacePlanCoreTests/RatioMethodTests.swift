import Testing
import TestSupport
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

    @Test("in year order or not, with years missing or repeated, every summary is the same (property, seeded)")
    func anyOrderProperty() {
        // Ratio summaries read observations in year order where they lie, and sort a copy
        // only when they are not: both roads must give the same estimate, bit for bit.
        var random = SeededRandom(seed: 14)
        let methods: [RatioMethod] = [.mean(years: 1), .mean(years: 3), .weighted(years: 5), .median(years: 3), .median(years: 4),
                                      .huber(years: 3), .huber(years: 5), .trend(years: 2), .trend(years: 5), .blend([.mean(years: 1), .weighted(years: 5)])]
        for _ in 0..<300 {
            let n = Int(random.next() % 9)
            var year = 2010
            let inOrder: [(year: Int, ratio: Double)] = (0..<n).map { _ in
                year += Int(random.next() % 3)   // gaps, and now and then the same year twice
                return (year, 0.9 + Double(random.next() % 2000) / 10_000)
            }
            var shuffled = inOrder
            for i in shuffled.indices.reversed() where i > 0 { shuffled.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            // A stable sort of the shuffled years is the order a repeated year keeps: compare with that.
            let resorted = shuffled.sorted { $0.year < $1.year }
            for method in methods {
                #expect(method.estimate(from: shuffled) == method.estimate(from: resorted), "\(method) of \(shuffled)")
            }
            if Set(inOrder.map(\.year)).count == inOrder.count {
                for method in methods { #expect(method.estimate(from: shuffled) == method.estimate(from: inOrder)) }
            }
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

    @Test("names parse and print back", arguments: ["mean-3", "weighted-5", "trend-4", "mean-1", "huber-5", "mean-1+huber-3"])
    func names(name: String) {
        #expect(RatioMethod(name: name)?.description == name)
    }

    @Test("bad names are refused", arguments: ["mean", "mean-0", "trend-1", "mode-3", "weighted-31", "huber-0", "huber", ""])
    func badNames(name: String) {
        #expect(RatioMethod(name: name) == nil)
    }

    @Test("last means mean-1")
    func last() { #expect(RatioMethod(name: "last") == .mean(years: 1)) }

    @Test("an ensemble is its members weighted, and a member with no estimate leaves its weight to the others")
    func ensemble() {
        let method = RatioMethod.ensemble([.mean(years: 1), .mean(years: 3)], weights: [0.25, 0.75])
        let value = 0.25 * 1.02 + 0.75 * (1.00 + 0.96 + 1.02) / 3
        #expect(abs(method.estimate(from: observations)!.value(at: 2030) - value) < 1e-12)
        #expect(abs(method.estimate(from: observations)!.scaled(by: 2).value(at: 2030) - 2 * value) < 1e-12)
        #expect(method.description == "ensemble(0.25 mean-1, 0.75 mean-3)")
        #expect(method.years == 3)
        #expect(RatioMethod.ensemble([.mean(years: 1)], weights: [1]).estimate(from: []) == nil)
    }

    @Test("ensemble weights by non-negative least squares: ratios that wander like a random walk put the weight on last year's (seeded)")
    func ensembleWeights() {
        // 60 areas, ten years each: each year's ratio is last year's plus noise, so last year's
        // ratio (mean-1) predicts best and a five-year mean lags.
        var state: UInt64 = 2026
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.06
        }
        let series: [[(year: Int, ratio: Double)]] = (0..<60).map { _ in
            var ratio = 1.0
            return (2010..<2020).map { year in ratio += noise(); return (year, ratio) }
        }
        let selection = MethodSelection(candidates: [.mean(years: 1), .mean(years: 5)], combine: true)
        let chosen = selection.best(series)
        let weightOfLast: Double
        switch chosen {
        case .mean(years: 1): weightOfLast = 1
        case .ensemble(let members, let weights): weightOfLast = weights[members.firstIndex(of: .mean(years: 1))!]
        default: weightOfLast = 0
        }
        #expect(weightOfLast > 0.7, "\(chosen)")
        #expect(ForecastSettings(spec: "ensemble")?.label == "ensemble" && ForecastSettings(spec: "auto")?.label == "auto")
    }

    @Test("huber: ordinary years count as in the weighted mean")
    func huberOrdinary() {
        // Median 0.985, MAD 0.02: the limit is 1.345 × 1.4826 × 0.02 = 0.040, and every ratio
        // lies within that of the weighted mean, 0.993.
        let ordinary: [(year: Int, ratio: Double)] = [(2015, 0.97), (2016, 1.00), (2017, 0.96), (2018, 1.02)]
        let value = RatioMethod.huber(years: 4).estimate(from: ordinary)?.value(at: 2030)
        #expect(close(value!, (1 * 0.97 + 2 * 1.00 + 3 * 0.96 + 4 * 1.02) / 10))
        // 0.90 in 2015 would lie 0.086 from it: counted as if 0.040, it pulls the result up.
        let huber = RatioMethod.huber(years: 4).estimate(from: observations)!.value(at: 2030)
        let weighted = RatioMethod.weighted(years: 4).estimate(from: observations)!.value(at: 2030)
        #expect(huber > weighted + 0.002, "\(huber) \(weighted)")
        // Under three ratios nothing can be called odd.
        #expect(close(RatioMethod.huber(years: 2).estimate(from: observations)!.value(at: 2030), (0.96 + 2 * 1.02) / 3))
    }

    @Test("huber: an odd year counts as if it lay 1.345 robust spreads from the result")
    func huberOddYear() throws {
        // 2019 is 30% off. Median 1.00, MAD 0.01, so the limit is 1.345 × 1.4826 × 0.01.
        let odd: [(year: Int, ratio: Double)] = [(2015, 0.99), (2016, 1.00), (2017, 1.01), (2018, 1.00), (2019, 1.30)]
        let value = try #require(RatioMethod.huber(years: 5).estimate(from: odd)).value(at: 2030)
        let limit = 1.345 * 1.4826 * 0.01
        // The result is the fixed point of its weights, year i's i × min(1, limit ÷ |ratio − result|):
        // the weighted mean those weights give is the result itself.
        let weights = odd.enumerated().map { Double($0.offset + 1) * min(1, limit / abs($0.element.ratio - value)) }
        let fixedPoint = zip(odd, weights).reduce(0) { $0 + $1.0.ratio * $1.1 } / weights.reduce(0, +)
        #expect(abs(value - fixedPoint) < 1e-12)
        #expect(weights[4] < 0.4 && weights[1...3] == [2, 3, 4], "\(weights)")
        #expect(value < 1.01 + limit, "\(value)")
        // The weighted mean is dragged five times as far.
        let weighted = try #require(RatioMethod.weighted(years: 5).estimate(from: odd)).value(at: 2030)
        #expect(weighted - 1.0 > 5 * (value - 1.0), "\(weighted) \(value)")
    }

    @Test("huber: three years whose latest is odd balance along a stretch, and the middle of it is taken")
    func huberEvenStretch() {
        // Median 1.02, MAD 0.03, limit 0.060. Anywhere between 1.02 + limit and 1.27 − limit
        // all three are clipped, and 3 × limit up against (1 + 2) × limit down balance.
        let run: [(year: Int, ratio: Double)] = [(2016, 1.02), (2017, 0.99), (2018, 1.27)]
        let value = RatioMethod.huber(years: 3).estimate(from: run)!.value(at: 2030)
        #expect(abs(value - (1.02 + 1.27) / 2) < 1e-12, "\(value)")
    }

    @Test("huber: however far off one year is, its pull is bounded (property, seeded)")
    func huberBoundedInfluence() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let ordinary = (0..<4).map { _ in 0.95 + Double(random.next() % 1000) / 10_000 }
            let at = Int(random.next() % 5)
            var near = ordinary, far = ordinary
            near.insert(2.0, at: at)
            far.insert(20.0, at: at)
            func huber(_ ratios: [Double]) -> Double {
                RatioMethod.huber(years: 5).estimate(from: ratios.enumerated().map { (2015 + $0.offset, $0.element) })!.value(at: 2030)
            }
            // Once clipped, ten times further off changes nothing, and the result stays
            // within the ordinary years' range of their highest.
            let lowest = ordinary.min()!, highest = ordinary.max()!
            #expect(abs(huber(far) - huber(near)) < 1e-12, "\(ordinary) at \(at)")
            #expect(huber(far) <= highest + (highest - lowest) + 1e-9, "\(ordinary) at \(at)")
        }
    }
}
