/// One `actual_year` row's counts as the JSON object SQLite reads back through `json_each`
/// (`{"R":30,"Y1":29.5}`), written into a buffer kept from row to row: a national census is
/// hundreds of thousands of them.
struct ActualsObject {
    private var bytes: [UInt8] = []

    /// Makes the object of `cells` (year group, pupils), in their order. Counts are finite and
    /// not negative (`importActuals` checks): whole ones are written as integers, others in
    /// Swift's shortest form that reads back as the same `Double`.
    mutating func make<Cells: Sequence>(_ cells: Cells) where Cells.Element == (String, Double) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "{"))
        for (group, pupils) in cells {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            appendString(group)
            bytes.append(UInt8(ascii: ":"))
            if pupils == pupils.rounded(), pupils < 1e15 {
                appendWhole(UInt64(pupils))
            } else {
                bytes.append(contentsOf: "\(pupils)".utf8)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The object's bytes as SQLite binds a text, valid only inside `body`.
    func withText<T>(_ body: (UnsafePointer<CChar>, Int32) -> T) -> T {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!, Int32($0.count)) }
        }
    }

    /// The object as text (for tests and messages).
    var text: String { String(decoding: bytes, as: UTF8.self) }

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

    private mutating func appendWhole(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
