import Foundation
import Testing
@testable import PlacePlanCore

@Suite("shared(…): each area's ratios moved by the change all areas share")
struct SharedChangeTests {
    /// Three areas whose A→B ratio is 1 until the latest year, when it becomes `latest[i]`;
    /// B→C stays 1. No births: the entry year group follows its own trend.
    func areas(latest: [Double]) -> History {
        let rolls = latest.enumerated().map { i, m in
            // Years 2015–2018; A is 100 every year, B(t+1) = A(t) × ratio, C(t+1) = B(t).
            let b = [100.0, 100, 100, 100 * m], c = [100.0, 100, 100, 100]
            return AreaRolls(area: PlanningArea(code: "P\(i)"), firstYear: 2015, pupils: (0..<4).map { [100, b[$0], c[$0]] })
        }
        return history(rolls, births: nil)
    }

    @Test("half the median of the latest log changes; an excluded year's ratio is left out")
    func factors() {
        let change = SharedChange(areas(latest: [0.9, 0.95, 1.1]), excludedYears: [])
        #expect(close(change.progression[0], 0.95.squareRoot()))
        #expect(close(change.progression[1], 1))
        #expect(change.intake == 1)   // no births: no intake ratios
        #expect(SharedChange(areas(latest: [0.9, 0.95, 1.1]), excludedYears: [2018]).progression[0] == 1)
        // One area shares only its own change.
        #expect(close(SharedChange(areas(latest: [0.8]), excludedYears: []).progression[0], 0.8.squareRoot()))
    }

    @Test("the forecast is the inner method's, each shared ratio times its factor")
    func forecast() throws {
        let history = areas(latest: [0.9, 0.95, 1.1])
        let own = try CohortSurvival.forecast(history, settings: ForecastSettings(method: .mean(years: 1)), horizon: 1)
        let shared = try CohortSurvival.forecast(history, settings: ForecastSettings(method: .shared(.mean(years: 1))), horizon: 1)
        for (a, b) in zip(own.areas, shared.areas) {
            #expect(close(b.pupils[0][1], a.pupils[0][1] * 0.95.squareRoot()))   // A→B moved
            #expect(close(b.pupils[0][2], a.pupils[0][2]))                       // B→C shares no change
            #expect(close(b.pupils[0][0], a.pupils[0][0]))                       // entry untouched
        }
    }

    @Test("names: shared(…) around any other method, read as typed and written back the same")
    func names() {
        #expect(RatioMethod(name: "shared(mean-1+weighted-5)") == .shared(.blend([.mean(years: 1), .weighted(years: 5)])))
        #expect(RatioMethod(name: " Shared( Median-3 ) ") == .shared(.median(years: 3)))
        #expect(RatioMethod.shared(.blend([.mean(years: 1), .weighted(years: 5)])).description == "shared(mean-1+weighted-5)")
        for bad in ["shared()", "shared(shared(mean-3))", "shared(mean-3", "shared(mean-3)+mean-1", "mean-3+shared(mean-1)"] {
            #expect(RatioMethod(name: bad) == nil, "\(bad)")
        }
        let settings = ForecastSettings(spec: "shared(mean-1+weighted-5):weighted-3")
        #expect(settings?.label == "shared(mean-1+weighted-5):weighted-3" && settings?.method.isShared == true)
    }

    @Test("a scaled estimate is the estimate times the factor at every year, a clamped trend included")
    func scaled() throws {
        let trend = try #require(RatioMethod.trend(years: 3).estimate(from: [(2015, 0.95), (2016, 0.96), (2017, 0.97)]))
        for year in [2000, 2016, 2025] {
            #expect(close(trend.scaled(by: 1.1).value(at: year), trend.value(at: year) * 1.1))
        }
        #expect(RatioEstimate.blend([.constant(1), .constant(2)]).scaled(by: 2).value(at: 2020) == 3)
    }
}
