import Testing
import TestSupport
@testable import PlacePlanCore

/// The break detector: a boundary change moves every year group at once; noise does not.
@Suite("Series breaks: a boundary change is named, noise is not")
struct SeriesBreakTests {
    /// An area of `years` years with `cohort` pupils in each year group, progression ratios
    /// 1 ± noise, and every year group scaled by `step` from `breakYear` on.
    func area(_ code: String, years: Int = 9, cohort: Double = 3_000, noise: Double, step: Double = 1, breakYear: Int? = nil,
              random: inout SeededRandom) -> AreaRolls {
        var pupils: [[Double]] = []
        for i in 0..<years {
            let scale = breakYear.map { 2011 + i >= $0 ? step : 1 } ?? 1
            pupils.append((0..<14).map { _ in
                (cohort * (1 + noise * (Double(random.next() % 2001) / 1000 - 1)) * scale).rounded()
            })
        }
        return AreaRolls(area: PlanningArea(code: code, name: code), firstYear: 2011, pupils: pupils)
    }

    @Test("a step of 13% in every year group in 2019 is named, with its year and size; the same area without it is not")
    func boundaryChange() {
        var random = SeededRandom(seed: 3)
        let history = History(ladder: .england, birthsBasis: .midYear,
                              areas: [area("D", noise: 0.01, step: 0.87, breakYear: 2019, random: &random), area("E", noise: 0.01, random: &random)],
                              births: nil)
        let found = SeriesBreak.detect(history)
        #expect(found.count == 1)
        #expect(found.first?.area.code == "D" && found.first?.year == 2019 && found.first!.jumped >= 10)
        #expect(abs(found.first!.medianChange + 0.13) < 0.03)
    }

    @Test("no false alarms: 300 areas of noisy but unbroken rolls (up to 3% a year) give no break")
    func noFalseAlarms() {
        var random = SeededRandom(seed: 17)
        var areas: [AreaRolls] = []
        for i in 0..<300 {
            let cohort = Double(200 + i * 20)
            let noise = 0.03 * Double(i % 4 + 1) / 4
            areas.append(area("A\(i)", cohort: cohort, noise: noise, random: &random))
        }
        #expect(SeriesBreak.detect(History(ladder: .england, birthsBasis: .midYear, areas: areas, births: nil)).isEmpty)
    }
}
