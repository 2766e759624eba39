import Foundation
import GRDB
import PlacePlanCore

/// A vintage's cells as `accuracy` reads them, in one pass over the table in its key order
/// (level, code, year, year group): the fingerprint of the cells, hashed as they come, and the
/// forecast rows to score. A national vintage has hundreds of thousands of cells; read as
/// `VintageCell`s, with three strings each, they took longer to read than to score.
struct StoredCells {
    /// A school cell's planning area, for the areas' sums of their schools' actuals.
    struct SchoolCell {
        /// Positions in `codes` and `areas`; `yearGroup` on the ladder.
        let code: Int32, area: Int32
        let year: Int32, yearGroup: Int32
    }

    /// The fingerprint `VintageCell.sha256` gives the cells, or `nil` when their lines did not
    /// come in `String` order (a text that is not ASCII): then it must be taken from the cells.
    let sha256: String?
    /// The cells as rows of the ladder's year groups (a year group off the ladder left out).
    let rows: VintageAccuracy.ForecastRows
    /// The school cells that name a planning area (a special school's names none).
    let schoolCells: [SchoolCell]
    let codes: [String]
    let areas: [String]

    init(_ db: Database, vintage id: Int64, ladder: Ladder) throws {
        var reading = Reading(ladder: ladder)
        try db.forEachVintageCell(id, order: .byCode, restart: { reading = Reading(ladder: ladder) }) { reading.add($0) }
        // Byte order is `String` order only for ASCII (the numbers are digits; the texts are checked).
        let ascii = [reading.codes, reading.groups, reading.areas].allSatisfy { $0.values.allSatisfy { $0.allSatisfy { $0 < 0x80 } } }
        sha256 = ascii ? reading.fingerprint?.finish() : nil
        rows = reading.rows
        schoolCells = reading.schoolCells
        codes = reading.codeNames
        areas = reading.areas.values.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The cells read so far, as they come in key order.
    private struct Reading {
        var codes = Interned(sorted: true), groups = Interned(), areas = Interned()
        let onLadder: [[UInt8]]
        var ladderIndex: [Int32?] = []        // by position in `groups`
        var codeNames: [String] = []          // by position in `codes`
        let levelNames = CellLevel.allCases.map { Array($0.rawValue.utf8) }
        var level = CellLevel.area
        var fingerprint: CellFingerprint? = CellFingerprint()
        var line: [UInt8] = []
        var lineStart: (key: (CellLevel, Int32, Int32)?, bytes: [UInt8]) = (nil, [])
        var rows: VintageAccuracy.ForecastRows, schoolCells: [SchoolCell] = []
        var lastRow: (level: CellLevel, code: Int32, year: Int32)?

        init(ladder: Ladder) {
            onLadder = ladder.yearGroups.map { Array($0.name.utf8) }
            rows = VintageAccuracy.ForecastRows(groups: onLadder.count)
            line.reserveCapacity(256)
        }

        mutating func add(_ stored: StoredVintageCell) {
            if !Interned.equal(levelNames[level.index], stored.level) {
                level = CellLevel(rawValue: String(decoding: stored.level, as: UTF8.self)) ?? .area
            }
            let code = codes.number(stored.code)
            if Int(code) == codeNames.count { codeNames.append(String(decoding: codes.values[Int(code)], as: UTF8.self)) }
            let cell = stored.cell
            let group = groups.number(cell.yearGroup)
            if Int(group) == ladderIndex.count { ladderIndex.append(onLadder.firstIndex(of: groups.values[Int(group)]).map(Int32.init)) }
            let area = cell.area.map { $0.isEmpty ? -1 : areas.number($0) } ?? -1
            let year = Int32(truncatingIfNeeded: stored.year)
            if fingerprint != nil {
                // A line's start is the same for every year group of a code and year: made once.
                if lineStart.key == nil || lineStart.key! != (level, code, year) {
                    lineStart.bytes.removeAll(keepingCapacity: true)
                    CellFingerprint.appendLineStart(level: levelNames[level.index], code: codes.values[Int(code)], year: Int(year),
                                                    into: &lineStart.bytes)
                    lineStart.key = (level, code, year)
                }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: lineStart.bytes)
                CellFingerprint.appendLineEnd(yearGroup: groups.values[Int(group)], pupils: cell.pupils, lower: cell.lower, upper: cell.upper,
                                              area: area < 0 ? [] : areas.values[Int(area)], into: &line)
                if !fingerprint!.addSorted(&line) { fingerprint = nil }
            }
            guard let g = ladderIndex[Int(group)] else { return }
            if lastRow == nil || lastRow! != (level, code, year) {
                rows.add(level: level, code: codeNames[Int(code)], year: Int(year))
                lastRow = (level, code, year)
            }
            rows.setLast(Int(g), pupils: cell.pupils)
            if level == .school && area >= 0 { schoolCells.append(SchoolCell(code: code, area: area, year: year, yearGroup: g)) }
        }
    }

    /// Byte strings numbered as first met. Cells come code by code and, within a code and
    /// year, year group by year group, so a text is almost always the one before or one of a
    /// dozen year groups: those are found without hashing.
    fileprivate struct Interned {
        var values: [[UInt8]] = []
        /// Each value of up to 8 bytes as one integer (its bytes and its length), to compare
        /// year groups by a look along the dozen of them.
        private var packed: [UInt64] = []
        private var numbers: [[UInt8]: Int32] = [:], shortNumbers: [UInt64: Int32] = [:]
        private var last: Int32 = -1
        /// Texts that come sorted (codes within a level): one that is not the last is new. A
        /// code met again at another level is then numbered twice, which nothing minds.
        private let sorted: Bool

        init(sorted: Bool = false) { self.sorted = sorted }

        mutating func number(_ bytes: UnsafeRawBufferPointer) -> Int32 {
            if last >= 0, Self.equal(values[Int(last)], bytes) { return last }
            let key = Self.pack(bytes)
            if !sorted {
                let known = key == 0 ? numbers[Array(bytes)]
                    : values.count <= 32 ? packed.firstIndex(of: key).map(Int32.init) : shortNumbers[key]
                if let known {
                    last = known
                    return known
                }
            }
            last = Int32(values.count)
            values.append(Array(bytes))
            packed.append(key)
            if !sorted { if key == 0 { numbers[values[Int(last)]] = last } else { shortNumbers[key] = last } }
            return last
        }

        /// Up to 8 bytes and their length as one integer; 0 for a longer text.
        private static func pack(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            guard bytes.count <= 7 else { return 0 }
            var key = UInt64(bytes.count) << 56
            for (i, byte) in bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(i)) }
            return key
        }

        static func equal(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
            a.count == b.count && a.withUnsafeBytes { a in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }
}
