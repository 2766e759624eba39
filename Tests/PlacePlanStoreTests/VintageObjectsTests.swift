import Foundation
import GRDB
import Testing
@testable import PlacePlanCore
@testable import PlacePlanStore

/// Cells whose numbers are hard to carry through text bit for bit: more digits than 15, very
/// small and very large magnitudes, a negative zero, an infinity; intervals, areas (one empty,
/// one not ASCII) and year groups out of the ladder's order.
private let awkwardCells: [VintageCell] = [
    VintageCell(level: .area, code: "A", year: 2020, yearGroup: "Y1", pupils: 0.1 + 0.2, lower: 1.0 / 3, upper: 2e-308),
    VintageCell(level: .area, code: "A", year: 2020, yearGroup: "R", pupils: 30),
    VintageCell(level: .area, code: "A", year: 2020, yearGroup: "Y10", pupils: 1e20, lower: nil, upper: .greatestFiniteMagnitude),
    VintageCell(level: .area, code: "A", year: 2021, yearGroup: "R", pupils: -0.0, lower: 5e-324, upper: nil),
    VintageCell(level: .area, code: "B", year: 2020, yearGroup: "R", pupils: 123_456_789.123_456_7, lower: 1e-05, upper: .infinity),
    VintageCell(level: .school, code: "100001", year: 2020, yearGroup: "R", pupils: 29.9, area: "A"),
    VintageCell(level: .school, code: "100001", year: 2020, yearGroup: "Y7", pupils: 180.5, lower: 170, upper: 190.25, area: "Ærø north"),
    VintageCell(level: .school, code: "100002", year: 2020, yearGroup: "R", pupils: 12, area: ""),
    VintageCell(level: .authority, code: CellLevel.authorityCode, year: 2020, yearGroup: "R", pupils: 4_999_999_999_999_999),
]

private func bits(_ cells: [VintageCell]) -> [String] {
    cells.map { "\($0.level) \($0.code) \($0.year) \($0.yearGroup) \($0.pupils.bitPattern) \(String(describing: $0.lower?.bitPattern)) "
        + "\(String(describing: $0.upper?.bitPattern)) \(String(describing: $0.area))" }.sorted()
}

private func vintage(_ cells: [VintageCell], seed: String = "a") -> NewVintage {
    let settings = VintageSettings(settings: .default, horizon: 2, ladder: .england, birthsBasis: .midYear)
    return NewVintage(label: nil, planName: "p", originYear: 2019, settings: settings,
                      inputsSHA256: InputsHash.sha256(files: [InputsHash.File(name: "rolls.csv", bytes: Array(seed.utf8))], settings: settings.json),
                      cells: cells)
}

@Suite("Store: vintage cells a row per code and year")
struct VintageObjectsTests {
    @Test("an object reads back every number bit for bit, as the view (json_each) reads it; anything else is left to the view")
    func objectReading() throws {
        var bytes: [UInt8] = []
        var texts: [String] = []
        for key in [("A", 2020), ("A", 2021), ("B", 2020)] {
            bytes.removeAll()
            let cells = awkwardCells.filter { $0.code == key.0 && $0.year == key.1 }
            #expect(VintageObjects.append(cells[...], to: &bytes))
            texts.append(String(decoding: bytes, as: UTF8.self))
            var read: [VintageCell] = []
            let whole = bytes.withUnsafeBytes { object in
                VintageObjects.forEachCell(in: object) { cell in
                    read.append(VintageCell(level: .area, code: key.0, year: key.1, yearGroup: String(decoding: cell.yearGroup, as: UTF8.self),
                                            pupils: cell.pupils, lower: cell.lower, upper: cell.upper,
                                            area: cell.area.map { String(decoding: $0, as: UTF8.self) }))
                }
            }
            #expect(whole)
            #expect(bits(read) == bits(cells))
            // In byte order of the year groups, as the table's key kept them.
            #expect(read.map(\.yearGroup) == cells.map(\.yearGroup).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
        #expect(texts[0] == #"{"R":[30],"Y1":[0.30000000000000004,0.3333333333333333,2e-308],"Y10":[1e+20,null,1.7976931348623157e+308]}"#)
        #expect(texts[1] == #"{"R":[-0,5e-324,null]}"#)
        // The same numbers through SQLite's JSON, for the values it reads exactly.
        let queue = try DatabaseQueue()
        let viewed = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT j.key, json_extract(j.value, '$[0]') FROM json_each(?) j", arguments: [texts[0]])
                .map { ($0[0] as String, $0[1] as Double) }
        }
        #expect(viewed.map(\.0) == ["R", "Y1", "Y10"] && viewed[0].1 == 30 && viewed[2].1 == 1e20)
        // Texts written otherwise are refused, whole, for the view to read.
        for text in [#"{ "R":[1]}"#, #"{"R":[1],}"#, #"{"R":[]}"#, #"{"R":[1,2]}"#, #"{"R":[1,null,null,"a\"b"]}"#, #"{"R":1}"#,
                     #"{"R":[1.]}"#, #"{"R":[x]}"#, #"{"R":[1]"#, #"{"R":[1]}x"#] {
            let read = Array(text.utf8).withUnsafeBytes { VintageObjects.forEachCell(in: $0) { _ in } }
            #expect(!read, "\(text)")
        }
        #expect(Array("{}".utf8).withUnsafeBytes { VintageObjects.forEachCell(in: $0) { _ in } })
        // Two cells for one year group, or a pupils figure that is not a number, are never stored.
        var refused: [UInt8] = []
        #expect(!VintageObjects.append([awkwardCells[1], awkwardCells[1]][...], to: &refused) && refused.isEmpty)
        #expect(!VintageObjects.append([VintageCell(level: .area, code: "A", year: 2020, yearGroup: "R", pupils: .nan)][...], to: &refused))
    }

    @Test("a vintage's cells are archived, sealed and read back bit for bit, from the objects or through the view alike")
    func cellsBothWays() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlanStore(path: path, mode: .createIfMissing)
        guard case .archived(let stored, let count) = try store.archive(vintage(awkwardCells)) else { Issue.record("not archived"); return }
        #expect(count == awkwardCells.count && stored.cellsSHA256 == VintageCell.sha256(awkwardCells.map(\.withoutNegativeZero)))
        #expect(try store.count("vintage_year") == 6 && store.count("vintage_cell") == awkwardCells.count)
        // Every number as given, but the negative zero, stored as 0 (as a REAL column stored it).
        func readsObjects() throws -> Bool {
            var restarted = false
            try store.queue.read { db in try db.forEachVintageCell(stored.id, order: .byCode, restart: { restarted = true }) { _ in } }
            return !restarted
        }
        #expect(try readsObjects())
        let asStored = awkwardCells.map(\.withoutNegativeZero)
        #expect(bits(asStored) != bits(awkwardCells))
        #expect(try bits(store.cells(of: stored.id)) == bits(asStored))
        let fromObjects = try store.queue.read { try StoredCells($0, vintage: stored.id, ladder: .england) }
        #expect(try store.score().count == 1)   // the seal holds
        // Objects as another program might write them (spaces): every cell is read through the view.
        try store.queue.write { db in
            try db.execute(sql: "DROP TRIGGER vintage_year_archived_no_update; UPDATE vintage_year SET cells = replace(cells, ':', ' : ') WHERE code = 'B'")
        }
        #expect(try !readsObjects())
        let throughView = try store.queue.read { try StoredCells($0, vintage: stored.id, ladder: .england) }
        #expect(fromObjects.codes == throughView.codes && fromObjects.areas == throughView.areas)
        #expect(fromObjects.rows.rows == throughView.rows.rows)
        let groups = 0..<Ladder.england.count
        #expect(fromObjects.rows.rows.indices.allSatisfy { r in
            groups.allSatisfy { fromObjects.rows.pupils(r, $0)?.bitPattern == throughView.rows.pupils(r, $0)?.bitPattern }
        })
        #expect(fromObjects.schoolCells.count == throughView.schoolCells.count)
        // Not ASCII (the area "Ærø north"): the fingerprint is taken from `cells(of:)`, read the same two ways.
        #expect(fromObjects.sha256 == nil && throughView.sha256 == nil)
        #expect(try store.score().count == 1)
    }

    @Test("a schema-8 store's vintage cells become a row per code and year, bit for bit, still sealed and guarded")
    func migration() throws {
        let (folder, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v8: actuals a row per code, year and import")
        // As a REAL column kept them: no negative zero. An area with a quote (escaped in its
        // object, so read through the view), and one all ASCII (the fingerprint taken as read).
        func area(_ name: String) -> [VintageCell] {
            awkwardCells.map(\.withoutNegativeZero).map { cell in
                cell.area != "Ærø north" ? cell : VintageCell(level: cell.level, code: cell.code, year: cell.year, yearGroup: cell.yearGroup,
                                                               pupils: cell.pupils, lower: cell.lower, upper: cell.upper, area: name)
            }
        }
        let ascii = area("N"), cells = area("Ærø \"north\"")
        let vintages = [vintage(ascii, seed: "a"), vintage(cells, seed: "b")]
        try queue.write { db in
            for (i, new) in vintages.enumerated() {
                try db.execute(sql: """
                    INSERT INTO vintage (plan_name, origin_year, horizon, method, settings, inputs_sha256, created_at, archived, cells_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', 0, ?)
                    """, arguments: [new.planName, new.originYear, new.settings.horizon, new.settings.label, new.settings.json,
                                     new.inputsSHA256, VintageCell.sha256(new.cells)])
                for cell in new.cells {
                    try db.execute(sql: "INSERT INTO vintage_cell VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [i + 1, cell.level.rawValue, cell.code, cell.year, cell.yearGroup, cell.pupils,
                                               cell.lower, cell.upper, cell.area])
                }
            }
            try db.execute(sql: "UPDATE vintage SET archived = 1")
        }
        try queue.close()
        let store = try PlanStore(path: path, mode: .existing)
        #expect(try store.storedSchemaVersion() == 9)
        #expect(try bits(store.cells(of: 1)) == bits(ascii) && bits(store.cells(of: 2)) == bits(cells))
        #expect(try store.queue.read { try StoredCells($0, vintage: 1, ladder: .england) }.sha256 == VintageCell.sha256(ascii))
        #expect(try store.score().count == 2)   // both seals hold
        #expect(try store.count("vintage_cell") == 2 * awkwardCells.count)
        try store.queue.write { db in
            #expect { try db.execute(sql: "DELETE FROM vintage_year WHERE vintage_id = 1") } throws: {
                ($0 as? DatabaseError)?.message?.contains("cannot be deleted") == true
            }
        }
        #expect(try store.integrityCheck() == ["ok"])
    }
}
