import Foundation
import PlacePlanCore

/// What a file of actual rolls is checked against: the plan's ladder, its planning areas and, for
/// a place plan, its schools. A place plan's come from `plan.toml`, `areas.csv` and `schools.csv`
/// alone: its rolls by school are not needed to check a census, and at national scale reading
/// them was a third of an import. An area plan's areas are those of its rolls, so its whole
/// folder is read.
public struct PlanOutline: Equatable, Sendable {
    public let ladder: Ladder
    /// Every planning area's code (a place plan's primary and secondary areas).
    public let areas: Set<String>
    /// A place plan's school codes; `nil` for an area plan.
    public let schools: Set<String>?

    public init(ladder: Ladder, areas: Set<String>, schools: Set<String>?) {
        self.ladder = ladder
        self.areas = areas
        self.schools = schools
    }

    /// The outline of a plan already loaded.
    public init(_ plan: Plan) {
        self.init(ladder: plan.history.ladder, areas: Set(plan.history.areas.map(\.area.code)),
                  schools: plan.places.map { Set($0.schools.schools.map(\.code)) })
    }
}

extension PlanFolder {
    /// A plan folder's outline and the warnings found reading it: for a place plan, `plan.toml`,
    /// `areas.csv` and `schools.csv` checked as a whole load checks them (the same errors); for
    /// an area plan, the whole folder loaded.
    public static func loadOutline(_ folder: URL) throws -> (outline: PlanOutline, warnings: [InputIssue]) {
        let (config, configURL, _, _) = try readConfig(folder)
        let schoolsURL = folder.appendingPathComponent(config.schoolsFile)
        guard FileManager.default.fileExists(atPath: schoolsURL.path) else {
            let (plan, warnings) = try loadWithWarnings(folder)
            return (PlanOutline(plan), warnings)
        }
        var mapping = ColumnMapping(config.columns)
        func table(_ url: URL) throws -> CSVTable {
            mapping.apply(try CSVTable(bytes: CSVTable.read(url: url, file: url.path), file: url.path))
        }
        let areasURL = folder.appendingPathComponent(config.areasFile)
        let areas = FileManager.default.fileExists(atPath: areasURL.path) ? try table(areasURL) : nil
        let layout = try phaseLayout(config: config, configFile: configURL.path)
        let reader = schoolsReader(layout: layout, schools: try table(schoolsURL), areas: areas)
        try reader.log.throwIfAny()
        let geography = reader.geography
        return (PlanOutline(ladder: config.ladder, areas: Set(AreaKind.allCases.flatMap { geography.areas($0).map(\.code) }),
                            schools: Set(reader.schools.map(\.code))),
                reader.warnings)
    }
}
