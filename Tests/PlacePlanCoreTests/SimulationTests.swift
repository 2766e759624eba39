import Testing
import TestSupport
@testable import PlacePlanCore
import Foundation

@Suite("Forecast simulation: draws resampling whole past years, quantiles from buckets")
struct SimulationTests {
    @Test("select puts the k-th smallest at k, none larger before it and none smaller after, for any values and duplicates (property, seeded)")
    func selectMatchesSort() {
        var random = SeededRandom(seed: 12)
        for trial in 0..<500 {
            let n = 1 + Int(random.next() % 300)
            let spread = trial % 3 == 0 ? 5 : 1000   // many duplicates on every third
            let values = (0..<n).map { _ in Float(random.next() % UInt64(spread)) / 7 }
            let k = Int(random.next() % UInt64(n))
            var copy = values
            copy.withUnsafeMutableBufferPointer { Selection.select($0, k, from: 0, to: n - 1) }
            #expect(copy[k] == values.sorted()[k], "n \(n), k \(k)")
            #expect(copy[..<k].allSatisfy { $0 <= copy[k] } && copy[(k + 1)...].allSatisfy { $0 >= copy[k] })
            #expect(copy.sorted() == values.sorted())
        }
    }

    @Test("bucket quantiles are exact on rows of a few values repeated (a bucket of many is selected), as sorting gives (property, seeded)")
    func bucketsExactOnRepeatedValues() {
        var random = SeededRandom(seed: 47)
        var buckets = BucketQuantiles(capacity: 1_000)
        // The expected value is type 7 from the sorted row by the same Float arithmetic, so they must be equal.
        let n = 1_000, qs = [0, 0.1, 0.5, 0.9, 1]
        for trial in 0..<200 {
            // Nine past years and no noise: nine values, each about 111 times, as a first year's
            // multipliers are without noise.
            let clumps = (0..<9).map { _ in 0.97 + Float(random.next() % 600) / 10_000 }
            let values = (0..<n).map { _ in clumps[Int(random.next() % 9)] }
            var found = [Float](repeating: 0, count: qs.count)
            values.withUnsafeBufferPointer { v in found.withUnsafeMutableBufferPointer { buckets.quantiles(v, qs, into: $0.baseAddress!) } }
            let sorted = values.sorted()
            for (q, value) in zip(qs, found) {
                let position = q * Double(n - 1), k = Int(position.rounded(.down)), above = min(k + 1, n - 1)
                let expected = sorted[k] + Float(position - position.rounded(.down)) * (sorted[above] - sorted[k])
                #expect(value == expected, "trial \(trial), q \(q)")
            }
        }
    }

    @Test("bucket quantiles are within one bucket (a 255th of the row's range) of sorting's, the ends exact, in order, the row untouched (property, seeded)")
    func bucketsWithinOneBucketOfSort() {
        var random = SeededRandom(seed: 21)
        var buckets = BucketQuantiles(capacity: 2_000)
        let qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
        for trial in 0..<400 {
            let n = 1 + Int(random.next() % 2_000)
            // Every third row has few distinct values, every fifth one value far from the rest,
            // every seventh is clumped as a simulation's multipliers are.
            var values = (0..<n).map { _ in Float(random.next() % UInt64(trial % 3 == 0 ? 4 : 100_000)) / 13 }
            if trial % 7 == 0 {
                let clumps = (0..<9).map { _ in 0.97 + Float(random.next() % 600) / 10_000 }
                values = (0..<n).map { _ in clumps[Int(random.next() % 9)] * (1 + 0.001 * Float(Int(random.next() % 16) - 8)) }
            }
            if trial % 5 == 0 { values[0] = 1e6 }
            let before = values
            var found = [Float](repeating: 0, count: qs.count)
            values.withUnsafeBufferPointer { v in found.withUnsafeMutableBufferPointer { buckets.quantiles(v, qs, into: $0.baseAddress!) } }
            #expect(values == before)
            let width = (values.max()! - values.min()!) / Float(BucketQuantiles.buckets - 1)
            for (q, value) in zip(qs, found) {
                let sorted = Float(quantile(values.map(Double.init), q))
                #expect(abs(value - sorted) <= width * 1.0001 + 1e-5 * abs(sorted), "n \(n), q \(q): \(value) vs \(sorted)")
            }
            #expect(found.first == values.min() && found.last == values.max())
            #expect(zip(found, found.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(trial): \(found)")
        }
    }

    @Test("bucket quantiles of draws like a simulation's miss the sorted ones by far less than the draws' own sampling error")
    func bucketErrorSmallAgainstSampling() {
        // Rows of 1,000 lognormal draws (5%) around 30 pupils. A quantile of 1,000 draws has a
        // sampling error of about 0.05 standard deviations at 10% and 90% (√(p(1 − p)/n) over the
        // density there); the buckets' reading should add a small fraction of that.
        var random = SeededRandom(seed: 5)
        var buckets = BucketQuantiles(capacity: 1_000)
        let n = 1_000, qs = [0.1, 0.5, 0.9]
        var worst: Float = 0, total: Double = 0, count = 0
        for _ in 0..<300 {
            let values = (0..<n).map { _ -> Float in
                let u = max(Double(random.next() % 1_000_000) / 1_000_000, 1e-7), v = Double(random.next() % 1_000_000) / 1_000_000
                return 30 * Float(exp(0.05 * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)))
            }
            var found = [Float](repeating: 0, count: qs.count)
            values.withUnsafeBufferPointer { v in found.withUnsafeMutableBufferPointer { buckets.quantiles(v, qs, into: $0.baseAddress!) } }
            let sd: Float = 30 * 0.05
            for (q, value) in zip(qs, found) {
                let error = abs(value - Float(quantile(values.map(Double.init), q))) / sd
                worst = max(worst, error)
                total += Double(error)
                count += 1
            }
        }
        #expect(worst < 0.04, "the worst miss, in standard deviations: \(worst)")
        #expect(total / Double(count) < 0.005, "the mean miss, in standard deviations: \(total / Double(count))")
    }

    /// Two units in one group, 3 year groups, 2 years: the cohort-survival projection of a
    /// census of 100 in each year group, entry 10 then 20, ratios 1 and 0.5.
    static func model(deviations: [Float], pastYears: Int, units: Int = 2) -> SimulationModel {
        SimulationModel(units: units, yearGroups: 3, horizon: 2, pastYears: pastYears,
                        central: Array(repeating: [10, 100, 50, 20, 10, 50], count: units).flatMap { $0 },
                        deviations: deviations, groupStarts: [0, units], phases: [0...1, 2...2])
    }

    @Test("each year group's noise is its own: a phase of eight year groups spreads as √8 of one, not 8 times (seeded)")
    func noiseByYearGroup() {
        let G = 8
        let model = SimulationModel(units: 1, yearGroups: G, horizon: 1, pastYears: 3, leads: 1,
                                    central: [Float](repeating: 100, count: G), deviations: [Float](repeating: 0, count: 3 * G),
                                    spread: [Float](repeating: 0.05, count: G), groupStarts: [0, 1], phases: [0...(G - 1)])
        let result = ForecastSimulation.run(model, picks: DrawPicks(draws: 4_000, horizon: 1, pastYears: 3, seed: 11), quantiles: [0.1, 0.9])
        // One year group: 100 × exp(0.05 z), an 80% range of about 2 × 1.28 × 5 = 12.8.
        for g in 0..<G {
            let one = result.unit[(1 * 1 + 0) * G + g] - result.unit[g]
            #expect(one > 10 && one < 16, "\(g): \(one)")
        }
        // Their sum: independent, about 12.8 × √8 = 36; shared noise would give about 102.
        let phase = result.unitPhase[1] - result.unitPhase[0]
        #expect(phase > 28 && phase < 45, "\(phase)")
    }

    @Test("an entry made from projected births moves by the draw's past forecast's births error; a known year does not")
    func projectedBirths() {
        let low = Float(log(0.9)), high = Float(log(1.1))
        // One unit, one year group; year 2's births are projected (one year beyond the known).
        let births = BirthsErrors(leads: 1, units: 1, values: [low, high], leadOfYear: [0, 1])
        let model = SimulationModel(units: 1, yearGroups: 1, horizon: 2, pastYears: 2, central: [100, 100],
                                    deviations: [0, 0], births: births, groupStarts: [0, 1], phases: [0...0])
        let result = ForecastSimulation.run(model, picks: DrawPicks(draws: 500, horizon: 2, pastYears: 2, seed: 3), quantiles: [0, 1])
        #expect(result.unit[0] == 100 && result.unit[2] == 100)  // year 1: known births, no error
        #expect(abs(result.unit[1] - 90) < 1e-3 && abs(result.unit[3] - 110) < 1e-3)
    }

    @Test("with no variation every draw is the cohort-survival projection: units, their group and the total by hand")
    func noVariation() {
        let model = Self.model(deviations: Array(repeating: 0, count: 3 * 2 * 3), pastYears: 3)
        let result = ForecastSimulation.run(model, picks: DrawPicks(draws: 50, horizon: 2, pastYears: 3, seed: 1), quantiles: [0.1, 0.9])
        // Year 1: entry 10, Y1 = 100 × 1, Y2 = 100 × 0.5; year 2: entry 20, 10 × 1, 100 × 0.5.
        let expected: [[Float]] = [[10, 100, 50], [20, 10, 50]]
        for q in 0..<2 {
            for h in 0..<2 {
                for u in 0..<2 { for g in 0..<3 { #expect(result.unit[((q * 2 + h) * 2 + u) * 3 + g] == expected[h][g]) } }
                for g in 0..<3 {
                    #expect(result.group[(q * 2 + h) * 3 + g] == 2 * expected[h][g])
                    #expect(result.total[(q * 2 + h) * 3 + g] == 2 * expected[h][g])
                }
                #expect(result.unitPhase[((q * 2 + h) * 2 + 0) * 2 + 0] == expected[h][0] + expected[h][1])
            }
        }
    }

    @Test("a draw takes every ratio of a year from one past year: the extremes are the past years' own, and units move together")
    func wholePastYears() {
        // Past year 0: every ratio 10% lower; past year 1: 10% higher. Both units alike.
        let low = Float(log(0.9)), high = Float(log(1.1))
        let deviations = Array(repeating: low, count: 2 * 3) + Array(repeating: high, count: 2 * 3)
        let result = ForecastSimulation.run(Self.model(deviations: deviations, pastYears: 2), picks: DrawPicks(draws: 2_000, horizon: 2, pastYears: 2, seed: 7),
                                            quantiles: [0, 1], places: [Float](repeating: 21, count: 2 * 1 * 3))
        // Year 1 entry: 10 × 0.9 or 10 × 1.1 — the minimum and maximum draws.
        #expect(abs(result.unit[((0 * 2 + 0) * 2 + 0) * 3] - 9) < 1e-4 && abs(result.unit[((1 * 2 + 0) * 2 + 0) * 3] - 11) < 1e-4)
        // The two units share every pick, so the group's range is exactly twice a unit's (no averaging out).
        #expect(abs(result.group[(0 * 2 + 0) * 3] - 18) < 1e-4 && abs(result.group[(1 * 2 + 0) * 3] - 22) < 1e-4)
        // Year 2, Y1: 10 × r1 × r2 over two independent picks: 8.1, 9.9 or 12.1.
        #expect(abs(result.unit[((0 * 2 + 1) * 2 + 0) * 3 + 1] - 8.1) < 1e-4 && abs(result.unit[((1 * 2 + 1) * 2 + 0) * 3 + 1] - 12.1) < 1e-4)
        // P(short): the group's year-1 entry is 18 or 22 against 21 places: about half the draws.
        let short = result.short![0]
        #expect(short > 0.45 && short < 0.55)
    }

    @Test("a unit carries its year groups up to its last with pupils in any year (at least the entry)")
    func carriedYearGroups() {
        // Unit 0: pupils up to Y3 (g 3) in year 1 only; unit 1: none at all; unit 2: every year group.
        var central = [Float](repeating: 0, count: 3 * 2 * 6)
        for g in 0...1 { central[(0 * 2 + 0) * 6 + g] = 10 }
        for g in 0...3 { central[(0 * 2 + 1) * 6 + g] = 10 }
        for h in 0..<2 { for g in 0..<6 { central[(2 * 2 + h) * 6 + g] = 10 } }
        let model = SimulationModel(units: 3, yearGroups: 6, horizon: 2, pastYears: 1, central: central,
                                    deviations: [Float](repeating: 0, count: 3 * 6), groupStarts: [0, 3], phases: [0...5])
        #expect((0..<3).map { model.carriedYearGroups(unit: $0) } == [4, 1, 6])
    }

    @Test("a unit's draws are the same whether the model stops at its last year group with pupils or goes on (seeded)")
    func yearGroupsAboveNotNeeded() {
        // Unit 0 has pupils up to Y3 (g 3) and none above; unit 1, in another group, has all six.
        // The same unit alone in a model of four year groups must give the same draws: what is
        // above a unit's last year group with pupils is never stepped.
        var random = SeededRandom(seed: 5)
        let K = 4, L = 2, H = 4, G = 6, g0 = 4
        let deviations = (0..<(K * L * 2 * G)).map { _ in Float(Int(random.next() % 200) - 100) / 2000 }
        let spread = (0..<(L * 2 * G)).map { _ in Float(random.next() % 30) / 1000 }
        var central = [Float](repeating: 0, count: 2 * H * G)
        for h in 0..<H {
            for g in 0..<G { central[(1 * H + h) * G + g] = Float(40 + g + h) }
            for g in 0..<g0 where !(h == 0 && g == 3) { central[(0 * H + h) * G + g] = Float(20 + 3 * g + h) }
        }
        let whole = SimulationModel(units: 2, yearGroups: G, horizon: H, pastYears: K, leads: L, central: central,
                                    deviations: deviations, spread: spread, groupStarts: [0, 1, 2], phases: [0...3, 4...5])
        // Unit 0 alone, its first four year groups: the same errors, noise and centrals.
        func first(_ values: [Float], rows: Int) -> [Float] { (0..<rows).flatMap { Array(values[($0 * 2) * G ..< ($0 * 2) * G + g0]) } }
        let alone = SimulationModel(units: 1, yearGroups: g0, horizon: H, pastYears: K, leads: L,
                                    central: (0..<H).flatMap { Array(central[$0 * G ..< $0 * G + g0]) },
                                    deviations: first(deviations, rows: K * L), spread: first(spread, rows: L),
                                    groupStarts: [0, 1], phases: [0...3])
        #expect(whole.carriedYearGroups(unit: 0) == g0 && whole.carriedYearGroups(unit: 1) == G)
        let picks = DrawPicks(draws: 400, horizon: H, pastYears: K, seed: 9)
        let qs = [0.1, 0.5, 0.9]
        let a = ForecastSimulation.run(whole, picks: picks, quantiles: qs), b = ForecastSimulation.run(alone, picks: picks, quantiles: qs)
        for q in qs.indices {
            for h in 0..<H {
                for g in 0..<g0 { #expect(a.unit[((q * H + h) * 2 + 0) * G + g] == b.unit[(q * H + h) * g0 + g], "q \(q), h \(h), g \(g)") }
                #expect(a.unitPhase[((q * H + h) * 2 + 0) * 2 + 0] == b.unitPhase[q * H + h])
            }
        }
        #expect(a.unit.contains { $0 > 0 } && b.unit.contains { $0 > 0 })
    }

    @Test("leaving out the units' phase totals changes no other figure, and leaves them empty")
    func withoutUnitPhases() {
        var random = SeededRandom(seed: 5)
        let deviations = (0..<(4 * 6 * 4)).map { _ in Float(Int(random.next() % 200) - 100) / 1000 }
        let model = SimulationModel(units: 6, yearGroups: 4, horizon: 3, pastYears: 4, central: (0..<72).map { Float(20 + $0 % 17) },
                                    deviations: deviations, spread: [Float](repeating: 0.02, count: 24),
                                    groupStarts: [0, 2, 6], phases: [0...1, 2...3])
        let picks = DrawPicks(draws: 400, horizon: 3, pastYears: 4, seed: 9)
        let limits = [[Float](repeating: 50, count: 3 * 2 * 2)]
        let with = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.5, 0.9], phaseLimits: limits)
        let without = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.5, 0.9], phaseLimits: limits, unitPhases: false)
        #expect(without.unitPhase.isEmpty && with.unitPhase.count == 3 * 3 * 6 * 2 && with.unitPhase.contains { $0 > 0 })
        #expect(with.unit == without.unit && with.group == without.group && with.groupPhase == without.groupPhase)
        #expect(with.total == without.total && with.totalPhase == without.totalPhase && with.above == without.above)
    }

    @Test("the same seed gives the same answer on one thread or two; another seed gives another")
    func deterministic() {
        var random = SeededRandom(seed: 3)
        let deviations = (0..<(5 * 8 * 3)).map { _ in Float(Int(random.next() % 200) - 100) / 1000 }
        let model = SimulationModel(units: 8, yearGroups: 3, horizon: 2, pastYears: 5, central: (0..<48).map { Float(30 + $0) },
                                    deviations: deviations, groupStarts: [0, 3, 5, 8], phases: [0...2])
        let picks = DrawPicks(draws: 300, horizon: 2, pastYears: 5, seed: 42)
        let one = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.9], threads: 1)
        let two = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.9], threads: 2)
        #expect(one.unit == two.unit && one.group == two.group && one.total == two.total && one.groupPhase == two.groupPhase)
        let other = ForecastSimulation.run(model, picks: DrawPicks(draws: 300, horizon: 2, pastYears: 5, seed: 43), quantiles: [0.1, 0.9])
        #expect(other.unit != one.unit)
        // Quantiles are ordered, and the total's lower bound is at least the sum of nothing below zero.
        for i in 0..<(2 * 8 * 3) { #expect(one.unit[i] <= one.unit[2 * 8 * 3 + i]) }
    }
}

/// The q-quantile by sorting, interpolating between order statistics (type 7, as R and numpy):
/// what the buckets' reading is measured against.
func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
}
