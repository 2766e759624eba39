import Foundation
import GRDB
import GRDBSQLite
import PlacePlanCore

extension PlanStore {
    public enum ArchiveOutcome: Equatable, Sendable {
        /// Stored, with this many cells.
        case archived(Vintage, cells: Int)
        /// The same inputs and settings were archived before: nothing was written.
        case alreadyArchived(Vintage)
    }

    /// Stores a forecast as an archived vintage, cells and all, in one transaction. Refuses
    /// (writing nothing) when a vintage with the same inputs fingerprint exists, and throws when
    /// the label is taken by another vintage.
    public func archive(_ new: NewVintage, now: Date = Date()) throws -> ArchiveOutcome {
        var label: String?
        if let raw = new.label {
            switch VintageLabel.checked(raw) {
            case .success(let checked): label = checked
            case .failure(let problem): throw StoreError(kind: .badLabel, path: path, message: problem.message, fix: problem.fix)
            }
        }
        let settingsJSON = new.settings.json
        return try write { db -> (value: ArchiveOutcome, commit: Bool) in
            if let existing = try VintageRecord.filter(Column("inputs_sha256") == new.inputsSHA256).fetchOne(db) {
                return (.alreadyArchived(try existing.vintage()), false)
            }
            if let label, let taken = try VintageRecord.filter(Column("label") == label).fetchOne(db) {
                throw StoreError(kind: .labelTaken, path: path,
                                 message: "the label \"\(label)\" is already \(try taken.vintage().name)'s",
                                 fix: "choose another --label (labels name one vintage each)")
            }
            // In the table's key order: SQLite then appends to its B-tree rather than splitting
            // pages all over it, and the fingerprint's lines come sorted (hashed as made).
            // A negative zero (a bound rounded from just below 0) is stored and sealed as 0: SQLite
            // reads `-0` in JSON, as it stored -0.0 in a REAL column, as the integer 0, so the
            // view would give back another number than the one sealed.
            let cells = ActualKeys(count: new.cells.count, level: { new.cells[$0].level }, code: { new.cells[$0].code },
                                   year: { new.cells[$0].year }, yearGroup: { new.cells[$0].yearGroup }).tableOrder.map { new.cells[$0].withoutNegativeZero }
            var record = VintageRecord(
                id: nil, label: label, planName: new.planName, originYear: new.originYear, horizon: new.settings.horizon,
                method: new.settings.label, settings: settingsJSON, inputsSha256: new.inputsSHA256,
                createdAt: Self.timestamp(now), archived: false, cellsSha256: VintageCell.sha256(cells))
            try record.insert(db)
            let id = record.id!
            try Self.insert(cells, vintage: id, db)
            let input = try db.cachedStatement(sql: "INSERT INTO vintage_input (vintage_id, name, bytes) VALUES (?, ?, ?)")
            for file in new.inputs { try input.execute(arguments: [id, file.name, Data(file.bytes)]) }
            // Sealed last, in the same transaction: from here the triggers keep it as it is.
            try db.execute(sql: "UPDATE vintage SET archived = 1 WHERE id = ?", arguments: [id])
            record.archived = true
            return (.archived(try record.vintage(), cells: new.cells.count), true)
        }
    }

    /// A vintage's cells, a row per level, code and year (`VintageObjects`), each code and
    /// year's cells together and the rows in the order given (`stepEach`). Throws, writing
    /// nothing, when two cells are for the same year group or a cell's pupils are not a number.
    static func insert(_ cells: [VintageCell], vintage id: Int64, _ db: Database) throws {
        guard !cells.isEmpty else { return }
        var objects: [UInt8] = [], rows: [(cells: Range<Int>, end: Int)] = []
        objects.reserveCapacity(cells.count * 12)
        var start = 0
        for i in cells.indices.dropFirst() + [cells.count] {
            guard i == cells.count || cells[i].level != cells[start].level || cells[i].year != cells[start].year
                    || cells[i].code != cells[start].code else { continue }
            guard VintageObjects.append(cells[start..<i], to: &objects) else {
                let cell = cells[start]
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "the cells of \(cell.level.rawValue) \(cell.code) in \(cell.year) "
                                        + "cannot be stored: two are for the same year group, or one's pupils are not a number")
            }
            rows.append((start..<i, objects.count))
            start = i
        }
        try objects.withUnsafeBufferPointer { objects in
            try objects.withMemoryRebound(to: CChar.self) { text in
                var objectStart = 0
                try db.stepEach("INSERT INTO vintage_year (vintage_id, level, code, year, cells) VALUES (?, ?, ?, ?, ?)", rows) { handle, row in
                    let cell = cells[row.cells.lowerBound]
                    sqlite3_bind_int64(handle, 1, id)
                    sqlite3_bind_int64(handle, 4, Int64(cell.year))
                    sqlite3_bind_text(handle, 5, text.baseAddress! + objectStart, Int32(row.end - objectStart), nil)
                    objectStart = row.end
                    return withSQLiteText(cell.level.rawValue) { level, levelCount in
                        withSQLiteText(cell.code) { code, codeCount in
                            sqlite3_bind_text(handle, 2, level, levelCount, nil)
                            sqlite3_bind_text(handle, 3, code, codeCount, nil)
                            return sqlite3_step(handle)
                        }
                    }
                }
            }
        }
    }

    /// Every vintage, oldest first.
    public func vintages() throws -> [Vintage] {
        try read { db in try VintageRecord.order(Column("id")).fetchAll(db).map { try $0.vintage() } }
    }

    /// The files a vintage was made from (empty for one archived before they were kept).
    public func inputs(of vintage: Vintage) throws -> [InputsHash.File] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, bytes FROM vintage_input WHERE vintage_id = ? ORDER BY rowid", arguments: [vintage.id])
                .map { InputsHash.File(name: $0["name"], bytes: [UInt8]($0["bytes"] as Data)) }
        }
    }

    /// What re-runs a vintage exactly: its files and the flags it was run with. Refused for a
    /// vintage archived before files were kept, or by another version of the engine (whose
    /// method may differ, so the re-run would not be the forecast archived).
    public func rerun(_ vintage: Vintage) throws -> (files: [InputsHash.File], options: RunOptions) {
        let files = try inputs(of: vintage)
        guard !files.isEmpty else {
            throw StoreError(kind: .cannotRerun, path: path, message: "\(vintage.name) was archived before PlacePlan kept a vintage's files, so it cannot be re-run",
                             fix: "archive the plan again from its files as they were, or explain two later vintages")
        }
        guard vintage.settings.engine == Engine.version else {
            throw StoreError(kind: .cannotRerun, path: path,
                             message: "\(vintage.name) was made by engine \(vintage.settings.engine ?? "before 0.3"); this PlacePlan's is \(Engine.version), "
                                + "so re-running it would not give the forecast archived",
                             fix: "explain it with the PlacePlan version that archived it, or compare vintages made by this one")
        }
        return (files, vintage.settings.runOptions)
    }

    /// The vintage whose id or label is `key`.
    public func vintage(matching key: String) throws -> Vintage {
        let all = try vintages()
        if let id = Int64(key), let found = all.first(where: { $0.id == id }) { return found }
        if let found = all.first(where: { $0.label == key }) { return found }
        let known = all.isEmpty ? "there are no vintages yet" : "the vintages are: " + all.map(\.name).joined(separator: ", ")
        throw StoreError(kind: .unknownVintage, path: path, message: "no vintage has the id or label '\(key)'; \(known)",
                         fix: "give --vintage an id or label from that list")
    }

    /// Gives a vintage archived without a label its label (once: a label given stays, and the
    /// schema's trigger lets nothing else of a sealed vintage change). Returns it, labelled.
    public func label(_ key: String, as raw: String) throws -> Vintage {
        let label: String
        switch VintageLabel.checked(raw) {
        case .success(let checked): label = checked
        case .failure(let problem): throw StoreError(kind: .badLabel, path: path, message: problem.message, fix: problem.fix)
        }
        let vintage = try self.vintage(matching: key)
        if let existing = vintage.label {
            throw StoreError(kind: .badLabel, path: path, message: "\(vintage.name) is labelled \"\(existing)\" already, and a label once given stays",
                             fix: "archive a new vintage to publish under another name")
        }
        return try write { db -> (value: Vintage, commit: Bool) in
            if let taken = try VintageRecord.filter(Column("label") == label).fetchOne(db) {
                throw StoreError(kind: .labelTaken, path: path, message: "the label \"\(label)\" is already \(try taken.vintage().name)'s",
                                 fix: "choose another label (labels name one vintage each)")
            }
            try db.execute(sql: "UPDATE vintage SET label = ? WHERE id = ?", arguments: [label, vintage.id])
            let updated = try VintageRecord.filter(Column("id") == vintage.id).fetchOne(db)!
            return (try updated.vintage(), true)
        }
    }

    /// The stored cells of a vintage.
    public func cells(of id: Int64) throws -> [VintageCell] {
        try read { db in try Self.storedCells(db, vintage: id) }
    }

    /// A vintage's cells as stored, every column, by level, year, code and year group.
    static func storedCells(_ db: Database, vintage id: Int64) throws -> [VintageCell] {
        var cells: [VintageCell] = []
        var lastLevel: (bytes: [UInt8], level: CellLevel) = ([], .area)
        try db.forEachVintageCell(id, order: .byYear, restart: { cells = [] }) { stored in
            if !stored.level.elementsEqual(lastLevel.bytes) {
                lastLevel = (Array(stored.level), CellLevel(rawValue: String(decoding: stored.level, as: UTF8.self)) ?? .area)
            }
            let cell = stored.cell
            cells.append(VintageCell(level: lastLevel.level, code: String(decoding: stored.code, as: UTF8.self), year: stored.year,
                                     yearGroup: String(decoding: cell.yearGroup, as: UTF8.self), pupils: cell.pupils,
                                     lower: cell.lower, upper: cell.upper, area: cell.area.map { String(decoding: $0, as: UTF8.self) }))
        }
        return cells
    }
}

extension VintageCell {
    /// The cell with any -0 made 0 (adding 0 does that, and changes no other number).
    var withoutNegativeZero: VintageCell {
        VintageCell(level: level, code: code, year: year, yearGroup: yearGroup, pupils: pupils + 0, lower: lower.map { $0 + 0 },
                    upper: upper.map { $0 + 0 }, area: area)
    }
}

extension VintageSettings {
    /// `weighted-3`, or `mean-1+weighted-5:weighted-3` when the intake method differs — the same
    /// label `ForecastSettings` gives and `backtest --methods` reads.
    public var label: String { intakeMethod == method ? method : "\(method):\(intakeMethod)" }
}
