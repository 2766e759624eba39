import PlacePlanCore

/// What the report shows for each planning area — its rolls, its section's number, and the place
/// plan's lines for it and for its schools — found once, by area code. A national plan has
/// 1,900 areas and 300,000 school lines: filtering them all again for every area made the
/// report's cost grow with the square of the plan.
struct AreaIndex {
    private let rolls: [String: AreaRolls]
    private let sections: [String: Int]
    private let areaLines: [String: [PupilPlacePlan.AreaLine]]
    private let schoolLines: [String: [PupilPlacePlan.SchoolLine]]

    init(plan: Plan, forecast: Forecast, placePlan: PupilPlacePlan?) {
        rolls = Dictionary(plan.history.areas.map { ($0.area.code, $0) }, uniquingKeysWith: { first, _ in first })
        sections = Dictionary(forecast.areas.enumerated().map { ($1.area.code, $0) }, uniquingKeysWith: { first, _ in first })
        areaLines = Dictionary(grouping: placePlan?.areas ?? [], by: \.area.code)
        // A special school is in no planning area: shown with none.
        schoolLines = Dictionary(grouping: (placePlan?.schools ?? []).filter { $0.area != nil }, by: { $0.area! })
    }

    /// The area's past rolls.
    func rolls(of area: PlanningArea) -> AreaRolls? { rolls[area.code].flatMap { $0.area == area ? $0 : nil } }
    /// The area's position among the forecast's areas (its section is `area-` that + 1).
    func section(of area: PlanningArea) -> Int? { sections[area.code] }
    /// The place plan's lines for the area, every phase and year, in the plan's order.
    func areaLines(_ code: String) -> [PupilPlacePlan.AreaLine] { areaLines[code] ?? [] }
    /// The place plan's lines for the area's schools, in the plan's order.
    func schoolLines(_ code: String) -> [PupilPlacePlan.SchoolLine] { schoolLines[code] ?? [] }
}
