import Foundation
import PlacePlanCore
import TOMLKit

/// One scenario file being read against the plan. It remembers what earlier changes did,
/// because a change may name a school that an earlier `[[new_school]]` opens, and two changes to
/// the same school, area, site or births conflict.
struct ScenarioReader {
    let reader: TOMLReader
    let history: SchoolHistory
    /// Reading candidate projects for `placeplan optimise` (`ScenarioFile.parse`'s `candidates`).
    let candidates: Bool
    /// The housing sites of the plan's housing.csv (`nil`: it has none).
    let sites: Set<String>?

    /// Schools the scenario opens, so that other changes may name them.
    var newSchools: [String: (school: School, line: Int?)] = [:]
    var changes: [(change: ScenarioChange, line: Int?, section: String)] = []
    // Conflicts: what each school has had done to it, each area's intake moved, the births.
    var closures: [String: (year: Int, line: Int?)] = [:]
    var permanents: [String: [(from: Int, places: Int, line: Int?)]] = [:]
    var preferenceShare: [String: Double] = [:]
    var birthsLine: Int? = nil

    /// The census year: a scenario changes only the years after it.
    var base: Int { history.lastYear }

    /// The changes as the file lists them (they are read kind by kind).
    var changesInFileOrder: [ScenarioChange] { changes.sorted { ($0.line ?? 0) < ($1.line ?? 0) }.map(\.change) }

    /// Reads every `[[section]]` of the file, one change after another.
    mutating func readChanges(_ section: String) {
        guard let value = reader.root[section] else { return }
        guard let array = value.array else {
            reader.issue(line: reader.lines.line(of: section, in: nil) ?? reader.lines.header(section, 0), key: section,
                         "\(section) must be a list of tables, written [[\(section)]]",
                         fix: "write each change under its own [[\(section)]] header")
            return
        }
        for (index, item) in array.enumerated() {
            guard let entry = readEntry(section, index, item) else { continue }
            switch section {
            case "expansion": expansion(entry)
            case "pan_reduction": panReduction(entry)
            case "bulge": bulge(entry)
            case "new_school": newSchool(entry)
            case "closure": closure(entry)
            case "births": births(entry)
            case "preference": preference(entry)
            case "housing": housing(entry)
            case "resourced_base": resourcedBase(entry)
            case "special_places": specialPlaces(entry)
            default: break
            }
        }
    }

    /// The `index`-th `[[section]]` table, its unknown keys reported and what every change has
    /// read first: cost and, for candidates, the latest start. nil (reported) when it is not a
    /// table, or when reading candidates and it adds no places.
    func readEntry(_ section: String, _ index: Int, _ item: TOMLValueConvertible) -> ScenarioEntry? {
        let lines = reader.lines
        let here = lines.header(section, index)
        let prefix = "[[\(section)]]: "
        // A key's line within this table; the table's header when the key is not written.
        let locate: (String?) -> Int? = { key in lines.line(of: key, in: section, index) ?? here }
        guard let table = item.table else {
            reader.issue(line: locate(nil), key: nil, prefix + "each change must be a table",
                         fix: "write the change under a [[\(section)]] header")
            return nil
        }
        let keys = TOMLSection(reader: reader, table: table, locate: locate, prefix: prefix)
        let addsPlaces = ["expansion", "bulge", "new_school", "resourced_base", "special_places"].contains(section)
        if candidates && !addsPlaces {
            keys.issue(nil, "a candidate project adds places: [[\(section)]] cannot be one",
                       fix: "list [[expansion]], [[bulge]], [[new_school]], [[resourced_base]] and [[special_places]] projects only; put other changes in a scenario")
            return nil
        }
        keys.unknownKeys(allowed: ScenarioFile.changeKeys[section]!.union(candidates ? ["latest"] : []))
        var entry = ScenarioEntry(section: section, here: here, line: lines.line(of: nil, in: section, index), table: keys,
                                  base: base, source: "\(reader.file), line \(here.map(String.init) ?? "?")")
        if addsPlaces {
            entry.cost = entry.number("cost", required: false, example: "2500000")
            if let cost = entry.cost, !Bounds.projectCost.contains(cost) {
                entry.issue("cost", "cost must be from 0 to \(Int(Bounds.projectCost.upperBound)) (pounds, the project's total); it is \(cost)",
                            fix: "e.g. cost = 2500000")
                entry.cost = nil
            }
        }
        if candidates { entry.latest = entry.year("latest", required: false) }
        return entry
    }

    /// A school of the plan or one this scenario opens.
    func school(_ entry: ScenarioEntry, _ key: String = "school") -> School? {
        guard let code = entry.text(key, example: "NG01") else { return nil }
        if let s = history.school(code) { return s }
        if let s = newSchools[code] { return s.school }
        entry.issue(key, "school \(code) does not exist: it is not in schools.csv and this scenario does not open it",
                    fix: "use a school code from schools.csv (is it spelt the same?), or open it with [[new_school]] first")
        return nil
    }

    /// Whether `s` is open in `year`, in the plan and in this scenario; `what` says what the
    /// change does to it, for the message.
    func checkOpen(_ s: School, _ year: Int, _ key: String, _ what: String, _ entry: ScenarioEntry) -> Bool {
        if let opened = s.opened, year < opened {
            entry.issue(key, "\(what) \(s.label) in \(year) (\(AcademicYear.text(year))), before it opens in \(opened)",
                        fix: "start it in \(opened) or later, or choose a school that is open in \(year)")
            return false
        }
        if let closed = s.closed, year >= closed {
            entry.issue(key, "\(what) \(s.label) in \(year) (\(AcademicYear.text(year))), but it closes in \(closed)",
                        fix: "choose a school that is open in \(year)")
            return false
        }
        if let c = closures[s.code], year >= c.year {
            entry.issue(key, "\(what) \(s.label) in \(year), but this scenario closes it in \(c.year) (line \(c.line.map(String.init) ?? "?")): the changes conflict",
                        fix: "remove one of the two changes, or close the school later")
            return false
        }
        return true
    }
}
