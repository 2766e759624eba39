import GRDB
import PlacePlanCore

/// One stored cell of a vintage as it is read: its `vintage_year` row's level, code and year,
/// and the cell. The bytes are valid only during the call that gives them.
struct StoredVintageCell {
    let level: UnsafeRawBufferPointer
    let code: UnsafeRawBufferPointer
    let year: Int
    let cell: VintageObjects.Cell
}

extension Database {
    /// The orders a vintage's cells are read in; within a code and year, by year group.
    enum VintageCellOrder {
        /// Level, code, year: the table's key order (scoring, the fingerprint).
        case byCode
        /// Level, year, code: as `forecast --level` lists them.
        case byYear

        fileprivate var sql: String { self == .byCode ? "level, code, year" : "level, year, code" }
    }

    /// Every cell of vintage `id`, in `order`. Each row's object is read by
    /// `VintageObjects.forEachCell`; if one is not as PlacePlan writes them, `restart` is called
    /// and every cell is given again, read through the view `vintage_cell` (SQLite's
    /// `json_each`). The one place that chooses between the two, for scoring, the fingerprint
    /// and `cells(of:)`.
    func forEachVintageCell(_ id: Int64, order: VintageCellOrder, restart: () -> Void, _ body: (StoredVintageCell) -> Void) throws {
        struct NotAsWritten: Error {}
        do {
            try forEachRawRow("SELECT level, code, year, cells FROM vintage_year WHERE vintage_id = ? ORDER BY \(order.sql)",
                              arguments: [id]) { row in
                let level = row.bytes(0), code = row.bytes(1), year = row.integer(2)
                let read = VintageObjects.forEachCell(in: row.bytes(3)) { body(StoredVintageCell(level: level, code: code, year: year, cell: $0)) }
                if !read { throw NotAsWritten() }
            }
        } catch is NotAsWritten {
            restart()
            try forEachRawRow("""
                SELECT level, code, year, year_group, pupils, lower, upper, area FROM vintage_cell WHERE vintage_id = ?
                ORDER BY \(order.sql), year_group
                """, arguments: [id]) { row in
                let cell = VintageObjects.Cell(yearGroup: row.bytes(3), pupils: row.real(4), lower: row.optionalReal(5),
                                               upper: row.optionalReal(6), area: row.optionalBytes(7))
                body(StoredVintageCell(level: row.bytes(0), code: row.bytes(1), year: row.integer(2), cell: cell))
            }
        }
    }
}
