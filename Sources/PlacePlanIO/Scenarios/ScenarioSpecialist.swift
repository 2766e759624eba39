import Foundation
import PlacePlanCore

/// `[[resourced_base]]` and `[[special_places]]`: specialist places for pupils with EHC plans,
/// costed at `[costs] specialist` a place.
///
/// ```toml
/// [[resourced_base]]
/// school = "RV01"       # the mainstream school that hosts it
/// places = 16
/// opens = 2026
///
/// [[special_places]]
/// school = "SP01"       # a special school of schools.csv
/// places = 30
/// from = 2027
/// ```
extension ScenarioReader {
    mutating func resourcedBase(_ entry: ScenarioEntry) {
        let s = school(entry)
        let places = entry.int("places", range: 1...Bounds.schoolPlaces.upperBound, example: "16")
        let y = entry.year("opens")
        guard let s, let places, let y else { return }
        if s.phase == .special {
            entry.issue("school", "\(s.label) is a special school: a resourced base is part of a mainstream school",
                        fix: "choose a mainstream school, or add places to the special school with [[special_places]]")
            return
        }
        guard checkOpen(s, y, "opens", "a resourced base at", entry) else { return }
        add(.resourcedProvision, s, places, y, entry)
    }

    mutating func specialPlaces(_ entry: ScenarioEntry) {
        let s = school(entry)
        let places = entry.int("places", range: 1...Bounds.schoolPlaces.upperBound, example: "30")
        let y = entry.year("from")
        guard let s, let places, let y else { return }
        if s.phase != .special {
            entry.issue("school", "\(s.label) is not a special school (its phase is \(s.phase.rawValue))",
                        fix: "choose a school whose phase is special in schools.csv, or add a [[resourced_base]] at this school")
            return
        }
        guard checkOpen(s, y, "from", "special places at", entry) else { return }
        add(.specialSchool, s, places, y, entry)
    }

    private mutating func add(_ placement: Placement, _ s: School, _ places: Int, _ year: Int, _ entry: ScenarioEntry) {
        let addition = SpecialistAddition(placement: placement, school: s.code, places: places, from: year)
        guard let change = entry.candidate(ScenarioChange(.specialist(addition), cost: entry.cost, source: entry.source)) else { return }
        changes.append((change, entry.here, entry.section))
    }
}
