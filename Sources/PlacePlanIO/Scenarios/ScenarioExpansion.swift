import Foundation
import PlacePlanCore
import TOMLKit

/// `[[expansion]]` and `[[pan_reduction]]`: a permanent change of a school's admission number.
extension ScenarioReader {
    /// More places a year group from `from`, phased up the year groups unless `phased = false`.
    mutating func expansion(_ entry: ScenarioEntry) { permanentChange(entry, reduce: false) }

    /// The same keys as an expansion, places removed.
    mutating func panReduction(_ entry: ScenarioEntry) { permanentChange(entry, reduce: true) }

    mutating func permanentChange(_ entry: ScenarioEntry, reduce: Bool) {
        guard let fields = permanentFields(entry), let part = changedPart(of: fields.school, entry) else { return }
        let (s, from, perYearGroup, phased) = fields
        guard checkOpen(s, from, "from", reduce ? "a PAN reduction at" : "an expansion of", entry) else { return }
        let delta = reduce ? -perYearGroup : perYearGroup
        let pan = part == .primary ? s.capacity.pan : (s.phase == .allThrough ? (s.capacity.secondaryPAN ?? s.capacity.pan) : s.capacity.pan)
        // Earlier changes of the school's admission number in this scenario: they add up.
        var earlier = permanents[s.code] ?? []
        if let clash = earlier.first(where: { $0.from == from && ($0.places > 0) != (delta > 0) }) {
            entry.issue(reduce ? "places" : "fe", "\(s.label) is both expanded and reduced from \(from) (line \(clash.line.map(String.init) ?? "?")): the changes conflict",
                        fix: "keep one change for the school in \(from), with the net number of places")
            return
        }
        let total = earlier.reduce(pan) { $0 + $1.places } + delta
        if total <= 0 {
            entry.issue(entry["fe"] != nil ? "fe" : "places", "the reduction leaves \(s.label) with an admission number of \(total) (PAN \(pan))",
                        fix: "reduce by less than \(pan + earlier.reduce(0) { $0 + $1.places }) places a year group, or close the school with [[closure]]")
            return
        }
        earlier.append((from, delta, entry.line))
        permanents[s.code] = earlier
        guard let change = entry.candidate(ScenarioChange(.permanent(school: s.code, placesPerYearGroup: delta, from: from, phased: phased, part: part),
                                                          cost: entry.cost, source: entry.source)) else { return }
        changes.append((change, entry.here, entry.section))
    }

    /// `school`, `from`, `phased`, and `fe` or `places` (places a year group), each reported when
    /// wrong; nil unless all are good.
    func permanentFields(_ entry: ScenarioEntry) -> (school: School, from: Int, perYearGroup: Int, phased: Bool)? {
        let s = school(entry)
        let from = entry.year("from")
        let phased = entry["phased"] == nil ? true
            : entry.table.bool("phased", message: "phased must be true or false", fix: "e.g. phased = true (the default)")
        var perYearGroup: Int? = nil
        switch (entry["fe"], entry["places"]) {
        case (.some, .some):
            entry.issue("places", "give fe or places, not both", fix: "keep one: fe = 1 (30 places a year group) or places = 15")
        case (nil, nil):
            entry.issue(nil, "fe or places is missing", fix: "add fe = 1 (30 places a year group) or places = 15 (a year group)")
        case (.some, nil):
            // A form of entry is a 30-place class; half forms are allowed.
            let fe = entry.table.number("fe", valid: { $0 > 0 && ($0 * 30).rounded() == $0 * 30 && $0 <= 10 },
                                        message: "fe must be a number of forms of entry above 0 (whole 30-place classes or half forms), at most 10",
                                        fix: "e.g. fe = 1 (30 places a year group) or fe = 0.5")
            perYearGroup = fe.map { Int($0 * 30) }
        case (nil, .some):
            perYearGroup = entry.int("places", range: 1...300, example: "15")
        }
        guard let s, let from, let perYearGroup, let phased else { return nil }
        return (s, from, perYearGroup, phased)
    }

    /// The part of `s` whose admission number changes: its own phase, or for an all-through
    /// school the `phase` given. nil (reported) for a special school, whose places follow pupils'
    /// needs, and for an all-through school without a phase.
    func changedPart(of s: School, _ entry: ScenarioEntry) -> AreaKind? {
        if s.phase == .special {
            entry.issue("school", "\(s.label) is a special school: its places follow pupils' needs, not a published admission number",
                        fix: "choose a mainstream school")
            return nil
        }
        guard let p = entry["phase"] else {
            if s.phase == .allThrough {
                entry.issue("school", "\(s.label) is all-through: say which part changes", fix: "add phase = \"primary\" or phase = \"secondary\"")
                return nil
            }
            return s.phase == .secondary ? .secondary : .primary
        }
        guard s.phase == .allThrough, let name = p.string, let k = AreaKind(rawValue: name.lowercased()) else {
            entry.issue("phase", s.phase == .allThrough ? "phase must be \"primary\" or \"secondary\""
                        : "phase is only for all-through schools (\(s.label) is \(s.phase.rawValue))",
                        fix: s.phase == .allThrough ? "e.g. phase = \"secondary\"" : "remove the phase line")
            return nil
        }
        return k
    }
}
