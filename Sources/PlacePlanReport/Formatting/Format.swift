import PlacePlanCore
/// Number formatting with no dependence on the process locale (which on Linux is rarely the
/// user's): "." for decimals, "," for thousands, and rounding half away from zero, as a person
/// rounding by hand would (Foundation's formatters round half to even).
public enum Format {
    /// 12345.67 → "12,346" (decimals 0) or "12,345.7" (decimals 1).
    public static func number(_ value: Double, decimals: Int = 0, grouping: Bool = true) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        // Beyond 10^15 digits would not fit a whole number (and no plan's figure is that large).
        guard abs(value) < 1e15 else { return value.description }
        let scale = (0..<decimals).reduce(1.0) { acc, _ in acc * 10 }
        let rounded = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && rounded != 0
        let whole = UInt64(rounded / scale)
        let fraction = UInt64(rounded - Double(whole) * scale)
        var digits = String(whole)
        if grouping {
            var grouped = ""
            for (i, ch) in digits.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            digits = String(grouped.reversed())
        }
        if decimals > 0 {
            let padded = String(fraction)
            digits += "." + String(repeating: "0", count: max(0, decimals - padded.count)) + padded
        }
        return (negative ? "-" : "") + digits
    }

    /// Tenths of a pupil as `number(Double(tenths) / 10, decimals: 1, grouping: false)` writes
    /// them (`1234` → `123.4`), without going through a Double: a national file has millions.
    public static func tenths(_ tenths: Int) -> String {
        var text = CSVText(capacity: 8)
        text.tenths(tenths)
        return text.text
    }

    /// "1 area", "12 areas", "1,200 schools": a count with its noun, singular or plural.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(Double(n))) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// 0.01234 → "1.2%"; signed adds "+" to positive values.
    public static func percent(_ fraction: Double, decimals: Int = 1, signed: Bool = false) -> String {
        let text = number(fraction * 100, decimals: decimals, grouping: false)
        return (signed && fraction * 100 >= 0.5 / pow10(decimals) ? "+" : "") + text + "%"
    }

    /// 2019 → "2019/20" (`AcademicYear.text`).
    public static func academicYear(_ year: Int) -> String { AcademicYear.text(year) }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
}

extension Array where Element == String {
    /// The names in order, each once (table rows and lists that must not repeat themselves).
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
