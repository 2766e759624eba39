import PlacePlanCore

/// `specialist.csv`: resourced bases (and SEN units) in mainstream schools, with their places.
///
/// ```csv
/// base,name,school,places,opened,closed
/// RB1,Oakwood Autism Base,NG06,12,,
/// ```
///
/// Special schools are in schools.csv (`phase = special`, their places as `net_capacity`).
enum ResourcedBasesReader {
    static let columns = ["base", "school", "places"]
    static let example = "base,name,school,places,opened,closed / RB1,Oakwood Autism Base,NG06,12,,"

    static func read(_ table: CSVTable, schools: SchoolHistory) throws -> [ResourcedBase] {
        var log = IssueLog()
        log.add(contentsOf: table.checkShape(required: columns, example: example))
        try log.throwIfAny()
        var bases: [ResourcedBase] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let code = table.text(row, "base")
            if code.isEmpty { log.add(table.issue(row, "base", "the base has no code", fix: "give each base a short code, e.g. RB1")) }
            if let first = seen[code], !code.isEmpty {
                log.add(table.issue(row, "base", "base \(code) is listed twice (first on line \(first))", fix: "give each base its own code"))
            }
            seen[code] = seen[code] ?? row.line
            let host = table.text(row, "school")
            let school = schools.school(host)
            if school == nil {
                log.add(table.issue(row, "school", host.isEmpty ? "the school is empty" : "'\(host)' is not a school of schools.csv",
                                    fix: "give the code of the mainstream school the base is part of"))
            } else if school?.phase == .special {
                log.add(table.issue(row, "school", "\(school!.label) is a special school: a resourced base is part of a mainstream school",
                                    fix: "give a mainstream school, or add the places to the special school's net_capacity in schools.csv"))
            }
            let places = table.integer(row, "places", in: 1...Bounds.schoolPlaces.upperBound, what: "the base's places")
            if case .failure(let issue) = places { log.add(issue) }
            let opened = optionalYear(table, row, "opened", log: &log), closed = optionalYear(table, row, "closed", log: &log)
            if let opened, let closed, closed <= opened {
                log.add(table.issue(row, "closed", "it closes (\(closed)) no later than it opens (\(opened))",
                                    fix: "closed is the first year it is no longer open: after opened"))
            }
            guard !code.isEmpty, let school, school.phase != .special, case .success(let n) = places else { continue }
            let name = table.has("name") ? table.text(row, "name") : ""
            bases.append(ResourcedBase(code: code, name: name.isEmpty ? code : name, school: school.code, places: n, opened: opened, closed: closed))
        }
        try log.throwIfAny()
        return bases
    }

    /// An optional academic year column: `nil` when the column or the field is empty.
    static func optionalYear(_ table: CSVTable, _ row: CSVRow, _ column: String, log: inout IssueLog) -> Int? {
        guard table.has(column), !table.text(row, column).isEmpty else { return nil }
        switch table.academicYear(row, column, in: HistoryReader.years, what: "the academic year (2026 for 2026/27)") {
        case .success(let year): return year
        case .failure(let issue):
            log.add(issue)
            return nil
        }
    }
}
