import PlacePlanIO

/// What `placeplan import gias` writes — `schools.csv`, and `school-links.csv` when links were
/// given — and what the planner must still supply.
public enum SchoolsImport {
    public static func schoolsCSV(_ result: GIASSchools.Result) -> String {
        "school,name,phase,primary_area,secondary_area,net_capacity,pan,secondary_pan,sixth_form_capacity,sixth_form,opened,closed\n"
            + result.schools.map { s in
                [s.urn, CSVField.quote(s.name), s.phase, "", "", s.capacity.map(String.init) ?? "", "", "", "", s.hasSixthForm ? "yes" : "",
                 s.opened.map(String.init) ?? "", s.closed.map(String.init) ?? ""].joined(separator: ",")
            }.joined(separator: "\n") + "\n"
    }

    public static func linksCSV(_ result: GIASSchools.Result) -> String {
        "school,predecessor,link_type,date\n" + result.links.map {
            [$0.school, $0.predecessor, CSVField.quote($0.type), $0.date].joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    public static func summary(_ result: GIASSchools.Result, folder: String, files: [String]) -> String {
        let phases = Dictionary(grouping: result.schools, by: \.phase).sorted { $0.key < $1.key }
            .map { "\($0.value.count) \($0.key)" }.joined(separator: ", ")
        var out = "Imported \(Format.count(result.schools.count, "school")) (\(phases))\n"
        if !result.windows1252.isEmpty { out += "Read as Windows-1252, as GIAS writes its files: \(result.windows1252.joined(separator: ", "))\n" }
        out += result.leftOut.isEmpty ? "Nothing left out.\n" : "Left out, by what they were:\n"
        for (what, count) in result.leftOut.sorted(by: { $0.key < $1.key }) { out += "- \(what): \(Format.count(count, "establishment"))\n" }
        let noCapacity = result.schools.filter { $0.capacity == nil }.count
        let sixthForms = result.schools.filter(\.hasSixthForm).count
        out += "Still to supply before `check` accepts the plan (GIAS does not hold them):\n"
        out += "- every school's planning area (primary_area, and secondary_area for secondary and all-through schools), with areas.csv\n"
        out += "- rolls by school and year group (rolls.csv): GIAS has none, and none are invented\n"
        out += "Then the plan forecasts every school and area. To set pupils against places (sufficiency), supply too:\n"
        out += "- every school's admission number (pan; secondary_pan for all-through schools); until then net_capacity is not used\n"
        if noCapacity > 0 { out += "- net capacity for \(Format.count(noCapacity, "school")) GIAS gives none for\n" }
        if sixthForms > 0 { out += "- sixth-form places for \(Format.count(sixthForms, "school")) with a sixth form (sixth_form = yes marks them meanwhile)\n" }
        out += "net_capacity is GIAS's SchoolCapacity, which may differ from the DfE's net capacity assessment.\n"
        if !result.links.isEmpty {
            out += "\(Format.count(result.links.count, "predecessor link")) in school-links.csv: a school's rolls before it became an academy "
                + "(or merged) are under its predecessor's URN; give them under the new one.\n"
        }
        out += "Wrote \(files.joined(separator: ", ")) to \(folder).\n"
        return out
    }
}
