import GRDB
import PlacePlanCore

/// The stored actual of each cell an import brings, by the row's position: what decides whether
/// a row is new, unchanged or a conflict. Only the years of the rows are read, and nothing at
/// all when the store has none of them (a new census year). A file imported again meets
/// millions of stored cells, so they are matched by number (`ActualKeys`), their codes and year
/// groups compared as bytes, and kept in arrays by position rather than a table of structs.
struct StoredMatches {
    /// By row: the stored pupils (NaN: none stored) and the import that wrote them; empty when
    /// the store holds nothing of the rows' years.
    private var pupils: [Double]
    private var importIDs: [Int64]
    private var imports: [Int64: (source: String, importedAt: String)] = [:]

    init(of rows: [ActualRoll], keys: ActualKeys, _ db: Database) throws {
        // Nothing stored for a new census year: no arrays of millions of rows to fill with "none".
        pupils = []
        importIDs = []
        let years = rows.distinctYears
        guard !years.isEmpty else { return }
        let inYears = "year IN (\(years.map(String.init).joined(separator: ",")))"
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actual_year WHERE \(inYears))") == true else { return }
        pupils = [Double](repeating: .nan, count: rows.count)
        importIDs = [Int64](repeating: 0, count: rows.count)
        var position: [UInt64: Int32] = [:]
        position.reserveCapacity(rows.count)
        for (i, key) in keys.keys.enumerated() where position[key] == nil { position[key] = Int32(i) }
        imports = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, source, imported_at FROM actual_import").map {
            ($0[0] as Int64, (source: $0[1] as String, importedAt: $0[2] as String))
        })
        // A code is looked up when it changes (every cell of an `actual_year` row shares it), a
        // year group among the few names met so far.
        var last: (level: [UInt8], code: [UInt8], levelName: String, rank: UInt64?) = ([], [], "", nil)
        var groups: [(name: [UInt8], rank: UInt64?)] = []
        func match(level: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer, year: Int, importID: Int,
                   group: UnsafeRawBufferPointer, pupils value: Double) {
            if !code.elementsEqual(last.code) || !level.elementsEqual(last.level) {
                last = (Array(level), Array(code), String(decoding: level, as: UTF8.self), keys.rank(ofCode: String(decoding: code, as: UTF8.self)))
            }
            guard let codeRank = last.rank else { return }
            let groupRank: UInt64?
            if let known = groups.first(where: { $0.name.elementsEqual(group) }) { groupRank = known.rank } else {
                groupRank = keys.rank(ofGroup: String(decoding: group, as: UTF8.self))
                groups.append((Array(group), groupRank))
            }
            guard let groupRank else { return }
            let key = ActualKeys.pack(level: last.levelName, code: codeRank, year: year, group: groupRank)
            guard let i = position[key] else { return }
            pupils[Int(i)] = value
            importIDs[Int(i)] = Int64(importID)
        }
        // Each row's object read here (`ActualsObjects.forEachCell`); through SQLite's json_each
        // only if some object is not as PlacePlan writes them (every match is then made again).
        struct NotAsWritten: Error {}
        do {
            try db.forEachRawRow("SELECT level, code, year, import_id, pupils FROM actual_year WHERE \(inYears)", arguments: []) { row in
                let level = row.bytes(0), code = row.bytes(1), year = row.integer(2), importID = row.integer(3)
                let read = ActualsObjects.forEachCell(in: row.bytes(4)) { group, value in
                    match(level: level, code: code, year: year, importID: importID, group: group, pupils: value)
                }
                if !read { throw NotAsWritten() }
            }
        } catch is NotAsWritten {
            pupils = [Double](repeating: .nan, count: rows.count)
            try db.forEachRawRow("""
                SELECT a.level, a.code, a.year, a.import_id, j.key, j.value FROM actual_year a, json_each(a.pupils) j WHERE a.\(inYears)
                """, arguments: []) { row in
                match(level: row.bytes(0), code: row.bytes(1), year: row.integer(2), importID: row.integer(3),
                      group: row.bytes(4), pupils: row.real(5))
            }
        }
        // A cell named twice in the rows: each of them meets the stored value.
        if position.count < rows.count {
            for (i, key) in keys.keys.enumerated() where pupils[i].isNaN {
                if let first = position[key], !pupils[Int(first)].isNaN {
                    pupils[i] = pupils[Int(first)]
                    importIDs[i] = importIDs[Int(first)]
                }
            }
        }
    }

    /// The stored actual of row `i`'s cell, if any.
    func actual(at i: Int) -> PlanStore.StoredActual? {
        guard !pupils.isEmpty, !pupils[i].isNaN else { return nil }
        let from = imports[importIDs[i]]
        return PlanStore.StoredActual(pupils: pupils[i], source: from?.source ?? "", importedAt: from?.importedAt ?? "",
                                      importID: importIDs[i])
    }
}
