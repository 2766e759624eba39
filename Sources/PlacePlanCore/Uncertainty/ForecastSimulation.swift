import Dispatch
import Foundation  // exp

/// Quantiles of a simulation's draws at every level — each unit, each group (the sum of its
/// units), the total (all units) — for every year group and phase, and the probability that a
/// group's pupils exceed its places. Layouts, with Q quantiles, H years, P phases:
/// `unit[((q × H + h) × units + u) × G + g]`, `unitPhase[((q × H + h) × units + u) × P + p]` (empty
/// when not asked),
/// `group[((q × H + h) × groups + i) × G + g]`, `groupPhase` likewise, `total[(q × H + h) × G + g]`,
/// `totalPhase[(q × H + h) × P + p]`, `short[(h × groups + i) × G + g]`, and for each phase limit asked
/// `above[l][(h × groups + i) × P + p]`.
public struct SimulationSummary: Sendable {
    public let quantiles: [Double]
    public let draws: Int
    public let unit: [Float]
    public let unitPhase: [Float]
    public let group: [Float]
    public let groupPhase: [Float]
    public let total: [Float]
    public let totalPhase: [Float]
    /// Share of draws with more pupils than places, when places were given.
    public let short: [Float]?
    /// For each of `phaseLimits`, the share of draws of each group's phase above it.
    public let above: [[Float]]
}

public enum ForecastSimulation {
    /// Runs `picks.draws` draws of `model`. Memory does not grow with the units: each thread keeps
    /// one unit's and one group's draws (years × year groups × draws), and nothing per draw is
    /// allocated. The groups are cut into at most `chunks` runs, each with its own total, added in
    /// order at the end, so the answer is the same bit for bit on any number of threads.
    /// - Parameters:
    ///   - places: `[(h × groups + i) × G + g]` places of group i (P(short) by year group); `nil` = not asked.
    ///   - phaseLimits: limits `[(h × groups + i) × P + p]` for each group's phases (its places;
    ///     its places less the operating margin): the share of draws above each is counted.
    ///   - unitPhases: whether each unit's phases get quantiles (`false`: `unitPhase` is empty). A
    ///     place plan's units are schools, and nothing shows a school's phase total; they were
    ///     three rows in seventeen of what the simulation selects quantiles in.
    ///   - delivery: each draw's share of the planned homes built, which scales the pupils
    ///     `model.housing` gives (`nil`, or a model without housing: housing is not varied).
    public static func run(_ model: SimulationModel, picks: DrawPicks, quantiles: [Double], places: [Float]? = nil,
                           phaseLimits: [[Float]] = [], unitPhases: Bool = true, delivery: DeliveryDraws? = nil,
                           threads: Int = 2) -> SimulationSummary {
        precondition(picks.horizon == model.horizon, "one pick a draw and year")
        precondition(delivery.map { $0.horizon == model.horizon && $0.draws == picks.draws } ?? true, "a delivery share a draw and year")
        let G = model.yearGroups, H = model.horizon, D = picks.draws, Q = quantiles.count, P = model.phases.count
        let units = model.units, groups = model.groups
        var unit = [Float](repeating: 0, count: Q * H * units * G)
        var unitPhase = [Float](repeating: 0, count: unitPhases ? Q * H * units * P : 0)
        var group = [Float](repeating: 0, count: Q * H * groups * G)
        var groupPhase = [Float](repeating: 0, count: Q * H * groups * P)
        var short = places.map { _ in [Float](repeating: 0, count: H * groups * G) }
        var above = phaseLimits.map { _ in [Float](repeating: 0, count: H * groups * P) }
        let chunks = max(1, min(Self.chunks, groups)), workers = max(1, min(threads, chunks))
        var totals = [[Float]](repeating: [], count: chunks)

        unit.withUnsafeMutableBufferPointer { unitOut in
        unitPhase.withUnsafeMutableBufferPointer { unitPhaseOut in
        group.withUnsafeMutableBufferPointer { groupOut in
        groupPhase.withUnsafeMutableBufferPointer { groupPhaseOut in
        totals.withUnsafeMutableBufferPointer { totalsOut in
            let out = Outputs(unit: unitOut, unitPhase: unitPhaseOut, group: groupOut, groupPhase: groupPhaseOut, totals: totalsOut)
            let shortOut = short.map { _ in UnsafeMutableBufferPointer<Float>.allocate(capacity: H * groups * G) }
            let aboveOut = phaseLimits.map { _ in UnsafeMutableBufferPointer<Float>.allocate(capacity: H * groups * P) }
            let counts = Counts(short: shortOut, above: aboveOut)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var worker = Worker(model: model, picks: picks, quantiles: quantiles, places: places, phaseLimits: phaseLimits,
                                    unitPhases: unitPhases, delivery: delivery)
                for c in stride(from: w, to: chunks, by: workers) {
                    worker.startTotal()
                    for i in (groups * c / chunks)..<(groups * (c + 1) / chunks) { worker.simulate(group: i, into: out, counts: counts) }
                    out.totals[c] = worker.total
                }
            }
            if let shortOut { short = Array(shortOut); shortOut.deallocate() }
            for (l, out) in aboveOut.enumerated() { above[l] = Array(out); out.deallocate() }
        } } } } }

        // The total: every worker's draws added, then its quantiles.
        var sum = [Float](repeating: 0, count: H * G * D)
        for part in totals where !part.isEmpty { for i in sum.indices { sum[i] += part[i] } }
        var total = [Float](repeating: 0, count: Q * H * G), totalPhase = [Float](repeating: 0, count: Q * H * P)
        var scratch = [Float](repeating: 0, count: D), found = [Float](repeating: 0, count: Q)
        var buckets = BucketQuantiles(capacity: D)
        for h in 0..<H {
            for g in 0..<G {
                sum.withUnsafeBufferPointer { all in
                    found.withUnsafeMutableBufferPointer { buckets.quantiles(UnsafeBufferPointer(rebasing: all[((h * G + g) * D)..<((h * G + g + 1) * D)]), quantiles, into: $0.baseAddress!) }
                }
                for q in 0..<Q { total[(q * H + h) * G + g] = found[q] }
            }
            for (p, range) in model.phases.enumerated() {
                sum.withUnsafeBufferPointer { all in scratch.withUnsafeMutableBufferPointer { Self.addYearGroups(all, year: h, yearGroups: G, range, into: $0) } }
                scratch.withUnsafeBufferPointer { row in found.withUnsafeMutableBufferPointer { buckets.quantiles(row, quantiles, into: $0.baseAddress!) } }
                for q in 0..<Q { totalPhase[(q * H + h) * P + p] = found[q] }
            }
        }
        return SimulationSummary(quantiles: quantiles, draws: D, unit: unit, unitPhase: unitPhase, group: group, groupPhase: groupPhase,
                                 total: total, totalPhase: totalPhase, short: short, above: above)
    }

    /// A phase's draws: year h's year groups `range` of `draws` (`[(h × G + g) × D + d]`, D =
    /// `sum.count`) added draw by draw, in year-group order — a group's and the total's alike.
    static func addYearGroups(_ draws: UnsafeBufferPointer<Float>, year h: Int, yearGroups G: Int, _ range: ClosedRange<Int>,
                              into sum: UnsafeMutableBufferPointer<Float>) {
        let D = sum.count
        for d in 0..<D { sum[d] = 0 }
        for g in range {
            let yearGroup = draws.baseAddress! + (h * G + g) * D
            for d in 0..<D { sum[d] += yearGroup[d] }
        }
    }

    /// Runs of groups, each with a total of its own: enough to keep both cores busy to the end.
    static let chunks = 16

    /// Where workers write: disjoint ranges of each array (a unit's, a group's), so no two
    /// threads ever touch the same element.
    struct Outputs: @unchecked Sendable {
        let unit, unitPhase, group, groupPhase: UnsafeMutableBufferPointer<Float>
        let totals: UnsafeMutableBufferPointer<[Float]>
    }

    struct Counts: @unchecked Sendable {
        let short: UnsafeMutableBufferPointer<Float>?
        let above: [UnsafeMutableBufferPointer<Float>]
    }
}
