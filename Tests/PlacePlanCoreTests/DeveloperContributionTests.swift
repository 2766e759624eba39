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
