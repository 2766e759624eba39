import Testing
import TestSupport
@testable import PlacePlanCore

@Suite("Specialist places: the prevalence trend, placements and sufficiency")
struct SpecialistTests {
    static func settings(damping: Double = 0.5, maxChange: Double = 0.5, shares: PlacementShares = .england) -> SpecialistSettings {
        SpecialistSettings(trendYears: 5, damping: damping, maxChange: maxChange, shares: shares)
    }

    @Test("the rate follows the least-squares slope, damped a year at a time: r(L+h) = r(L) + slope × (φ + … + φʰ)")
    func dampedTrend() {
        let trend = PrevalenceTrend(rates: [2020: 0.020, 2021: 0.022, 2022: 0.024], settings: Self.settings(damping: 0.5))
        #expect(abs(trend.slope - 0.002) < 1e-12)
        #expect(trend.rate(in: 2021) == 0.022)   // an observed year is the count's own rate
        #expect(abs(trend.rate(in: 2023)! - 0.025) < 1e-12)
        #expect(abs(trend.rate(in: 2024)! - 0.0255) < 1e-12)
        #expect(trend.rate(in: 2019) == nil)     // no back-casting
    }

    @Test("the projected rate is held within ±maxChange of the last rate, and never below 0")
    func bounds() {
        let rising = PrevalenceTrend(rates: [2020: 0.01, 2021: 0.02, 2022: 0.03], settings: Self.settings(damping: 1, maxChange: 0.1))
        #expect(abs(rising.rate(in: 2030)! - 0.033) < 1e-12)
        let falling = PrevalenceTrend(rates: [2020: 0.05, 2021: 0.03, 2022: 0.01], settings: Self.settings(damping: 1, maxChange: 5))
        #expect(falling.rate(in: 2030) == 0)
    }

    @Test("placement shares must each be 0–1 and add up to 1 (to within 0.001)")
    func shares() {
        #expect(PlacementShares([.specialSchool: 0.5, .mainstream: 0.5]) != nil)
        #expect(PlacementShares([.specialSchool: 0.5, .mainstream: 0.4]) == nil)
        #expect(PlacementShares([.specialSchool: 1.2, .mainstream: -0.2]) == nil)
        #expect(abs(PlacementShares.england.shares.values.reduce(0, +) - 1) < 1e-9)
    }

    @Test("a hand-computed plan: rate × pupils, split by placement, special schools apportioned, bases and a scenario's places")
    func handComputed() throws {
        let group = try #require(SpecialistGroup.named("5-10", ladder: .england))
        let history = EHCPHistory([2023, 2024].map { EHCPHistory.Count(area: nil, group: group, year: $0, plans: $0 == 2023 ? 100 : 110) })
        // 5,000 pupils in Y1–Y6 every year: rates 0.020 and 0.022, slope 0.002; damping 0.5.
        let denominators = SpecialistDenominators(pupils: { _, _ in 5_000 }, cohortBirths: { _ in nil })
        let shares = try #require(PlacementShares([.specialSchool: 0.5, .resourcedProvision: 0.1, .mainstream: 0.4]))
        var inputs = SpecialistInputs(history: history, settings: Self.settings(damping: 0.5, shares: shares),
                                      bases: [ResourcedBase(code: "RB1", name: "Base", school: "P1", places: 10)])
        let a = School(code: "SPA", name: "A", phase: .special, primaryArea: nil, secondaryArea: nil, capacity: SchoolCapacity(net: 40, pan: 0))
        let b = School(code: "SPB", name: "B", phase: .special, primaryArea: nil, secondaryArea: nil, capacity: SchoolCapacity(net: 20, pan: 0))
        let plan = SpecialistPlan.make(inputs, denominators: denominators, baseYear: 2024, horizon: 2, specialSchools: [a, b],
                                       basePupils: ["SPA": 30, "SPB": 10])
        // 2025: rate 0.022 + 0.002 × 0.5 = 0.023 → 115 plans: 57.5 special → 58 (largest remainder), 11.5 resourced → 11, 46 mainstream.
        #expect(plan.pupils(.specialSchool, year: 2025) == 58 && plan.pupils(.resourcedProvision, year: 2025) == 11
                && plan.pupils(.mainstream, year: 2025) == 46)
        // Special schools share the 58 by their base-year pupils, 30 : 10 → 43.5 : 14.5 → 44 and 14.
        let providers = plan.providers.filter { $0.year == 2025 && $0.placement == .specialSchool }.map(\.sufficiency.pupils)
        #expect(providers == [44, 14])
        #expect(plan.line(.specialSchool, year: 2025)?.sufficiency == Sufficiency(capacity: 60, pupils: 58, placesNeeded: 0))
        #expect(plan.line(.resourcedProvision, year: 2025)?.sufficiency == Sufficiency(capacity: 10, pupils: 11, placesNeeded: 1))
        // The base year is the census for special schools (40 pupils), the counted plans for the rest.
        #expect(plan.line(.specialSchool, year: 2024)?.sufficiency.pupils == 40)
        #expect(plan.groups.first { $0.year == 2024 }?.observed == true)
        // A scenario's 16-place base from 2026 adds to the resourced places from then on.
        inputs = inputs.applying([ScenarioChange(.specialist(SpecialistAddition(placement: .resourcedProvision, school: "P2", places: 16, from: 2026)))])
        let scenario = SpecialistPlan.make(inputs, denominators: denominators, baseYear: 2024, horizon: 2, specialSchools: [a, b],
                                           basePupils: ["SPA": 30, "SPB": 10])
        #expect(scenario.line(.resourcedProvision, year: 2025)?.sufficiency.capacity == 10)
        #expect(scenario.line(.resourcedProvision, year: 2026)?.sufficiency.capacity == 26)
        #expect(scenario.line(.resourcedProvision, year: 2026)?.sufficiency.placesNeeded == 0)
    }

    @Test("counts by primary need: each need of an age has its own rate and trend, and the plans are their sum")
    func byNeed() throws {
        let age = try #require(SpecialistGroup.named("5-10", ladder: .england))
        let asd = age.withNeed("ASD"), semh = age.withNeed("SEMH")
        #expect(asd != semh && asd.label == "5-10 ASD")
        // ASD rises 10 a year, SEMH is flat; 1,000 pupils every year; damping 1 (the line).
        let counts = (2020...2022).flatMap { y in
            [EHCPHistory.Count(area: nil, group: asd, year: y, plans: Double(20 + 10 * (y - 2020))),
             EHCPHistory.Count(area: nil, group: semh, year: y, plans: 30)]
        }
        let plan = SpecialistPlan.make(SpecialistInputs(history: EHCPHistory(counts), settings: Self.settings(damping: 1, maxChange: 5)),
                                       denominators: SpecialistDenominators(pupils: { _, _ in 1_000 }, cohortBirths: { _ in nil }),
                                       baseYear: 2022, horizon: 1, specialSchools: [], basePupils: [:])
        let next = plan.groups.filter { $0.year == 2023 }
        #expect(next.count == 2)
        #expect(abs(next.first { $0.group == asd }!.plans - 50) < 1e-9 && abs(next.first { $0.group == semh }!.plans - 30) < 1e-9)
        #expect(abs(plan.plans(in: 2023) - 80) < 1e-9)
    }

    @Test("placements always add up to the year's rounded plans (property, seeded)")
    func placementsAddUp() throws {
        var random = SeededRandom(seed: 15)
        let group = try #require(SpecialistGroup.named("11-15", ladder: .england))
        for _ in 0..<200 {
            let raw = (0..<5).map { _ in Double(random.next() % 1000) }
            let total = raw.reduce(0, +)
            guard total > 0, let shares = PlacementShares(Dictionary(uniqueKeysWithValues: zip(Placement.allCases, raw.map { $0 / total }))) else { continue }
            let plans = Double(random.next() % 5000) + 0.5
            let history = EHCPHistory([EHCPHistory.Count(area: nil, group: group, year: 2024, plans: plans)])
            var settings = SpecialistSettings.default
            settings.shares = shares
            let plan = SpecialistPlan.make(SpecialistInputs(history: history, settings: settings),
                                           denominators: SpecialistDenominators(pupils: { _, _ in 10_000 }, cohortBirths: { _ in nil }),
                                           baseYear: 2024, horizon: 3, specialSchools: [], basePupils: [:])
            for year in plan.years {
                #expect(plan.wholePlans(in: year) == Apportion.units(plan.plans(in: year)))
                #expect(plan.placements.filter { $0.year == year }.count == Placement.allCases.count)
            }
        }
    }
}

@Suite("Early years: eligible children from births, take-up, places")
struct EarlyYearsTests {
    @Test("a hand-computed area: 300 births a cohort, the default take-up, 200 places")
    func handComputed() {
        let births = BirthsProjection(BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2030).map { ($0, 300.0) })), trendYears: 1, damping: 0)
        let inputs = EarlyYearsInputs(providers: [EarlyYearsProvider(code: "EY1", name: "Nursery", area: "PA", places: 200),
                                                  EarlyYearsProvider(code: "EY2", name: "New", area: "PA", places: 20, opened: 2026)])
        let plan = EarlyYearsPlan.make(inputs, areas: [PlanningArea(code: "PA")], births: ["PA": births], basis: .midYear, entryAge: 4,
                                       baseYear: 2024, horizon: 2)
        let line = plan.line("PA", year: 2025)!
        #expect(line.children == [2: 300, 3: 300, 4: 300])
        // (300 × 0.20 + 300 × (0.96 + 0.25)) × 15 / 30 = (60 + 288 + 75) / 2 = 211.5 → 212 places.
        #expect(abs(line.twoYearOlds - 60) < 1e-9 && abs(line.universal - 288) < 1e-9 && abs(line.extended - 75) < 1e-9)
        #expect(line.sufficiency == Sufficiency(capacity: 200, pupils: 212, placesNeeded: 12))
        #expect(plan.line("PA", year: 2026)!.sufficiency == Sufficiency(capacity: 220, pupils: 212, placesNeeded: 0))
        // New homes' early-years children take 15 hours each: 20 children, 10 more places in 2026 only.
        let housed = EarlyYearsPlan.make(inputs, areas: [PlanningArea(code: "PA")], births: ["PA": births], basis: .midYear, entryAge: 4,
                                         baseYear: 2024, horizon: 2, housingChildren: ["PA": [2026: 20]])
        #expect(housed.line("PA", year: 2025)!.sufficiency.pupils == 212 && housed.line("PA", year: 2026)!.sufficiency.pupils == 222)
    }

    @Test("a child aged a in year Y is the cohort entering Reception in Y + 4 − a: its births as the forecast keys them")
    func cohorts() {
        let births = BirthsProjection(BirthSeries(Dictionary(uniqueKeysWithValues: (2000...2030).map { ($0, Double($0 - 2000)) })), trendYears: 1, damping: 0)
        let plan = EarlyYearsPlan.make(EarlyYearsInputs(providers: []), areas: [PlanningArea(code: "PA")], births: ["PA": births],
                                       basis: .midYear, entryAge: 4, baseYear: 2024, horizon: 1)
        // Mid-year births: Reception in Y is born in M(Y − 4); age 2 in 2025 enters Reception in 2027 → M(2023) = 23.
        #expect(plan.line("PA", year: 2025)!.children == [2: 23, 3: 22, 4: 21])
    }
}
