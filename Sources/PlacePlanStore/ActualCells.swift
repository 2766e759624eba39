import GRDB

/// One stored actual as it is read: its `actual_year` row's level, code, year and import, and
/// the cell's year group and pupils. The bytes are valid only during the call that gives them.
struct ActualCell {
    let level: UnsafeRawBufferPointer
    let code: UnsafeRawBufferPointer
    let year: Int
    let importID: Int
    let yearGroup: UnsafeRawBufferPointer
    let pupils: Double
}

extension Database {
    /// Every stored actual of the `actual_year` rows that `condition` selects (`year BETWEEN ? AND
    /// ?`), cell by cell, in the table's key order. Each row's object is read by
    /// `ActualsObjects.forEachCell`; if one is not as PlacePlan writes them, `restart` is called
    /// and every cell is given again, read through SQLite's `json_each` (the view `actual`'s way).
    /// The one place that chooses between the two, for scoring and for an import's matches.
    func forEachActualCell(where condition: String, arguments: [Int64], restart: () -> Void,
                           _ body: (ActualCell) -> Void) throws {
        struct NotAsWritten: Error {}
        do {
            try forEachRawRow("SELECT level, code, year, import_id, pupils FROM actual_year WHERE \(condition)",
                              arguments: arguments) { row in
                let level = row.bytes(0), code = row.bytes(1), year = row.integer(2), importID = row.integer(3)
                let read = ActualsObjects.forEachCell(in: row.bytes(4)) { group, pupils in
                    body(ActualCell(level: level, code: code, year: year, importID: importID, yearGroup: group, pupils: pupils))
                }
                if !read { throw NotAsWritten() }
            }
        } catch is NotAsWritten {
            restart()
            try forEachRawRow("""
                SELECT a.level, a.code, a.year, a.import_id, j.key, j.value
                FROM (SELECT * FROM actual_year WHERE \(condition)) a, json_each(a.pupils) j
                """, arguments: arguments) { row in
                body(ActualCell(level: row.bytes(0), code: row.bytes(1), year: row.integer(2), importID: row.integer(3),
                                yearGroup: row.bytes(4), pupils: row.real(5)))
            }
        }
    }
}
