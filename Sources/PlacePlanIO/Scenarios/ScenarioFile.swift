import Foundation
import PlacePlanCore

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
///
/// [[resourced_base]]          # specialist places (the plan needs ehcp.csv): ScenarioSpecialist
/// school = "RV01"
/// places = 16
/// opens = 2026
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
        "resourced_base": ["school", "places", "opens", "cost", "note"],
        "special_places": ["school", "places", "from", "cost", "note"],
    ]
    static let order = ["expansion", "pan_reduction", "bulge", "new_school", "closure", "births", "preference", "housing",
                        "resourced_base", "special_places"]
    static let topKeys: Set<String> = Set(changeKeys.keys).union(["title", "description"])

    /// Parses one scenario and checks it against the plan. `file` names it in messages.
    ///
    /// With `candidates`, the file lists candidate projects for `placeplan optimise`: only
    /// `[[expansion]]`, `[[bulge]]` and `[[new_school]]`, each with an optional `latest` start year
    /// (its `from`, `year` or `opens` is the earliest).
    public static func parse(_ text: String, name: String, file: String, history: SchoolHistory, candidates: Bool = false,
                             sites: Set<String>? = nil) throws -> Scenario {
        let reader = try TOMLReader(text, file: file)
        // Top-level keys are looked for before the first table, changes' keys in their own table.
        // A top-level key, or an unknown change kind by its first [[header]].
        let top = reader.rootSection { key in reader.lines.line(of: key, in: nil) ?? key.flatMap { reader.lines.header($0, 0) } }
        top.unknownKeys(allowed: topKeys, fix: "use one of: title, description, and the changes [[\(order.joined(separator: "]], [["))]]")
        let title = top.text("title", emptyAllowed: true, message: "title must be text",
                             fix: "e.g. title = \"Oakwood Primary +1FE from 2026\"")
        var scenario = ScenarioReader(reader: reader, history: history, candidates: candidates, sites: sites)
        // Kind by kind in `order`, not in file order: later kinds are checked against what earlier
        // ones did (schools a [[new_school]] opens, closures, admission-number changes).
        for kind in order { scenario.readChanges(kind) }
        try reader.throwIfAny()
        return Scenario(name: name, title: title, changes: scenario.changesInFileOrder)
    }
}
