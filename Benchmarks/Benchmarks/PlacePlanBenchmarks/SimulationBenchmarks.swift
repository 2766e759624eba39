// The forecast simulation at England school scale (issue 12): S schools × 14 year groups × 15
// years × 1,000 draws, 10/50/90% quantiles of every school, area and the total, the same shape
// of work as ../shared/bench/numpy_peer.py's `simulate` (Benchmarks/simulation runs both).

import Benchmark
import Foundation
import PlacePlanCore

/// Uniform numbers in [0, 1) from SplitMix64: the same for a seed on any machine.
struct SeededUniform {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Float((z ^ (z >> 31)) >> 11) / Float(1 << 53)
    }
}

/// A synthetic plan of `schools` schools in areas of 10, with nine past years of ratio
/// deviations, seeded: the shape of numpy_peer.py's history (entry 20–60, ratios near 1 ± 2%).
/// Each step adds noise of its own with a standard deviation of 1%, as a real plan's does (its
/// spread is never nought: `PastErrors.spread`, widened); until 2026-12-02 it had none, and a
/// first year's draws then took nine values only, a row no real plan gives.
func syntheticModel(schools: Int, horizon: Int = 15) -> SimulationModel {
    let G = 14, K = 9
    var random = SeededUniform(seed: 1)
    func uniform() -> Float { random.next() }
    let central = (0..<(schools * horizon * G)).map { _ in 20 + 40 * uniform() }
    let deviations = (0..<(K * schools * G)).map { _ in 0.06 * (uniform() - 0.5) }
    let groupStarts = Array(stride(from: 0, to: schools, by: 10)) + [schools]
    return SimulationModel(units: schools, yearGroups: G, horizon: horizon, pastYears: K, central: central,
                           deviations: deviations, spread: [Float](repeating: 0.01, count: schools * G),
                           groupStarts: groupStarts, phases: [0...6, 7...11, 12...13])
}

/// Rows of 1,000 draws around 30 pupils (a lognormal spread of 5%, seeded), as a school's cell
/// gives them to `BucketQuantiles`: what the simulation spends most of its time on.
func syntheticRows(_ rows: Int, draws: Int = 1_000) -> [Float] {
    var random = SeededUniform(seed: 7)
    func uniform() -> Float { random.next() }
    return (0..<(rows * draws)).map { _ in
        let u = max(uniform(), 1e-7), v = uniform()
        return 30 * Float(exp(0.05 * Double((-2 * log(u)).squareRoot() * cos(2 * .pi * v))))
    }
}

let simulationBenchmarks: @Sendable () -> Void = {
    let rows = 20_000, draws = 1_000
    let values = syntheticRows(rows, draws: draws)
    Benchmark("Quantiles, 20,000 rows × 1,000 draws (10/50/90%)",
              configuration: .init(metrics: [.wallClock], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
        var selection = BucketQuantiles(capacity: draws)
        var found = [Float](repeating: 0, count: 3)
        for _ in benchmark.scaledIterations {
            values.withUnsafeBufferPointer { all in
                for r in 0..<rows {
                    found.withUnsafeMutableBufferPointer { selection.quantiles(UnsafeBufferPointer(rebasing: all[(r * draws)..<((r + 1) * draws)]),
                                                                                [0.1, 0.5, 0.9], into: $0.baseAddress!) }
                }
            }
            blackHole(found)
        }
    }

    for schools in [2_000, 20_000] {
        let model = syntheticModel(schools: schools)
        let picks = DrawPicks(draws: 1_000, horizon: model.horizon, pastYears: model.pastYears, seed: 1)
        Benchmark("Simulation, \(schools) schools × 1,000 draws × 15 years",
                  configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 0, maxDuration: .seconds(30),
                                       maxIterations: schools > 2_000 ? 3 : 10)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.5, 0.9], unitPhases: false))
            }
        }
    }
}
