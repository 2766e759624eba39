import Foundation
import GRDB
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

    private struct Key: Hashable {
        let level: String, code: String, year: Int, yearGroup: String
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
        return try write { db -> (value: ImportOutcome, commit: Bool) in
            // Read under the write lock: no other process can change these meanwhile.
            let years = Array(Set(rows.map(\.year))).sorted()
            var existing: [Key: StoredActual] = [:]
            if !years.isEmpty {
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT level, code, year, year_group, pupils, source, imported_at FROM actual
                    WHERE year IN (\(years.map(String.init).joined(separator: ",")))
                    """)
                while let row = try cursor.next() {
                    existing[Key(level: row["level"], code: row["code"], year: row["year"], yearGroup: row["year_group"])] =
                        StoredActual(pupils: row["pupils"], source: row["source"], importedAt: row["imported_at"])
                }
            }
            var added: [ActualRoll] = [], unchanged = 0, conflicts: [Conflict] = []
            for row in rows {
                let key = Key(level: row.level.rawValue, code: row.code, year: row.year, yearGroup: row.yearGroup)
                if let stored = existing[key] {
                    if stored.pupils == row.pupils { unchanged += 1 } else { conflicts.append(Conflict(row: row, existing: stored)) }
                } else {
                    added.append(row)
                }
            }
            if !conflicts.isEmpty && !replace {
                return (ImportOutcome(added: added.count, unchanged: unchanged, replaced: [], refused: conflicts), false)
            }
            guard !added.isEmpty || !conflicts.isEmpty else {
                return (ImportOutcome(added: 0, unchanged: unchanged, replaced: [], refused: []), false)
            }
            willWrite(added.count + conflicts.count)
            try Self.insert(Self.inKeyOrder(added), source: source, time: time, db)
            let update = try db.cachedStatement(sql: """
                UPDATE actual SET pupils = ?, source = ?, imported_at = ? WHERE level = ? AND code = ? AND year = ? AND year_group = ?
                """)
            let revision = try db.cachedStatement(sql: """
                INSERT INTO actual_revision (level, code, year, year_group, old_pupils, new_pupils, old_source, new_source, replaced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for conflict in conflicts {
                let row = conflict.row
                try revision.execute(arguments: [row.level.rawValue, row.code, row.year, row.yearGroup, conflict.existing.pupils,
                                                 row.pupils, conflict.existing.source, source, time])
                try update.execute(arguments: [row.pupils, source, time, row.level.rawValue, row.code, row.year, row.yearGroup])
            }
            return (ImportOutcome(added: added.count, unchanged: unchanged, replaced: conflicts, refused: []), true)
        }
    }

    /// Rows grouped by level and code (the first keys of `actual`'s primary key), each group in
    /// file order (a census file is year by year). SQLite then fills its B-tree a school at a
    /// time instead of splitting pages across the whole file for every row: with millions of
    /// rows that is most of an import's time.
    static func inKeyOrder(_ rows: [ActualRoll]) -> [ActualRoll] {
        struct Owner: Hashable { let level: String, code: String }
        var groups: [Owner: [Int]] = [:]
        for (i, row) in rows.enumerated() { groups[Owner(level: row.level.rawValue, code: row.code), default: []].append(i) }
        return groups.keys.sorted { ($0.level, $0.code) < ($1.level, $1.code) }.flatMap { groups[$0]!.map { rows[$0] } }
    }

    /// New actuals, written `batch` rows to a statement (one statement per row costs more in
    /// binding and stepping than the row itself).
    static func insert(_ rows: [ActualRoll], source: String, time: String, batch: Int = 100, _ db: Database) throws {
        func statement(rows n: Int) throws -> Statement {
            try db.makeStatement(sql: "INSERT INTO actual (level, code, year, year_group, pupils, source, imported_at) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: n).joined(separator: ", "))
        }
        guard !rows.isEmpty else { return }
        // Prepared once for a full batch (and once for the last, shorter one), not per batch.
        let fullSize = min(batch, rows.count)
        let full = try statement(rows: fullSize)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + batch, rows.count)]
            var values: [(any DatabaseValueConvertible)?] = []
            values.reserveCapacity(chunk.count * 7)
            for row in chunk { values += [row.level.rawValue, row.code, row.year, row.yearGroup, row.pupils, source, time] }
            try (chunk.count == fullSize ? full : statement(rows: chunk.count))
                .execute(arguments: StatementArguments(values))
            start += chunk.count
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
                SELECT pupils, source, imported_at FROM actual WHERE level = ? AND code = ? AND year = ? AND year_group = ?
                """, arguments: [level.rawValue, code, year, yearGroup]).map {
                StoredActual(pupils: $0["pupils"], source: $0["source"], importedAt: $0["imported_at"])
            }
        }
    }
}
