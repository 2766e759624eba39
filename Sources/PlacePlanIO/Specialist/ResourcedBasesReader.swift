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
        var provider = ProviderColumns(table, column: "base", example: "RB1")
        for row in table.rows {
            let code = provider.code(row, log: &log)
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
            let (opened, closed) = provider.years(row, log: &log)
            guard !code.isEmpty, let school, school.phase != .special, case .success(let n) = places else { continue }
            bases.append(ResourcedBase(code: code, name: provider.name(row, code: code), school: school.code, places: n, opened: opened, closed: closed))
        }
        try log.throwIfAny()
        return bases
    }
}
