import PlacePlanCore

/// CSV text built as UTF-8 bytes. A national forecast has millions of rows; building them as
/// `String`s, field by field, cost more than the forecast itself. Fields are quoted as
/// `CSVField.quote` quotes them, numbers written as `Format` writes them.
struct CSVText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Text as it is: headers, separators, line ends.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// One ASCII byte: a separator or a line end, without making a `String` of it.
    mutating func append(ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

    /// A field, quoted and neutralised as `CSVField.quote` does it. A plain field (a code, a
    /// year group: no comma, quote or line break, and not starting like a formula) is copied
    /// as it is, which is every field of a forecast's rows.
    mutating func field(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard CSVField.isPlain(utf8) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { append(CSVField.quote(text)) }
    }

    /// A whole number in decimal digits, as `String(n)` writes it.
    mutating func integer(_ n: Int) { DecimalDigits.append(n, to: &bytes) }

    /// Tenths of a pupil, 95 → `9.5`, 0 → `0.0` (`Format.tenths` is this, as a `String`).
    mutating func tenths(_ tenths: Int) {
        if tenths < 0 { bytes.append(45) }
        let magnitude = tenths.magnitude
        integer(Int(magnitude / 10))
        bytes.append(46)
        bytes.append(UInt8(48 + magnitude % 10))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
