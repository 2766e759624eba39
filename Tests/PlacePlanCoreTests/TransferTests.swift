import Testing
@testable import PlacePlanCore

@Suite("Secondary transfer: Year 6 → Year 7 by non-negative least squares")
struct TransferTests {
    let geography = Geography(primaryAreas: ["P1", "P2", "P3"].map { PlanningArea(code: $0) },
                              secondaryAreas: ["S1", "S2"].map { PlanningArea(code: $0) })
    let years = 2010...2019
    /// Year 6 series that do not move in step (fixed wiggles, no trigonometry needed).
    var year6: [String: [Int: Double]] {
        let p1: [Double] = [300, 310, 296, 322, 315, 330, 318, 340, 335, 352]
        let p2: [Double] = [250, 262, 241, 236, 259, 248, 266, 244, 258, 239]
        let p3: [Double] = [400, 388, 395, 371, 380, 362, 370, 349, 361, 340]
        var out: [String: [Int: Double]] = [:]
        for (i, t) in years.enumerated() {
            out["P1", default: [:]][t] = p1[i]
            out["P2", default: [:]][t] = p2[i]
            out["P3", default: [:]][t] = p3[i]
        }
        return out
    }

    func year7(_ rule: (Int) -> [String: Double]) -> [String: [Int: Double]] {
        var out: [String: [Int: Double]] = [:]
        for t in (years.lowerBound + 1)...years.upperBound { for (area, value) in rule(t) { out[area, default: [:]][t] = value } }
        return out
    }

    @Test("exact data: the true shares and inflow come back")
    func exactRecovery() throws {
        let y6 = year6
        let y7 = year7 { t in
            ["S1": 0.8 * y6["P1"]![t - 1]! + 0.1 * y6["P2"]![t - 1]! + 30,
             "S2": 0.85 * y6["P2"]![t - 1]! + 0.9 * y6["P3"]![t - 1]!]
        }
        let model = try TransferModel.fit(geography: geography, years: years, year6: y6, year7: y7)
        #expect(abs(model.share(from: "P1", to: "S1") - 0.8) < 1e-6)
        #expect(abs(model.share(from: "P2", to: "S1") - 0.1) < 1e-6)
        #expect(abs(model.share(from: "P3", to: "S1")) < 1e-6)
        #expect(abs(model.area("S1")!.inflow - 30) < 1e-3)
        #expect(abs(model.share(from: "P2", to: "S2") - 0.85) < 1e-6)
        #expect(abs(model.share(from: "P3", to: "S2") - 0.9) < 1e-6)
        #expect(abs(model.area("S2")!.inflow) < 1e-3)
        #expect(model.area("S1")!.years == Array(2011...2019))
        #expect(model.area("S1")!.rootMeanSquareError < 1e-6)
        // Prediction is the formula.
        #expect(abs(model.year7("S1") { ["P1": 310, "P2": 240, "P3": 380][$0]! } - (0.8 * 310 + 0.1 * 240 + 30)) < 1e-3)
    }

    @Test("a flow ordinary least squares would make negative is held at zero")
    func nonNegative() throws {
        let y6 = year6
        // Year 7 falls as P2 rises: OLS would give P2 a negative share.
        let y7 = year7 { t in ["S1": 0.9 * y6["P1"]![t - 1]! - 0.2 * y6["P2"]![t - 1]! + 100, "S2": 0.5 * y6["P3"]![t - 1]!] }
        let model = try TransferModel.fit(geography: geography, years: years, year6: y6, year7: y7)
        #expect(model.areas.allSatisfy { $0.flows.allSatisfy { $0.share >= 0 } && $0.inflow >= 0 })
        #expect(model.share(from: "P2", to: "S1") == 0)
    }

    @Test("feeds: a primary area that cannot feed a secondary area is not in its fit")
    func feeds() throws {
        let restricted = Geography(primaryAreas: geography.primaryAreas, secondaryAreas: geography.secondaryAreas,
                                   feeds: ["P1": ["S1"], "P3": ["S2"]])
        #expect(restricted.feeders(of: "S2").map(\.code) == ["P2", "P3"])
        let y6 = year6
        let y7 = year7 { t in ["S1": 0.8 * y6["P1"]![t - 1]!, "S2": 0.7 * y6["P3"]![t - 1]! + 20] }
        let model = try TransferModel.fit(geography: restricted, years: years, year6: y6, year7: y7)
        #expect(model.area("S2")!.flows.map(\.from) == ["P2", "P3"])
        #expect(abs(model.share(from: "P3", to: "S2") - 0.7) < 1e-6)
    }

    @Test("one year of history: nothing to fit, Year 7 held at its latest count, and said so")
    func tooShort() throws {
        let model = try TransferModel.fit(geography: geography, years: 2019...2019, year6: year6, year7: ["S1": [2019: 500], "S2": [2019: 0]])
        #expect(model.area("S1")!.fallback?.contains("held at its latest") == true)
        #expect(model.year7("S1") { _ in 1000 } == 500)
    }

    @Test("property: a secondary area's feeders are the primary areas that name it or name none, in their order, as filtering them says")
    func feedersIndex() {
        var state: UInt64 = 11
        func next(_ n: Int) -> Int { Int(DrawPicks.mix(&state) % UInt64(n)) }
        for _ in 0..<100 {
            let primary = (0..<next(30)).map { PlanningArea(code: "P\($0)") }
            let secondary = (0..<(1 + next(6))).map { PlanningArea(code: "S\($0)") }
            var feeds: [String: [String]] = [:]
            for area in primary where next(3) > 0 {
                // Some name a secondary area twice, some one the plan does not have.
                feeds[area.code] = (0..<next(4)).map { _ in next(5) == 0 ? "X" : secondary[next(secondary.count)].code }
            }
            let geography = Geography(primaryAreas: primary, secondaryAreas: secondary, feeds: feeds)
            for code in secondary.map(\.code) + ["X", "none"] {
                let filtered = primary.filter { feeds[$0.code].map { $0.contains(code) } ?? true }
                #expect(geography.feeders(of: code) == filtered)
            }
        }
    }
}
