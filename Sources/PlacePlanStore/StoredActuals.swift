import GRDB
import PlacePlanCore

/// The stored actuals of some years, in arrays indexed by number: a national store holds
/// millions, and scoring looks one up for every cell of every vintage. Codes are numbered per
/// level and year groups once, as first met.
struct StoredActuals: Sendable {
    let years: ClosedRange<Int>
    private var codes = [[String: Int]](repeating: [:], count: CellLevel.allCases.count)
    private var groups: [String: Int] = [:]
    /// By level: a cell's pupils at `(code × years + year) × groups + group`; NaN where none is
    /// stored (never a stored value: `actual` holds no NULL and SQLite stores no NaN).
    private var values: [[Double]] = []
    /// By school and year (`school × years + year`): whether the school has any actual that
    /// year. As in rolls.csv, a school's census lists the year groups it has pupils in, so once
    /// it has an actual for a year, a year group with none is 0 (a new school growing into its
    /// year groups).
    private var censused: [Bool] = []

    init(_ db: Database, years: ClosedRange<Int>) throws {
        self.years = years
        var stored: [Stored] = []
        var reader = Reader()
        try db.forEachActualCell(where: "year BETWEEN ? AND ?", arguments: [Int64(years.lowerBound), Int64(years.upperBound)],
                                 restart: {
            stored = []
            reader = Reader()
            codes = [[String: Int]](repeating: [:], count: CellLevel.allCases.count)
            groups = [:]
        }) { cell in
            let code = reader.code(level: cell.level, code: cell.code, in: &codes)
            stored.append(Stored(level: code.level, code: code.number, year: Int32(cell.year - years.lowerBound),
                                 group: reader.group(cell.yearGroup, in: &groups), pupils: cell.pupils))
        }
        let yearCount = years.count, groupCount = groups.count
        values = codes.map { [Double](repeating: .nan, count: $0.count * yearCount * groupCount) }
        censused = [Bool](repeating: false, count: codes[CellLevel.school.index].count * yearCount)
        for cell in stored {
            let codeYear = Int(cell.code) * yearCount + Int(cell.year)
            values[cell.level][codeYear * groupCount + Int(cell.group)] = cell.pupils
            if cell.level == CellLevel.school.index { censused[codeYear] = true }
        }
    }

    private struct Stored { let level: Int; let code: Int32; let year: Int32; let group: Int32; let pupils: Double }

    /// Numbers codes and year groups as cells give them. Cells come in the table's key order,
    /// code by code, and year groups in the ladder's: a code or year group is looked up only
    /// when it is not the one before.
    private struct Reader {
        private var last: (level: [UInt8], code: [UInt8], levelIndex: Int, number: Int32)?
        private var lastGroup: (name: [UInt8], number: Int32)?

        mutating func code(level: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer,
                           in codes: inout [[String: Int]]) -> (level: Int, number: Int32) {
            if let last, code.elementsEqual(last.code), level.elementsEqual(last.level) { return (last.levelIndex, last.number) }
            let levelIndex = (CellLevel(rawValue: String(decoding: level, as: UTF8.self)) ?? .area).index
            let number = Int32(codes[levelIndex].number(String(decoding: code, as: UTF8.self)))
            last = (Array(level), Array(code), levelIndex, number)
            return (levelIndex, number)
        }

        mutating func group(_ name: UnsafeRawBufferPointer, in groups: inout [String: Int]) -> Int32 {
            if let lastGroup, name.elementsEqual(lastGroup.name) { return lastGroup.number }
            let number = Int32(groups.number(String(decoding: name, as: UTF8.self)))
            lastGroup = (Array(name), number)
            return number
        }
    }

    /// A code's number at a level, `nil` when no actual has it.
    func number(ofCode code: String, level: CellLevel) -> Int? { codes[level.index][code] }
    /// A year group's number, `nil` when no actual has it.
    func number(ofGroup name: String) -> Int? { groups[name] }

    /// The stored actual of a cell given by numbers, if any.
    func value(_ level: CellLevel, _ code: Int?, year: Int, group: Int?) -> Double? {
        guard let code, let group, years.contains(year) else { return nil }
        let value = values[level.index][(code * years.count + year - years.lowerBound) * groups.count + group]
        return value.isNaN ? nil : value
    }

    /// A school's actual: stored, or 0 when the school has a census that year without it.
    func school(_ code: Int?, year: Int, group: Int?) -> Double? {
        if let stored = value(.school, code, year: year, group: group) { return stored }
        guard let code, years.contains(year) else { return nil }
        return censused[code * years.count + year - years.lowerBound] ? 0 : nil
    }
}
