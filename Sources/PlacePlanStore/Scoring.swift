import GRDB
import PlacePlanCore

/// A vintage with its scores against the actuals known when it was scored.
public struct ScoredVintage: Equatable, Sendable {
    public let vintage: Vintage
    public let result: VintageAccuracy.Result
}

extension PlanStore {
    /// Scores the given vintages (all when `nil`) against every actual in the store.
    public func score(_ only: [Vintage]? = nil) throws -> [ScoredVintage] {
        let vintages = try only ?? read { db in try VintageRecord.order(Column("id")).fetchAll(db).map { try $0.vintage() } }
        guard let first = vintages.map({ $0.originYear + 1 }).min(),
              let last = vintages.map({ $0.originYear + $0.horizon }).max() else { return [] }
        // The actuals of the years some vintage forecasts (a store of many censuses holds far
        // more), read in one snapshot, so that an import running meanwhile is seen whole or not
        // at all; read while the first vintages' cells are.
        let queue = self.queue, path = self.path
        let actuals = Parallel.Background {
            try Self.reading(path) { try queue.read { db in try StoredActuals(db, years: first...max(first, last)) } }
        }
        // Each vintage is read, checked and scored on a core of its own, through a read-only
        // connection of its own. A vintage is sealed in the transaction that stores it, and its
        // cells cannot change after, so reading them outside one snapshot reads the same cells.
        // The largest first, so that no core is left with one large vintage at the end.
        let opened = openedPath
        let largestFirst = vintages.indices.sorted { a, b in
            vintages[a].horizon != vintages[b].horizon ? vintages[a].horizon > vintages[b].horizon : a < b
        }
        let scored = try Parallel.map(vintages.count) { i in
            let vintage = vintages[largestFirst[i]], ladder = vintage.settings.coreLadder
            let cells = try Self.readOnly(opened, reportedAs: path) { db in
                let cells = try StoredCells(db, vintage: vintage.id, ladder: ladder)
                try Self.verify(vintage, fingerprint: try cells.sha256 ?? VintageCell.sha256(try Self.storedCells(db, vintage: vintage.id)), path: path)
                return cells
            }
            return Self.score(vintage, ladder: ladder, cells: cells, actuals: try actuals.value())
        }
        var inOrder = scored
        for (i, position) in largestFirst.enumerated() { inOrder[position] = scored[i] }
        return inOrder
    }

    /// One vintage's scores from its cells (their seal checked).
    static func score(_ vintage: Vintage, ladder: Ladder, cells: StoredCells, actuals: StoredActuals) -> ScoredVintage {
        let actualGroup = ladder.yearGroups.map { actuals.number(ofGroup: $0.name) }
        var schoolSums: SchoolSums?
        var last: (level: CellLevel, code: String, number: Int?) = (.authority, "", nil)
        let result = VintageAccuracy.score(ladder: ladder, origin: vintage.originYear, rows: cells.rows) { level, code, year, g in
            // Cells come code by code: its number is found once.
            if level != last.level || code != last.code { last = (level, code, actuals.number(ofCode: code, level: level)) }
            switch level {
            case .school: return actuals.school(last.number, year: year, group: actualGroup[g])
            case .authority: return nil  // the sum of the areas', made by `VintageAccuracy`
            case .area:
                if let stored = actuals.value(.area, last.number, year: year, group: actualGroup[g]) { return stored }
                // A place plan's area with no figure of its own: its schools' sum, gathered
                // the first time it is needed.
                if schoolSums == nil { schoolSums = SchoolSums(cells, ladder: ladder, actuals: actuals) }
                return schoolSums!.sum(area: code, year: year, group: g)
            }
        }
        return ScoredVintage(vintage: vintage, result: result)
    }

    /// Refuses a vintage whose cells are not those it was sealed with: what is scored must be
    /// what was published.
    static func verify(_ vintage: Vintage, fingerprint: @autoclosure () throws -> String, path: String) throws {
        guard let sealed = vintage.cellsSHA256 else { return }  // archived before fingerprints were kept
        guard try fingerprint() == sealed else {
            throw StoreError(kind: .altered, path: path,
                             message: "the cells of \(vintage.name) are not those it was archived with: they were changed outside "
                                + "PlacePlan, so its scores would not be the published forecast's",
                             fix: "restore the database from a backup, or archive the forecast again under a new label")
        }
    }
}

/// A place plan's areas as the sum of their schools' actuals, by year and year group: the
/// actual of an area when only the school census was imported. A school counts towards the area
/// its cell names for that year and year group; the sum is known once every one of them has
/// an actual.
struct SchoolSums {
    private let areaNumber: [String: Int]
    private let years: ClosedRange<Int>
    private let groups: Int
    private var sums: [Double]
    /// Whether any school counts towards a sum, and whether one of them has no actual.
    private var counted: [Bool], missing: [Bool]

    init(_ cells: StoredCells, ladder: Ladder, actuals: StoredActuals) {
        areaNumber = Dictionary(uniqueKeysWithValues: cells.areas.enumerated().map { ($1, $0) })
        let years = cells.schoolCells.map { Int($0.year) }
        self.years = (years.min() ?? 0)...(years.max() ?? 0)
        groups = ladder.count
        let count = cells.areas.count * self.years.count * groups
        sums = [Double](repeating: 0, count: count)
        counted = [Bool](repeating: false, count: count)
        missing = [Bool](repeating: false, count: count)
        let actualGroup = ladder.yearGroups.map { actuals.number(ofGroup: $0.name) }
        var number: (code: Int32, actual: Int?) = (-1, nil)
        for cell in cells.schoolCells {
            if cell.code != number.code { number = (cell.code, actuals.number(ofCode: cells.codes[Int(cell.code)], level: .school)) }
            let i = Self.position(area: Int(cell.area), year: Int(cell.year), group: Int(cell.yearGroup), years: self.years, groups: groups)
            counted[i] = true
            if let value = actuals.school(number.actual, year: Int(cell.year), group: actualGroup[Int(cell.yearGroup)]) {
                sums[i] += value
            } else {
                missing[i] = true
            }
        }
    }

    func sum(area: String, year: Int, group g: Int) -> Double? {
        guard let a = areaNumber[area], years.contains(year) else { return nil }
        let i = Self.position(area: a, year: year, group: g, years: years, groups: groups)
        return counted[i] && !missing[i] ? sums[i] : nil
    }

    private static func position(area: Int, year: Int, group: Int, years: ClosedRange<Int>, groups: Int) -> Int {
        (area * years.count + year - years.lowerBound) * groups + group
    }
}
