import PlacePlanCore

/// `actual_year` rows' counts as the JSON objects SQLite reads back through `json_each`
/// (`{"R":30,"Y1":29.5}`), one after another in one buffer: an import makes a block of them on
/// one core while SQLite stores the block before on the other.
struct ActualsObjects: Sendable {
    private var bytes: [UInt8] = []
    /// Where each object ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []

    var count: Int { ends.count }

    /// Adds the object of `cells` (year group, pupils), in their order. Counts are finite and
    /// not negative (`importActuals` checks): written by `JSONText.appendNumber`, whole ones as
    /// integers, others in Swift's shortest form that reads back as the same `Double` (a -0
    /// read from a file as 0, as `json_each` would read it back).
    mutating func append(_ cells: some Sequence<(String, Double)>) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "{"))
        for (group, pupils) in cells {
            if bytes.count > start + 1 { bytes.append(UInt8(ascii: ",")) }
            JSONText.appendString(group, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONText.appendNumber(pupils + 0, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        ends.append(bytes.count)
    }

    /// Object `i`'s bytes as SQLite binds a text, valid only inside `body`.
    func withText<T>(_ i: Int, _ body: (UnsafePointer<CChar>, Int32) -> T) -> T {
        let start = i == 0 ? 0 : ends[i - 1]
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress! + start, Int32(ends[i] - start)) }
        }
    }

    /// Object `i` as text (for tests and messages).
    func text(_ i: Int) -> String { withText(i) { String(decoding: UnsafeRawBufferPointer(start: $0, count: Int($1)), as: UTF8.self) } }

    /// Calls `cell` with each year group (its name's bytes) and count of an object as `append`
    /// writes it, in order, and returns `true`; returns `false`, having called `cell` for some
    /// of them or none, for any other text (an escaped name, a number `append` does not write):
    /// the caller then reads that object through SQLite's `json_each`. Read by
    /// `JSONText.Cursor`, the form `append` writes reads back as the same `Double`; a test
    /// checks both against `json_each`. (A
    /// store's year of national actuals is hundreds of thousands of objects, which `json_each`
    /// took ten times longer to read than this.)
    static func forEachCell(in object: UnsafeRawBufferPointer, _ cell: (UnsafeRawBufferPointer, Double) -> Void) -> Bool {
        var reader = JSONText.Cursor(object)
        guard reader.take(UInt8(ascii: "{")) else { return false }
        if reader.take(UInt8(ascii: "}")) { return reader.atEnd }
        while true {
            // A stored count is finite: an infinity is not a count PlacePlan writes.
            guard let name = reader.string(), reader.take(UInt8(ascii: ":")), let pupils = reader.number(), pupils.isFinite
            else { return false }
            cell(name, pupils)
            if reader.take(UInt8(ascii: "}")) { return reader.atEnd }
            guard reader.take(UInt8(ascii: ",")) else { return false }
        }
    }
}
