import PlacePlanCore

/// Cells by their key — `actual`'s primary key (level, code, year, year_group), and
/// `vintage_cell`'s after its vintage — as whole numbers. Codes and year-group names are ranked
/// once, in the order SQLite's BINARY collation sorts them (their UTF-8 bytes), so that sorting
/// millions of rows into the table's order, and finding a stored cell among them, compare
/// integers rather than strings.
struct ActualKeys {
    /// Each row's key, in the rows' order.
    let keys: [UInt64]
    private let codeRank: [String: UInt64]
    private let groupRank: [String: UInt64]

    init(_ rows: [ActualRoll]) {
        self.init(count: rows.count, level: { rows[$0].level }, code: { rows[$0].code }, year: { rows[$0].year },
                  yearGroup: { rows[$0].yearGroup })
    }

    /// The keys of `count` cells, each given by its position.
    init(count: Int, level: @Sendable (Int) -> CellLevel, code: @Sendable (Int) -> String, year: @Sendable (Int) -> Int,
         yearGroup: @Sendable (Int) -> String) {
        // Each part of the cells numbers its codes and year groups as first met (one lookup a
        // cell), a part per core for a census of millions; the later parts' numbers then follow
        // the earlier ones', so the numbering is that of one pass in order.
        let parts = max(1, min(count >= 100_000 ? Parallel.threads : 1, count))
        let ranges = (0..<parts).map { $0 * count / parts ..< ($0 + 1) * count / parts }
        let numbered = Parallel.map(parts, infallible: { FirstMetCells(ranges[$0], code: code, yearGroup: yearGroup) })
        var codeNumber: [String: Int] = [:], groupNumber: [String: Int] = [:]
        let codeOf = numbered.map { part in part.codes.map { codeNumber.number($0) } }
        let groupOf = numbered.map { part in part.groups.map { groupNumber.number($0) } }
        func ranks(_ numbers: [String: Int]) -> (byName: [String: UInt64], byNumber: [UInt64]) {
            let sorted = numbers.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var byNumber = [UInt64](repeating: 0, count: numbers.count)
            for (rank, name) in sorted.enumerated() { byNumber[numbers[name]!] = UInt64(rank) }
            return (Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, UInt64($0)) }), byNumber)
        }
        let codes = ranks(codeNumber), groups = ranks(groupNumber)
        codeRank = codes.byName
        groupRank = groups.byName
        keys = Parallel.map(parts, infallible: { p in
            let part = numbered[p], first = ranges[p].lowerBound
            return ranges[p].map { i in
                Self.pack(level: level(i).rawValue, code: codes.byNumber[codeOf[p][Int(part.rowCode[i - first])]], year: year(i),
                          group: groups.byNumber[groupOf[p][Int(part.rowGroup[i - first])]])
            }
        }).flatMap { $0 }
    }

    /// A code's rank, or `nil` when no row of the import is for it.
    func rank(ofCode code: String) -> UInt64? { codeRank[code] }
    /// A year group's rank, or `nil` when no row of the import is for it.
    func rank(ofGroup name: String) -> UInt64? { groupRank[name] }

    /// The rows' positions in the table's key order (rows of one cell in file order).
    var tableOrder: [Int] {
        var order = keys.indices.map { (key: keys[$0], position: Int32($0)) }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
        return order.map { Int($0.position) }
    }

    /// `positions` (rows of `keys`) in the order of `actual_year`'s key: by level, code and
    /// year as the table sorts them, and within one code and year in the rows' own order (the
    /// ladder's, as a census file gives them).
    func yearOrder(of positions: [Int]) -> [Int] {
        var order = positions.map { (codeYear: Self.codeYear(of: keys[$0]), position: Int32($0)) }
        order.sort { $0.codeYear != $1.codeYear ? $0.codeYear < $1.codeYear : $0.position < $1.position }
        return order.map { Int($0.position) }
    }

    /// A key's level, code and year, without its year group.
    static func codeYear(of key: UInt64) -> UInt64 { key >> 14 }
    /// A key's year group (its rank).
    static func group(of key: UInt64) -> UInt64 { key & 0x3FFF }

    /// The years a key can hold: every year a file or a plan can name (`HistoryReader.years`
    /// is 1900–2200), with room to spare.
    static let years = 0...65_535

    /// A cell as one integer: level (2 bits, in byte order: area < authority < school), code
    /// (32 bits), year (16 bits) and year group (14 bits), codes and year groups by their rank.
    /// A year must be in `years` (`importActuals` checks; a forecast's and stored ones come from
    /// files, 1900–2200).
    static func pack(level: String, code: UInt64, year: Int, group: UInt64) -> UInt64 {
        let levelRank: UInt64
        switch level {
        case "area": levelRank = 0
        case "authority": levelRank = 1
        default: levelRank = 2
        }
        return levelRank << 62 | (code & 0xFFFF_FFFF) << 30 | UInt64(year & 0xFFFF) << 14 | (group & 0x3FFF)
    }
}

/// One part of an import's (or a vintage's) cells with their codes and year groups numbered as
/// first met in the part.
private struct FirstMetCells: Sendable {
    /// Each cell's code and year group, by number in the part.
    var rowCode: [Int32] = [], rowGroup: [Int32] = []
    /// The codes and year groups by number.
    var codes: [String] = [], groups: [String] = []

    init(_ range: Range<Int>, code: (Int) -> String, yearGroup: (Int) -> String) {
        var codeNumber: [String: Int32] = [:], groupNumber: [String: Int32] = [:]
        rowCode.reserveCapacity(range.count)
        rowGroup.reserveCapacity(range.count)
        // A file that gives a school's (or area's) year groups one after another looks its code
        // up once a school; one that gives a year group's schools one after another, its year
        // group once a year group.
        var lastCode: (code: String, number: Int32)?, lastGroup: (name: String, number: Int32)?
        for i in range {
            let cellCode = code(i), group = yearGroup(i)
            if lastCode?.code != cellCode { lastCode = (cellCode, codeNumber.number(cellCode)) }
            if lastGroup?.name != group { lastGroup = (group, groupNumber.number(group)) }
            rowCode.append(lastCode!.number)
            rowGroup.append(lastGroup!.number)
        }
        codes = [String](repeating: "", count: codeNumber.count)
        for (name, number) in codeNumber { codes[Int(number)] = name }
        groups = [String](repeating: "", count: groupNumber.count)
        for (name, number) in groupNumber { groups[Int(number)] = name }
    }
}
