import Foundation
import Testing
@testable import PlacePlanCore

@Suite("pooled(…): each area's ratio moved towards all areas' by how noisy its own is")
struct PartialPoolingTests {
    @Test("the factors by hand: τ² by moments, μ weighted by 1 ÷ (τ² + v), an area with too few ratios as noisy as the median")
    func factorsByHand() {
        let areas: [PartialPooling.Area?] = [.init(estimate: 1.0, noise: 0.001), .init(estimate: 1.1, noise: 0.004),
                                             .init(estimate: 0.9, noise: 0.002), .init(estimate: 1.2, noise: nil), nil]
        // Median noise 0.002; the estimates' variance 0.05 ÷ 3; τ² = 0.016667 − 0.00225 = 0.0144167;
        // μ = 1.0478078 (worked in double precision outside the program).
        let f = PartialPooling.factors(areas)
        let expected = [1.0031010435728769, 0.9896946616368942, 1.0200078179467822, 0.9845490106682085, 1]
        for (a, b) in zip(f, expected) { #expect(close(a, b, 1e-12), "\(f)") }
    }

    @Test("no noise keeps an area's own ratio; all noise and no real difference pools every area to one ratio")
    func limits() {
        let exact = PartialPooling.factors([.init(estimate: 1.0, noise: 0), .init(estimate: 1.1, noise: 0.01), .init(estimate: 0.9, noise: 0.01)])
        #expect(exact[0] == 1)
        // Differences no larger than the noise: τ² = 0, and every area takes μ.
        let noisy = PartialPooling.factors([.init(estimate: 1.0, noise: 1), .init(estimate: 1.1, noise: 1), .init(estimate: 0.9, noise: 1)])
        let pooled = zip([1.0, 1.1, 0.9], noisy).map { $0 * $1 }
        #expect(pooled.allSatisfy { close($0, 1.0) }, "\(pooled)")
        // Fewer than three areas: nothing to pool from.
        #expect(PartialPooling.factors([.init(estimate: 1.0, noise: 1), .init(estimate: 2, noise: 1)]) == [1, 1])
    }

    @Test("property: a pooled ratio lies between the area's own and μ, and a noisier area keeps less of its difference")
    func between() throws {
        var state: UInt64 = 7
        func uniform() -> Double { Double(DrawPicks.mix(&state) >> 11) / Double(1 << 53) }
        for _ in 0..<200 {
            let areas = (0..<8).map { _ in PartialPooling.Area(estimate: 0.8 + 0.4 * uniform(), noise: 0.02 * uniform()) }
            let fit = try #require(PartialPooling.Fit(areas))
            let moved = zip(areas, PartialPooling.factors(areas)).map { $0.estimate * $1 }
            for (area, value) in zip(areas, moved) {
                #expect(value >= min(area.estimate, fit.mean) - 1e-12 && value <= max(area.estimate, fit.mean) + 1e-12)
            }
            for a in areas { for b in areas where a.noise! < b.noise! { #expect(fit.keep(noise: a.noise) >= fit.keep(noise: b.noise)) } }
        }
    }

    @Test("pooled(…) parses and prints; it goes around a method, not inside a blend or around shared(…)")
    func names() {
        #expect(RatioMethod(name: "pooled(mean-3)") == .pooled(.mean(years: 3)))
        #expect(RatioMethod(name: "pooled(mean-1+weighted-5)")?.description == "pooled(mean-1+weighted-5)")
        for refused in ["pooled(shared(mean-3))", "shared(pooled(mean-3))", "pooled(mean-3)+mean-1", "pooled(pooled(mean-3))", "pooled()"] {
            #expect(RatioMethod(name: refused) == nil, "\(refused)")
        }
        #expect(RunOptions(method: "pooled(mean-1+weighted-5):weighted-3").problems.isEmpty)
    }

    @Test("a summary's share of one ratio's noise: 1/K for a mean, Σw²/(Σw)² for weights 1…K")
    func noiseShare() {
        #expect(close(RatioMethod.mean(years: 3).noiseShare, 1.0 / 3))
        #expect(close(RatioMethod.weighted(years: 3).noiseShare, 14.0 / 36))
        #expect(close(RatioMethod.mean(years: 1).noiseShare, 1))
        #expect(close(RatioMethod.median(years: 1).noiseShare, 1))
        // A blend as if its members moved together: (mean of √shares)².
        let blend = RatioMethod.blend([.mean(years: 1), .mean(years: 4)])
        #expect(close(blend.noiseShare, pow((1 + 0.5) / 2, 2)))
        // The evidence of an area: the variance of its last max(K, 3) ratios times the share.
        let evidence = PartialPooling.Evidence([(2015, 0.5), (2016, 1.0), (2017, 1.2), (2018, 1.1)], method: .mean(years: 3))
        #expect(close(evidence.noise!, 0.01 / 3))
        #expect(PartialPooling.Evidence([(2017, 1.2), (2018, 1.1)], method: .mean(years: 3)).noise == nil)
    }
}
