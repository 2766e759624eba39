import PlacePlanCore

/// JSON text as PlacePlan writes it into the store (`actual_year`'s and `vintage_year`'s
/// objects), and a cursor that reads back exactly what it writes.
enum JSONText {
    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7).
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // A ladder's names (R, Y1, N2) and codes need no escape: copied as they are.
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

    /// A cursor over an object's bytes that takes only text as `JSONText` writes it: anything
    /// else (a space, an escape, a number written another way) is for the caller to leave to
    /// SQLite's `json_each`. Numbers are read exactly: a decimal of up to 15 digits and 22
    /// places as its digits over a power of ten (both exact, so the one division is correctly
    /// rounded), any other by Swift's correctly rounded conversion.
    struct Cursor {
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
