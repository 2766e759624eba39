import Foundation
import GRDB
import GRDBSQLite
import PlacePlanCore

extension PlanStore {
    /// An actual already in the store.
    public struct StoredActual: Equatable, Sendable {
        public let pupils: Double
        public let source: String
        public let importedAt: String
    }

    /// A row whose cell already holds a different value.
    public struct Conflict: Equatable, Sendable {
        public let row: ActualRoll
        public let existing: StoredActual
    }

    public struct ImportOutcome: Equatable, Sendable {
        public let added: Int
        public let unchanged: Int
        /// Replaced cells (only with `replace`), each recorded in `actual_revision`.
        public let replaced: [Conflict]
        /// Conflicting rows that were not replaced; when there are any, nothing was written.
        public let refused: [Conflict]
        public var written: Bool { refused.isEmpty && (added > 0 || !replaced.isEmpty) }
    }

    /// Adds actual counts in one transaction. A row equal to the stored value is unchanged (so a
    /// re-import changes nothing); a different value for a stored cell is a conflict: with
    /// `replace` the new value is written and the old one kept in `actual_revision`, without it
    /// the whole import is refused and nothing is written.
    /// - Parameter willWrite: called inside the transaction, before the first write, with the
    ///   number of rows to be written (for a progress note).
    public func importActuals(_ rows: [ActualRoll], source: String, replace: Bool, now: Date = Date(),
                              willWrite: (Int) -> Void = { _ in }) throws -> ImportOutcome {
        let time = Self.timestamp(now)
        if let row = rows.first(where: { !ActualKeys.years.contains($0.year) }) {
            throw StoreError(kind: .failed, path: path, message: "the year \(row.year) of \(row.code) is not a year an actual can be stored for",
                             fix: "give the academic year's first year, e.g. 2024 for 2024/25")
        }
        let keys = ActualKeys(rows)
        return try write { db -> (value: ImportOutcome, commit: Bool) in
            // Read under the write lock: no other process can change these meanwhile.
            let stored = try Self.storedActuals(of: rows, keys: keys, db)
            var added: [Int] = [], unchanged = 0, conflicts: [Conflict] = []
            for (i, row) in rows.enumerated() {
                if let existing = stored[Int32(i)] {
                    if existing.pupils == row.pupils { unchanged += 1 } else { conflicts.append(Conflict(row: row, existing: existing)) }
                } else {
                    added.append(i)
                }
            }
            if !conflicts.isEmpty && !replace {
                return (ImportOutcome(added: added.count, unchanged: unchanged, replaced: [], refused: conflicts), false)
            }
            guard !added.isEmpty || !conflicts.isEmpty else {
                return (ImportOutcome(added: 0, unchanged: unchanged, replaced: [], refused: []), false)
            }
            willWrite(added.count + conflicts.count)
            try db.execute(sql: "INSERT INTO actual_import (source, imported_at) VALUES (?, ?)", arguments: [source, time])
            let importID = db.lastInsertedRowID
            // In the table's key order: SQLite then appends to its B-tree instead of splitting
            // pages all over it for every row, most of an import's time with millions of rows.
            var isAdded = [Bool](repeating: false, count: rows.count)
            for i in added { isAdded[i] = true }
            try Self.insert(keys.tableOrder.lazy.filter { isAdded[$0] }.map { rows[$0] }, importID: importID, db)
            let update = try db.cachedStatement(sql: """
                UPDATE actual SET pupils = ?, import_id = ? WHERE level = ? AND code = ? AND year = ? AND year_group = ?
                """)
            let revision = try db.cachedStatement(sql: """
                INSERT INTO actual_revision (level, code, year, year_group, old_pupils, new_pupils, old_source, new_source, replaced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for conflict in conflicts {
                let row = conflict.row
                try revision.execute(arguments: [row.level.rawValue, row.code, row.year, row.yearGroup, conflict.existing.pupils,
                                                 row.pupils, conflict.existing.source, source, time])
                try update.execute(arguments: [row.pupils, importID, row.level.rawValue, row.code, row.year, row.yearGroup])
            }
            return (ImportOutcome(added: added.count, unchanged: unchanged, replaced: conflicts, refused: []), true)
        }
    }

    /// The stored actual of each row's cell, by the row's position. Only the years of the
    /// rows are read, and nothing at all when the store has none of them (a new census year).
    static func storedActuals(of rows: [ActualRoll], keys: ActualKeys, _ db: Database) throws -> [Int32: StoredActual] {
        let years = Array(Set(rows.map(\.year))).sorted()
        guard !years.isEmpty else { return [:] }
        let inYears = "year IN (\(years.map(String.init).joined(separator: ",")))"
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actual WHERE \(inYears))") == true else { return [:] }
        var position: [UInt64: Int32] = [:]
        position.reserveCapacity(rows.count)
        for (i, key) in keys.keys.enumerated() where position[key] == nil { position[key] = Int32(i) }
        var stored: [Int32: StoredActual] = [:]
        // Each import's file and time, read once; the cells by SQLite's own calls.
        let imports = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, source, imported_at FROM actual_import").map {
            ($0[0] as Int64, (source: $0[1] as String, importedAt: $0[2] as String))
        })
        try db.forEachRawRow("SELECT level, code, year, year_group, pupils, import_id FROM actual WHERE \(inYears)", arguments: []) { row in
            guard let key = keys.key(level: row.text(0) ?? "", code: row.text(1) ?? "", year: row.integer(2), yearGroup: row.text(3) ?? ""),
                  let i = position[key] else { return }
            let from = imports[Int64(row.integer(5))]
            stored[i] = StoredActual(pupils: row.real(4), source: from?.source ?? "", importedAt: from?.importedAt ?? "")
        }
        // A cell named twice in the rows: each of them meets the stored value.
        if position.count < rows.count {
            for (i, key) in keys.keys.enumerated() where stored[Int32(i)] == nil { if let first = position[key], let value = stored[first] { stored[Int32(i)] = value } }
        }
        return stored
    }

    /// New actuals of one import, in the order given (`stepEach`).
    static func insert<Rows: Sequence>(_ rows: Rows, importID: Int64, _ db: Database) throws where Rows.Element == ActualRoll {
        try db.stepEach("INSERT INTO actual (level, code, year, year_group, pupils, import_id) VALUES (?, ?, ?, ?, ?, ?)", rows) { handle, row in
            sqlite3_bind_int64(handle, 6, importID)
            sqlite3_bind_int64(handle, 3, Int64(row.year))
            sqlite3_bind_double(handle, 5, row.pupils)
            return withSQLiteText(row.level.rawValue) { level, levelCount in
                withSQLiteText(row.code) { code, codeCount in
                    withSQLiteText(row.yearGroup) { group, groupCount in
                        sqlite3_bind_text(handle, 1, level, levelCount, nil)
                        sqlite3_bind_text(handle, 2, code, codeCount, nil)
                        sqlite3_bind_text(handle, 4, group, groupCount, nil)
                        return sqlite3_step(handle)
                    }
                }
            }
        }
    }

    /// A recorded replacement of an actual.
    public struct Revision: Equatable, Sendable {
        public let level: CellLevel
        public let code: String
        public let year: Int
        public let yearGroup: String
        public let oldPupils: Double
        public let newPupils: Double
        public let oldSource: String
        public let newSource: String
        public let replacedAt: String
    }

    /// Every replacement, oldest first.
    public func revisions() throws -> [Revision] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM actual_revision ORDER BY id").map {
                Revision(level: CellLevel(rawValue: $0["level"]) ?? .area, code: $0["code"], year: $0["year"],
                         yearGroup: $0["year_group"], oldPupils: $0["old_pupils"], newPupils: $0["new_pupils"],
                         oldSource: $0["old_source"], newSource: $0["new_source"], replacedAt: $0["replaced_at"])
            }
        }
    }

    /// The stored actual of one cell, if any.
    public func actual(level: CellLevel, code: String, year: Int, yearGroup: String) throws -> StoredActual? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.pupils AS pupils, i.source AS source, i.imported_at AS imported_at
                FROM actual a JOIN actual_import i ON i.id = a.import_id
                WHERE a.level = ? AND a.code = ? AND a.year = ? AND a.year_group = ?
                """, arguments: [level.rawValue, code, year, yearGroup]).map {
                StoredActual(pupils: $0["pupils"], source: $0["source"], importedAt: $0["imported_at"])
            }
        }
    }
}
