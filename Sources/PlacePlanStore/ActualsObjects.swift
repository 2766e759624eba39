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
    /// not negative (`importActuals` checks): whole ones are written as integers, others in
    /// Swift's shortest form that reads back as the same `Double`.
    mutating func append(_ cells: some Sequence<(String, Double)>) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "{"))
        for (group, pupils) in cells {
            if bytes.count > start + 1 { bytes.append(UInt8(ascii: ",")) }
            JSONText.appendString(group, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            if pupils == pupils.rounded(), pupils < 1e15 {
                DecimalDigits.append(UInt64(pupils), to: &bytes)
            } else {
                bytes.append(contentsOf: "\(pupils)".utf8)
            }
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
    /// the caller then reads that object through SQLite's `json_each`. A whole count is read
    /// exactly, any other by Swift's correctly rounded conversion, so the shortest form `append`
    /// writes reads back as the same `Double`; a test checks both against `json_each`. (A
    /// store's year of national actuals is hundreds of thousands of objects, which `json_each`
    /// took ten times longer to read than this.)
    static func forEachCell(in object: UnsafeRawBufferPointer, _ cell: (UnsafeRawBufferPointer, Double) -> Void) -> Bool {
        let quote = UInt8(ascii: "\""), count = object.count
        guard count >= 2, object[0] == UInt8(ascii: "{"), object[count - 1] == UInt8(ascii: "}") else { return false }
        if count == 2 { return true }
        var i = 1
        while true {
            // "name":
            guard i < count, object[i] == quote else { return false }
            let nameStart = i + 1
            var nameEnd = nameStart
            while nameEnd < count, object[nameEnd] != quote {
                if object[nameEnd] == UInt8(ascii: "\\") || object[nameEnd] < 0x20 { return false }
                nameEnd += 1
            }
            guard nameEnd + 1 < count, object[nameEnd + 1] == UInt8(ascii: ":") else { return false }
            // a number: digits (a whole count), or a decimal Swift or SQLite wrote
            let numberStart = nameEnd + 2
            var numberEnd = numberStart, whole = true, value: UInt64 = 0
            while numberEnd < count, object[numberEnd] != UInt8(ascii: ","), object[numberEnd] != UInt8(ascii: "}") {
                let byte = object[numberEnd]
                if byte >= 48 && byte <= 57 {
                    // Up to 15 digits are exact as a Double; a longer number is converted below.
                    if whole && numberEnd - numberStart < 15 { value = value * 10 + UInt64(byte - 48) } else { whole = false }
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                    whole = false
                } else {
                    return false
                }
                numberEnd += 1
            }
            guard numberEnd > numberStart, numberEnd < count else { return false }
            let number: Double
            if whole {
                number = Double(value)
            } else {
                guard let parsed = Double(String(decoding: UnsafeRawBufferPointer(rebasing: object[numberStart..<numberEnd]), as: UTF8.self)),
                      parsed.isFinite else { return false }
                number = parsed
            }
            cell(UnsafeRawBufferPointer(rebasing: object[nameStart..<nameEnd]), number)
            if object[numberEnd] == UInt8(ascii: "}") { return numberEnd == count - 1 }
            i = numberEnd + 1
        }
    }
}
