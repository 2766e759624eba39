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
        try db.forEachActualCell(where: inYears, arguments: [], restart: { pupils = [Double](repeating: .nan, count: rows.count) }) { cell in
            if !cell.code.elementsEqual(last.code) || !cell.level.elementsEqual(last.level) {
                last = (Array(cell.level), Array(cell.code), String(decoding: cell.level, as: UTF8.self),
                        keys.rank(ofCode: String(decoding: cell.code, as: UTF8.self)))
            }
            guard let codeRank = last.rank else { return }
            let groupRank: UInt64?
            if let known = groups.first(where: { $0.name.elementsEqual(cell.yearGroup) }) { groupRank = known.rank } else {
                groupRank = keys.rank(ofGroup: String(decoding: cell.yearGroup, as: UTF8.self))
                groups.append((Array(cell.yearGroup), groupRank))
            }
            guard let groupRank else { return }
            let key = ActualKeys.pack(level: last.levelName, code: codeRank, year: cell.year, group: groupRank)
            guard let i = position[key] else { return }
            pupils[Int(i)] = cell.pupils
            importIDs[Int(i)] = Int64(cell.importID)
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
