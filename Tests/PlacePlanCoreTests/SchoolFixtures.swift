@testable import PlacePlanCore

let englandLayout = PhaseLayout(ladder: .england)!

func primarySchool(_ code: String, area: String = "PA", pan: Int = 30, net: Int? = nil, opened: Int? = nil, closed: Int? = nil) -> School {
    School(code: code, name: "\(code) Primary", phase: .primary, primaryArea: area, secondaryArea: "SA",
           capacity: SchoolCapacity(net: net ?? 7 * pan, pan: pan), opened: opened, closed: closed)
}

func secondarySchool(_ code: String, area: String = "SA", pan: Int = 60, sixthForm: Int = 0, opened: Int? = nil) -> School {
    School(code: code, name: "\(code) High", phase: .secondary, primaryArea: nil, secondaryArea: area,
           capacity: SchoolCapacity(net: 5 * pan + sixthForm, pan: pan, sixthForm: sixthForm), opened: opened)
}

/// Rolls for a school from a function of (year, year group), over the years it is open.
func rolls(_ school: School, years: ClosedRange<Int>, _ pupils: (Int, Int) -> Double) -> SchoolRolls? {
    let open = years.filter { school.isOpen(in: $0) }
    guard let first = open.first, let last = open.last else { return nil }
    return SchoolRolls(school: school.code, firstYear: first, pupils: (first...last).map { year in
        (0..<Ladder.england.count).map { g in school.teaches(g, layout: englandLayout) ? pupils(year, g) : 0 }
    })
}

/// A school history on the England ladder: one primary area PA (births given) and one
/// secondary area SA unless told otherwise.
func schoolHistory(_ schools: [(School, (Int, Int) -> Double)], years: ClosedRange<Int>,
                   births: [String: BirthSeries]? = nil, geography: Geography? = nil) -> SchoolHistory {
    let geography = geography ?? Geography(primaryAreas: [PlanningArea(code: "PA")], secondaryAreas: [PlanningArea(code: "SA")])
    var byCode: [String: SchoolRolls] = [:]
    for (school, pupils) in schools { byCode[school.code] = rolls(school, years: years, pupils) }
    return SchoolHistory(ladder: .england, layout: englandLayout, birthsBasis: .midYear, geography: geography,
                         schools: schools.map(\.0), rolls: byCode, births: births, firstYear: years.lowerBound, lastYear: years.upperBound)
}

/// Flat births: `count` a year for every year that could be needed.
func flatBirths(_ count: Double, areas: [String] = ["PA"]) -> [String: BirthSeries] {
    Dictionary(uniqueKeysWithValues: areas.map { ($0, BirthSeries(Dictionary(uniqueKeysWithValues: (1990...2030).map { ($0, count) }))) })
}
