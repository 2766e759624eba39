import Foundation
import PlacePlanCore

/// `[[new_school]]`: a school that opens in the scenario, which later changes may name.
extension ScenarioReader {
    mutating func newSchool(_ entry: ScenarioEntry) {
        let code = entry.text("school", example: "NG10")
        let name = entry["name"] == nil ? code : entry.text("name", example: "Northgate Free School")
        let areaCode = entry.text("area", example: "P01")
        let phaseText = entry.text("phase", example: "primary")
        let pan = entry.int("pan", range: 1...600, example: "60")
        let opens = entry.year("opens")
        let atOpening = entry["year_groups_at_opening"] == nil ? 1 : entry.int("year_groups_at_opening", range: 1...7, example: "1")
        let growth = entry["growth"] == nil ? 1 : entry.int("growth", range: 1...7, example: "1")
        var kind: AreaKind? = nil
        if let phaseText {
            kind = AreaKind(rawValue: phaseText.lowercased())
            if kind == nil { entry.issue("phase", "phase must be \"primary\" or \"secondary\" (got \"\(phaseText)\")", fix: "e.g. phase = \"primary\"") }
        }
        if let code, history.school(code) != nil || newSchools[code] != nil {
            entry.issue("school", "school \(code) already exists\(history.school(code) != nil ? " in schools.csv" : " in this scenario"): a new school needs a new code",
                        fix: "choose a code no other school has")
            return
        }
        var area: PlanningArea? = nil
        if let areaCode, let kind { area = planningArea(areaCode, kind, entry) }
        guard let code, let name, let area, let kind, let pan, let opens, let atOpening, let growth else { return }
        let groups = kind == .primary ? history.layout.primary : history.layout.secondary
        if atOpening > groups.count {
            entry.issue("year_groups_at_opening", "a \(kind.rawValue) school has \(groups.count) year groups", fix: "e.g. year_groups_at_opening = 1")
            return
        }
        let school = School(code: code, name: name, phase: kind == .primary ? .primary : .secondary,
                            primaryArea: kind == .primary ? area.code : nil, secondaryArea: kind == .secondary ? area.code : nil,
                            capacity: SchoolCapacity(net: pan * groups.count, pan: pan), opened: opens)
        guard let change = entry.candidate(ScenarioChange(.newSchool(school, yearGroupsAtOpening: atOpening, growth: growth),
                                                          cost: entry.cost, source: entry.source)) else { return }
        newSchools[code] = (school, entry.here)
        changes.append((change, entry.here, entry.section))
    }

    /// The `kind` planning area `code` of the plan, for a new school; nil, reported, when there is none.
    func planningArea(_ code: String, _ kind: AreaKind, _ entry: ScenarioEntry) -> PlanningArea? {
        let geography = history.geography
        if let area = geography.areas(kind).first(where: { $0.code == code }) { return area }
        let other = geography.areas(kind == .primary ? .secondary : .primary).contains { $0.code == code }
        entry.issue("area", other ? "area \(code) is a \(kind == .primary ? "secondary" : "primary") planning area, not a \(kind.rawValue) one"
                    : "area \(code) does not exist",
                    fix: "use a \(kind.rawValue) planning area: \(geography.areas(kind).map(\.code).joined(separator: ", "))")
        return nil
    }
}
