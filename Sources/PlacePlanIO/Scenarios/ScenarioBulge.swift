import Foundation
import PlacePlanCore

/// `[[bulge]]`: one extra class in one year group for one year, which then moves up the school.
extension ScenarioReader {
    mutating func bulge(_ entry: ScenarioEntry) {
        let s = school(entry)
        let y = entry.year("year")
        let classSize = entry["class_size"] == nil ? 30 : entry.int("class_size", range: 1...60, example: "30")
        let g = yearGroup(entry)
        guard let s, let y, let g, let classSize, teaches(s, g, entry) else { return }
        guard checkOpen(s, y, "year", "a bulge class at", entry) else { return }
        // `hasReached` grows a school one year group a year; one this scenario opens grows as its
        // [[new_school]] says (year_groups_at_opening, growth), so it is not held to that.
        if !s.hasReached(g, in: y, layout: history.layout) && newSchools[s.code] == nil {
            entry.issue("year_group", "\(s.label) has not reached \(history.ladder.yearGroups[g]) by \(y): it grows a year group a year from \(s.opened ?? y)",
                        fix: "choose a year group it has in \(y), or a later year")
            return
        }
        guard let change = entry.candidate(ScenarioChange(.bulge(school: s.code, year: y, yearGroup: g, classSize: classSize),
                                                          cost: entry.cost, source: entry.source)) else { return }
        changes.append((change, entry.here, entry.section))
    }

    /// `year_group`, by name, as its index on the ladder.
    func yearGroup(_ entry: ScenarioEntry) -> Int? {
        let ladder = history.ladder
        guard let name = entry.text("year_group", example: "R") else { return nil }
        guard let g = ladder.yearGroups.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
            entry.issue("year_group", "unknown year group '\(name)'", fix: "use one of: \(ladder.yearGroups.map(\.name).joined(separator: ", "))")
            return nil
        }
        return g
    }

    /// Whether `s` teaches year group `g` (a special school takes no bulge class).
    func teaches(_ s: School, _ g: Int, _ entry: ScenarioEntry) -> Bool {
        let ladder = history.ladder, layout = history.layout
        guard s.phase != .special, s.teaches(g, layout: layout) else {
            let taught = (0..<ladder.count).filter { s.teaches($0, layout: layout) }
            let range = taught.first.map { "\(ladder.yearGroups[$0])–\(ladder.yearGroups[taught.last!])" } ?? "none"
            entry.issue("year_group", "\(s.label) does not teach \(ladder.yearGroups[g]): it is a\(s.phase == .allThrough ? "n" : "") \(s.phase.rawValue) school (\(range))",
                        fix: s.phase == .special ? "choose a mainstream school" : "choose a year group from \(range), or another school")
            return false
        }
        return true
    }
}
