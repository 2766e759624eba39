import Testing
import TestSupport
@testable import PlacePlanCore
import Foundation

@Suite("Housing delivery in the draws: past trajectories' delivery resampled, the unbuilt carried on, housing's pupils scaled")
struct HousingDeliveryTests {
    static func record(_ ratios: [Double]) -> HousingDeliveryRecord {
        HousingDeliveryRecord(ratios.enumerated().map { HousingDeliveryRecord.Year(year: 2015 + $0.offset, planned: 100, completed: 100 * $0.element) })
    }

    @Test("a record that always built its trajectory builds the plan's as planned: every share is 1")
    func fullDelivery() {
        let draws = DeliveryDraws(record: Self.record([1, 1, 1]), trajectory: [0, 40, 100, 0, 60], draws: 200, seed: 5)
        #expect(draws.share.allSatisfy { $0 == 1 })
    }

    @Test("half built each year, the rest carried on: shares 0.5, 0.75, 0.875 of 100 homes planned in the first year (by hand)")
    func backlogCarried() {
        let draws = DeliveryDraws(record: Self.record([0.5]), trajectory: [100, 0, 0], draws: 3, seed: 1)
        for d in 0..<3 {
            #expect(draws.share[0 * 3 + d] == 0.5)
            #expect(draws.share[1 * 3 + d] == 0.75)
            #expect(draws.share[2 * 3 + d] == 0.875)
        }
        // Before anything is planned the share is 1 (no pupils of housing to scale yet).
        let late = DeliveryDraws(record: Self.record([0.5]), trajectory: [0, 100], draws: 1, seed: 1)
        #expect(late.share == [1, 0.5])
    }

    @Test("a year that ran ahead builds later years' homes early, and never more homes than the trajectory holds")
    func aheadButCapped() {
        // 2 × the 100 due in year 1 = 200: the whole trajectory; year 2 has nothing left to build.
        let draws = DeliveryDraws(record: Self.record([2]), trajectory: [100, 100], draws: 1, seed: 1)
        #expect(draws.share == [2, 1])
    }

    @Test("whatever the record, the homes built by a year never exceed the trajectory's total, and a draw's share is the same for a seed (property, seeded)")
    func neverMoreThanPlanned() {
        var random = SeededRandom(seed: 77)
        for _ in 0..<200 {
            let ratios = (0..<(1 + Int(random.next() % 8))).map { _ in Double(random.next() % 150) / 100 }
            let H = 1 + Int(random.next() % 10)
            let trajectory = (0..<H).map { _ in random.next() % 3 == 0 ? 0 : Double(random.next() % 300) }
            let seed = random.next()
            let draws = DeliveryDraws(record: Self.record(ratios), trajectory: trajectory, draws: 50, seed: seed)
            let total = trajectory.reduce(0, +)
            var planned = 0.0
            for h in 0..<H {
                planned += trajectory[h]
                for d in 0..<50 {
                    let share = Double(draws.share[h * 50 + d])
                    #expect(share >= 0)
                    if planned > 0 { #expect(share * planned <= total * (1 + 1e-6), "built more than planned: \(share * planned) > \(total)") }
                }
            }
            #expect(draws.share == DeliveryDraws(record: Self.record(ratios), trajectory: trajectory, draws: 50, seed: seed).share)
        }
    }

    @Test("each forecast year picks a past year at random, all equally likely (seeded)")
    func picksEvenly() {
        let draws = DeliveryDraws(record: Self.record([0.5, 1]), trajectory: [100, 0], draws: 4_000, seed: 9)
        let halves = draws.share[0..<4_000].filter { $0 == 0.5 }.count
        #expect(draws.share[0..<4_000].allSatisfy { $0 == 0.5 || $0 == 1 })
        #expect(abs(Double(halves) / 4_000 - 0.5) < 0.03, "\(halves) of 4,000 picked the year that built half")
    }

    @Test("in the draws, a cell's pupils from housing are scaled by the share built and the rest by the multiplier (by hand)")
    func simulationScalesHousing() {
        // One unit, one year group, two years: 100 pupils, 40 of them from housing; no errors.
        let model = SimulationModel(units: 1, yearGroups: 1, horizon: 2, pastYears: 1, central: [100, 100], deviations: [0],
                                    groupStarts: [0, 1], phases: [0...0], housing: [40, 40])
        let picks = DrawPicks(draws: 10, horizon: 2, pastYears: 1, seed: 2)
        let delivery = DeliveryDraws(record: Self.record([0.5]), trajectory: [100, 0], draws: 10, seed: 2)
        let result = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.9], delivery: delivery)
        // Year 1: 60 + 40 × 0.5 = 80; year 2: 60 + 40 × 0.75 = 90; the unit, its group and the total alike.
        for q in 0..<2 {
            #expect(result.unit[(q * 2 + 0)] == 80 && result.unit[(q * 2 + 1)] == 90)
            #expect(result.group[(q * 2 + 0)] == 80 && result.total[(q * 2 + 1)] == 90)
            #expect(result.unitPhase[(q * 2 + 0)] == 80 && result.totalPhase[(q * 2 + 1)] == 90)
        }
        // Without delivery draws the housing pupils are the central forecast's.
        let plain = ForecastSimulation.run(model, picks: picks, quantiles: [0.1, 0.9])
        #expect(plain.unit == [100, 100, 100, 100])
    }

    @Test("a record that built every trajectory gives the draws of no variation: groups and totals bit for bit, units to Float rounding (seeded)")
    func fullDeliveryChangesNothing() {
        let G = 3, H = 4, K = 3
        var random = SeededRandom(seed: 21)
        let central = (0..<(2 * H * G)).map { _ in Float(50 + random.next() % 100) }
        let deviations = (0..<(K * 2 * G)).map { _ in Float(Int(random.next() % 200) - 100) / 1_000 }
        let housing = central.map { $0 * Float(random.next() % 3) / 10 }
        let with = SimulationModel(units: 2, yearGroups: G, horizon: H, pastYears: K, central: central, deviations: deviations,
                                   spread: [Float](repeating: 0.02, count: 2 * G), groupStarts: [0, 1, 2], phases: [0...1, 2...2], housing: housing)
        let without = SimulationModel(units: 2, yearGroups: G, horizon: H, pastYears: K, central: central, deviations: deviations,
                                      spread: [Float](repeating: 0.02, count: 2 * G), groupStarts: [0, 1, 2], phases: [0...1, 2...2])
        let picks = DrawPicks(draws: 300, horizon: H, pastYears: K, seed: 4, wholePaths: true)
        let full = DeliveryDraws(record: Self.record([1, 1]), trajectory: [10, 20, 0, 5], draws: 300, seed: 4)
        let a = ForecastSimulation.run(with, picks: picks, quantiles: [0.1, 0.5, 0.9], delivery: full)
        let b = ForecastSimulation.run(without, picks: picks, quantiles: [0.1, 0.5, 0.9])
        #expect(a.group == b.group && a.total == b.total && a.groupPhase == b.groupPhase && a.totalPhase == b.totalPhase)
        // A unit's quantiles are selected from its pupils rather than scaled from its multipliers:
        // the same to Float rounding.
        #expect(zip(a.unit, b.unit).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        // And a record that built less moves only the cells with housing, and only down.
        let short = DeliveryDraws(record: Self.record([0.6, 0.8]), trajectory: [10, 20, 0, 5], draws: 300, seed: 4)
        let c = ForecastSimulation.run(with, picks: picks, quantiles: [0.1, 0.5, 0.9], delivery: short)
        for i in c.total.indices { #expect(c.total[i] <= b.total[i] * (1 + 1e-6)) }
        #expect(c.total != b.total)
    }
}
