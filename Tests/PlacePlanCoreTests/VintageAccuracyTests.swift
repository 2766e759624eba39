import Testing
import TestSupport
@testable import PlacePlanCore

@Suite("Scoring a vintage against actuals")
struct VintageAccuracyTests {
    @Test("an import's years: each once, in order, whether the rows come year by year or in no order")
    func distinctYears() {
        var random = SeededRandom(seed: 7)
        for length in [0, 1, 2, 50, 500] {
            let byYear = (0..<length).map { i in ActualRoll(level: .area, code: "A", year: 2010 + i * 7 / max(1, length), yearGroup: "R", pupils: 1) }
            let shuffled = byYear.map { _ in ActualRoll(level: .area, code: "A", year: Int.random(in: 2000...2030, using: &random), yearGroup: "R", pupils: 1) }
            for rows in [byYear, shuffled] {
                #expect(rows.distinctYears == Array(Set(rows.map(\.year))).sorted())
            }
        }
        let interleaved = [2020, 2019, 2020, 2019].map { ActualRoll(level: .area, code: "A", year: $0, yearGroup: "R", pupils: 1) }
        #expect(interleaved.distinctYears == [2019, 2020])
    }

    @Test("England: Reception and Y7 intake, then every phase")
    func englandMeasures() {
        let measures = VintageAccuracy.measures(for: .england)
        #expect(measures.map(\.name) == ["R intake", "Y7 intake", "primary", "secondary", "sixth form"])
        #expect(measures.map(\.yearGroups) == [0...0, 7...7, 0...6, 7...11, 12...13])
        #expect(VintageAccuracy.measures(for: .us).map(\.name) == ["K intake", "G6 intake", "elementary", "middle", "high"])
        // One phase: only the entry year group is an intake.
        #expect(VintageAccuracy.measures(for: tinyLadder).map(\.name) == ["A intake", "all"])
    }

    /// Tiny ladder (A, B, C; one phase "all"), origin 2019, two areas over 2020–2021.
    func forecast() -> [VintageAccuracy.Cell: Double] {
        var cells: [VintageAccuracy.Cell: Double] = [:]
        for year in 2020...2021 {
            for g in 0..<3 {
                let x = Double(10 * (g + 1)), y = Double(20 * (g + 1))
                cells[.init(level: .area, code: "X", year: year, yearGroup: g)] = x
                cells[.init(level: .area, code: "Y", year: year, yearGroup: g)] = y
                cells[.init(level: .authority, code: CellLevel.authorityCode, year: year, yearGroup: g)] = x + y
            }
        }
        return cells
    }

    @Test("hand-computed errors by area and for the authority; later years wait")
    func handComputed() throws {
        // Actuals for 2020 only: X = 12, 20, 30; Y = 18, 40, 60.
        let actual: [String: [Double]] = ["X": [12, 20, 30], "Y": [18, 40, 60]]
        let result = VintageAccuracy.score(ladder: tinyLadder, origin: 2019, forecast: forecast()) { level, code, year, g in
            year == 2020 && level == .area ? actual[code]?[g] : nil
        }
        #expect(result.horizons == [1])
        #expect(result.scoredCells == 6 && result.waitingCells == 6 && result.waitingYears == [2021])
        let xIntake = try #require(result.scores.first { $0.code == "X" && $0.measure == "A intake" })
        #expect(xIntake.forecast == 10 && xIntake.actual == 12 && xIntake.horizon == 1 && xIntake.kind == .intake)
        #expect(close(xIntake.error!, (10.0 - 12) / 12))
        let xAll = try #require(result.scores.first { $0.code == "X" && $0.measure == "all" })
        #expect(xAll.forecast == 60 && xAll.actual == 62)
        // Authority: forecast 30 + 60 + 90 = 180, actual 30 + 60 + 90 = 180 (the areas' errors cancel).
        let authority = result.scores.filter { $0.level == .authority }
        #expect(authority.map(\.measure) == ["A intake", "all"])
        #expect(authority[0].forecast == 30 && authority[0].actual == 30 && authority[0].error == 0)
        #expect(authority[1].forecast == 180 && authority[1].actual == 180)
        let summary = try #require(result.summary(level: .area, measure: "A intake", horizon: 1))
        #expect(summary.count == 2)
        #expect(close(summary.medianAbsolute, (2.0 / 12 + 2.0 / 18) / 2))
    }

    @Test("a phase is scored only when all its year groups have actuals; the authority only when all areas do")
    func incomplete() {
        // X's 2020 has A and B only; Y has nothing.
        let result = VintageAccuracy.score(ladder: tinyLadder, origin: 2019, forecast: forecast()) { level, code, year, g in
            code == "X" && year == 2020 && g < 2 ? 1 : nil
        }
        #expect(result.scores.map(\.measure) == ["A intake"])
        #expect(result.scores.map(\.level) == [.area])
        #expect(result.scoredCells == 2 && result.waitingCells == 10)
    }

    @Test("a zero actual is kept but has no percentage")
    func zeroActual() {
        let result = VintageAccuracy.score(ladder: tinyLadder, origin: 2019, forecast: forecast()) { _, _, year, _ in
            year == 2021 ? 0 : nil
        }
        #expect(result.horizons == [2])
        #expect(result.scores.allSatisfy { $0.error == nil && $0.actual == 0 })
        #expect(result.summary(level: .area, measure: "all", horizon: 2) == nil)
    }
}
