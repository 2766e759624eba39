import Foundation
import PlacePlanCore
import PlacePlanIO
import Testing

@Suite("pooled(…) on England's authorities")
struct PooledMethodTests {
    @Test("pooled(mean-3) moves authorities' progression towards the rest, most a little; one authority alone is left as it was")
    func england() throws {
        let history = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england")).history
        let own = try CohortSurvival.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 1)
        let pooled = try CohortSurvival.forecast(history, settings: ForecastSettings(method: .pooled(.mean(years: 3)),
                                                                                     intakeMethod: .mean(years: 3)), horizon: 1)
        var changes: [Double] = []
        for (a, b) in zip(own.areas, pooled.areas) {
            #expect(b.pupils[0][0] == a.pupils[0][0])   // the intake's method is not pooled
            for g in 1..<history.ladder.count where a.pupils[0][g] > 0 { changes.append(abs(b.pupils[0][g] / a.pupils[0][g] - 1)) }
        }
        // An authority's ratios are steady: the typical one barely moves. Those moved more than
        // 3% (seen 2026-12-01) are nearly all Years 12 and 13, whose ratios jump most from year
        // to year, and the smallest authorities' (the Isles of Scilly, the City of London).
        #expect(changes.filter { $0 > 0 }.count > history.areas.count)
        #expect(try #require(median(changes)) < 0.005)
        #expect(try #require(changes.max()) < 0.25)
        // One authority alone has nothing to pool from.
        let alone = History(ladder: history.ladder, birthsBasis: history.birthsBasis, areas: [history.areas[0]], births: history.births)
        let single = try CohortSurvival.forecast(alone, settings: ForecastSettings(method: .pooled(.mean(years: 3))), horizon: 1)
        let plain = try CohortSurvival.forecast(alone, settings: ForecastSettings(method: .mean(years: 3)), horizon: 1)
        #expect(single.areas[0].pupils == plain.areas[0].pupils)
    }
}
