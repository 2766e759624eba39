import GRDB
import PlacePlanCore

/// A vintage with its scores against the actuals known when it was scored.
public struct ScoredVintage: Equatable, Sendable {
    public let vintage: Vintage
    public let result: VintageAccuracy.Result
}

extension PlanStore {
    /// Scores the given vintages (all when `nil`) against every actual in the store, read in
    /// one snapshot so that an import running meanwhile is seen whole or not at all.
    public func score(_ only: [Vintage]? = nil) throws -> [ScoredVintage] {
        try read { db in
            let vintages = try only ?? VintageRecord.order(Column("id")).fetchAll(db).map { try $0.vintage() }
            struct Key: Hashable { let level: String; let code: String; let year: Int; let yearGroup: String }
            var actuals: [Key: Double] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT level, code, year, year_group, pupils FROM actual")
            struct SchoolYear: Hashable { let code: String; let year: Int }
            var censused: Set<SchoolYear> = []
            while let row = try cursor.next() {
                let key = Key(level: row["level"], code: row["code"], year: row["year"], yearGroup: row["year_group"])
                actuals[key] = row["pupils"]
                if key.level == CellLevel.school.rawValue { censused.insert(SchoolYear(code: key.code, year: key.year)) }
            }
            return try vintages.map { vintage in
                // One read of the cells serves the seal check and the scores.
                let stored = try Self.storedCells(db, vintage: vintage.id)
                try verify(vintage, cells: stored)
                let ladder = vintage.settings.coreLadder
                let index = Dictionary(uniqueKeysWithValues: ladder.yearGroups.enumerated().map { ($1.name, $0) })
                var forecast: [VintageAccuracy.Cell: Double] = [:]
                // A place plan's schools by area, year and year group: an area's actual is the
                // sum of its schools' when no area figure was imported and every school has one.
                struct AreaCell: Hashable { let area: String; let year: Int; let yearGroup: String }
                var schoolsOf: [AreaCell: [String]] = [:]
                for cell in stored {
                    guard let g = index[cell.yearGroup] else { continue }
                    forecast[VintageAccuracy.Cell(level: cell.level, code: cell.code, year: cell.year, yearGroup: g)] = cell.pupils
                    if cell.level == .school, let area = cell.area, !area.isEmpty {
                        schoolsOf[AreaCell(area: area, year: cell.year, yearGroup: cell.yearGroup), default: []].append(cell.code)
                    }
                }
                // As in rolls.csv, a school's census lists the year groups it has pupils in: once a
                // school has any actual for a year, a year group with none is 0 (a new school
                // growing into its year groups).
                func school(_ code: String, _ year: Int, _ yearGroup: String) -> Double? {
                    if let stored = actuals[Key(level: CellLevel.school.rawValue, code: code, year: year, yearGroup: yearGroup)] {
                        return stored
                    }
                    return censused.contains(SchoolYear(code: code, year: year)) ? 0 : nil
                }
                let result = VintageAccuracy.score(ladder: ladder, origin: vintage.originYear, forecast: forecast) { level, code, year, g in
                    let yearGroup = ladder.yearGroups[g].name
                    switch level {
                    case .school: return school(code, year, yearGroup)
                    case .authority: return nil  // the sum of the areas', made by `VintageAccuracy`
                    case .area:
                        if let stored = actuals[Key(level: level.rawValue, code: code, year: year, yearGroup: yearGroup)] { return stored }
                        guard let schools = schoolsOf[AreaCell(area: code, year: year, yearGroup: yearGroup)] else { return nil }
                        var sum = 0.0
                        for member in schools {
                            guard let value = school(member, year, yearGroup) else { return nil }
                            sum += value
                        }
                        return sum
                    }
                }
                return ScoredVintage(vintage: vintage, result: result)
            }
        }
    }

    /// Refuses a vintage whose cells are not those it was sealed with: what is scored must be
    /// what was published.
    func verify(_ vintage: Vintage, cells: [VintageCell]) throws {
        guard let sealed = vintage.cellsSHA256 else { return }  // archived before fingerprints were kept
        guard VintageCell.sha256(cells) == sealed else {
            throw StoreError(kind: .altered, path: path,
                             message: "the cells of \(vintage.name) are not those it was archived with: they were changed outside "
                                + "PlacePlan, so its scores would not be the published forecast's",
                             fix: "restore the database from a backup, or archive the forecast again under a new label")
        }
    }
}
