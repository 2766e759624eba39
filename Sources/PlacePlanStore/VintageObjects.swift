import PlacePlanCore

/// A `vintage_year` row's cells as one JSON object, a year group each, in byte order of their
/// names (the order `vintage_cell`'s key kept): `{"R":[30],"Y1":[29.5,27.1,31.8],"Y2":[28,null,null,"E1"]}`.
/// Each array is pupils, then lower and upper (the interval; `null` when none) and the school
/// cell's planning area (`null` when none), with trailing nulls left off; numbers and names
/// written and read by `JSONText`. SQLite's own work per row is most of the cost of reading a
/// national vintage: a row per code and year holds up to fourteen cells for the cost of one.
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
            JSONText.appendNumber(cell.pupils, to: &bytes)
            if cell.lower != nil || cell.upper != nil || cell.area != nil {
                for bound in [cell.lower, cell.upper] {
                    bytes.append(UInt8(ascii: ","))
                    if let bound { JSONText.appendNumber(bound, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
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

    /// Calls `cell` with each cell of an object as `append` writes it, in order, and returns
    /// `true`; returns `false`, having called `cell` for some of them or none, for any other text
    /// (an escaped name, a number written otherwise): the caller then reads the cells through
    /// the view `vintage_cell` (SQLite's `json_each`). Read by `JSONText.Cursor`, every number
    /// `JSONText.appendNumber` wrote reads back bit for bit.
    static func forEachCell(in object: UnsafeRawBufferPointer, _ cell: (Cell) -> Void) -> Bool {
        var reader = JSONText.Cursor(object)
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
}
