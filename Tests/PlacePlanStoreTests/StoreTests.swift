import Foundation
import GRDB
import Testing
import TestSupport
@testable import PlacePlanCore
@testable import PlacePlanStore

/// A fresh database path in a new temporary folder.
func temporaryDatabase() throws -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (folder, folder.appendingPathComponent("test.sqlite").path)
}

/// A small vintage: two areas, two years, every England year group; authority totals added.
func sampleVintage(label: String? = "test", horizon: Int = 2, origin: Int = 2019, seed: String = "a") -> NewVintage {
    let settings = VintageSettings(settings: .default, horizon: horizon, ladder: .england, birthsBasis: .midYear)
    var cells: [VintageCell] = []
    for year in (origin + 1)...(origin + horizon) {
        for (g, yg) in Ladder.england.yearGroups.enumerated() {
            let a = Double(100 + g), b = Double(200 + g)
            cells.append(VintageCell(level: .area, code: "A", year: year, yearGroup: yg.name, pupils: a))
            cells.append(VintageCell(level: .area, code: "B", year: year, yearGroup: yg.name, pupils: b))
            cells.append(VintageCell(level: .authority, code: CellLevel.authorityCode, year: year, yearGroup: yg.name, pupils: a + b))
        }
    }
    let hash = InputsHash.sha256(files: [InputsHash.File(name: "rolls.csv", bytes: Array(seed.utf8))], settings: settings.json)
    return NewVintage(label: label, planName: "Test plan", originYear: origin, settings: settings, inputsSHA256: hash, cells: cells)
}

func storeError(_ body: () throws -> Void) -> StoreError? {
    do { try body() } catch let error as StoreError { return error } catch { return nil }
    return nil
}

@Suite("Store: schema, versions, immutability")
struct SchemaTests {
    @Test("a new database gets every table, the triggers and the current schema version")
    func migrationsCreateSchema() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let names = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') ORDER BY name")
        }
        for table in ["vintage", "vintage_year", "vintage_cell", "vintage_input", "actual_year", "actual", "actual_import", "actual_revision", "grdb_migrations"] {
            #expect(names.contains(table))
        }
        #expect(names.filter { $0.contains("archived") }.count == 9)
        #expect(try store.storedSchemaVersion() == PlanStore.schemaVersion)
        #expect(try store.queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        let columns = try store.queue.read { try $0.columns(in: "vintage_cell").map(\.name) }
        #expect(columns == ["vintage_id", "level", "code", "year", "year_group", "pupils", "lower", "upper", "area"])
        // Opening again changes nothing and keeps the data.
        _ = try store.archive(sampleVintage())
        let again = try PlanStore(path: path, mode: .existing)
        #expect(try again.count("vintage") == 1)
    }

    @Test("a missing database is an error for commands that only read")
    func missing() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = storeError { _ = try PlanStore(path: path, mode: .existing) }
        #expect(error?.kind == .missing)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a database from a newer schema (user_version) is refused, untouched")
    func newerUserVersion() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try PlanStore(path: path, mode: .createIfMissing)
        let future = Schema.version + 1
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = \(future)") }
        let error = storeError { _ = try PlanStore(path: path, mode: .createIfMissing) }
        #expect(error?.kind == .newerSchema(future))
        #expect(error?.description.contains("this database was written by a newer PlacePlan (schema \(future)); ") == true)
        #expect(error?.description.contains("upgrade PlacePlan") == true)
        #expect(try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == future)
    }

    @Test("a database with a migration this program does not know is refused")
    func unknownMigration() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try PlanStore(path: path, mode: .createIfMissing)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v\(Schema.version + 1): schools and intervals')")
        }
        let error = storeError { _ = try PlanStore(path: path, mode: .existing) }
        #expect(error?.kind == .newerSchema(Schema.version + 1))
        #expect(error?.description.contains("newer PlacePlan (schema \(Schema.version + 1))") == true)
    }

    @Test("an SQLite file of another program, or a file that is not SQLite, is refused")
    func foreignFiles() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        #expect(storeError { _ = try PlanStore(path: path, mode: .createIfMissing) }?.kind == .notPlacePlan)
        // Refused as it was: not even its journal mode changed.
        #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        let text = folder.appendingPathComponent("notes.sqlite")
        try String(repeating: "not a database\n", count: 100).write(to: text, atomically: true, encoding: .utf8)
        #expect(storeError { _ = try PlanStore(path: text.path, mode: .createIfMissing) }?.kind == .notADatabase)
    }

    @Test("an archived vintage and its cells cannot be updated, deleted or added to")
    func immutability() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        guard case .archived(let vintage, let cells) = try store.archive(sampleVintage()) else {
            Issue.record("not archived")
            return
        }
        #expect(vintage.archived && cells == 2 * 14 * 3)
        let attempts: [(String, String)] = [
            ("UPDATE vintage SET label = 'edited' WHERE id = \(vintage.id)", "an archived vintage cannot be changed"),
            ("UPDATE vintage SET archived = 0 WHERE id = \(vintage.id)", "an archived vintage cannot be changed"),
            ("DELETE FROM vintage WHERE id = \(vintage.id)", "an archived vintage cannot be deleted"),
            ("UPDATE vintage_year SET cells = '{}' WHERE vintage_id = \(vintage.id)", "cannot be changed"),
            ("DELETE FROM vintage_year WHERE vintage_id = \(vintage.id)", "cannot be deleted"),
            ("INSERT INTO vintage_year VALUES (\(vintage.id), 'area', 'C', 2020, '{\"R\":[1]}')", "cannot be given new cells"),
            // The view of the cells a row each is not a way round them.
            ("UPDATE vintage_cell SET pupils = pupils + 1 WHERE vintage_id = \(vintage.id)", "cannot modify vintage_cell because it is a view"),
        ]
        for (sql, message) in attempts {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try store.queue.write { try $0.execute(sql: sql) }
            }
            do { try store.queue.write { try $0.execute(sql: sql) } } catch let error as DatabaseError {
                #expect(error.message?.contains(message) == true, "\(error)")
            }
        }
        #expect(try store.cells(of: vintage.id).count == cells)
        #expect(try store.vintages().first?.label == "test")

        // The triggers guard archived vintages only: a draft (not yet archived) can be edited.
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO vintage (label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived)
                VALUES ('draft', 'p', 2019, 1, 'mean-3', '{}', ?, '2020-01-01T00:00:00Z', 0)
                """, arguments: [String(repeating: "0", count: 64)])
            try db.execute(sql: "UPDATE vintage SET label = 'draft 2' WHERE label = 'draft'")
            try db.execute(sql: "DELETE FROM vintage WHERE label = 'draft 2'")
        }
        #expect(try store.count("vintage") == 1)
    }
}

@Suite("Store: archiving")
struct ArchiveTests {
    @Test("archiving the same inputs and settings twice writes nothing the second time")
    func duplicate() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        guard case .archived(let first, _) = try store.archive(sampleVintage(label: "Plan 2019")) else {
            Issue.record("not archived")
            return
        }
        let second = try store.archive(sampleVintage(label: "Another label"))
        #expect(second == .alreadyArchived(first))
        #expect(try store.count("vintage") == 1)
        #expect(try store.count("vintage_cell") == 2 * 14 * 3)
    }

    @Test("a label names one vintage: a second use is refused and nothing is written")
    func labelTaken() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        _ = try store.archive(sampleVintage(label: "Plan", seed: "a"))
        let error = storeError { _ = try store.archive(sampleVintage(label: "Plan", seed: "b")) }
        #expect(error?.kind == .labelTaken)
        #expect(error?.description.contains("vintage 1") == true)
        #expect(try store.count("vintage") == 1 && store.count("vintage_cell") == 2 * 14 * 3)
        if case .archived(let v, _) = try store.archive(sampleVintage(label: nil, seed: "b")) { #expect(v.id == 2) }
        #expect(try store.vintage(matching: "Plan").id == 1)
        #expect(try store.vintage(matching: "2").label == nil)
        #expect(storeError { _ = try store.vintage(matching: "Plan 2030") }?.kind == .unknownVintage)
    }

    @Test("the stored settings give back the ladder, with its phases, for scoring")
    func settingsRoundTrip() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        _ = try store.archive(sampleVintage())
        let vintage = try #require(store.vintages().first)
        #expect(vintage.settings.coreLadder == Ladder.england)
        #expect(vintage.method == ForecastSettings.default.label && vintage.horizon == 2 && vintage.originYear == 2019)
        #expect(vintage.createdAt.hasSuffix("Z") && vintage.createdAt.count == 20)
    }
}

@Suite("Store: inputs fingerprint")
struct InputsHashTests {
    let files = [InputsHash.File(name: "plan.toml", bytes: Array("name = \"x\"\n".utf8)),
                 InputsHash.File(name: "rolls.csv", bytes: Array("year,area,year_group,pupils\n2019,A,R,10\n".utf8))]
    let settings = VintageSettings(settings: .default, horizon: 3, ladder: .england, birthsBasis: .midYear)

    @Test("SHA-256 itself: the FIPS 180-2 test vectors")
    func vectors() {
        #expect(InputsHash.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(InputsHash.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("identical inputs and settings give the same fingerprint")
    func identical() {
        let copy = files.map { InputsHash.File(name: $0.name, bytes: $0.bytes) }
        #expect(InputsHash.sha256(files: files, settings: settings.json) == InputsHash.sha256(files: copy, settings: settings.json))
        #expect(InputsHash.sha256(files: files, settings: settings.json).count == 64)
    }

    @Test("one changed byte, a renamed file or changed settings change the fingerprint")
    func changes() {
        let base = InputsHash.sha256(files: files, settings: settings.json)
        var edited = files
        edited[1] = InputsHash.File(name: "rolls.csv", bytes: Array("year,area,year_group,pupils\n2019,A,R,11\n".utf8))
        #expect(InputsHash.sha256(files: edited, settings: settings.json) != base)
        var renamed = files
        renamed[1] = InputsHash.File(name: "rolls-2019.csv", bytes: files[1].bytes)
        #expect(InputsHash.sha256(files: renamed, settings: settings.json) != base)
        let longer = VintageSettings(settings: .default, horizon: 4, ladder: .england, birthsBasis: .midYear)
        #expect(InputsHash.sha256(files: files, settings: longer.json) != base)
        let otherMethod = VintageSettings(settings: ForecastSettings(method: .mean(years: 3)), horizon: 3, ladder: .england,
                                          birthsBasis: .midYear)
        #expect(InputsHash.sha256(files: files, settings: otherMethod.json) != base)
        // Bytes moved from one file to the next are a different input, too.
        let moved = [InputsHash.File(name: "plan.toml", bytes: files[0].bytes + Array("y".utf8)),
                     InputsHash.File(name: "rolls.csv", bytes: files[1].bytes)]
        #expect(InputsHash.sha256(files: moved, settings: settings.json) != base)
    }
}

@Suite("Store: importing actuals")
struct ImportTests {
    func rows(_ values: [(String, Int, String, Double)]) -> [ActualRoll] {
        values.enumerated().map { ActualRoll(level: .area, code: $1.0, year: $1.1, yearGroup: $1.2, pupils: $1.3, line: $0 + 2) }
    }

    @Test("counts: added, then unchanged on re-import (idempotent), then conflicts refused whole")
    func counts() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let first = rows([("A", 2020, "R", 100), ("A", 2020, "Y1", 101), ("B", 2020, "R", 200)])
        var announced = 0
        let added = try store.importActuals(first, source: "census-2020.csv", replace: false) { announced = $0 }
        #expect(added == .init(added: 3, unchanged: 0, replaced: [], refused: []))
        #expect(added.written && announced == 3)

        announced = 0
        let again = try store.importActuals(first, source: "census-2020.csv", replace: false) { announced = $0 }
        #expect(again == .init(added: 0, unchanged: 3, replaced: [], refused: []))
        #expect(!again.written && announced == 0)
        #expect(try store.count("actual") == 3)

        // One new row and one conflict: without --replace nothing at all is written.
        let mixed = rows([("A", 2020, "R", 100), ("A", 2020, "Y1", 105), ("B", 2020, "Y1", 201)])
        let refused = try store.importActuals(mixed, source: "revised.csv", replace: false)
        #expect(refused.added == 1 && refused.unchanged == 1 && refused.refused.count == 1 && !refused.written)
        #expect(refused.refused.first?.existing.pupils == 101 && refused.refused.first?.row.pupils == 105)
        #expect(refused.refused.first?.existing.source == "census-2020.csv")
        #expect(try store.count("actual") == 3)
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y1")?.pupils == 101)
        #expect(try store.count("actual_revision") == 0)
    }

    @Test("a census's cells numbered a part per core: the table's order is that of sorting the cells themselves")
    func keysInParts() {
        // 150,000 cells (over the size numbered in parts), areas and schools sharing some codes,
        // in no order: codes met first in the second part, year groups out of ladder order.
        var random = SeededRandom(seed: 150)
        let groups = ["R", "Y1", "Y10", "Y2", "N1", "Y11"]
        let cells = (0..<150_000).map { _ in
            ActualRoll(level: Bool.random(using: &random) ? .school : .area, code: "X\(Int.random(in: 0..<4_000, using: &random))",
                       year: Int.random(in: 2010...2030, using: &random), yearGroup: groups.randomElement(using: &random)!, pupils: 1)
        }
        let order = ActualKeys(cells).tableOrder
        let levelRank: [CellLevel: Int] = [.area: 0, .school: 2]
        let expected = cells.indices.sorted { a, b in
            let x = cells[a], y = cells[b]
            if x.level != y.level { return levelRank[x.level]! < levelRank[y.level]! }
            if x.code != y.code { return x.code.utf8.lexicographicallyPrecedes(y.code.utf8) }
            if x.year != y.year { return x.year < y.year }
            if x.yearGroup != y.yearGroup { return x.yearGroup.utf8.lexicographicallyPrecedes(y.yearGroup.utf8) }
            return a < b
        }
        #expect(order == expected)
    }

    @Test("many rows, in no order, over several batches: every one stored with its own value")
    func batches() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        // 3 codes × 5 years × 17 year groups = 255 rows: two full batches of 100 and a part one.
        var values: [(String, Int, String, Double)] = []
        for year in 2016...2020 { for code in ["C", "A", "B"] { for g in 0..<17 { values.append((code, year, "G\(g)", Double(year - 2000 + g))) } } }
        var random = SeededRandom(seed: 255)
        let shuffled = rows(values.shuffled(using: &random))
        // The table's order: every row once, sorted by (level, code, year, year_group) as SQLite sorts them.
        let order = ActualKeys(shuffled).tableOrder
        #expect(order.sorted() == Array(shuffled.indices))
        let ordered = order.map { shuffled[$0] }
        #expect(ordered.map { [$0.code, String($0.year), $0.yearGroup] }
                == shuffled.map { [$0.code, String($0.year), $0.yearGroup] }.sorted { $0.lexicographicallyPrecedes($1) { $0.utf8.lexicographicallyPrecedes($1.utf8) } })
        let outcome = try store.importActuals(shuffled, source: "census.csv", replace: false)
        #expect(outcome.added == 255 && outcome.written)
        #expect(try store.count("actual") == 255)
        for (code, year, group, pupils) in values {
            #expect(try store.actual(level: .area, code: code, year: year, yearGroup: group)?.pupils == pupils)
        }
        let again = try store.importActuals(shuffled, source: "census.csv", replace: false)
        #expect(again.unchanged == 255 && !again.written)
        // Only replacements, nothing new: no insert at all.
        let revised = try store.importActuals(rows([("A", 2016, "G0", 1)]), source: "revised.csv", replace: true)
        #expect(revised.added == 0 && revised.replaced.count == 1 && revised.written)
        #expect(try store.actual(level: .area, code: "A", year: 2016, yearGroup: "G0")?.pupils == 1)
    }

    @Test("a row the table refuses (negative pupils) stops the import whole: an error, nothing written, the store still usable")
    func refusedRow() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        #expect(throws: (any Error).self) {
            try store.importActuals(rows([("A", 2020, "R", 10), ("A", 2020, "Y1", -1), ("B", 2020, "R", 12)]), source: "bad.csv", replace: false)
        }
        #expect(try store.count("actual") == 0)
        #expect(throws: (any Error).self) {
            try store.importActuals([ActualRoll(level: .area, code: "A", year: 70_000, yearGroup: "R", pupils: 1)], source: "far.csv", replace: false)
        }
        let outcome = try store.importActuals(rows([("A", 2020, "R", 10), ("", 2020, "", 0)]), source: "good.csv", replace: false)
        #expect(outcome.added == 2 && outcome.written)
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "R")?.source == "good.csv")
        #expect(try store.actual(level: .area, code: "", year: 2020, yearGroup: "")?.pupils == 0)
    }

    @Test("--replace writes the new value and records the old one")
    func replace() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        _ = try store.importActuals(rows([("A", 2020, "R", 100), ("A", 2020, "Y1", 101)]), source: "census.csv", replace: false)
        let outcome = try store.importActuals(rows([("A", 2020, "R", 100), ("A", 2020, "Y1", 99), ("A", 2021, "R", 98)]),
                                              source: "revised.csv", replace: true)
        #expect(outcome.added == 1 && outcome.unchanged == 1 && outcome.replaced.count == 1 && outcome.refused.isEmpty)
        let stored = try #require(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y1"))
        #expect(stored.pupils == 99 && stored.source == "revised.csv")
        let revisions = try store.revisions()
        #expect(revisions.count == 1)
        let r = try #require(revisions.first)
        #expect(r.code == "A" && r.year == 2020 && r.yearGroup == "Y1" && r.level == .area)
        #expect(r.oldPupils == 101 && r.newPupils == 99 && r.oldSource == "census.csv" && r.newSource == "revised.csv")
        // Replaying the revision changes nothing more.
        let replay = try store.importActuals(rows([("A", 2020, "Y1", 99)]), source: "revised.csv", replace: true)
        #expect(replay.unchanged == 1 && !replay.written)
        #expect(try store.count("actual_revision") == 1)
        // A cell is in one row, its last import's: Y1 left census.csv's object for revised.csv's.
        func objects() throws -> [String] {
            try store.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT year, import_id, pupils FROM actual_year ORDER BY level, code, year, import_id")
                    .map { "\($0[0] as Int) \($0[1] as Int) \($0[2] as String)" }
            }
        }
        #expect(try objects() == [#"2020 1 {"R":100}"#, #"2020 2 {"Y1":99}"#, #"2021 2 {"R":98}"#])
        // An object emptied by replacements goes.
        _ = try store.importActuals(rows([("A", 2020, "R", 97)]), source: "third.csv", replace: true)
        #expect(try objects() == [#"2020 2 {"Y1":99}"#, #"2020 3 {"R":97}"#, #"2021 2 {"R":98}"#])
        #expect(try store.count("actual") == 3)
    }

    @Test("a cell given twice in one import is refused, with nothing written")
    func twice() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let error = storeError { _ = try store.importActuals(rows([("A", 2020, "R", 1), ("A", 2020, "Y1", 2), ("A", 2020, "R", 3)]),
                                                            source: "twice.csv", replace: false) }
        #expect(error?.message == "the cell A, 2020, R is given twice")
        #expect(try store.count("actual") == 0 && store.count("actual_import") == 0)
    }

    @Test("counts as JSON: whole ones as integers, others read back exactly; year-group names escaped")
    func objectText() throws {
        var objects = ActualsObjects()
        objects.append([("A", 1)])
        objects.append([("R", 30), ("Y1", 29.5), ("Y2", 0.1 + 0.2), ("say \"hi\"\\\n", 1e20)])
        objects.append([])
        #expect(objects.count == 3 && objects.text(0) == #"{"A":1}"# && objects.text(2) == "{}")
        #expect(objects.text(1) == #"{"R":30,"Y1":29.5,"Y2":0.30000000000000004,"say \"hi\"\\\u000a":1e+20}"#)
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let values: [(String, Int, String, Double)] = [("A", 2020, "R", 0.1 + 0.2), ("A", 2020, "Y\"1", 1e20), ("A", 2020, "Y2", 12.345678901234567)]
        _ = try store.importActuals(rows(values), source: "odd.csv", replace: false)
        for (code, year, group, pupils) in values {
            #expect(try store.actual(level: .area, code: code, year: year, yearGroup: group)?.pupils == pupils)
        }
        #expect(try store.importActuals(rows(values), source: "odd.csv", replace: false).unchanged == 3)
    }

    @Test("objects are read back as SQLite's json_each reads them, or refused for json_each to read")
    func objectReading() throws {
        var objects = ActualsObjects()
        objects.append([("A", 1)])
        objects.append([("R", 30), ("Y1", 29.5), ("Y2", 0.1 + 0.2), ("Y3", 1e20), ("Y4", 123_456_789_012_345), ("Y5", 0)])
        objects.append([])
        objects.append([("say \"hi\"", 1)])
        let texts = (0..<objects.count).map(objects.text) + [
            #"{"R":30.0,"Y1":29.0}"#,            // as SQLite's json_group_object writes a REAL
            #"{"R":1234567890123456789}"#,      // more digits than a Double holds exactly
            #"{ "R" : 1 }"#, #"{"R":1,}"#, #"{"R":}"#, #"{"R":x}"#, #"{"R":1"#, #"{"R":1e999}"#,
        ]
        let queue = try DatabaseQueue()
        for text in texts {
            // Malformed JSON is an error to json_each: nothing to compare, and it must be refused.
            let expected = try? queue.read { db in
                try Row.fetchAll(db, sql: "SELECT CAST(key AS TEXT), value FROM json_each(?)", arguments: [text]).map { ($0[0] as String, $0[1] as Double) }
            }
            var read: [(String, Double)] = []
            let whole = Array(text.utf8).withUnsafeBytes { bytes in
                ActualsObjects.forEachCell(in: bytes) { name, pupils in read.append((String(decoding: name, as: UTF8.self), pupils)) }
            }
            let refused = text.contains("\\") || text.contains(" ") || text.contains(",}") || text.contains(":}")
                || text.contains("x") || !text.hasSuffix("}") || text.contains("e999")
            #expect(whole == !refused, "\(text)")
            if whole {
                let expected = try #require(expected, "\(text)")
                #expect(read.map(\.0) == expected.map(\.0) && read.map(\.1) == expected.map(\.1), "\(text)")
            }
        }
    }

    @Test("stored actuals are the same read from the objects or through json_each, for scoring and for an import")
    func storedActualsBothWays() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        var actuals: [ActualRoll] = []
        for (c, code) in ["A", "B", "C"].enumerated() {
            for year in 2019...2021 {
                for (g, group) in ["R", "Y1", "Y2"].enumerated() where (c + year + g) % 4 != 0 {
                    actuals.append(ActualRoll(level: c == 2 ? .school : .area, code: code, year: year, yearGroup: group,
                                              pupils: Double(10 * c + year - 2000 + g)))
                }
            }
        }
        _ = try store.importActuals(actuals, source: "a.csv", replace: false)
        func lookups(_ stored: StoredActuals) -> [Double?] {
            actuals.map { row in
                stored.value(row.level, stored.number(ofCode: row.code, level: row.level), year: row.year,
                             group: stored.number(ofGroup: row.yearGroup))
            }
        }
        let fromObjects = try store.queue.read { try StoredActuals($0, years: 2019...2021) }
        #expect(lookups(fromObjects) == actuals.map(\.pupils))
        #expect(try store.importActuals(actuals, source: "a.csv", replace: false).unchanged == actuals.count)
        // An object as another program might write it (spaces): the whole read goes through json_each.
        try store.queue.write { db in try db.execute(sql: "UPDATE actual_year SET pupils = replace(pupils, ':', ' : ') WHERE code = 'B'") }
        let throughJSONEach = try store.queue.read { try StoredActuals($0, years: 2019...2021) }
        #expect(lookups(throughJSONEach) == actuals.map(\.pupils))
        let again = try store.importActuals(actuals, source: "a.csv", replace: false)
        #expect(again.unchanged == actuals.count && !again.written)
        #expect(try store.queue.read { try String.fetchOne($0, sql: "SELECT pupils FROM actual_year WHERE code = 'B' LIMIT 1") }?.contains(" : ") == true)
    }

    @Test("school rows are kept apart from area rows")
    func schoolLevel() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let both = [ActualRoll(level: .area, code: "A", year: 2020, yearGroup: "R", pupils: 100),
                    ActualRoll(level: .school, code: "A", year: 2020, yearGroup: "R", pupils: 30)]
        #expect(try store.importActuals(both, source: "s.csv", replace: false).added == 2)
        #expect(try store.actual(level: .school, code: "A", year: 2020, yearGroup: "R")?.pupils == 30)
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "R")?.pupils == 100)
    }
}

@Suite("Store: scoring vintages")
struct ScoringTests {
    @Test("scores use the stored cells and actuals; the authority waits for every area")
    func scoring() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        _ = try store.archive(sampleVintage())
        // Area A's 2020 Reception is 110 (forecast 100): -9.09%. B not yet known.
        _ = try store.importActuals([ActualRoll(level: .area, code: "A", year: 2020, yearGroup: "R", pupils: 110)],
                                    source: "a.csv", replace: false)
        var scored = try #require(try store.score().first)
        let a = scored.result.scores.filter { $0.level == .area && $0.code == "A" }
        #expect(a.map(\.measure) == ["R intake"])
        #expect(abs(a[0].error! - (100.0 - 110) / 110) < 1e-12 && a[0].horizon == 1)
        #expect(scored.result.scores.filter { $0.level == .authority }.isEmpty)
        #expect(scored.result.scoredCells == 1 && scored.result.waitingCells == 2 * 2 * 14 - 1)

        _ = try store.importActuals([ActualRoll(level: .area, code: "B", year: 2020, yearGroup: "R", pupils: 190)],
                                    source: "b.csv", replace: false)
        scored = try #require(try store.score().first)
        let authority = scored.result.scores.filter { $0.level == .authority }
        #expect(authority.count == 1)
        #expect(authority.first?.forecast == 300 && authority.first?.actual == 300 && authority.first?.measure == "R intake")
        #expect(authority.first?.error == 0)
    }
}

@Suite("Store: a sealed vintage stays what was published")
struct SealTests {
    @Test("REPLACE cannot unseal a vintage (same id, label or fingerprint), nor can anything re-seal an edit")
    func noReplace() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        guard case .archived(let vintage, _) = try store.archive(sampleVintage()) else {
            Issue.record("not archived")
            return
        }
        for sql in [
            "REPLACE INTO vintage (id, label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived) "
                + "SELECT id, label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, 0 FROM vintage WHERE id = \(vintage.id)",
            "INSERT OR REPLACE INTO vintage (label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived) "
                + "VALUES ('other', 'p', 2019, 2, 'm', '{}', '\(vintage.inputsSHA256)', 'now', 0)",
            "INSERT OR REPLACE INTO vintage (label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived) "
                + "VALUES ('test', 'p', 2019, 2, 'm', '{}', '\(String(repeating: "b", count: 64))', 'now', 0)",
        ] {
            do {
                try store.queue.write { try $0.execute(sql: sql) }
                Issue.record("allowed: \(sql)")
            } catch let error as DatabaseError {
                #expect(error.message?.contains("an archived vintage cannot be replaced") == true, "\(error)")
            }
        }
        #expect(try store.vintages().map(\.archived) == [true])
        #expect(try store.score().count == 1)
    }

    @Test("cells changed behind the triggers' back are found, and accuracy refuses the vintage")
    func alteredCells() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        _ = try store.archive(sampleVintage())
        #expect(try store.vintages().first?.cellsSHA256?.count == 64)
        // Someone with sqlite3 drops the trigger and edits a published figure.
        try store.queue.write { db in
            try db.execute(sql: """
                DROP TRIGGER vintage_year_archived_no_update;
                UPDATE vintage_year SET cells = json_set(cells, '$.R[0]', json_extract(cells, '$.R[0]') + 1)
                WHERE level = 'area' AND year = (SELECT min(year) FROM vintage_year)
                  AND code = (SELECT min(code) FROM vintage_year WHERE level = 'area');
                """)
        }
        let error = storeError { _ = try store.score() }
        #expect(error?.kind == .altered)
        #expect(error?.description.contains("are not those it was archived with") == true)
    }
}

@Suite("Store: a vintage's files, kept to re-run it")
struct VintageInputTests {
    func vintage(files: [InputsHash.File], engine: String? = nil) throws -> NewVintage {
        var settings = VintageSettings(settings: .default, horizon: 2, ladder: .england, birthsBasis: .midYear)
        if let engine {
            // As a vintage made by another version of the engine would have stored it.
            var json = try JSONSerialization.jsonObject(with: Data(settings.json.utf8)) as! [String: Any]
            json["engine"] = engine
            settings = try VintageSettings.decode(String(decoding: JSONSerialization.data(withJSONObject: json), as: UTF8.self))
        }
        let sample = sampleVintage(seed: engine ?? "now")
        return NewVintage(label: nil, planName: sample.planName, originYear: sample.originYear, settings: settings,
                          inputsSHA256: InputsHash.sha256(files: files, settings: settings.json), cells: sample.cells, inputs: files)
    }

    @Test("the files are kept in order, with the flags that re-run it; once sealed they cannot be changed, added to or deleted")
    func kept() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let files = [InputsHash.File(name: "plan.toml", bytes: Array("name = \"x\"\n".utf8)), InputsHash.File(name: "rolls.csv", bytes: [0, 1, 2, 255])]
        guard case .archived(let stored, _) = try store.archive(try vintage(files: files)) else { Issue.record("not archived"); return }
        let rerun = try store.rerun(stored)
        #expect(rerun.files.map(\.name) == ["plan.toml", "rolls.csv"] && rerun.files[1].bytes == [0, 1, 2, 255])
        #expect(rerun.options.horizon == 2 && rerun.options.method == ForecastSettings.default.method.description)
        let queue = try DatabaseQueue(path: path)
        for sql in ["UPDATE vintage_input SET bytes = x'00' WHERE vintage_id = 1", "DELETE FROM vintage_input WHERE vintage_id = 1",
                    "INSERT INTO vintage_input (vintage_id, name, bytes) VALUES (1, 'births.csv', x'00')"] {
            #expect(throws: (any Error).self, "\(sql)") { try queue.write { try $0.execute(sql: sql) } }
        }
    }

    @Test("a vintage made by another engine version is not re-run: its forecast would not be the one archived")
    func otherEngine() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let files = [InputsHash.File(name: "plan.toml", bytes: Array("name = \"x\"\n".utf8))]
        guard case .archived(let stored, _) = try store.archive(try vintage(files: files, engine: "0.1.0")) else { Issue.record("not archived"); return }
        let error = storeError { _ = try store.rerun(stored) }
        #expect(error?.kind == .cannotRerun && error!.message.contains("was made by engine 0.1.0; this PlacePlan's is \(Engine.version)"), "\(String(describing: error))")
    }

    @Test("the cells' fingerprint is the same whatever their order, and the same as the formula it was first written with")
    func fingerprint() {
        // The fingerprint as first written: every cell's line, sorted, joined, hashed.
        func reference(_ cells: [VintageCell]) -> String {
            let lines = cells.map { c in
                [c.level.rawValue, c.code, String(c.year), c.yearGroup, String(c.pupils.bitPattern),
                 c.lower.map { String($0.bitPattern) } ?? "", c.upper.map { String($0.bitPattern) } ?? "", c.area ?? ""]
                    .joined(separator: "\u{1F}")
            }.sorted()
            return InputsHash.sha256(Array(lines.joined(separator: "\n").utf8))
        }
        var random = SeededRandom(seed: 64)
        var cells: [VintageCell] = []
        for level in [CellLevel.area, .authority, .school] {
            for code in ["P1", "P10", "P2", "Ysgol Dewi Sant", "École", "U100000"] {
                for year in 2024...2026 {
                    for group in ["R", "Y1", "Y10", "Y2"] {
                        cells.append(VintageCell(level: level, code: code, year: year, yearGroup: group,
                                                 pupils: Double.random(in: 0...200, using: &random),
                                                 lower: Bool.random(using: &random) ? 1.5 : nil, upper: nil,
                                                 area: level == .school ? "P\(year % 3)" : nil))
                    }
                }
            }
        }
        let keyOrder = cells.sorted { a, b in
            (a.level.rawValue, a.code, a.year, a.yearGroup) < (b.level.rawValue, b.code, b.year, b.yearGroup)
        }
        let ascii = keyOrder.filter { $0.code != "École" }
        for set in [cells, keyOrder, keyOrder.reversed(), ascii, cells.shuffled(using: &random)] {
            #expect(VintageCell.sha256(set) == reference(set))
        }
        #expect(VintageCell.sha256(keyOrder) == VintageCell.sha256(cells.shuffled(using: &random)))
        #expect(VintageCell.sha256(ascii) != VintageCell.sha256(keyOrder))
    }

    @Test("cells read for scoring give the sealed fingerprint as they stream, or say that they cannot (not ASCII) and are then checked whole")
    func streamedFingerprint() throws {
        var random = SeededRandom(seed: 65)
        func vintage(codes: [String], seed: String) -> NewVintage {
            var cells: [VintageCell] = []
            for level in [CellLevel.area, .authority, .school] {
                for code in level == .authority ? [CellLevel.authorityCode] : codes {
                    for year in 2020...2022 {
                        for group in Ladder.england.yearGroups.map(\.name) where Bool.random(using: &random) || group == "R" {
                            cells.append(VintageCell(level: level, code: code, year: year, yearGroup: group,
                                                     pupils: Double.random(in: 0...200, using: &random),
                                                     lower: Bool.random(using: &random) ? 1.5 : nil, upper: Bool.random(using: &random) ? 250 : nil,
                                                     area: level == .school ? ["P1", "P10", "", "Ysgol"][year % 4] : nil))
                        }
                    }
                }
            }
            let sample = sampleVintage(label: nil, horizon: 3, seed: seed)
            return NewVintage(label: nil, planName: sample.planName, originYear: sample.originYear, settings: sample.settings,
                              inputsSHA256: sample.inputsSHA256, cells: cells.shuffled(using: &random))
        }
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        let ascii = vintage(codes: ["P1", "P10", "P2", "Ysgol Dewi Sant", "U100000"], seed: "ascii")
        let accented = vintage(codes: ["P1", "École", "P2"], seed: "accented")
        for new in [ascii, accented] { _ = try store.archive(new) }
        let stored = try store.vintages()
        let streamed = try stored.map { vintage in
            try store.read { try StoredCells($0, vintage: vintage.id, ladder: .england) }
        }
        #expect(streamed[0].sha256 == VintageCell.sha256(ascii.cells) && streamed[0].sha256 == stored[0].cellsSHA256)
        #expect(streamed[1].sha256 == nil)
        #expect(streamed[0].rows.rows.count == Set(ascii.cells.map { "\($0.level) \($0.code) \($0.year)" }).count)
        // Both are scored: the second's fingerprint taken from its cells, whole.
        #expect(try store.score().count == 2)
    }

    @Test("a schema-5 store's actuals move to schema 6 with their file and time, and import as before after")
    func actualsMigration() throws {
        func areaRows(_ values: [(String, Int, String, Double)]) -> [ActualRoll] {
            values.map { ActualRoll(level: .area, code: $0.0, year: $0.1, yearGroup: $0.2, pupils: $0.3) }
        }
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A store as schema 5 left it: every actual with its own file name and time.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5: the input files of each vintage")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO actual VALUES ('area', 'A', 2020, 'R', 100, 'census-2020.csv', '2021-01-20T10:00:00Z');
                INSERT INTO actual VALUES ('area', 'A', 2020, 'Y1', 101, 'census-2020.csv', '2021-01-20T10:00:00Z');
                INSERT INTO actual VALUES ('school', 'S1', 2021, 'R', 30, 'census-2021.csv', '2022-01-19T09:00:00Z');
                """)
        }
        try queue.close()
        let store = try PlanStore(path: path, mode: .existing)
        #expect(try store.storedSchemaVersion() == Schema.version)
        #expect(try store.count("actual") == 3 && store.count("actual_import") == 2)
        let stored = try #require(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y1"))
        #expect(stored.pupils == 101 && stored.source == "census-2020.csv" && stored.importedAt == "2021-01-20T10:00:00Z")
        #expect(try store.actual(level: .school, code: "S1", year: 2021, yearGroup: "R")?.source == "census-2021.csv")
        // Unchanged rows stay unchanged; a conflict names the file it came from.
        let again = try store.importActuals(areaRows([("A", 2020, "R", 100), ("A", 2020, "Y1", 99)]), source: "revised.csv", replace: false)
        #expect(again.unchanged == 1 && again.refused.first?.existing.source == "census-2020.csv" && !again.written)
        #expect(try store.count("actual_import") == 2)
        let replaced = try store.importActuals(areaRows([("A", 2020, "Y1", 99)]), source: "revised.csv", replace: true)
        #expect(try replaced.written && store.count("actual_import") == 3)
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y1")?.source == "revised.csv")
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "R")?.source == "census-2020.csv")
        #expect(try store.revisions().map(\.oldSource) == ["census-2020.csv"])
    }

    @Test("a schema-7 store's actuals become a row per code, year and import, read back cell by cell through the view")
    func actualYearMigration() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v7: vintage cells' level checked without IN")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO actual_import (source, imported_at) VALUES ('census-2020.csv', '2021-01-20T10:00:00Z'),
                                                                       ('revised.csv', '2021-03-01T10:00:00Z');
                INSERT INTO actual VALUES ('area', 'A', 2020, 'R', 100, 1), ('area', 'A', 2020, 'Y1', 101.5, 1),
                                          ('area', 'A', 2020, 'Y2', 90, 2), ('school', 'S1', 2021, 'R', 30, 1);
                """)
        }
        try queue.close()
        let store = try PlanStore(path: path, mode: .existing)
        #expect(try store.storedSchemaVersion() == Schema.version)
        #expect(try store.count("actual_year") == 3 && store.count("actual") == 4)
        let objects = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT code, import_id, pupils FROM actual_year ORDER BY level, code, year, import_id")
                .map { "\($0[0] as String) \($0[1] as Int) \($0[2] as String)" }
        }
        #expect(objects == [#"A 1 {"R":100.0,"Y1":101.5}"#, #"A 2 {"Y2":90.0}"#, #"S1 1 {"R":30.0}"#])
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y1")?.pupils == 101.5)
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y2")?.source == "revised.csv")
        #expect(try store.actual(level: .area, code: "A", year: 2020, yearGroup: "Y3") == nil)
        #expect(try store.integrityCheck() == ["ok"])
    }
    @Test("a schema-6 store's vintage cells move through schemas 7 and 9 whole, sealed and guarded, and archive in key order after")
    func vintageCellsMigration() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A store as schema 6 left it, with one sealed vintage stored as schema 6's archive stored it.
        let old = sampleVintage(label: "2024", seed: "old")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v6: actuals name their import")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO vintage (label, plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived, cells_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z', 0, ?)
                """, arguments: [old.label, old.planName, old.originYear, old.settings.horizon, old.settings.label, old.settings.json,
                                 old.inputsSHA256, VintageCell.sha256(old.cells)])
            for cell in old.cells {
                try db.execute(sql: "INSERT INTO vintage_cell (vintage_id, level, code, year, year_group, pupils) VALUES (1, ?, ?, ?, ?, ?)",
                               arguments: [cell.level.rawValue, cell.code, cell.year, cell.yearGroup, cell.pupils])
            }
            try db.execute(sql: "UPDATE vintage SET archived = 1")
        }
        try queue.close()
        let store = try PlanStore(path: path, mode: .existing)
        #expect(try store.storedSchemaVersion() == Schema.version)
        #expect(try Set(store.cells(of: 1).map { "\($0.level) \($0.code) \($0.year) \($0.yearGroup) \($0.pupils)" })
                == Set(old.cells.map { "\($0.level) \($0.code) \($0.year) \($0.yearGroup) \($0.pupils)" }))
        #expect(try store.score().count == 1)   // the seal still holds
        // The triggers were made again with the table, and the level is still checked.
        try store.queue.write { db in
            for (sql, words) in [("UPDATE vintage_year SET cells = '{}'", "cannot be changed"), ("DELETE FROM vintage_year", "cannot be deleted"),
                                 (#"INSERT INTO vintage_year (vintage_id, level, code, year, cells) VALUES (1, 'area', 'Z', 2020, '{"R":[1]}')"#,
                                  "cannot be given new cells")] {
                #expect { try db.execute(sql: sql) } throws: { ($0 as? DatabaseError)?.message?.contains(words) == true }
            }
            try db.execute(sql: "INSERT INTO vintage (plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at) VALUES ('p', 2019, 1, 'm', '{}', ?, 'now')",
                           arguments: [String(repeating: "b", count: 64)])
            #expect { try db.execute(sql: #"INSERT INTO vintage_year (vintage_id, level, code, year, cells) VALUES (2, 'county', 'Z', 2020, '{"R":[1]}')"#) }
                throws: { ($0 as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT }
            try db.execute(sql: "DELETE FROM vintage WHERE id = 2")
        }
        // A new vintage, its cells given in any order, is stored and sealed as before.
        let new = sampleVintage(label: "2025", origin: 2020, seed: "new")
        let shuffled = NewVintage(label: new.label, planName: new.planName, originYear: new.originYear, settings: new.settings,
                                  inputsSHA256: new.inputsSHA256, cells: new.cells.reversed())
        guard case .archived(let stored, let count) = try store.archive(shuffled) else { Issue.record("not archived"); return }
        #expect(count == new.cells.count && stored.cellsSHA256 == VintageCell.sha256(new.cells))
        #expect(try store.score().count == 2)
    }
}
