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
        /// The import whose row holds it (`actual_year.import_id`).
        let importID: Int64
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
        // The table keeps the counts as JSON, which holds no NaN or infinity and which no CHECK
        // reads again: a count is refused here, before anything is written.
        if let row = rows.first(where: { !($0.pupils >= 0 && $0.pupils.isFinite) }) {
            throw StoreError(kind: .failed, path: path,
                             message: "the count \(row.pupils) of \(row.code), \(row.year), \(row.yearGroup) is not a number of pupils",
                             fix: "give a count of 0 or more")
        }
        let keys = ActualKeys(rows)
        return try write { db -> (value: ImportOutcome, commit: Bool) in
            // Read under the write lock: no other process can change these meanwhile.
            let stored = try StoredMatches(of: rows, keys: keys, db)
            var writing: [Int] = [], added = 0, unchanged = 0, conflicts: [Conflict] = []
            for (i, row) in rows.enumerated() {
                if let existing = stored.actual(at: i) {
                    if existing.pupils == row.pupils { unchanged += 1 } else {
                        conflicts.append(Conflict(row: row, existing: existing))
                        writing.append(i)
                    }
                } else {
                    added += 1
                    writing.append(i)
                }
            }
            if !conflicts.isEmpty && !replace {
                return (ImportOutcome(added: added, unchanged: unchanged, replaced: [], refused: conflicts), false)
            }
            guard !writing.isEmpty else {
                return (ImportOutcome(added: 0, unchanged: unchanged, replaced: [], refused: []), false)
            }
            willWrite(writing.count)
            try db.execute(sql: "INSERT INTO actual_import (source, imported_at) VALUES (?, ?)", arguments: [source, time])
            let importID = db.lastInsertedRowID
            // A replaced cell leaves the older import's row (which goes when nothing is left in
            // it) and joins this import's, with the new value; its revision is recorded.
            let revision = try db.cachedStatement(sql: """
                INSERT INTO actual_revision (level, code, year, year_group, old_pupils, new_pupils, old_source, new_source, replaced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let takeOut = try db.cachedStatement(sql: """
                UPDATE actual_year SET pupils = (SELECT json_group_object(key, value) FROM json_each(actual_year.pupils) WHERE key <> ?)
                WHERE level = ? AND code = ? AND year = ? AND import_id = ?
                """)
            let dropEmpty = try db.cachedStatement(sql: """
                DELETE FROM actual_year WHERE level = ? AND code = ? AND year = ? AND import_id = ? AND pupils = '{}'
                """)
            for conflict in conflicts {
                let row = conflict.row, old = conflict.existing
                try revision.execute(arguments: [row.level.rawValue, row.code, row.year, row.yearGroup, old.pupils,
                                                 row.pupils, old.source, source, time])
                try takeOut.execute(arguments: [row.yearGroup, row.level.rawValue, row.code, row.year, old.importID])
                try dropEmpty.execute(arguments: [row.level.rawValue, row.code, row.year, old.importID])
            }
            try Self.insert(rows, writing, keys: keys, importID: importID, path: path, db)
            return (ImportOutcome(added: added, unchanged: unchanged, replaced: conflicts, refused: []), true)
        }
    }

    /// The cells at `positions` of `rows`, as this import's rows of `actual_year`: one per
    /// level, code and year, its year groups in the order the rows give them, in the table's
    /// key order (SQLite then appends to its B-tree rather than splitting pages all over it).
    /// A cell given twice is refused: it would be two keys of one object.
    static func insert(_ rows: [ActualRoll], _ positions: [Int], keys: ActualKeys, importID: Int64, path: String, _ db: Database) throws {
        let order = keys.yearOrder(of: positions)
        var start = 0
        var years: [Range<Int>] = []
        while start < order.count {
            var end = start + 1
            let codeYear = ActualKeys.codeYear(of: keys.keys[order[start]])
            while end < order.count, ActualKeys.codeYear(of: keys.keys[order[end]]) == codeYear { end += 1 }
            years.append(start..<end)
            start = end
        }
        for range in years {
            var groups = order[range].map { ActualKeys.group(of: keys.keys[$0]) }
            groups.sort()
            if let repeated = zip(groups, groups.dropFirst()).first(where: { $0.0 == $0.1 }) {
                let row = rows[order[range].first { ActualKeys.group(of: keys.keys[$0]) == repeated.0 }!]
                throw StoreError(kind: .failed, path: path, message: "the cell \(row.code), \(row.year), \(row.yearGroup) is given twice",
                                 fix: "keep one row per year, code and year group")
            }
        }
        // Blocks of rows: each block's objects are made on a thread of their own while the
        // block before is stored (a national census: 215,000 rows, a third of a second of objects).
        let blocks = stride(from: 0, to: years.count, by: 4096).map { $0 ..< min($0 + 4096, years.count) }
        func makeObjects(_ block: Int) -> Parallel.Background<ActualsObjects>? {
            guard block < blocks.count else { return nil }
            return Parallel.Background { [rows, order, years, range = blocks[block]] in
                var objects = ActualsObjects()
                for year in years[range] { objects.append(order[year].lazy.map { (rows[$0].yearGroup, rows[$0].pupils) }) }
                return objects
            }
        }
        var next = makeObjects(0)
        for (b, block) in blocks.enumerated() {
            let made = try next!.value()
            next = makeObjects(b + 1)
            try db.stepEach("INSERT INTO actual_year (level, code, year, import_id, pupils) VALUES (?, ?, ?, ?, ?)", block) { handle, i in
                step(handle, rows[order[years[i].lowerBound]], objects: made, i - block.lowerBound, importID: importID)
            }
        }
    }

    /// Binds one `actual_year` row (its first cell's level, code and year; object `i` of
    /// `objects`) and steps.
    private static func step(_ handle: OpaquePointer, _ first: ActualRoll, objects: ActualsObjects, _ i: Int, importID: Int64) -> Int32 {
        sqlite3_bind_int64(handle, 3, Int64(first.year))
        sqlite3_bind_int64(handle, 4, importID)
        return objects.withText(i) { text, textCount in
            withSQLiteText(first.level.rawValue) { level, levelCount in
                withSQLiteText(first.code) { code, codeCount in
                    sqlite3_bind_text(handle, 1, level, levelCount, nil)
                    sqlite3_bind_text(handle, 2, code, codeCount, nil)
                    sqlite3_bind_text(handle, 5, text, textCount, nil)
                    return sqlite3_step(handle)
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
                SELECT a.pupils AS pupils, i.source AS source, i.imported_at AS imported_at, a.import_id AS import_id
                FROM actual a JOIN actual_import i ON i.id = a.import_id
                WHERE a.level = ? AND a.code = ? AND a.year = ? AND a.year_group = ?
                """, arguments: [level.rawValue, code, year, yearGroup]).map {
                StoredActual(pupils: $0["pupils"], source: $0["source"], importedAt: $0["imported_at"], importID: $0["import_id"])
            }
        }
    }
}
