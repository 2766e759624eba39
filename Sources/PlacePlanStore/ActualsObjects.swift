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
            appendString(group)
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

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7).
    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // A ladder's names (R, Y1, N2) need no escape: copied as they are.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default:
                bytes.append(byte)
            }
        }
    }
}
