import PlacePlanCore

/// Reads `areas.csv` (optional) and `schools.csv` into the plan's geography and schools.
///
/// Where areas come from: with `areas.csv`, the areas are the ones it lists (a school in any
/// other area is an error); without it, the areas are those named in `schools.csv` — the
/// `primary_area` of primary and all-through schools, the `secondary_area` of secondary and
/// all-through schools. Either way a code is one kind of area, never both.
struct SchoolsReader {
    static let areaColumns = ["area", "name", "phase"]
    static let schoolColumns = ["school", "name", "phase", "primary_area", "secondary_area"]
    static let years = 1900...2200

    /// An area and where it was defined.
    struct AreaEntry { let area: PlanningArea; let kind: AreaKind; let line: Int; let file: String }

    let layout: PhaseLayout
    private(set) var log = IssueLog()
    private(set) var warnings: [InputIssue] = []
    /// Code → definition, in file order.
    private(set) var areas: [String: AreaEntry] = [:]
    private(set) var areaOrder: [String] = []
    private(set) var feeds: [String: [String]] = [:]
    private(set) var schools: [School] = []
    /// The schools.csv line of each school.
    private(set) var lines: [String: Int] = [:]
    /// Schools listed but refused (their row has a problem): their rolls are not checked, so that
    /// one mistake in schools.csv is not reported again for every one of its rolls rows.
    private(set) var refused: Set<String> = []
    /// Whether schools.csv gives places: `net_capacity` and `pan` for every school, or for none
    /// (then the plan forecasts, but has no sufficiency to show).
    private(set) var capacityGiven = true
    private var areasFromFile = false

    init(layout: PhaseLayout) { self.layout = layout }

    // MARK: areas.csv

    mutating func readAreas(_ table: CSVTable) {
        let shape = table.checkShape(required: Self.areaColumns, example: "area,name,phase / P01,Northgate,primary")
        log.add(contentsOf: shape)
        guard shape.isEmpty else { return }
        areasFromFile = true
        var pendingFeeds: [(code: String, row: CSVRow, list: [String])] = []
        for row in table.rows {
            let code = table.text(row, "area"), name = table.text(row, "name"), phase = table.text(row, "phase").lowercased()
            guard !code.isEmpty else {
                log.add(table.issue(row, "area", "the area code is empty", fix: "give the planning area's code, e.g. P01"))
                continue
            }
            guard let kind = AreaKind(rawValue: phase) else {
                log.add(table.issue(row, "phase", "'\(table.text(row, "phase"))' is not a kind of planning area",
                                    fix: "write primary or secondary (primary and secondary planning areas are different geographies)"))
                continue
            }
            if let earlier = areas[code] {
                log.add(table.issue(row, "area", "area \(code) is listed twice (the first is on line \(earlier.line))",
                                    fix: "list each planning area once; a code is a primary or a secondary area, not both"))
                continue
            }
            areas[code] = AreaEntry(area: PlanningArea(code: code, name: name.isEmpty ? nil : name), kind: kind, line: row.line, file: table.file)
            areaOrder.append(code)
            if table.has("feeds") {
                let list = table.text(row, "feeds").split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "|" }).map(String.init)
                if !list.isEmpty {
                    if kind == .secondary {
                        log.add(table.issue(row, "feeds", "a secondary area feeds nothing: feeds lists, for a primary area, "
                                            + "the secondary areas its Year 6 can transfer to", fix: "leave feeds empty for secondary areas"))
                    } else {
                        pendingFeeds.append((code, row, list))
                    }
                }
            }
        }
        for (code, row, list) in pendingFeeds {
            var valid: [String] = []
            for target in list {
                if areas[target]?.kind == .secondary { valid.append(target) } else {
                    log.add(table.issue(row, "feeds", "'\(target)' is not a secondary planning area in this file",
                                        fix: "list secondary area codes separated by spaces, e.g. S1 S2"))
                }
            }
            feeds[code] = valid
        }
    }

    // MARK: schools.csv

    mutating func readSchools(_ table: CSVTable) {
        let shape = table.checkShape(required: Self.schoolColumns,
                                     example: "school,name,phase,primary_area,secondary_area,net_capacity,pan,opened,closed / "
                                        + "NG01,Northgate Primary,primary,P01,S1,420,60,,")
        log.add(contentsOf: shape)
        guard shape.isEmpty else { return }
        // Places are all or nothing: a plan with some schools' places and not others' would
        // show sufficiency that silently leaves schools out.
        // A column empty on every row means the places are not given (a GIAS import has net
        // capacity but no PAN): the plan forecasts, and says the places it has are not used.
        func anyGiven(_ column: String) -> Bool { table.has(column) && table.rows.contains { !table.text($0, column).isEmpty } }
        let net = anyGiven("net_capacity"), pan = anyGiven("pan")
        capacityGiven = net && pan
        if net || pan {
            // A column missing from the header beside one with figures is a typo, not a choice.
            let missing = table.checkShape(required: ["net_capacity", "pan"],
                                           example: "school,name,phase,primary_area,secondary_area,net_capacity,pan / NG01,Northgate Primary,primary,P01,S1,420,60")
            log.add(contentsOf: missing)
            guard missing.isEmpty else { return }
        }
        if net != pan {
            let empty = net ? "pan" : "net_capacity"
            warnings.append(InputIssue(file: table.file, line: 1, column: table.number(empty), columnName: empty,
                                       message: "\(empty) is given for no school, so the schools' places are not used: the plan forecasts, "
                                        + "but sets no pupils against places",
                                       fix: "give every school's \(empty) to see places needed and spare capacity"))
        }
        var firstRows: [String: CSVRow] = [:]
        for row in table.rows {
            let code = table.text(row, "school")
            guard !code.isEmpty else {
                log.add(table.issue(row, "school", "the school code is empty", fix: "give the school's code (e.g. its URN)"))
                continue
            }
            let phaseText = table.text(row, "phase").lowercased()
            let phase = SchoolPhase(rawValue: phaseText) ?? (phaseText == "all through" || phaseText == "allthrough" ? .allThrough : nil)
            if phase == nil {
                log.add(table.issue(row, "phase", "'\(table.text(row, "phase"))' is not a school phase",
                                    fix: "write primary, secondary, all-through or special"))
            }
            let primaryArea = table.text(row, "primary_area"), secondaryArea = table.text(row, "secondary_area")
            if let earlier = firstRows[code] {
                let before = (table.text(earlier, "primary_area"), table.text(earlier, "secondary_area"))
                if before != (primaryArea, secondaryArea) {
                    log.add(table.issue(row, before.0 != primaryArea ? "primary_area" : "secondary_area",
                                        "school \(code) is in two areas: \(describe(before.0, before.1)) on line \(earlier.line) "
                                            + "and \(describe(primaryArea, secondaryArea)) here",
                                        fix: "a school is in one primary and one secondary planning area: keep one row for it"))
                } else {
                    log.add(table.issue(row, "school", "school \(code) is listed twice (the first is on line \(earlier.line))",
                                        fix: "keep one row per school"))
                }
                continue
            }
            firstRows[code] = row
            guard let phase else {
                refused.insert(code)
                continue
            }

            // Areas: required where the school is planned; checked against areas.csv or collected.
            var areaProblem = false
            func checkArea(_ column: String, _ code: String, kind: AreaKind, required: Bool) {
                if code.isEmpty {
                    if required {
                        areaProblem = true
                        log.add(table.issue(row, column, "\(phase.withArticle) school needs its \(kind.rawValue) planning area",
                                            fix: "write the code of the \(kind.rawValue) planning area the school is in"))
                    }
                    return
                }
                if let known = areas[code] {
                    if known.kind != kind {
                        areaProblem = true
                        log.add(table.issue(row, column, "\(code) is a \(known.kind.rawValue) planning area (\(known.file), line \(known.line)), "
                                            + "not a \(kind.rawValue) one", fix: "give the school's \(kind.rawValue) planning area in \(column)"))
                    }
                } else if areasFromFile {
                    areaProblem = true
                    log.add(table.issue(row, column, "area \(code) does not exist: it is not in areas.csv",
                                        fix: "add \(code) to areas.csv as a \(kind.rawValue) area, or correct the code"))
                } else {
                    areas[code] = AreaEntry(area: PlanningArea(code: code), kind: kind, line: row.line, file: table.file)
                    areaOrder.append(code)
                }
            }
            checkArea("primary_area", primaryArea, kind: .primary, required: phase == .primary || phase == .allThrough)
            checkArea("secondary_area", secondaryArea, kind: .secondary, required: phase == .secondary || phase == .allThrough)

            // Places. Every problem is logged; a school with one is not kept (the plan fails anyway).
            let problemsBefore = log.issues.count
            let net = capacityGiven
                ? positive(table, row, "net_capacity", what: "the net capacity", required: true, within: Bounds.schoolPlaces) : nil
            let pan = capacityGiven
                ? positive(table, row, "pan", what: "the admission number (PAN)", required: phase != .special, within: Bounds.admissionNumber) : nil
            var teachesSixthForm: Bool? = nil
            if table.has("sixth_form") {
                switch table.text(row, "sixth_form").lowercased() {
                case "yes", "y", "true", "1": teachesSixthForm = true
                case "no", "n", "false", "0": teachesSixthForm = false
                case "": break
                default:
                    log.add(table.issue(row, "sixth_form", "'\(table.text(row, "sixth_form"))' is not yes or no",
                                        fix: "write yes if the school teaches a sixth form, no or nothing if not"))
                }
                if teachesSixthForm == true, phase == .primary || phase == .special || layout.sixthForm == nil {
                    log.add(table.issue(row, "sixth_form", "\(phase.withArticle) school has no sixth form",
                                        fix: "leave sixth_form empty (only secondary and all-through schools have sixth forms)"))
                }
            }
            let secondaryPAN = table.has("secondary_pan")
                ? positive(table, row, "secondary_pan", what: "the secondary admission number", required: false,
                           within: Bounds.admissionNumber) : nil
            let sixthForm = table.has("sixth_form_capacity")
                ? optionalCount(table, row, "sixth_form_capacity", what: "the sixth-form capacity", within: Bounds.schoolPlaces) : 0
            if secondaryPAN != nil, phase != .allThrough {
                warnings.append(table.issue(row, "secondary_pan", "secondary_pan is only used for all-through schools; ignored for \(phase.withArticle) school",
                                            fix: "leave it empty, or set the school's phase to all-through"))
            }
            if sixthForm > 0, phase == .primary || phase == .special || layout.sixthForm == nil {
                log.add(table.issue(row, "sixth_form_capacity", "\(phase.withArticle) school has no sixth form",
                                    fix: "leave sixth_form_capacity empty (only secondary and all-through schools have sixth forms)"))
            }
            let opened = optionalYear(table, row, "opened"), closed = optionalYear(table, row, "closed")
            if let o = opened, let c = closed, c <= o {
                log.add(table.issue(row, "closed", "the school closes (\(c)) before it opens (\(o))",
                                    fix: "closed is the first academic year the school is no longer open, after opened"))
            }
            guard !areaProblem, log.issues.count == problemsBefore else {
                refused.insert(code)
                continue
            }
            let capacity = SchoolCapacity(net: net ?? 0, pan: pan ?? 0, secondaryPAN: phase == .allThrough ? secondaryPAN : nil,
                                          sixthForm: sixthForm)
            let school = School(code: code, name: table.text(row, "name"), phase: phase,
                                primaryArea: primaryArea.isEmpty ? nil : primaryArea,
                                secondaryArea: secondaryArea.isEmpty ? nil : secondaryArea,
                                capacity: capacity, opened: opened, closed: closed,
                                sixthForm: teachesSixthForm.map { $0 || sixthForm > 0 })
            if capacityGiven { checkNetCapacity(school, table: table, row: row) }
            schools.append(school)
            lines[code] = row.line
        }
        // Areas no school is planned in (the areas schools are planned in, gathered once: a
        // national plan has thousands of each).
        var planned: [AreaKind: Set<String>] = [:]
        for school in schools { for kind in AreaKind.allCases { if let area = school.area(kind) { planned[kind, default: []].insert(area) } } }
        for code in areaOrder {
            let entry = areas[code]!
            if planned[entry.kind]?.contains(code) != true {
                warnings.append(InputIssue(file: entry.file, line: entry.line, columnName: "area",
                                           message: "\(entry.kind.rawValue) planning area \(code) has no \(entry.kind.rawValue) schools: "
                                            + "its pupils will have no school",
                                           fix: "add its schools to schools.csv, or remove the area"))
            }
        }
    }

    /// The geography read, areas in file order.
    var geography: Geography {
        let ordered = areaOrder.compactMap { areas[$0] }
        return Geography(primaryAreas: ordered.filter { $0.kind == .primary }.map(\.area),
                         secondaryAreas: ordered.filter { $0.kind == .secondary }.map(\.area), feeds: feeds)
    }

    // MARK: fields

    private func describe(_ primary: String, _ secondary: String) -> String {
        [primary.isEmpty ? nil : "primary area \(primary)", secondary.isEmpty ? nil : "secondary area \(secondary)"]
            .compactMap { $0 }.joined(separator: ", ").ifEmpty("no area")
    }

    /// A whole number > 0; `nil` when empty (an issue if required) or on a problem (logged).
    private mutating func positive(_ table: CSVTable, _ row: CSVRow, _ column: String, what: String, required: Bool,
                                   within bounds: ClosedRange<Int>) -> Int? {
        let raw = table.text(row, column)
        if raw.isEmpty {
            guard required else { return nil }
            log.add(table.issue(row, column, "\(what) is missing, but other schools have theirs",
                                fix: "write \(what) as a whole number of places, more than 0 (places are given for every school or for none)"))
            return nil
        }
        guard let value = StrictNumber.whole(raw) else {
            log.add(table.issue(row, column, "'\(raw)' is not a whole number",
                                fix: "write \(what) as a whole number of places, e.g. 420"))
            return nil
        }
        guard value <= bounds.upperBound else {
            log.add(table.issue(row, column, "\(what) is \(raw), more than any school has (at most \(bounds.upperBound))",
                                fix: "check the figure: a typo or a corrupted file, not a real number of places"))
            return nil
        }
        guard value > 0 else {
            log.add(table.issue(row, column, "\(what) is \(value): a school without places cannot be planned",
                                fix: "write the school's places (more than 0); if it has closed, give its closed year instead"))
            return nil
        }
        return value
    }

    /// A whole number ≥ 0, 0 when empty (a problem is logged).
    private mutating func optionalCount(_ table: CSVTable, _ row: CSVRow, _ column: String, what: String,
                                        within bounds: ClosedRange<Int>) -> Int {
        let raw = table.text(row, column)
        if raw.isEmpty { return 0 }
        guard let value = StrictNumber.whole(raw), bounds.contains(value) else {
            log.add(table.issue(row, column, "'\(raw)' is not a whole number of places from 0 to \(bounds.upperBound)", fix: "write \(what) as a whole number (0 or empty if none)"))
            return 0
        }
        return value
    }

    /// A year, `nil` when the column or the value is absent (a problem is logged).
    private mutating func optionalYear(_ table: CSVTable, _ row: CSVRow, _ column: String) -> Int? {
        guard table.has(column) else { return nil }
        let raw = table.text(row, column)
        if raw.isEmpty { return nil }
        switch table.integer(row, column, in: Self.years, what: "the academic year (its first year: 2020 for 2020/21)") {
        case .success(let year): return year
        case .failure(let issue): log.add(issue); return nil
        }
    }

    /// A net capacity far from what the admission numbers give is usually a typo.
    private mutating func checkNetCapacity(_ school: School, table: CSVTable, row: CSVRow) {
        guard school.phase != .special else { return }
        let groups = (0..<(layout.sixthForm?.upperBound ?? layout.secondary.upperBound) + 1)
        let places = groups.reduce(0) { $0 + school.places(yearGroup: $1, layout: layout) }
        guard places > 0, abs(Double(school.capacity.net - places)) > 0.15 * Double(places) else { return }
        warnings.append(table.issue(row, "net_capacity",
                                    "net capacity \(school.capacity.net) is far from the \(places) places its admission numbers give",
                                    fix: "check net_capacity and pan (pan is the admission number of one year group)"))
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

extension SchoolPhase {
    /// "a primary", "an all-through": the phase as a sentence names it.
    var withArticle: String { ("aeiou".contains(rawValue.first ?? "x") ? "an " : "a ") + rawValue }
}
