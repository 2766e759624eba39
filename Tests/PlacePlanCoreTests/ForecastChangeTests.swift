import Testing
@testable import PlacePlanCore

/// The Shapley split of a forecast's change among its inputs.
@Suite("Why a forecast changed: the Shapley split")
struct ForecastChangeTests {
    func key(_ code: String, _ year: Int = 2020) -> ForecastChange.Key {
        ForecastChange.Key(level: .area, code: code, year: year, yearGroup: "R")
    }

    @Test("two inputs that interact: each share is its effect averaged over both orders, and the shares add up to the change")
    func twoInputs() {
        // v(none) = 10, v(census) = 14, v(births) = 12, v(both) = 20: the inputs interact (+4 together).
        let change = ForecastChange(factors: [.census, .births], forecasts: [[key("A"): 10], [key("A"): 14], [key("A"): 12], [key("A"): 20]])
        let cell = change.cells[0]
        #expect(cell.before == 10 && cell.after == 20)
        #expect(cell.shares == [6, 4])   // census ½((14−10)+(20−12)), births ½((12−10)+(20−14))
        #expect(change.unmatched == 0)
    }

    @Test("three inputs, random values: the shares always add up to the change; an input that changes nothing gets nothing")
    func additivity() {
        var state: UInt64 = 7
        func random() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 40) / 1000 }
        for _ in 0..<50 {
            // The third input never matters: v(S) = v(S without it).
            let base = (0..<4).map { _ in random() }
            let forecasts = (0..<8).map { mask in [key("A"): base[mask & 3]] }
            let change = ForecastChange(factors: [.census, .births, .housing], forecasts: forecasts)
            let cell = change.cells[0]
            #expect(abs(cell.shares.reduce(0, +) - cell.change) < 1e-9)
            #expect(abs(cell.shares[2]) < 1e-12)
        }
    }

    @Test("cells in only one forecast are counted, not compared; phases add up their year groups, schools left out")
    func unmatchedAndPhases() {
        let y = { (code: String, group: String, level: CellLevel) in ForecastChange.Key(level: level, code: code, year: 2021, yearGroup: group) }
        let older: [ForecastChange.Key: Double] = [y("A", "R", .area): 10, y("A", "Y1", .area): 20, key("A", 2020): 5, y("S1", "R", .school): 3]
        let newer: [ForecastChange.Key: Double] = [y("A", "R", .area): 12, y("A", "Y1", .area): 25, key("A", 2022): 5, y("S1", "R", .school): 4]
        let change = ForecastChange(factors: [.census], forecasts: [older, newer])
        #expect(change.cells.count == 3 && change.unmatched == 2)
        let lines = change.phaseLines(ladder: .england)
        #expect(lines.count == 1 && lines[0].phase == "primary" && lines[0].before == 30 && lines[0].after == 37 && lines[0].shares == [7])
    }
}
