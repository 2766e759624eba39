import Testing
import TestSupport
@testable import PlacePlanCore

/// Restating a history across a boundary change, and the detectors that find what to restate.
@Suite("Boundary changes, single odd ratios and the births basis")
struct BoundaryChangeTests {
    /// Nine years of an area whose progression ratios are 1 ± noise; from `breakYear` every
    /// year group is scaled by `step` (a boundary change).
    func area(_ code: String, cohort: Double = 3_000, noise: Double = 0.01, step: Double = 1, breakYear: Int? = nil,
              random: inout SeededRandom) -> AreaRolls {
        let pupils = (0..<9).map { i in
            (0..<14).map { _ in
                (cohort * (1 + noise * (Double(random.next() % 2001) / 1000 - 1)) * (breakYear.map { 2011 + i >= $0 ? step : 1 } ?? 1)).rounded()
            }
        }
        return AreaRolls(area: PlanningArea(code: code, name: code), firstYear: 2011, pupils: pupils)
    }

    func history(_ areas: [AreaRolls]) -> History { History(ladder: .england, birthsBasis: .midYear, areas: areas, births: nil) }

    @Test("a 13% transfer from D to B in 2019: the share is estimated within a point, pupils are conserved, and no break is left")
    func estimatedTransfer() throws {
        var random = SeededRandom(seed: 5)
        let d = area("D", step: 0.87, breakYear: 2019, random: &random), b = area("B", cohort: 2_500, step: 1 + 0.13 * 3_000 / 2_500, breakYear: 2019, random: &random)
        let before = history([d, b])
        #expect(SeriesBreak.detect(before).map(\.area.code).sorted() == ["B", "D"])
        let (after, applied) = try before.harmonised([BoundaryChange(area: "D", year: 2019, kind: .transfer(to: "B", share: nil))]).get()
        #expect(applied.count == 1 && applied[0].estimated && abs(applied[0].share! - 0.13) < 0.01, "\(applied)")
        for year in 2011...2019 {
            for g in 0..<14 {
                let total = { (h: History) in h.areas.reduce(0.0) { $0 + $1.pupils(year: year, yearGroup: g)! } }
                #expect(abs(total(before) - total(after)) < 1e-9)
            }
        }
        // Years from the change on are the census's own.
        #expect(after.areas[0].pupils[8] == d.pupils[8] && after.areas[1].pupils[8] == b.pupils[8])
        #expect(SeriesBreak.detect(after).isEmpty)
        #expect(applied[0].description.hasPrefix("D → B from 2019/20: 13."), "\(applied[0].description)")
    }

    @Test("a given share is used as it is; start drops the years before; a split gives a new area its history")
    func givenShareStartAndSplit() throws {
        var random = SeededRandom(seed: 9)
        let d = area("D", random: &random), b = area("B", random: &random)
        let (given, applied) = try history([d, b]).harmonised([BoundaryChange(area: "D", year: 2015, kind: .transfer(to: "B", share: 0.25))]).get()
        #expect(!applied[0].estimated && applied[0].share == 0.25)
        #expect(abs(given.areas[0].pupils[0][3] - d.pupils[0][3] * 0.75) < 1e-9 && given.areas[0].pupils[4] == d.pupils[4])
        let (started, _) = try history([d, b]).harmonised([BoundaryChange(area: "D", year: 2016, kind: .start)]).get()
        #expect(started.areas[0].firstYear == 2016 && started.areas[0].pupils == Array(d.pupils[5...]))
        // N exists only from 2017: it takes 40% of D's pupils before then.
        let n = AreaRolls(area: PlanningArea(code: "N"), firstYear: 2017, pupils: Array(d.pupils[6...]).map { $0.map { $0 * 0.4 } })
        let (split, _) = try history([d, n]).harmonised([BoundaryChange(area: "D", year: 2017, kind: .transfer(to: "N", share: 0.4))]).get()
        #expect(split.areas[1].firstYear == 2011 && abs(split.areas[1].pupils[0][0] - d.pupils[0][0] * 0.4) < 1e-9)
    }

    @Test("changes that cannot be applied say why: unknown areas, a year outside the rolls, a transfer to itself, no estimable share")
    func problems() {
        var random = SeededRandom(seed: 2)
        let h = history([area("D", random: &random), area("B", random: &random)])
        func problem(_ change: BoundaryChange) -> String? {
            if case .failure(let p) = h.harmonised([change]) { return p.message }
            return nil
        }
        #expect(problem(BoundaryChange(area: "X", year: 2015, kind: .start)) == "area X has no rolls")
        #expect(problem(BoundaryChange(area: "D", year: 2011, kind: .start))?.contains("not within D's rolls") == true)
        #expect(problem(BoundaryChange(area: "D", year: 2015, kind: .transfer(to: "D", share: 0.1))) == "an area cannot move pupils to itself")
        #expect(problem(BoundaryChange(area: "D", year: 2015, kind: .transfer(to: "Z", share: 0.1))) == "area Z has no rolls")
        // No fall in D's ratios in 2015: nothing to estimate from.
        #expect(problem(BoundaryChange(area: "D", year: 2015, kind: .transfer(to: "B", share: nil)))?.contains("cannot be estimated") == true)
    }

    @Test("one cell 30% out of line among 40 noisy areas is found, with its year and year group; 300 unbroken areas give none")
    func singleOutlier() {
        var random = SeededRandom(seed: 21)
        var areas: [AreaRolls] = []
        for i in 0..<40 { areas.append(area("A\(i)", cohort: Double(500 + 50 * i), noise: 0.02, random: &random)) }
        var pupils = areas[7].pupils
        pupils[5][4] *= 1.3
        areas[7] = AreaRolls(area: areas[7].area, firstYear: 2011, pupils: pupils)
        let found = RatioOutlier.detect(history(areas), breaks: [])
        // The cell raises Y3 → Y4 into 2016 and lowers Y4 → Y5 into 2017.
        #expect(Set(found.map { "\($0.area.code) \($0.year) \($0.yearGroup)" }) == ["A7 2016 4", "A7 2017 5"], "\(found)")
        #expect(found.first { $0.year == 2016 }!.description(ladder: .england).contains("2016/17: Y3 → Y4 progression ratio 1.29, against 1.00 there usually (+29%)"))
        var clean: [AreaRolls] = []
        for i in 0..<300 {
            let noise = 0.03 * Double(i % 4 + 1) / 4
            clean.append(area("C\(i)", cohort: Double(200 + 20 * i), noise: noise, random: &random))
        }
        #expect(RatioOutlier.detect(history(clean), breaks: []).isEmpty)
    }

    @Test("births on a basis a year off make the intake ratio unsteady: the check names the basis the data follows")
    func birthsBasis() {
        var random = SeededRandom(seed: 4)
        // Births swing by ±8% a year; Reception is 0.95 × the cohort's births (mid-year alignment) ± 0.5%.
        var areas: [AreaRolls] = [], births: [String: BirthSeries] = [:]
        for a in 0..<10 {
            func wobble(_ size: Double) -> Double { 1 + size * (Double(random.next() % 2001) / 1000 - 1) }
            var series: [Int: Double] = [:]
            for year in 1995...2016 { series[year] = 3_000 * wobble(0.08) }
            births["A\(a)"] = BirthSeries(series)
            var pupils: [[Double]] = []
            for year in 2011...2019 {
                var row = Array(repeating: 2_900.0, count: 14)
                row[0] = series[year - 4]! * 0.95 * wobble(0.005)
                pupils.append(row)
            }
            areas.append(AreaRolls(area: PlanningArea(code: "A\(a)"), firstYear: 2011, pupils: pupils))
        }
        let right = History(ladder: .england, birthsBasis: .midYear, areas: areas, births: births)
        #expect(BirthsBasisCheck.check(right, declared: IntakeRatios(right, basis: .midYear)) == nil)
        let wrong = History(ladder: .england, birthsBasis: .academic, areas: areas, births: births)
        let found = BirthsBasisCheck.check(wrong, declared: IntakeRatios(wrong, basis: .academic))
        #expect(found?.likelier == .midYear && found!.likelierChange < 0.01 && found!.declaredChange > 0.03, "\(String(describing: found))")
        #expect(abs(IntakeRatios(right, basis: .midYear).rows[0].byYear[2015]! - 0.95) < 0.01)
    }

    @Test("projected births are kept apart from registered ones, through the pooled series and what was known at a year")
    func projectedBirths() {
        let series = BirthSeries([2020: 100, 2021: 110, 2022: 120], projected: [2022, 2030])
        #expect(series.projected == [2022] && series.lastActualYear == 2021 && series.lastYear == 2022)
        #expect(series.known(through: 2021).projected.isEmpty && series.known(through: 2021).lastActualYear == 2021)
        let area = AreaRolls(area: PlanningArea(code: "A"), firstYear: 2019, pupils: [Array(repeating: 10, count: 14)])
        let h = History(ladder: .england, birthsBasis: .midYear, areas: [area], births: ["A": series])
        #expect(h.projectedBirthYears == [2022] && h.pooled().births?.projected == [2022])
    }
}
