import Testing
@testable import PlacePlanCore

@Suite("ErrorGrowth: how far past forecasts' errors grew, learnt from those followed that far")
struct ErrorGrowthTests {
    /// Errors `[((k × L + ℓ) × units + u) × G + g]` of forecasts followed `reach[k]` leads:
    /// `error(k, ℓ, u, g)` where reached, 0 beyond.
    static func values(reach: [Int], leads L: Int, units: Int, yearGroups G: Int,
                       _ error: (Int, Int, Int, Int) -> Float) -> [Float] {
        var values = [Float](repeating: 0, count: reach.count * L * units * G)
        for k in reach.indices {
            for l in 0..<min(L, reach[k]) {
                for u in 0..<units { for g in 0..<G { values[((k * L + l) * units + u) * G + g] = error(k, l, u, g) } }
            }
        }
        return values
    }

    @Test("the growth is the median |error ℓ years ahead| over the median |error one year ahead|, entries apart from ratios")
    func learnt() {
        let reach = [3, 2, 1], units = 10, G = 2
        // Year group 0 an entry growing 1 : 1.5 : 2.5; year group 1 a ratio growing 1 : 1.2 : 1.2.
        let values = Self.values(reach: reach, leads: 3, units: units, yearGroups: G) { k, l, u, g in
            let size = Float(u + 1) * (k % 2 == 0 ? 0.01 : -0.01)
            return size * (g == 0 ? [1, 1.5, 2.5][l] : [1, 1.2, 1.2][l])
        }
        let entry = (0..<(units * G)).map { $0 % G == 0 }
        let growth = ErrorGrowth.fit(values, reach: reach, leads: 3, units: units, yearGroups: G, entry: entry)
        let at = { (l: Int, g: Int, kind: Int) in growth[(l * G + g) * 2 + kind] }
        #expect(at(0, 0, 1) == 1 && at(0, 1, 0) == 1)
        #expect(abs(at(1, 0, 1) - 1.5) < 1e-6 && abs(at(2, 0, 1) - 2.5) < 1e-6)
        #expect(abs(at(1, 1, 0) - 1.2) < 1e-6 && abs(at(2, 1, 0) - 1.2) < 1e-6)
    }

    @Test("an error never grows less than it did a year before (a lead that shrank is held)")
    func neverShrinks() {
        let reach = [3, 2, 1], units = 10, G = 1
        let values = Self.values(reach: reach, leads: 3, units: units, yearGroups: G) { _, l, u, _ in Float(u + 1) * [0.01, 0.02, 0.015][l] }
        let growth = ErrorGrowth.fit(values, reach: reach, leads: 3, units: units, yearGroups: G, entry: [Bool](repeating: true, count: units))
        #expect(abs(growth[(1 * G) * 2 + 1] - 2) < 1e-6 && abs(growth[(2 * G) * 2 + 1] - 2) < 1e-6)
    }

    @Test("too few followed errors: a year group takes its kind's pooled growth; with none, an entry grows as √(years ahead) and a ratio is held")
    func assumedWhenUnseen() {
        // One unit: a year group alone has one or two pairs; its kind pooled over 6 ratios has more.
        let reach = [3, 2, 1], G = 7
        let values = Self.values(reach: reach, leads: 3, units: 1, yearGroups: G) { _, l, _, g in Float(g + 1) * [0.01, 0.013, 0.016][l] }
        let entry = (0..<G).map { $0 == 0 }
        let growth = ErrorGrowth.fit(values, reach: reach, leads: 3, units: 1, yearGroups: G, entry: entry)
        let at = { (l: Int, g: Int, kind: Int) in growth[(l * G + g) * 2 + kind] }
        // Ratios (year groups 1–6): 12 pairs two years ahead (pooled: 1.3), 6 three years ahead (1.6).
        for g in 1..<G { #expect(abs(at(1, g, 0) - 1.3) < 1e-5 && abs(at(2, g, 0) - 1.6) < 1e-5) }
        // The entry: 2 pairs and 1 pair, too few: √2 and √3.
        #expect(abs(at(1, 0, 1) - 2.0.squareRoot()) < 1e-9 && abs(at(2, 0, 1) - 3.0.squareRoot()) < 1e-9)
        // Nothing learnt for a kind with no errors at all: a ratio held.
        let none = ErrorGrowth.fit([Float](repeating: 0, count: 3 * 3 * G), reach: reach, leads: 3, units: 1, yearGroups: G, entry: entry)
        #expect(none[(2 * G + 3) * 2] == 1)
    }
}
