import Foundation
import PlacePlanCore

/// `[[preference]]`: a share of an area's intake moves to a school from a year.
extension ScenarioReader {
    mutating func preference(_ entry: ScenarioEntry) {
        let areaCode = entry.text("area", example: "P01")
        let s = school(entry)
        let percent = entry.number("share_percent", example: "10")
        // By default from the first year after the census that the school is open.
        let from = entry["from"] == nil ? (s?.opened.map { max($0, base + 1) } ?? base + 1) : entry.year("from")
        guard let areaCode, let s, let percent, let from else { return }
        guard percent > 0, percent <= 100 else {
            entry.issue("share_percent", "share_percent must be above 0 and at most 100", fix: "e.g. share_percent = 10")
            return
        }
        let geography = history.geography
        let kind: AreaKind? = geography.primaryAreas.contains { $0.code == areaCode } ? .primary
            : geography.secondaryAreas.contains { $0.code == areaCode } ? .secondary : nil
        guard let kind else {
            entry.issue("area", "area \(areaCode) does not exist", fix: "use a planning area from areas.csv or schools.csv")
            return
        }
        guard s.area(kind) != nil else {
            entry.issue("school", "\(s.label) takes no \(kind.rawValue) pupils, so it cannot take \(areaCode)'s intake",
                        fix: "choose a \(kind.rawValue) school")
            return
        }
        guard checkOpen(s, from, "from", "a change of preference to", entry) else { return }
        // The shares moved from one area, over all of this scenario's changes, cannot pass 100%.
        let total = preferenceShare[areaCode, default: 0] + percent
        if total > 100 {
            entry.issue("share_percent", "the shares of \(areaCode)'s intake moved in this scenario add up to \(String(total))%, more than all of it",
                        fix: "make them add up to 100 or less")
            return
        }
        preferenceShare[areaCode] = total
        changes.append((ScenarioChange(.preference(area: areaCode, school: s.code, share: percent / 100, from: from), source: entry.source),
                        entry.here, entry.section))
    }
}
