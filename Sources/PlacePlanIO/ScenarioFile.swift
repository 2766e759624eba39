import Foundation
import PlacePlanCore
import TOMLKit

/// Scenario files: `scenarios/NAME.toml` in a plan folder, one scenario each, a list of changes
/// on top of the baseline place plan. Every change is checked against the plan's schools and
/// areas; problems name the file, the line and what to do.
///
/// ```toml
/// title = "Oakwood Primary +1FE from 2026"
///
/// [[expansion]]            # also [[pan_reduction]] (same keys, places removed)
/// school = "NG06"
/// fe = 1                   # or places = 15 (per year group)
/// from = 2026              # academic year 2026/27; phased up the year groups unless phased = false
///
/// [[bulge]]
/// school = "NG01"
/// year = 2026
/// year_group = "R"
/// class_size = 30
///
/// [[new_school]]
/// school = "NG10"
/// name = "Northgate Free School"
/// area = "P01"
/// phase = "primary"
/// pan = 60
/// opens = 2027
/// year_groups_at_opening = 1
/// growth = 1
///
/// [[closure]]
/// school = "SM03"
/// year = 2027
///
/// [[births]]
/// percent = -5
/// from = 2026
///
/// [[preference]]
/// area = "P01"
/// school = "NG10"
/// share_percent = 10
/// from = 2027
///
/// [[housing]]                 # a site of housing.csv: later, smaller, or not at all
/// site = "Northgate Fields"
/// delay_years = 2
/// scale_percent = 50          # or: remove = true
/// ```
public enum ScenarioFile {
    public static let folderName = "scenarios"

    static let changeKeys: [String: Set<String>] = [
        "expansion": ["school", "fe", "places", "from", "phased", "phase", "cost", "note"],
        "pan_reduction": ["school", "fe", "places", "from", "phased", "phase", "note"],
        "bulge": ["school", "year", "year_group", "class_size", "cost", "note"],
        "new_school": ["school", "name", "area", "phase", "pan", "opens", "year_groups_at_opening", "growth", "cost", "note"],
        "closure": ["school", "year", "note"],
        "births": ["percent", "from", "note"],
        "preference": ["area", "school", "share_percent", "from", "note"],
        "housing": ["site", "delay_years", "scale_percent", "remove", "note"],
    ]
    static let order = ["expansion", "pan_reduction", "bulge", "new_school", "closure", "births", "preference", "housing"]
    static let topKeys: Set<String> = Set(changeKeys.keys).union(["title", "description"])

    /// The scenario files of a plan folder (sorted by name), or `[]` when it has no `scenarios/`.
    public static func names(in planFolder: URL) -> [String] {
        let folder = planFolder.appendingPathComponent(folderName)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads the named scenarios (every one when `names` is empty) of a plan folder.
    /// `display` is the folder as the user wrote it, for messages.
    /// `sites`: the housing sites of the plan's housing.csv (`nil`: it has none), which
    /// `[[housing]]` changes must name.
    public static func load(_ planFolder: URL, display: String, names requested: [String], history: SchoolHistory,
                            sites: Set<String>? = nil) throws -> [Scenario] {
        let available = names(in: planFolder)
        let folderText = (display.hasSuffix("/") ? display : display + "/") + folderName
        var log = IssueLog()
        let chosen = requested.isEmpty ? available : requested.map { $0.hasSuffix(".toml") ? String($0.dropLast(5)) : $0 }
        if chosen.isEmpty {
            log.add(InputIssue(file: folderText, message: "there are no scenarios (no .toml files in \(folderText))",
                               fix: "write a scenario file such as \(folderText)/expand.toml (docs/scenarios.md)"))
        }
        var scenarios: [Scenario] = []
        for name in chosen {
            let file = "\(folderText)/\(name).toml"
            guard available.contains(name) else {
                log.add(InputIssue(file: file, message: "there is no scenario '\(name)'",
                                   fix: available.isEmpty ? "write \(file)" : "use one of: \(available.joined(separator: ", "))"))
                continue
            }
            let url = planFolder.appendingPathComponent(folderName).appendingPathComponent("\(name).toml")
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                log.add(InputIssue(file: file, message: "cannot be read as UTF-8 text", fix: "save it as UTF-8 text"))
                continue
            }
            do { scenarios.append(try parse(text, name: name, file: file, history: history, sites: sites)) } catch let errors as InputErrors {
                log.add(contentsOf: errors.issues)
            }
        }
        try log.throwIfAny()
        return scenarios
    }

    /// Lines of a TOML text's tables and keys, to say where a problem is.
    struct Lines {
        /// (line, table name, occurrence) for each `[name]` / `[[name]]` header.
        var headers: [(line: Int, name: String, index: Int)] = []
        let lines: [Substring]

        init(_ text: String) {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var counts: [String: Int] = [:]
            for (i, raw) in lines.enumerated() {
                let t = raw.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("[") else { continue }
                let name = t.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).components(separatedBy: "]").first ?? ""
                let clean = name.trimmingCharacters(in: .whitespaces)
                headers.append((i + 1, clean, counts[clean, default: 0]))
                counts[clean, default: 0] += 1
            }
        }

        func header(_ table: String, _ index: Int) -> Int? { headers.first { $0.name == table && $0.index == index }?.line }

        /// The line of `key` in the `index`-th `[[table]]` (top level when `table` is nil), else the table's line.
        func line(of key: String?, in table: String?, _ index: Int = 0) -> Int? {
            let start = table.flatMap { header($0, index) } ?? 0
            let end = headers.first { $0.line > start }?.line ?? lines.count + 1
            if let key {
                for n in (start + 1)..<max(start + 1, end) where n <= lines.count {
                    let t = lines[n - 1].drop { $0 == " " || $0 == "\t" }
                    if t.hasPrefix(key), t.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first == "=" { return n }
                }
            }
            return table == nil ? nil : start
        }
    }

    /// Parses one scenario and checks it against the plan. `file` names it in messages.
    ///
    /// With `candidates`, the file lists candidate projects for `placeplan optimise`: only
    /// `[[expansion]]`, `[[bulge]]` and `[[new_school]]`, each with an optional `latest` start year
    /// (its `from`, `year` or `opens` is the earliest).
    public static func parse(_ text: String, name: String, file: String, history: SchoolHistory, candidates: Bool = false,
                             sites: Set<String>? = nil) throws -> Scenario {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw InputErrors([InputIssue(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                          message: "is not valid TOML: \(error.description)",
                                          fix: "correct the syntax at that place (see toml.io for the format)")])
        }
        let lines = Lines(text)
        var log = IssueLog()
        let layout = history.layout, ladder = history.ladder, base = history.lastYear
        let yearsText = "after the census year \(base) (\(AcademicYear.text(base))), e.g. \(base + 2)"

        for key in table.keys where !topKeys.contains(key) {
            log.add(InputIssue(file: file, line: lines.line(of: key, in: nil), columnName: key, message: "unknown key '\(key)'",
                               fix: "use one of: title, description, and the changes [[\(order.joined(separator: "]], [["))]]"))
        }
        var title: String? = nil
        if let value = table["title"] {
            if let text = value.string { title = text } else {
                log.add(InputIssue(file: file, line: lines.line(of: "title", in: nil), columnName: "title",
                                   message: "title must be text", fix: "e.g. title = \"Oakwood Primary +1FE from 2026\""))
            }
        }

        // Schools the scenario opens, so that other changes may name them.
        var newSchools: [String: (school: School, line: Int?)] = [:]
        var changes: [(change: ScenarioChange, line: Int?, section: String)] = []
        // Conflicts: what each school has had done to it.
        var closures: [String: (year: Int, line: Int?)] = [:]
        var permanents: [String: [(from: Int, places: Int, line: Int?)]] = [:]
        var preferenceShare: [String: Double] = [:]
        var birthsLine: Int? = nil

        for section in order {
            guard let value = table[section] else { continue }
            guard let array = value.array else {
                log.add(InputIssue(file: file, line: lines.line(of: section, in: nil) ?? lines.header(section, 0), columnName: section,
                                   message: "\(section) must be a list of tables, written [[\(section)]]",
                                   fix: "write each change under its own [[\(section)]] header"))
                continue
            }
            for (index, item) in array.enumerated() {
                let here = lines.header(section, index)
                func issue(_ key: String?, _ message: String, fix: String) {
                    log.add(InputIssue(file: file, line: lines.line(of: key, in: section, index) ?? here, columnName: key,
                                       message: "[[\(section)]]: " + message, fix: fix))
                }
                guard let t = item.table else {
                    issue(nil, "each change must be a table", fix: "write the change under a [[\(section)]] header")
                    continue
                }
                let allowed = changeKeys[section]!.union(candidates ? ["latest"] : [])
                if candidates && !["expansion", "bulge", "new_school"].contains(section) {
                    issue(nil, "a candidate project adds places: [[\(section)]] cannot be one",
                          fix: "list [[expansion]], [[bulge]] and [[new_school]] projects only; put other changes in a scenario")
                    continue
                }
                for key in t.keys where !allowed.contains(key) {
                    issue(key, "unknown key '\(key)'", fix: "use one of: \(allowed.sorted().joined(separator: ", "))")
                }
                func int(_ key: String, required: Bool = true, range: ClosedRange<Int>, example: String) -> Int? {
                    guard let v = t[key] else {
                        if required { issue(nil, "\(key) is missing", fix: "add \(key) = \(example)") }
                        return nil
                    }
                    guard let n = v.int, range.contains(n) else {
                        issue(key, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)", fix: "e.g. \(key) = \(example)")
                        return nil
                    }
                    return n
                }
                func number(_ key: String, required: Bool = true, example: String) -> Double? {
                    guard let v = t[key] else {
                        if required { issue(nil, "\(key) is missing", fix: "add \(key) = \(example)") }
                        return nil
                    }
                    guard let n = v.double ?? v.int.map(Double.init), n.isFinite else {
                        issue(key, "\(key) must be a number", fix: "e.g. \(key) = \(example)")
                        return nil
                    }
                    return n
                }
                func year(_ key: String, required: Bool = true) -> Int? {
                    guard let y = int(key, required: required, range: 1900...2200, example: "\(base + 2)") else { return nil }
                    if y <= base {
                        issue(key, "\(key) = \(y) is not after the census year \(base) (\(AcademicYear.text(base))): a scenario changes the future",
                              fix: "give a year \(yearsText)")
                        return nil
                    }
                    return y
                }
                func text(_ key: String, required: Bool = true, example: String) -> String? {
                    guard let v = t[key] else {
                        if required { issue(nil, "\(key) is missing", fix: "add \(key) = \"\(example)\"") }
                        return nil
                    }
                    guard let s = v.string?.trimmingCharacters(in: .whitespaces), !s.isEmpty else {
                        issue(key, "\(key) must be text", fix: "e.g. \(key) = \"\(example)\"")
                        return nil
                    }
                    return s
                }
                /// A school of the plan or one this scenario opens.
                func school(_ key: String = "school") -> School? {
                    guard let code = text(key, example: "NG01") else { return nil }
                    if let s = history.school(code) { return s }
                    if let s = newSchools[code] { return s.school }
                    issue(key, "school \(code) does not exist: it is not in schools.csv and this scenario does not open it",
                          fix: "use a school code from schools.csv (is it spelt the same?), or open it with [[new_school]] first")
                    return nil
                }
                func checkOpen(_ s: School, _ year: Int, _ key: String, _ what: String) -> Bool {
                    if let opened = s.opened, year < opened {
                        issue(key, "\(what) \(s.label) in \(year) (\(AcademicYear.text(year))), before it opens in \(opened)",
                              fix: "start it in \(opened) or later, or choose a school that is open in \(year)")
                        return false
                    }
                    if let closed = s.closed, year >= closed {
                        issue(key, "\(what) \(s.label) in \(year) (\(AcademicYear.text(year))), but it closes in \(closed)",
                              fix: "choose a school that is open in \(year)")
                        return false
                    }
                    if let c = closures[s.code], year >= c.year {
                        issue(key, "\(what) \(s.label) in \(year), but this scenario closes it in \(c.year) (line \(c.line.map(String.init) ?? "?")): the changes conflict",
                              fix: "remove one of the two changes, or close the school later")
                        return false
                    }
                    return true
                }
                let cost = section == "expansion" || section == "bulge" || section == "new_school"
                    ? number("cost", required: false, example: "2500000") : nil
                if let cost, cost < 0 { issue("cost", "cost must be 0 or more (pounds, the project's total)", fix: "e.g. cost = 2500000") }
                let source = "\(file), line \(here.map(String.init) ?? "?")"
                let latest = candidates ? year("latest", required: false) : nil
                func candidate(_ change: ScenarioChange) -> ScenarioChange? {
                    guard let latest else { return change }
                    guard latest >= change.start else {
                        issue("latest", "latest = \(latest) is before the earliest start, \(change.start)", fix: "give latest = \(change.start) or later")
                        return nil
                    }
                    return ScenarioChange(change.kind, cost: change.cost, source: change.source, latest: latest)
                }

                switch section {
                case "expansion", "pan_reduction":
                    let reduce = section == "pan_reduction"
                    let s = school()
                    let from = year("from")
                    let phased = t["phased"].map { $0.bool } ?? true
                    if phased == nil { issue("phased", "phased must be true or false", fix: "e.g. phased = true (the default)") }
                    var perYearGroup: Int? = nil
                    switch (t["fe"], t["places"]) {
                    case (.some, .some):
                        issue("places", "give fe or places, not both", fix: "keep one: fe = 1 (30 places a year group) or places = 15")
                    case (nil, nil):
                        issue(nil, "fe or places is missing", fix: "add fe = 1 (30 places a year group) or places = 15 (a year group)")
                    case (.some(let fe), nil):
                        if let n = fe.double ?? fe.int.map(Double.init), n > 0, (n * 30).rounded() == n * 30, n <= 10 { perYearGroup = Int(n * 30) } else {
                            issue("fe", "fe must be a number of forms of entry above 0 (whole 30-place classes or half forms), at most 10",
                                  fix: "e.g. fe = 1 (30 places a year group) or fe = 0.5")
                        }
                    case (nil, .some):
                        perYearGroup = int("places", range: 1...300, example: "15")
                    }
                    guard let s, let from, let perYearGroup, let phased else { continue }
                    if s.phase == .special {
                        issue("school", "\(s.label) is a special school: its places follow pupils' needs, not a published admission number",
                              fix: "choose a mainstream school")
                        continue
                    }
                    var part: AreaKind = s.phase == .secondary ? .secondary : .primary
                    if let p = t["phase"] {
                        guard s.phase == .allThrough, let name = p.string, let k = AreaKind(rawValue: name.lowercased()) else {
                            issue("phase", s.phase == .allThrough ? "phase must be \"primary\" or \"secondary\""
                                  : "phase is only for all-through schools (\(s.label) is \(s.phase.rawValue))",
                                  fix: s.phase == .allThrough ? "e.g. phase = \"secondary\"" : "remove the phase line")
                            continue
                        }
                        part = k
                    } else if s.phase == .allThrough {
                        issue("school", "\(s.label) is all-through: say which part changes", fix: "add phase = \"primary\" or phase = \"secondary\"")
                        continue
                    }
                    guard checkOpen(s, from, "from", reduce ? "a PAN reduction at" : "an expansion of") else { continue }
                    let delta = reduce ? -perYearGroup : perYearGroup
                    let pan = part == .primary ? s.capacity.pan : (s.phase == .allThrough ? (s.capacity.secondaryPAN ?? s.capacity.pan) : s.capacity.pan)
                    var earlier = permanents[s.code] ?? []
                    if let clash = earlier.first(where: { $0.from == from && ($0.places > 0) != (delta > 0) }) {
                        issue(reduce ? "places" : "fe", "\(s.label) is both expanded and reduced from \(from) (line \(clash.line.map(String.init) ?? "?")): the changes conflict",
                              fix: "keep one change for the school in \(from), with the net number of places")
                        continue
                    }
                    let total = earlier.reduce(pan) { $0 + $1.places } + delta
                    if total <= 0 {
                        issue(t["fe"] != nil ? "fe" : "places", "the reduction leaves \(s.label) with an admission number of \(total) (PAN \(pan))",
                              fix: "reduce by less than \(pan + earlier.reduce(0) { $0 + $1.places }) places a year group, or close the school with [[closure]]")
                        continue
                    }
                    earlier.append((from, delta, lines.line(of: nil, in: section, index)))
                    permanents[s.code] = earlier
                    guard let change = candidate(ScenarioChange(.permanent(school: s.code, placesPerYearGroup: delta, from: from, phased: phased, part: part),
                                                                cost: cost, source: source)) else { continue }
                    changes.append((change, here, section))

                case "bulge":
                    let s = school()
                    let y = year("year")
                    let classSize = t["class_size"] == nil ? 30 : int("class_size", range: 1...60, example: "30")
                    var g: Int? = nil
                    if let name = text("year_group", example: "R") {
                        g = ladder.yearGroups.firstIndex { $0.name.lowercased() == name.lowercased() }
                        if g == nil {
                            issue("year_group", "unknown year group '\(name)'", fix: "use one of: \(ladder.yearGroups.map(\.name).joined(separator: ", "))")
                        }
                    }
                    guard let s, let y, let g, let classSize else { continue }
                    guard s.phase != .special, s.teaches(g, layout: layout) else {
                        let taught = (0..<ladder.count).filter { s.teaches($0, layout: layout) }
                        let range = taught.first.map { "\(ladder.yearGroups[$0])–\(ladder.yearGroups[taught.last!])" } ?? "none"
                        issue("year_group", "\(s.label) does not teach \(ladder.yearGroups[g]): it is a\(s.phase == .allThrough ? "n" : "") \(s.phase.rawValue) school (\(range))",
                              fix: s.phase == .special ? "choose a mainstream school" : "choose a year group from \(range), or another school")
                        continue
                    }
                    guard checkOpen(s, y, "year", "a bulge class at") else { continue }
                    if !s.hasReached(g, in: y, layout: layout) && newSchools[s.code] == nil {
                        issue("year_group", "\(s.label) has not reached \(ladder.yearGroups[g]) by \(y): it grows a year group a year from \(s.opened ?? y)",
                              fix: "choose a year group it has in \(y), or a later year")
                        continue
                    }
                    guard let change = candidate(ScenarioChange(.bulge(school: s.code, year: y, yearGroup: g, classSize: classSize), cost: cost, source: source)) else { continue }
                    changes.append((change, here, section))

                case "new_school":
                    let code = text("school", example: "NG10")
                    let name = t["name"] == nil ? code : text("name", example: "Northgate Free School")
                    let areaCode = text("area", example: "P01")
                    let phaseText = text("phase", example: "primary")
                    let pan = int("pan", range: 1...600, example: "60")
                    let opens = year("opens")
                    let atOpening = t["year_groups_at_opening"] == nil ? 1 : int("year_groups_at_opening", range: 1...7, example: "1")
                    let growth = t["growth"] == nil ? 1 : int("growth", range: 1...7, example: "1")
                    var kind: AreaKind? = nil
                    if let phaseText {
                        kind = AreaKind(rawValue: phaseText.lowercased())
                        if kind == nil { issue("phase", "phase must be \"primary\" or \"secondary\" (got \"\(phaseText)\")", fix: "e.g. phase = \"primary\"") }
                    }
                    if let code, history.school(code) != nil || newSchools[code] != nil {
                        issue("school", "school \(code) already exists\(history.school(code) != nil ? " in schools.csv" : " in this scenario"): a new school needs a new code",
                              fix: "choose a code no other school has")
                        continue
                    }
                    var area: PlanningArea? = nil
                    if let areaCode, let kind {
                        area = history.geography.areas(kind).first { $0.code == areaCode }
                        if area == nil {
                            let other = history.geography.areas(kind == .primary ? .secondary : .primary).contains { $0.code == areaCode }
                            issue("area", other ? "area \(areaCode) is a \(kind == .primary ? "secondary" : "primary") planning area, not a \(kind.rawValue) one"
                                  : "area \(areaCode) does not exist",
                                  fix: "use a \(kind.rawValue) planning area: \(history.geography.areas(kind).map(\.code).joined(separator: ", "))")
                        }
                    }
                    guard let code, let name, let area, let kind, let pan, let opens, let atOpening, let growth else { continue }
                    let groups = kind == .primary ? layout.primary : layout.secondary
                    if atOpening > groups.count {
                        issue("year_groups_at_opening", "a \(kind.rawValue) school has \(groups.count) year groups", fix: "e.g. year_groups_at_opening = 1")
                        continue
                    }
                    let school = School(code: code, name: name, phase: kind == .primary ? .primary : .secondary,
                                        primaryArea: kind == .primary ? area.code : nil, secondaryArea: kind == .secondary ? area.code : nil,
                                        capacity: SchoolCapacity(net: pan * groups.count, pan: pan), opened: opens)
                    guard let change = candidate(ScenarioChange(.newSchool(school, yearGroupsAtOpening: atOpening, growth: growth), cost: cost, source: source)) else { continue }
                    newSchools[code] = (school, here)
                    changes.append((change, here, section))

                case "closure":
                    let s = school()
                    let y = year("year")
                    guard let s, let y else { continue }
                    if let c = closures[s.code] {
                        issue("school", "\(s.label) is already closed by this scenario in \(c.year) (line \(c.line.map(String.init) ?? "?")): the changes conflict",
                              fix: "keep one [[closure]] for the school")
                        continue
                    }
                    guard checkOpen(s, y, "year", "a closure of") else { continue }
                    if let later = permanents[s.code]?.first(where: { $0.from >= y }) {
                        issue("year", "\(s.label) closes in \(y) but its admission number changes from \(later.from) (line \(later.line.map(String.init) ?? "?")): the changes conflict",
                              fix: "remove one of the two changes, or close the school later")
                        continue
                    }
                    closures[s.code] = (y, lines.line(of: nil, in: section, index))
                    changes.append((ScenarioChange(.closure(school: s.code, year: y), source: source), here, section))

                case "births":
                    let percent = number("percent", example: "-5")
                    let from = t["from"] == nil ? base + 1 : year("from")
                    guard let percent, let from else { continue }
                    guard (-50...100).contains(percent) else {
                        issue("percent", "percent must be from -50 to 100 (a change in births, in %)", fix: "e.g. percent = -5")
                        continue
                    }
                    if let birthsLine {
                        issue("percent", "births already change in this scenario (line \(birthsLine)): the changes conflict",
                              fix: "keep one [[births]] change")
                        continue
                    }
                    birthsLine = lines.line(of: nil, in: section, index)
                    changes.append((ScenarioChange(.births(percent: percent, from: from), source: source), here, section))

                case "housing":
                    guard let site = text("site", example: "Northgate Fields") else { continue }
                    guard let sites else {
                        issue("site", "the plan has no housing.csv, so there is no site '\(site)' to change",
                              fix: "add housing.csv to the plan folder, or remove this [[housing]] change")
                        continue
                    }
                    guard sites.contains(site) else {
                        issue("site", "there is no site '\(site)' in housing.csv",
                              fix: "use one of: \(sites.sorted().joined(separator: ", "))")
                        continue
                    }
                    let delay = t["delay_years"] == nil ? 0 : int("delay_years", range: -10...15, example: "2")
                    var scale: Double? = t["scale_percent"] == nil ? 1 : number("scale_percent", example: "50").map { $0 / 100 }
                    if let s = scale, !(0...5).contains(s) {
                        issue("scale_percent", "scale_percent must be from 0 to 500 (% of the site's homes)", fix: "e.g. scale_percent = 50")
                        scale = nil
                    }
                    if let remove = t["remove"] {
                        if remove.bool == true { scale = 0 } else if remove.bool == nil {
                            issue("remove", "remove must be true or false", fix: "remove = true")
                        }
                    }
                    guard let delay, let scale else { continue }
                    if changes.contains(where: { if case let .housing(other, _, _) = $0.0.kind { return other == site } else { return false } }) {
                        issue("site", "site '\(site)' is already changed in this scenario: the changes conflict",
                              fix: "keep one [[housing]] change per site")
                        continue
                    }
                    changes.append((ScenarioChange(.housing(site: site, delay: delay, scale: scale), source: source), here, section))

                case "preference":
                    let areaCode = text("area", example: "P01")
                    let s = school()
                    let percent = number("share_percent", example: "10")
                    let from = t["from"] == nil ? (s?.opened.map { max($0, base + 1) } ?? base + 1) : year("from")
                    guard let areaCode, let s, let percent, let from else { continue }
                    guard percent > 0, percent <= 100 else {
                        issue("share_percent", "share_percent must be above 0 and at most 100", fix: "e.g. share_percent = 10")
                        continue
                    }
                    let kind: AreaKind? = history.geography.primaryAreas.contains { $0.code == areaCode } ? .primary
                        : history.geography.secondaryAreas.contains { $0.code == areaCode } ? .secondary : nil
                    guard let kind else {
                        issue("area", "area \(areaCode) does not exist", fix: "use a planning area from areas.csv or schools.csv")
                        continue
                    }
                    guard s.area(kind) != nil else {
                        issue("school", "\(s.label) takes no \(kind.rawValue) pupils, so it cannot take \(areaCode)'s intake",
                              fix: "choose a \(kind.rawValue) school")
                        continue
                    }
                    guard checkOpen(s, from, "from", "a change of preference to") else { continue }
                    let total = preferenceShare[areaCode, default: 0] + percent
                    if total > 100 {
                        issue("share_percent", "the shares of \(areaCode)'s intake moved in this scenario add up to \(String(total))%, more than all of it",
                              fix: "make them add up to 100 or less")
                        continue
                    }
                    preferenceShare[areaCode] = total
                    changes.append((ScenarioChange(.preference(area: areaCode, school: s.code, share: percent / 100, from: from), source: source), here, section))
                default:
                    break
                }
            }
        }
        try log.throwIfAny()
        let ordered = changes.sorted { ($0.line ?? 0) < ($1.line ?? 0) }.map(\.change)
        return Scenario(name: name, title: title, changes: ordered)
    }

    /// Costs per place from `[costs]` in plan.toml (pounds per place), the DfE national averages
    /// for any not given.
    public static func costs(planText text: String, file: String) throws -> CostRates {
        guard let table = try? TOMLTable(string: text), let value = table["costs"] else { return .dfe }
        let lines = Lines(text)
        guard let costs = value.table else {
            throw InputErrors([InputIssue(file: file, line: lines.header("costs", 0), columnName: "costs",
                                          message: "[costs] must be a table", fix: "write it as a section: [costs]")])
        }
        var rates = CostRates.dfe
        var log = IssueLog()
        let keys: [String: (AreaKind, ProjectType)] = [
            "primary_permanent": (.primary, .permanent), "primary_new_school": (.primary, .newSchool), "primary_temporary": (.primary, .temporary),
            "secondary_permanent": (.secondary, .permanent), "secondary_new_school": (.secondary, .newSchool),
            "secondary_temporary": (.secondary, .temporary),
        ]
        for key in costs.keys {
            guard let (kind, type) = keys[key] else {
                log.add(InputIssue(file: file, line: lines.line(of: key, in: "costs"), columnName: key, message: "unknown key '\(key)' in [costs]",
                                   fix: "use one of: \(keys.keys.sorted().joined(separator: ", "))"))
                continue
            }
            guard let n = costs[key]?.double ?? costs[key]?.int.map(Double.init), n >= 0, n.isFinite else {
                log.add(InputIssue(file: file, line: lines.line(of: key, in: "costs"), columnName: key,
                                   message: "\(key) must be a cost per place in pounds, 0 or more", fix: "e.g. \(key) = 21014"))
                continue
            }
            if kind == .primary { rates.primary[type] = n } else { rates.secondary[type] = n }
        }
        try log.throwIfAny()
        return rates
    }
}
