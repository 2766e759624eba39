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
            while let row = try cursor.next() {
                actuals[Key(level: row["level"], code: row["code"], year: row["year"], yearGroup: row["year_group"])] = row["pupils"]
            }
            return try vintages.map { vintage in
                let ladder = vintage.settings.coreLadder
                let index = Dictionary(uniqueKeysWithValues: ladder.yearGroups.enumerated().map { ($1.name, $0) })
                var forecast: [VintageAccuracy.Cell: Double] = [:]
                let cells = try Row.fetchCursor(db, sql: """
                    SELECT level, code, year, year_group, pupils FROM vintage_cell WHERE vintage_id = ?
                    """, arguments: [vintage.id])
                while let row = try cells.next() {
                    guard let level = CellLevel(rawValue: row["level"]), let g = index[row["year_group"]] else { continue }
                    forecast[VintageAccuracy.Cell(level: level, code: row["code"], year: row["year"], yearGroup: g)] = row["pupils"]
                }
                let result = VintageAccuracy.score(ladder: ladder, origin: vintage.originYear, forecast: forecast) { level, code, year, g in
                    actuals[Key(level: level.rawValue, code: code, year: year, yearGroup: ladder.yearGroups[g].name)]
                }
                return ScoredVintage(vintage: vintage, result: result)
            }
        }
    }
}
