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
            let cells = ActualKeys(count: new.cells.count, level: { new.cells[$0].level }, code: { new.cells[$0].code },
                                   year: { new.cells[$0].year }, yearGroup: { new.cells[$0].yearGroup }).tableOrder.map { new.cells[$0] }
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

    /// A vintage's cells, in the order given (`stepEach`).
    static func insert(_ cells: [VintageCell], vintage id: Int64, _ db: Database) throws {
        try db.stepEach("""
            INSERT INTO vintage_cell (vintage_id, level, code, year, year_group, pupils, lower, upper, area)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, cells) { handle, cell in
            func bind(_ column: Int32, _ value: Double?) {
                if let value { sqlite3_bind_double(handle, column, value) } else { sqlite3_bind_null(handle, column) }
            }
            sqlite3_bind_int64(handle, 1, id)
            sqlite3_bind_int64(handle, 4, Int64(cell.year))
            sqlite3_bind_double(handle, 6, cell.pupils)
            bind(7, cell.lower)
            bind(8, cell.upper)
            return withSQLiteText(cell.level.rawValue) { level, levelCount in
                withSQLiteText(cell.code) { code, codeCount in
                    withSQLiteText(cell.yearGroup) { group, groupCount in
                        withSQLiteText(cell.area ?? "") { area, areaCount in
                            sqlite3_bind_text(handle, 2, level, levelCount, nil)
                            sqlite3_bind_text(handle, 3, code, codeCount, nil)
                            sqlite3_bind_text(handle, 5, group, groupCount, nil)
                            if cell.area == nil { sqlite3_bind_null(handle, 9) } else { sqlite3_bind_text(handle, 9, area, areaCount, nil) }
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
        var lastLevel: (text: String, level: CellLevel) = ("area", .area)
        try db.forEachRawRow("""
            SELECT level, code, year, year_group, pupils, lower, upper, area FROM vintage_cell WHERE vintage_id = ?
            ORDER BY level, year, code, year_group
            """, arguments: [id]) { row in
            let levelText = row.text(0) ?? ""
            if levelText != lastLevel.text { lastLevel = (levelText, CellLevel(rawValue: levelText) ?? .area) }
            cells.append(VintageCell(level: lastLevel.level, code: row.text(1) ?? "", year: row.integer(2), yearGroup: row.text(3) ?? "",
                                     pupils: row.real(4), lower: row.optionalReal(5), upper: row.optionalReal(6), area: row.text(7)))
        }
        return cells
    }
}

extension VintageSettings {
    /// `weighted-3`, or `mean-1+weighted-5:weighted-3` when the intake method differs — the same
    /// label `ForecastSettings` gives and `backtest --methods` reads.
    public var label: String { intakeMethod == method ? method : "\(method):\(intakeMethod)" }
}
