/// `[columns]` of plan.toml: the plan's column names as a planner's own files spell them, so a
/// download is read as it is (`year_group = "nc_year"`) rather than edited by hand.
extension PlanConfig {
    /// Every column of the plan folder's own files (rolls, births, schools, areas, area
    /// changes) that `[columns]` may rename: a key outside these would rename nothing.
    static let columnKeys: Set<String> = [
        "year", "area", "area_name", "year_group", "pupils", "school", "births", "type",
        "name", "phase", "primary_area", "secondary_area", "net_capacity", "pan", "secondary_pan",
        "sixth_form_capacity", "sixth_form", "opened", "closed", "feeds", "change", "to", "share",
    ]

    static func columns(_ top: TOMLSection, into config: inout PlanConfig) {
        guard let section = section("columns", of: top) else { return }
        section.unknownKeys(allowed: columnKeys, in: "columns",
                            fix: "name a column of rolls.csv, births.csv, schools.csv, areas.csv or area-changes.csv, e.g. year_group = \"nc_year\"")
        var theirs: [String: String] = [:]
        for key in section.table.keys.sorted() where columnKeys.contains(key) {
            guard let name = section.text(key, trimmed: true, message: "columns.\(key) must be the file's name for the column",
                                          fix: "e.g. \(key) = \"nc_year\"") else { continue }
            let column = name.lowercased()
            if let other = theirs[column] {
                section.issue(key, "columns.\(key) and columns.\(other) both read the file's '\(name)'",
                              fix: "give each column of the plan its own column of the file")
                continue
            }
            theirs[column] = key
            config.columns[key] = column
        }
    }
}
