import Testing
@testable import PlacePlanCore

@Suite("Pupil Place Plan: capacity, surplus, places needed, flags")
struct PupilPlacePlanTests {
    @Test("flags: deficit, below the operating margin, above the spare-capacity target")
    func flags() {
        let targets = CapacityTargets()
        func flag(_ capacity: Int, _ pupils: Int) -> SufficiencyFlag? {
            Sufficiency(capacity: capacity, pupils: pupils, placesNeeded: nil).flag(targets)
        }
        #expect(flag(100, 101) == .deficit)
        #expect(flag(100, 99) == .belowMargin)     // 1% spare
        #expect(flag(100, 97) == nil)              // 3%: inside 2–5%
        #expect(flag(100, 95) == nil)              // exactly 5%
        #expect(flag(100, 94) == .aboveTarget)     // 6%
        #expect(flag(0, 0) == nil && flag(0, 3) == .deficit)
        #expect(Sufficiency(capacity: 200, pupils: 150, placesNeeded: 0).spare == 0.25)
        #expect(Sufficiency(capacity: 100, pupils: 97, placesNeeded: nil).flag(CapacityTargets(spareTarget: 0.02, operatingMargin: 0.01)) == .aboveTarget)
    }

    /// A: 40 in Reception (PAN 30), 20 elsewhere; B: 10 everywhere (PAN 15); X: 27 (PAN 60).
    func plan(horizon: Int = 3) throws -> PupilPlacePlan {
        let history = schoolHistory([(primarySchool("A"), { _, g in g == 0 ? 40 : 20 }),
                                     (primarySchool("B", pan: 15), { _, _ in 10 }),
                                     (secondarySchool("X"), { _, _ in 27 })],
                                    years: 2016...2018, births: flatBirths(50))
        let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: horizon)
        return PupilPlacePlan(name: "Test", forecast: forecast, history: history)
    }

    @Test("places needed count each year group over its places, never offset by spare places in others")
    func placesNeeded() throws {
        let plan = try plan()
        let base = try #require(plan.areas.first { $0.area.code == "PA" && $0.year == 2018 })
        // Reception: 50 pupils in 45 places; Y1–Y6: 30 in 45. Phase: 230 pupils in 315 places.
        #expect(base.sufficiency.capacity == 315 && base.sufficiency.pupils == 230)
        #expect(base.sufficiency.surplus == 85)
        #expect(base.sufficiency.placesNeeded == 5)
        #expect(base.sufficiency.flag(plan.targets) == .aboveTarget)
        let reception = try #require(plan.areaYearGroups.first { $0.owner == "PA" && $0.year == 2018 && $0.yearGroup == 0 })
        #expect(reception.sufficiency.capacity == 45 && reception.sufficiency.placesNeeded == 5)
        #expect(plan.shortfalls.first.map { ($0.area.code, $0.phase, $0.firstYear, $0.firstNeeded) } ?? ("", .special, 0, 0) == ("PA", .primary, 2019, 5))
        #expect(plan.surpluses.contains { $0.area.code == "PA" })
        let authority = try #require(plan.authority.first { $0.phase == .primary && $0.year == 2018 })
        #expect(authority.sufficiency == base.sufficiency)
    }

    @Test("property: every level adds up exactly — year groups to phases, schools to areas, areas to the authority")
    func levelsAddUp() throws {
        var random = SeededRandom(seed: 99)
        for _ in 0..<10 {
            var schools: [(School, (Int, Int) -> Double)] = []
            for (i, area) in ["P1", "P2"].enumerated() {
                for k in 0..<3 {
                    let level = Double.random(in: 10...70, using: &random)
                    let noise = (0..<140).map { _ in Double.random(in: 0.8...1.2, using: &random) }
                    let pan = [15, 30, 45, 60][Int.random(in: 0...3, using: &random)]
                    let school = primarySchool("\(area)-\(k)", area: area, pan: pan, opened: k == 2 && i == 0 ? 2013 : nil)
                    schools.append((school, { year, g in (level * noise[(year - 2010) * 14 + g]).rounded() }))
                }
            }
            schools.append((secondarySchool("X", area: "S1", pan: 90, sixthForm: 50), { _, g in g >= 12 ? 30 : 80 }))
            schools.append((secondarySchool("Y", area: "S2", pan: 60), { year, _ in Double(40 + year % 5) }))
            let geography = Geography(primaryAreas: [PlanningArea(code: "P1"), PlanningArea(code: "P2")],
                                      secondaryAreas: [PlanningArea(code: "S1"), PlanningArea(code: "S2")])
            let history = schoolHistory(schools, years: 2010...2016, births: flatBirths(120, areas: ["P1", "P2"]), geography: geography)
            let forecast = try PlacePlanning.forecast(history, horizon: 6)
            let plan = PupilPlacePlan(name: "Random", forecast: forecast, history: history)
            #expect(plan.years == Array(2016...2022))
            for year in plan.years {
                for phase in englandLayout.phases {
                    let areas = plan.areas.filter { $0.year == year && $0.phase == phase }
                    let authority = plan.authority.first { $0.year == year && $0.phase == phase }?.sufficiency
                    #expect(authority == areas.map(\.sufficiency).reduce(Sufficiency(capacity: 0, pupils: 0, placesNeeded: 0), +))
                    for area in areas {
                        let schools = plan.schools.filter { $0.year == year && $0.phase == phase && $0.area == area.area.code }
                        #expect(area.sufficiency.pupils == schools.reduce(area.unallocated) { $0 + $1.sufficiency.pupils })
                        #expect(area.sufficiency.capacity == schools.reduce(0) { $0 + $1.sufficiency.capacity })
                        let groups = plan.areaYearGroups.filter { $0.owner == area.area.code && $0.year == year
                            && englandLayout.yearGroups(of: phase)!.contains($0.yearGroup) }
                        #expect(area.sufficiency.pupils == groups.reduce(0) { $0 + $1.sufficiency.pupils })
                        #expect(area.sufficiency.placesNeeded == groups.reduce(0) { $0 + max(0, $1.sufficiency.pupils - $1.sufficiency.capacity) })
                        for school in schools {
                            let own = plan.schoolYearGroups.filter { $0.owner == school.school.code && $0.year == year
                                && englandLayout.yearGroups(of: phase)!.contains($0.yearGroup) }
                            #expect(school.sufficiency.pupils == own.reduce(0) { $0 + $1.sufficiency.pupils })
                        }
                    }
                }
            }
        }
    }
}
