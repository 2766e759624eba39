import Testing
import TestSupport
@testable import PlacePlanCore

/// The contribution test worked by hand, one rule at a time (DfE 2023: by planning area and
/// year group, less an operating margin, the site's own pupils out of the baseline).
@Suite("Developer contribution: the test per the DfE guidance, worked by hand")
struct DeveloperContributionTests {
    /// A primary phase of two year groups (Reception and Year 6) in one area.
    func group(_ yearGroup: Int, year: Int = 2026, capacity: Int, plan: Int, site: Double, margin: Double = 0) -> DeveloperAssessment.YearGroupLine {
        DeveloperAssessment.YearGroupLine(phase: .primary, area: "P01", year: year, yearGroup: yearGroup, capacity: capacity,
                                          operatingMargin: margin, planPupils: plan, sitePupils: site)
    }

    func assessment(_ lines: [DeveloperAssessment.Line], margin: Double = 0, rule: HousingSettings.ChargeRule = .peak,
                    completions: [HousingCompletion] = []) -> DeveloperAssessment {
        DeveloperAssessment(name: "test", area: "P01", secondaryArea: nil, completions: completions, years: lines.map(\.year),
                            lines: lines, charges: [], yields: .defaults,
                            settings: HousingSettings(costPerPlace: [.primary: 20_000], chargeRule: rule),
                            operatingMargin: margin, baseYear: 2025, ladder: .england).charging()
    }

    func line(_ groups: [DeveloperAssessment.YearGroupLine], year: Int = 2026, trajectory: Double = 0) -> DeveloperAssessment.Line {
        DeveloperAssessment.Line(phase: .primary, area: "P01", year: year, sitePupils: groups.reduce(0) { $0 + $1.sitePupils },
                                 trajectoryPupils: trajectory, yearGroups: groups)
    }

    @Test("(a) Reception short while Year 6 has spare places: the Reception pupils are charged")
    func yearGroupsDoNotOffset() {
        // Reception: 60 places, the plan 65 pupils of whom 5 from the site → baseline 60, nothing available.
        // Year 6: 60 places, 40 pupils, none from the site → 20 spare. Whole-phase: 120 places, 105 pupils
        // with the site: 15 spare would "absorb" the 5 — the guidance does not allow it.
        let reception = group(0, capacity: 60, plan: 65, site: 5)
        let year6 = group(6, capacity: 60, plan: 40, site: 0)
        #expect(reception.baselinePupils == 60 && reception.placesAvailable == 0 && reception.notProvided == 5)
        #expect(year6.placesAvailable == 20 && year6.notProvided == 0)
        let a = assessment([line([reception, year6])])
        #expect(a.charges.count == 1)
        #expect(a.charges[0].places == 5 && a.charges[0].contribution == 100_000)
        #expect(a.lines[0].placesAvailable == 20)  // available places are counted where they are, never below 0
    }

    @Test("(b) an operating margin of 5% turns no charge into a charge; at exactly the break-even margin, none")
    func operatingMargin() {
        // Reception: 100 places, 96 pupils with the site's 4 → baseline 92. Without a margin 8 places are
        // available and the 4 fit. Break-even: 100 × (1 − m) − 92 = 4 → m = 4%.
        for (margin, expected) in [(0.0, 0.0), (0.04, 0.0), (0.05, 1.0), (0.07, 3.0)] {
            let reception = group(0, capacity: 100, plan: 96, site: 4, margin: margin)
            #expect(abs(reception.notProvided - expected) < 1e-9, "margin \(margin): \(reception.notProvided)")
            let a = assessment([line([reception])], margin: margin)
            #expect(a.charges[0].places == Int(expected), "margin \(margin)")
        }
        // Just above the break-even margin, a part of a place is not provided (rounded: 0 places).
        #expect(group(0, capacity: 100, plan: 96, site: 4, margin: 0.0401).notProvided > 0)
    }

    @Test("(c) the site's own pupils leave the baseline however they entered the plan")
    func ownPupilsOut() {
        // The plan's 70 Reception pupils hold the site's 8 (6 via the trajectory, 2 within the background
        // rate): the baseline is 62 whichever way they came, and 60 places leave none for the site.
        let reception = group(0, capacity: 60, plan: 70, site: 8)
        #expect(reception.baselinePupils == 62)
        let l = line([reception], trajectory: 6)
        #expect(l.backgroundPupils == 2)
        #expect(assessment([l]).charges[0].places == 8)
    }

    @Test("the charge rule: the peak year (first on a tie) or the year the site completes")
    func chargeRule() {
        let lines = [line([group(0, year: 2026, capacity: 30, plan: 32, site: 4)], year: 2026),   // 2 short
                     line([group(0, year: 2027, capacity: 30, plan: 40, site: 12)], year: 2027),  // 10 short
                     line([group(0, year: 2028, capacity: 30, plan: 40, site: 12)], year: 2028)]  // 10 short
        let peak = assessment(lines)
        #expect(peak.charges[0].year == 2027 && peak.charges[0].places == 10)
        let completions = [HousingCompletion(site: "s", area: "P01", year: 2026, dwellings: 20)]
        let completion = assessment(lines, rule: .completion, completions: completions)
        #expect(completion.completionYear == 2026)
        #expect(completion.charges[0].year == 2026 && completion.charges[0].places == 2)
    }

    @Test("places not provided never exceed the site's pupils, nor fall below 0, whatever the places and margin")
    func bounds() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let site = Double(random.next() % 400) / 10
            let g = group(0, capacity: Int(random.next() % 200), plan: Int(random.next() % 250), site: site,
                          margin: Double(random.next() % 10) / 100)
            #expect(g.notProvided >= 0 && g.notProvided <= site + 1e-9)
        }
    }
}

/// Costs, shared schools and payments, worked by hand.
@Suite("Developer contribution: costs, a shared new school, payments")
struct ContributionCostTests {
    /// A development of `places` primary places not provided in 2027, under `settings`.
    func assessment(_ name: String, places: Int, settings: HousingSettings, dwellings: Double = 100) -> DeveloperAssessment {
        let group = DeveloperAssessment.YearGroupLine(phase: .primary, area: "P01", year: 2027, yearGroup: 0, capacity: 0,
                                                      operatingMargin: 0, planPupils: places, sitePupils: Double(places))
        let line = DeveloperAssessment.Line(phase: .primary, area: "P01", year: 2027, sitePupils: Double(places), trajectoryPupils: 0,
                                            yearGroups: [group])
        return DeveloperAssessment(name: name, area: "P01", secondaryArea: nil,
                                   completions: [HousingCompletion(site: name, area: "P01", year: 2026, dwellings: dwellings / 4),
                                                 HousingCompletion(site: name, area: "P01", year: 2027, dwellings: dwellings * 3 / 4)],
                                   years: [2027], lines: [line], charges: [], yields: .defaults, settings: settings, operatingMargin: 0,
                                   baseYear: 2025, ladder: .england).charging()
    }

    func newSchoolSettings() -> HousingSettings {
        var settings = HousingSettings()
        settings.mitigation = .newSchool
        settings.region = .southEast
        settings.regionalFactor = Region.southEast.locationFactor
        settings.index = CostIndex(points: [.init(period: "2026Q1", value: 400), .init(period: "2026Q2", value: 404),
                                            .init(period: "2026Q3", value: 410)], base: "2026Q1", target: "2026Q3")
        settings.land = LandCost(hectaresPerFormOfEntry: [.primary: 1.05], valuePerHectare: 2_000_000)
        return settings
    }

    @Test("a new-school place: national £25,089 × South East 1.13 × index 410/400 + land 1.05 ha × £2m / 210 places")
    func costBuildUp() throws {
        let cost = try #require(newSchoolSettings().cost(.primary))
        #expect(cost.project == "new school" && cost.national == 25_089)
        #expect(abs(cost.indexFactor - 1.025) < 1e-12)
        #expect(abs(cost.landPerPlace - 10_000) < 1e-9)
        #expect(abs(cost.perPlace - (25_089 * 1.13 * 1.025 + 10_000)) < 1e-6)
        // An expansion place has no land; SEND is 4 × a primary place; early years a primary place.
        let plain = HousingSettings()
        #expect(plain.cost(.primary)!.perPlace == 21_014 && plain.cost(.send)!.perPlace == 84_056 && plain.cost(.earlyYears)!.perPlace == 21_014)
    }

    @Test("a SEND and an early-years place follow the primary rate, whatever sets it, unless the council gives its own")
    func derivedCosts() {
        var settings = HousingSettings()
        settings.costPerPlace[.primary] = 20_000
        #expect(settings.cost(.send)!.national == 80_000 && settings.cost(.earlyYears)!.national == 20_000)
        settings.sendCostPerPlace = 50_000
        #expect(settings.cost(.send)!.national == 50_000 && settings.cost(.earlyYears)!.national == 20_000)
    }

    @Test("(d) two sites that need one new school share its indexed cost by their places not provided")
    func sharedSchool() throws {
        let settings = newSchoolSettings()
        let a = assessment("Site A", places: 120, settings: settings), b = assessment("Site B", places: 80, settings: settings)
        let school = try #require(SharedSchool.plan(for: [a, b]).first)
        let perPlace = settings.cost(.primary)!.perPlace
        // 200 places need one form of entry (210 places); the 10 places no site needs are the council's.
        #expect(school.formsOfEntry == 1 && school.places == 210 && school.neededPlaces == 200)
        #expect(abs(school.totalCost - 210 * perPlace) < 1e-6)
        #expect(abs(school.shares[0].amount - 120 * perPlace) < 1e-6 && abs(school.shares[1].amount - 80 * perPlace) < 1e-6)
        #expect(abs(school.shares[0].amount / school.shares[1].amount - 1.5) < 1e-12)
        #expect(abs(school.councilShare - 10 * perPlace) < 1e-6)
        // Each share is that site's own charge: sharing and charging are one figure.
        #expect(school.shares[0].amount == a.total && school.shares[1].amount == b.total)
        // With an expansion there is no school to share.
        #expect(SharedSchool.plan(for: [assessment("A", places: 120, settings: HousingSettings())]).isEmpty)
    }

    @Test("(e) payments at 25%, 50% and 75% occupied add up to the total to the penny, each in the year its homes are built")
    func paymentSchedule() {
        var settings = HousingSettings()
        settings.paymentTriggers = [0.25, 0.5, 0.75]
        settings.costPerPlace[.primary] = 21_014.33
        let a = assessment("Site", places: 7, settings: settings, dwellings: 100)
        let schedule = PaymentSchedule(a)
        #expect(schedule.payments.count == 3)
        #expect(abs(schedule.total - a.total) < 0.001, "\(schedule.total) against \(a.total)")
        // 25 homes by 2026 (a quarter built then), 50 and 75 in 2027.
        #expect(schedule.payments.map(\.year) == [2026, 2027, 2027])
        #expect(schedule.payments.map(\.homes) == [25, 50, 75])
        var random = SeededRandom(seed: 5)
        for _ in 0..<500 {
            settings.costPerPlace[.primary] = Double(random.next() % 5_000_000) / 100
            settings.paymentTriggers = [0.1, 0.3, 0.6, 0.9, 1.0].filter { _ in random.next() % 2 == 0 } + [1.0]
            let b = assessment("Site", places: Int(random.next() % 90) + 1, settings: settings)
            let total = PaymentSchedule(b).payments.reduce(0) { $0 + ($1.amount * 100).rounded() }
            #expect(total == (b.total * 100).rounded())
        }
    }
}

@Suite("Developer contribution: the ledger")
struct ContributionLedgerTests {
    @Test("balances per site and project: to come = agreed − received, held = received − spent; overpaid and overspent flagged")
    func balances() {
        let ledger = ContributionLedger(entries: [
            .init(site: "A", project: "P", kind: .agreed, amount: 1_000), .init(site: "A", project: "P", kind: .received, amount: 400),
            .init(site: "B", project: "Q", kind: .agreed, amount: 500), .init(site: "A", project: "P", kind: .spent, amount: 300),
            .init(site: "B", project: "Q", kind: .received, amount: 600), .init(site: "B", project: "Q", kind: .spent, amount: 700),
        ])
        let a = ledger.balances[0], b = ledger.balances[1]
        #expect(a.site == "A" && a.toCome == 600 && a.held == 100 && a.problems.isEmpty)
        #expect(b.toCome == -100 && b.held == -100 && b.problems == ["more received than agreed", "more spent than received"])
        #expect(ledger.total.agreed == 1_500 && ledger.total.received == 1_000 && ledger.total.spent == 1_000)
    }
}
