import Testing
@testable import PlacePlanCore
@testable import PlacePlanReport

/// A two-school primary area (A 40 in Reception with 30 places, 20 elsewhere; B 10 everywhere),
/// and a secondary school with a sixth form, 2016–2018.
private func smallPlan(targets: CapacityTargets = .default) throws -> PupilPlacePlan {
    let layout = PhaseLayout(ladder: .england)!
    let schools = [
        School(code: "A", name: "Alpha, the \"first\"", phase: .primary, primaryArea: "PA", secondaryArea: "SA", capacity: SchoolCapacity(net: 210, pan: 30)),
        School(code: "B", name: "Beta", phase: .primary, primaryArea: "PA", secondaryArea: "SA", capacity: SchoolCapacity(net: 105, pan: 15)),
        School(code: "X", name: "Xavier", phase: .secondary, primaryArea: nil, secondaryArea: "SA",
               capacity: SchoolCapacity(net: 340, pan: 60, sixthForm: 40)),
    ]
    let pupils: [String: (Int, Int) -> Double] = ["A": { _, g in g == 0 ? 40 : 20 }, "B": { _, _ in 10 },
                                                  "X": { year, g in g == 12 ? 15 : g == 13 ? 14 : Double(25 + year % 2) }]
    var rolls: [String: SchoolRolls] = [:]
    for school in schools {
        rolls[school.code] = SchoolRolls(school: school.code, firstYear: 2016, pupils: (2016...2018).map { year in
            (0..<14).map { school.teaches($0, layout: layout) ? pupils[school.code]!(year, $0) : 0 }
        })
    }
    let history = SchoolHistory(ladder: .england, layout: layout, birthsBasis: .midYear,
                                geography: Geography(primaryAreas: [PlanningArea(code: "PA", name: "North")], secondaryAreas: [PlanningArea(code: "SA")]),
                                schools: schools, rolls: rolls,
                                births: ["PA": BirthSeries(Dictionary(uniqueKeysWithValues: (2005...2018).map { ($0, 50.0) }))],
                                firstYear: 2016, lastYear: 2018)
    let forecast = try PlacePlanning.forecast(history, settings: ForecastSettings(method: .mean(years: 3)), horizon: 2)
    return PupilPlacePlan(name: "Small", forecast: forecast, history: history, targets: targets)
}

@Suite("Place-plan tables and summary")
struct PlacePlanOutputTests {
    @Test("seven tables, named so that they cannot overwrite a plan folder's inputs")
    func files() throws {
        let names = PlacePlanOutput.files(try smallPlan()).map(\.name)
        #expect(names.count == 7 && names.allSatisfy { $0.hasPrefix("plan-") && $0.hasSuffix(".csv") })
    }

    @Test("area and authority rows: capacity, pupils, surplus, spare %, places needed, flag")
    func areaRows() throws {
        let plan = try smallPlan()
        let areas = PlacePlanOutput.areas(plan).split(separator: "\n").map(String.init)
        #expect(areas[0] == "year,basis,area,name,geography,phase,capacity,pupils,surplus,spare_pct,places_needed,unallocated,flag")
        // 2018: 315 places, 230 pupils, Reception 5 over its 45 places.
        #expect(areas[1] == "2018,actual,PA,North,primary,primary,315,230,85,27.0,5,0,above target")
        #expect(areas.contains { $0.hasPrefix("2019,forecast,PA,North,primary,primary,315,") })
        let authority = PlacePlanOutput.authority(plan).split(separator: "\n").map(String.init)
        #expect(authority[0] == "year,basis,phase,capacity,pupils,surplus,spare_pct,places_needed,flag")
        #expect(authority[1] == "2018,actual,primary,315,230,85,27.0,5,above target")
    }

    @Test("school rows quote names and carry the rules used")
    func schoolRows() throws {
        let csv = PlacePlanOutput.schools(try smallPlan())
        #expect(csv.contains("2018,actual,A,\"Alpha, the \"\"first\"\"\",primary,PA,primary,210,160,50,23.8,above target,intake share mean-3 (3 years)\n"))
        #expect(csv.contains(",X,Xavier,secondary,SA,sixth form,40,29,11,27.5,above target,"))
        let groups = PlacePlanOutput.schoolYearGroups(try smallPlan())
        #expect(groups.contains("2018,actual,A,PA,primary,R,30,40\n"))
    }

    @Test("transfer and sixth-form tables")
    func transferAndSixthForm() throws {
        let plan = try smallPlan()
        let transfer = PlacePlanOutput.transfer(plan).split(separator: "\n").map(String.init)
        #expect(transfer[0] == "secondary_area,from,share,standard_error,pupils_next")
        #expect(transfer.contains { $0.hasPrefix("SA,PA,") })
        #expect(transfer.contains { $0.hasPrefix("SA,outside the authority,,") })
        let sixth = PlacePlanOutput.sixthForm(plan).split(separator: "\n").map(String.init)
        #expect(sixth == ["school,name,area,staying_on,staying_on_source,y12_to_y13,y12_to_y13_source",
                          "X,Xavier,SA,\(Format.number((15.0 / 25 + 15.0 / 26) / 2, decimals: 4, grouping: false)),own (2 years),\(Format.number(14.0 / 15, decimals: 4, grouping: false)),own (2 years)"])
    }

    @Test("the summary leads with places needed and spare capacity, in the plan's own targets")
    func summary() throws {
        let text = PlacePlanSummary.render(try smallPlan())
        #expect(text.hasPrefix("Small: Pupil Place Plan\n"))
        #expect(text.contains("Places needed (DfE"))
        #expect(text.contains("North (PA)") && text.contains("2019/20"))
        #expect(text.contains("Spare capacity above the 5% target in 2019/20"))
        #expect(text.contains("Sixth forms: staying-on"))
        #expect(!text.contains("Schools forecast by a special rule"))
        let strict = PlacePlanSummary.render(try smallPlan(targets: CapacityTargets(spareTarget: 0.6, operatingMargin: 0.02)))
        #expect(strict.contains("Spare capacity above the 60% target in 2019/20\nNone."))
    }
}
