import Foundation
import PlacePlanCore

/// A `vintage_year` row's cells as one JSON object, a year group each, in byte order of their
/// names (the order `vintage_cell`'s key kept): `{"R":[30],"Y1":[29.5,27.1,31.8],"Y2":[28,null,null,"E1"]}`.
/// Each array is pupils, then lower and upper (the interval; `null` when none) and the school
/// cell's planning area (`null` when none), with trailing nulls left off. SQLite's own work per
/// row is most of the cost of reading a national vintage: a row per code and year holds up to
/// fourteen cells for the cost of one.
enum VintageObjects {
    /// One cell of an object, its texts valid only during the call that gives them.
    struct Cell {
        let yearGroup: UnsafeRawBufferPointer
        let pupils: Double
        let lower: Double?
        let upper: Double?
        /// `nil` for `null` (no area); empty for `""`.
        let area: UnsafeRawBufferPointer?
    }

    /// Appends the object of one code and year's cells, given in any order. Returns `false`,
    /// having appended nothing, when two of them are for the same year group (the table's key
    /// was (level, code, year, year group): such cells were never storable) or one has a NaN.
    static func append(_ cells: ArraySlice<VintageCell>, to bytes: inout [UInt8]) -> Bool {
        let ordered = cells.sorted { $0.yearGroup.utf8.lexicographicallyPrecedes($1.yearGroup.utf8) }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.yearGroup == b.yearGroup { return false }
        guard ordered.allSatisfy({ !$0.pupils.isNaN && $0.lower?.isNaN != true && $0.upper?.isNaN != true }) else { return false }
        bytes.append(UInt8(ascii: "{"))
        for (i, cell) in ordered.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONText.appendString(cell.yearGroup, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "[")])
            appendNumber(cell.pupils, to: &bytes)
            if cell.lower != nil || cell.upper != nil || cell.area != nil {
                for bound in [cell.lower, cell.upper] {
                    bytes.append(UInt8(ascii: ","))
                    if let bound { appendNumber(bound, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
                }
                if let area = cell.area {
                    bytes.append(UInt8(ascii: ","))
                    JSONText.appendString(area, to: &bytes)
                }
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
        return true
    }

    /// A number as text that reads back as the same `Double`, bit for bit: a whole one as an
    /// integer (`-0` keeps its sign), any other in Swift's shortest round-trip form; an infinity
    /// as `9e999`, as SQLite's JSON writes it.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        if magnitude.isInfinite {
            bytes.append(contentsOf: "9e999".utf8)
        } else if magnitude == magnitude.rounded(), magnitude < 1e15 {
            DecimalDigits.append(UInt64(magnitude), to: &bytes)
        } else {
            bytes.append(contentsOf: "\(magnitude)".utf8)
        }
    }

    /// Calls `cell` with each cell of an object as `append` writes it, in order, and returns
    /// `true`; returns `false`, having called `cell` for some of them or none, for any other text
    /// (an escaped name, a number written otherwise): the caller then reads the cells through
    /// the view `vintage_cell` (SQLite's `json_each`). Numbers are read exactly: a decimal of up
    /// to 15 digits and 22 places as its digits over a power of ten (both exact, so the one
    /// division is correctly rounded), any other by Swift's correctly rounded conversion.
    static func forEachCell(in object: UnsafeRawBufferPointer, _ cell: (Cell) -> Void) -> Bool {
        var reader = Reader(object)
        guard reader.take(UInt8(ascii: "{")) else { return false }
        if reader.take(UInt8(ascii: "}")) { return reader.atEnd }
        while true {
            guard let name = reader.string(), reader.take(UInt8(ascii: ":")), reader.take(UInt8(ascii: "[")),
                  let pupils = reader.number() else { return false }
            var lower: Double?, upper: Double?, area: UnsafeRawBufferPointer?
            if reader.take(UInt8(ascii: ",")) {
                guard reader.numberOrNull(&lower), reader.take(UInt8(ascii: ",")), reader.numberOrNull(&upper) else { return false }
                if reader.take(UInt8(ascii: ",")) {
                    if !reader.takeNull() {
                        guard let text = reader.string() else { return false }
                        area = text
                    }
                }
            }
            guard reader.take(UInt8(ascii: "]")) else { return false }
            cell(Cell(yearGroup: name, pupils: pupils, lower: lower, upper: upper, area: area))
            if reader.take(UInt8(ascii: "}")) { return reader.atEnd }
            guard reader.take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// A cursor over an object's bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var atEnd: Bool { i == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func takeNull() -> Bool {
            guard i + 4 <= bytes.count, bytes[i] == UInt8(ascii: "n"), bytes[i + 1] == UInt8(ascii: "u"),
                  bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "l") else { return false }
            i += 4
            return true
        }

        /// A string with no escape and no control character: its bytes between the quotes.
        mutating func string() -> UnsafeRawBufferPointer? {
            let quote = UInt8(ascii: "\"")
            guard take(quote) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != quote {
                if bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            i += 1
            return UnsafeRawBufferPointer(rebasing: bytes[start..<(i - 1)])
        }

        mutating func numberOrNull(_ value: inout Double?) -> Bool {
            if takeNull() { return true }
            value = number()
            return value != nil
        }

        mutating func number() -> Double? {
            let start = i
            let negative = take(UInt8(ascii: "-"))
            var mantissa: UInt64 = 0, digits = 0, places = 0, seenPoint = false, simple = true
            while i < bytes.count {
                let byte = bytes[i]
                if byte >= 48 && byte <= 57 {
                    if digits < 15 { mantissa = mantissa * 10 + UInt64(byte - 48) } else { simple = false }
                    digits += 1
                    if seenPoint { places += 1 }
                } else if byte == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                    simple = false
                } else {
                    break
                }
                i += 1
            }
            guard digits > 0, !(seenPoint && places == 0) else { return nil }
            if simple && places <= 22 {
                let magnitude = Double(mantissa) / Self.powersOfTen[places]
                return negative ? -magnitude : magnitude
            }
            return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// 10⁰ … 10²², every one exact as a `Double`.
        private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { product, _ in product * 10 } }
    }
}
