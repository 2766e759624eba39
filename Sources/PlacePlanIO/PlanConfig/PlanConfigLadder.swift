import Foundation
import PlacePlanCore
import TOMLKit

/// `ladder`, `entry_age` and `[phases]` of plan.toml: the year groups, the age of the first, and
/// how they group into phases; and `births_basis`.
extension PlanConfig {
    /// The ladder: a known name, or an explicit list (which then needs entry_age); entry_age may
    /// move any ladder, and `[phases]` replace its phases.
    static func ladder(_ top: TOMLSection) -> Ladder {
        var (ladder, explicitPhases) = namedOrListedLadder(top)
        if let age = top.wholeNumber("entry_age", in: 0...20, message: "entry_age must be a whole number of years from 0 to 20",
                                     fix: "e.g. entry_age = 4") {
            ladder = Ladder(name: ladder.name, yearGroups: ladder.yearGroups, entryAge: age, phases: ladder.phases)
        }
        if let listed = phases(top, of: ladder) { explicitPhases = listed }
        if let explicitPhases {
            ladder = Ladder(name: ladder.name, yearGroups: ladder.yearGroups, entryAge: ladder.entryAge, phases: explicitPhases)
        }
        return ladder
    }

    /// `ladder = "england"` / `"us"`, or a list of year groups. A listed ladder has no phases
    /// (`[]`) unless `[phases]` gives them, since its year groups' phases cannot be guessed.
    static func namedOrListedLadder(_ top: TOMLSection) -> (Ladder, explicitPhases: [Phase]?) {
        guard let value = top["ladder"] else { return (.england, nil) }
        if let named = value.string {
            switch named.lowercased() {
            case "england": return (.england, nil)
            case "us": return (.us, nil)
            default:
                top.issue("ladder", "unknown ladder '\(named)'",
                          fix: "write ladder = \"england\" or \"us\", or list the year groups: ladder = [\"R\", \"Y1\", …]")
            }
        } else if let list = value.array {
            let names = list.compactMap { $0.string?.trimmingCharacters(in: .whitespaces) }
            if names.count != list.count || names.contains("") || names.isEmpty {
                top.issue("ladder", "the ladder list must be non-empty text year groups", fix: "e.g. ladder = [\"R\", \"Y1\", \"Y2\"]")
            } else if Set(names.map { $0.lowercased() }).count != names.count {
                top.issue("ladder", "the ladder lists a year group twice", fix: "list each year group once, youngest first (case does not matter: R and r are the same year group)")
            } else if let age = top["entry_age"]?.int {
                return (Ladder(name: "custom", yearGroups: names.map { YearGroup($0) }, entryAge: age), [])
            } else {
                top.issue("ladder", "an explicit ladder needs entry_age",
                          fix: "add entry_age = the age on 1 September of the first year group (4 for Reception)")
            }
        } else {
            top.issue("ladder", "ladder must be a name or a list", fix: "write ladder = \"england\"")
        }
        return (.england, nil)
    }

    /// `[phases]`: each `name = [first, last]`, in name order; nil when not given or not a table.
    /// A phase out of order on the ladder is reported but kept, so that every phase is checked.
    static func phases(_ top: TOMLSection, of ladder: Ladder) -> [Phase]? {
        guard let phases = top.section("phases", notATable: "[phases] must be a table",
                                       fix: "e.g. [phases]\nprimary = [\"R\", \"Y6\"]") else { return nil }
        var list: [Phase] = []
        for key in phases.table.keys.sorted() {
            let ends = phases[key]?.array?.compactMap { $0.string }
            guard let ends, ends.count == 2 else {
                top.issue(key, "phase '\(key)' must be [first, last] year groups", fix: "e.g. \(key) = [\"R\", \"Y6\"]")
                continue
            }
            let phase = Phase(name: key, first: YearGroup(ends[0]), last: YearGroup(ends[1]))
            if ladder.indices(of: phase) == nil {
                top.issue(key, "phase '\(key)' runs from \(ends[0]) to \(ends[1]), which are not in that order on the ladder",
                          fix: "use year groups from: \(ladder.yearGroups.map(\.name).joined(separator: ", "))")
            }
            list.append(phase)
        }
        return list
    }

    /// `births_basis`: which twelve months a year's births count.
    static func birthsBasis(_ top: TOMLSection) -> BirthsBasis {
        guard let value = top["births_basis"] else { return .midYear }
        if let text = value.string, let parsed = BirthsBasis(rawValue: text.lowercased()) { return parsed }
        top.issue("births_basis", "unknown births basis",
                  fix: "write births_basis = \"calendar\", \"mid-year\" (July–June) or \"academic\" (September–August)")
        return .midYear
    }
}
