import Foundation
import PlacePlanCore

/// `[[closure]]`: a school closes at the start of an academic year.
extension ScenarioReader {
    mutating func closure(_ entry: ScenarioEntry) {
        let s = school(entry)
        let y = entry.year("year")
        guard let s, let y else { return }
        if let c = closures[s.code] {
            entry.issue("school", "\(s.label) is already closed by this scenario in \(c.year) (line \(c.line.map(String.init) ?? "?")): the changes conflict",
                        fix: "keep one [[closure]] for the school")
            return
        }
        guard checkOpen(s, y, "year", "a closure of", entry) else { return }
        // An expansion or reduction (read before closures) starting in or after the closure year.
        if let later = permanents[s.code]?.first(where: { $0.from >= y }) {
            entry.issue("year", "\(s.label) closes in \(y) but its admission number changes from \(later.from) (line \(later.line.map(String.init) ?? "?")): the changes conflict",
                        fix: "remove one of the two changes, or close the school later")
            return
        }
        closures[s.code] = (y, entry.line)
        changes.append((ScenarioChange(.closure(school: s.code, year: y), source: entry.source), entry.here, entry.section))
    }
}
