import GRDB
import PlacePlanCore

/// A vintage with its scores against the actuals known when it was scored.
public struct ScoredVintage: Equatable, Sendable {
    public let vintage: Vintage
    public let result: VintageAccuracy.Result
}

extension PlanStore {
    /// Scores the given vintages (all when `nil`) against every actual in the store, read in
    /// one snapshot so that an import running meanwhile is seen whole or not at all.
    public func score(_ only: [Vintage]? = nil) throws -> [ScoredVintage] {
        try read { db in
            let vintages = try only ?? VintageRecord.order(Column("id")).fetchAll(db).map { try $0.vintage() }
            guard let first = vintages.map({ $0.originYear + 1 }).min(),
                  let last = vintages.map({ $0.originYear + $0.horizon }).max() else { return [] }
            // Only the years some vintage forecasts: a store of many censuses holds far more.
            let actuals = try StoredActuals(db, years: first...max(first, last))
            // Cells are read one vintage after another (one connection, one snapshot); each
            // vintage is then checked and scored on a core of its own.
            let path = self.path
            var scored: [ScoredVintage] = []
            for start in stride(from: 0, to: vintages.count, by: Parallel.threads) {
                let batch = Array(vintages[start..<min(start + Parallel.threads, vintages.count)])
                let cells = try batch.map { try Self.storedCells(db, vintage: $0.id, inKeyOrder: true) }
                scored += try Parallel.map(batch.count) { i in try Self.score(batch[i], cells: cells[i], actuals: actuals, path: path) }
            }
            return scored
        }
    }

    /// One vintage's scores from its cells (read in key order), once its seal is checked.
    static func score(_ vintage: Vintage, cells stored: [VintageCell], actuals: StoredActuals, path: String) throws -> ScoredVintage {
        try verify(vintage, cells: stored, path: path)
        let ladder = vintage.settings.coreLadder
        let rows = forecastRows(stored, ladder: ladder)
        let groups = ladder.yearGroups.map { actuals.number(ofGroup: $0.name) }
        // A place plan's schools by area, year and year group: an area's actual is the sum of
        // its schools' when no area figure was imported and every school has one. Gathered only
        // when an area has no actual of its own; schools by their number among the actuals
        // (`nil`: none stored for it).
        struct AreaCell: Hashable { let area: String; let year: Int; let yearGroup: Int }
        var schoolsOf: [AreaCell: [UInt64?]]?
        func schools(in area: String, year: Int, yearGroup g: Int) -> [UInt64?]? {
            if schoolsOf == nil {
                var gathered: [AreaCell: [UInt64?]] = [:]
                var last: (code: String, number: UInt64?) = ("", nil)
                for cell in stored where cell.level == .school {
                    guard let area = cell.area, !area.isEmpty, let g = ladder.yearGroups.firstIndex(where: { $0.name == cell.yearGroup })
                    else { continue }
                    if cell.code != last.code { last = (cell.code, actuals.number(ofCode: cell.code)) }
                    gathered[AreaCell(area: area, year: cell.year, yearGroup: g), default: []].append(last.number)
                }
                schoolsOf = gathered
            }
            return schoolsOf?[AreaCell(area: area, year: year, yearGroup: g)]
        }
        var last: (code: String, number: UInt64?) = ("", nil)
        let result = VintageAccuracy.score(ladder: ladder, origin: vintage.originYear, rows: rows) { level, code, year, g in
            // Cells come code by code: its number is found once.
            if code != last.code { last = (code, actuals.number(ofCode: code)) }
            switch level {
            case .school: return actuals.school(last.number, year: year, group: groups[g])
            case .authority: return nil  // the sum of the areas', made by `VintageAccuracy`
            case .area:
                if let stored = actuals.value(.area, last.number, year: year, group: groups[g]) { return stored }
                guard let members = schools(in: code, year: year, yearGroup: g) else { return nil }
                var sum = 0.0
                for member in members {
                    guard let value = actuals.school(member, year: year, group: groups[g]) else { return nil }
                    sum += value
                }
                return sum
            }
        }
        return ScoredVintage(vintage: vintage, result: result)
    }

    /// A vintage's cells, in key order (level, code, year, year group), as rows of year groups.
    static func forecastRows(_ cells: [VintageCell], ladder: Ladder) -> [VintageAccuracy.ForecastRow] {
        let names = ladder.yearGroups.map(\.name)
        var rows: [VintageAccuracy.ForecastRow] = []
        var lastName: (name: String, index: Int?) = ("", nil)
        for cell in cells {
            if cell.yearGroup != lastName.name || rows.isEmpty { lastName = (cell.yearGroup, names.firstIndex(of: cell.yearGroup)) }
            guard let g = lastName.index else { continue }
            if let last = rows.last, last.level == cell.level, last.year == cell.year, last.code == cell.code {
                rows[rows.count - 1].pupils[g] = cell.pupils
            } else {
                var pupils = [Double?](repeating: nil, count: names.count)
                pupils[g] = cell.pupils
                rows.append(VintageAccuracy.ForecastRow(level: cell.level, code: cell.code, year: cell.year, pupils: pupils))
            }
        }
        return rows
    }

    /// Refuses a vintage whose cells are not those it was sealed with: what is scored must be
    /// what was published.
    static func verify(_ vintage: Vintage, cells: [VintageCell], path: String) throws {
        guard let sealed = vintage.cellsSHA256 else { return }  // archived before fingerprints were kept
        guard VintageCell.sha256(cells) == sealed else {
            throw StoreError(kind: .altered, path: path,
                             message: "the cells of \(vintage.name) are not those it was archived with: they were changed outside "
                                + "PlacePlan, so its scores would not be the published forecast's",
                             fix: "restore the database from a backup, or archive the forecast again under a new label")
        }
    }
}

/// The stored actuals of some years, by cell, with codes and year groups numbered once: a
/// national store holds millions, and scoring looks one up for every cell of every vintage.
struct StoredActuals {
    private var codes: [String: Int] = [:]
    private var groups: [String: Int] = [:]
    private var values: [UInt64: Double] = [:]
    /// School and year with any actual: as in rolls.csv, a school's census lists the year
    /// groups it has pupils in, so once a school has an actual for a year, a year group with
    /// none is 0 (a new school growing into its year groups).
    private var censused: Set<UInt64> = []

    init(_ db: Database, years: ClosedRange<Int>) throws {
        var lastGroup: (name: String, number: Int) = ("", 0)
        try db.forEachRawRow("SELECT level, code, year, year_group, pupils FROM actual WHERE year BETWEEN ? AND ?",
                             arguments: [Int64(years.lowerBound), Int64(years.upperBound)]) { row in
            let level = CellLevel(rawValue: row.text(0) ?? "") ?? .area
            let code = UInt64(codes.number(row.text(1) ?? ""))
            let year = row.integer(2)
            let name = row.text(3) ?? ""
            if name != lastGroup.name || values.isEmpty { lastGroup = (name, groups.number(name)) }
            values[Self.key(level, code, year, UInt64(lastGroup.number))] = row.real(4)
            if level == .school { censused.insert(Self.key(.school, code, year, 0)) }
        }
    }

    /// A code's or year group's number here, `nil` when no actual has it.
    func number(ofCode code: String) -> UInt64? { codes[code].map(UInt64.init) }
    func number(ofGroup name: String) -> UInt64? { groups[name].map(UInt64.init) }

    /// The stored actual of a cell given by numbers, if any.
    func value(_ level: CellLevel, _ code: UInt64?, year: Int, group: UInt64?) -> Double? {
        guard let code, let group else { return nil }
        return values[Self.key(level, code, year, group)]
    }

    /// A school's actual: stored, or 0 when the school has a census that year without it.
    func school(_ code: UInt64?, year: Int, group: UInt64?) -> Double? {
        if let stored = value(.school, code, year: year, group: group) { return stored }
        guard let code else { return nil }
        return censused.contains(Self.key(.school, code, year, 0)) ? 0 : nil
    }

    private static func key(_ level: CellLevel, _ code: UInt64, _ year: Int, _ group: UInt64) -> UInt64 {
        ActualKeys.pack(level: level.rawValue, code: code, year: year, group: group)
    }
}

