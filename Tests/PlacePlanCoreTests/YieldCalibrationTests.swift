import Foundation
import Testing
import TestSupport
@testable import PlacePlanCore

@Suite("Yield calibration by least squares")
struct YieldCalibrationTests {
    /// Yearly changes in pupils from a known yield, each area with its own drift, plus noise.
    func generated(yield: Double, noise: Double, seed: UInt64) -> [YieldCalibration.Observation] {
        var random = SeededRandom(seed: seed)
        var result: [YieldCalibration.Observation] = []
        for a in 0..<8 {
            let drift = Double.random(in: -30...30, using: &random)
            for year in 2015...2024 {
                let built = Double(Int.random(in: 0...250, using: &random))
                // A normal deviate from two uniforms (Box–Muller).
                let u = Double.random(in: Double.ulpOfOne...1, using: &random), v = Double.random(in: 0...1, using: &random)
                let e = noise * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
                result.append(.init(area: "A\(a)", year: year, change: drift + yield * built + e, completions: built))
            }
        }
        return result
    }

    @Test("recovers a known yield within 0.02 pupils per dwelling (and within 3 standard errors) over ten seeds",
          arguments: [(0.20, 0.15), (0.25, 0.10)])
    func recovers(primary: Double, secondary: Double) throws {
        for seed in 1...10 as ClosedRange<UInt64> {
            for (phase, truth) in [(YieldPhase.primary, primary), (.secondary, secondary)] {
                let estimate = YieldCalibration.fit(phase, generated(yield: truth, noise: 4, seed: seed * 31 + UInt64(truth * 100)))
                let value = try #require(estimate.value), se = try #require(estimate.standardError)
                #expect(abs(value - truth) < 0.02, "seed \(seed): \(value) for \(truth)")
                #expect(abs(value - truth) < 3 * se, "seed \(seed): \(value) ± \(se) for \(truth)")
                #expect(se > 0 && se < 0.01)
                #expect(estimate.observations == 80 && estimate.areas == 8)
            }
        }
    }

    @Test("no completions, or too few years, give no estimate and say why")
    func unidentified() {
        let none = (2015...2024).map { YieldCalibration.Observation(area: "A", year: $0, change: 3, completions: 0) }
        #expect(YieldCalibration.fit(.primary, none).value == nil)
        #expect(YieldCalibration.fit(.primary, none).note == "no completions recorded in the census years")
        let short = [YieldCalibration.Observation(area: "A", year: 2024, change: 3, completions: 10),
                     YieldCalibration.Observation(area: "B", year: 2024, change: 3, completions: 20)]
        #expect(YieldCalibration.fit(.primary, short).value == nil)
    }
}
