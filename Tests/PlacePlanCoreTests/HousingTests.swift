import Testing
@testable import PlacePlanCore

@Suite("Housing growth: yields, ageing, background rate")
struct HousingTests {
    let years = Array(2025...2034)

    @Test("a flat profile spreads a phase evenly over its year groups and keeps it there as pupils age")
    func flatShape() {
        let shape = PupilYields.defaults.shape(.primary, yearGroups: 7, upTo: 5)
        for row in shape {
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            for v in row { #expect(abs(v - 1.0 / 7) < 1e-12) }
        }
    }

    @Test("with a profile, the phase's total follows it and the pupils of year k move up a year group in year k + 1")
    func agedShape() {
        let yields = PupilYields(rows: PupilYields.defaults.rows, profile: [.secondary: [0.4, 0.7, 1.0]], source: "test")
        let shape = yields.shape(.secondary, yearGroups: 5, upTo: 4)
        #expect(shape.map { ($0.reduce(0, +) * 1000).rounded() / 1000 } == [0.4, 0.7, 1.0, 1.0, 1.0])
        // Before scaling, year 1 is year 0 moved up with the youngest refilled: 1/5 each, so even.
        let second = shape[1].map { $0 / 0.7 }
        #expect(second.allSatisfy { abs($0 - 0.2) < 1e-12 })
    }

    @Test("doubling the dwellings doubles the pupils, in every phase, year and year group")
    func linear() {
        let one = [HousingCompletion(site: "a", area: "PA", year: 2026, dwellings: 150, category: DwellingCategory(type: .house)),
                   HousingCompletion(site: "a", area: "PA", year: 2027, dwellings: 70)]
        let two = one.map { HousingCompletion(site: $0.site, area: $0.area, year: $0.year, dwellings: 2 * $0.dwellings, category: $0.category) }
        let yields = PupilYields(rows: PupilYields.defaults.rows + [PupilYields.Row(category: DwellingCategory(type: .house),
                                                                                    perDwelling: [.primary: 0.3, .secondary: 0.2, .post16: 0.05, .earlyYears: 0.1])],
                                 profile: [.primary: [0.5, 1]], source: "test")
        let a = HousingModel.pupils(of: one, yields: yields, layout: englandLayout, years: years)
        let b = HousingModel.pupils(of: two, yields: yields, layout: englandLayout, years: years)
        for phase in YieldPhase.allCases {
            for (ra, rb) in zip(a[phase]!, b[phase]!) { for (x, y) in zip(ra, rb) { #expect(abs(2 * x - y) < 1e-9) } }
        }
        // By hand: 2026 primary = 150 houses × 0.3 × 0.5 (year of completion); 2028 = 150 × 0.3 + 70 × 0.20.
        #expect(abs(a[.primary]![1].reduce(0, +) - 22.5) < 1e-9)
        #expect(abs(a[.primary]![3].reduce(0, +) - (45 + 14)) < 1e-9)
        #expect(a[.primary]![0].reduce(0, +) == 0)
    }

    @Test("a yield row covers a category by its most specific match; unknown mix uses the row for any dwelling")
    func categories() {
        let yields = PupilYields(rows: [
            PupilYields.Row(category: .unknown, perDwelling: [.primary: 0.2]),
            PupilYields.Row(category: DwellingCategory(type: .flat), perDwelling: [.primary: 0.1]),
            PupilYields.Row(category: DwellingCategory(type: .flat, tenure: .affordable), perDwelling: [.primary: 0.15]),
        ], source: "test")
        #expect(yields.row(for: .unknown).yield(.primary) == 0.2)
        #expect(yields.row(for: DwellingCategory(type: .flat, tenure: .market)).yield(.primary) == 0.1)
        #expect(yields.row(for: DwellingCategory(type: .flat, tenure: .affordable, bedrooms: 2)).yield(.primary) == 0.15)
        #expect(yields.row(for: DwellingCategory(type: .house)).yield(.primary) == 0.2)
    }

    @Test("only completions above the background rate are added; the background is the mean over the ratios' years")
    func background() {
        let input = HousingInput(completions: [
            HousingCompletion(site: "old", area: "PA", year: 2020, dwellings: 100),   // outside a 3-year window ending 2024
            HousingCompletion(site: "old", area: "PA", year: 2022, dwellings: 30),
            HousingCompletion(site: "old", area: "PA", year: 2023, dwellings: 30),
            HousingCompletion(site: "old", area: "PA", year: 2024, dwellings: 30),
            HousingCompletion(site: "new", area: "PA", year: 2026, dwellings: 90),
            HousingCompletion(site: "small", area: "PA", year: 2026, dwellings: 30),
            HousingCompletion(site: "steady", area: "PA", year: 2027, dwellings: 30),
        ])
        let rates = HousingModel.background(input, baseYear: 2024, window: 3, areas: ["PA"])
        #expect(rates["PA"]!.rate == 30)
        let added = HousingModel.excess(input, baseYear: 2024, horizon: 5, background: rates)
        // 2026: 120 planned, 30 background → 90 added, shared 3 : 1 between the sites; 2027: 30 → none.
        #expect(added.map(\.site) == ["new", "small"])
        #expect(abs(added[0].dwellings - 67.5) < 1e-12 && abs(added[1].dwellings - 22.5) < 1e-12)
        var given = input
        given = HousingInput(completions: input.completions, settings: HousingSettings(background: ["PA": 0]))
        #expect(HousingModel.background(given, baseYear: 2024, window: 3, areas: ["PA"])["PA"]!.rate == 0)
    }
}
