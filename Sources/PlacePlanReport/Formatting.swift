import PlacePlanCore
/// Number formatting with no dependence on the process locale (which on Linux is rarely the
/// user's): "." for decimals, "," for thousands, and rounding half away from zero, as a person
/// rounding by hand would (Foundation's formatters round half to even).
public enum Format {
    /// 12345.67 → "12,346" (decimals 0) or "12,345.7" (decimals 1).
    public static func number(_ value: Double, decimals: Int = 0, grouping: Bool = true) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
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

    /// 0.01234 → "1.2%"; signed adds "+" to positive values.
    public static func percent(_ fraction: Double, decimals: Int = 1, signed: Bool = false) -> String {
        let text = number(fraction * 100, decimals: decimals, grouping: false)
        return (signed && fraction * 100 >= 0.5 / pow10(decimals) ? "+" : "") + text + "%"
    }

    /// 2019 → "2019/20" (`AcademicYear.text`).
    public static func academicYear(_ year: Int) -> String { AcademicYear.text(year) }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
}

/// A plain-text table with right-aligned numbers, for terminals.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned left (the rest are right-aligned).
    public var leftAligned: Set<Int> = [0]

    public init(header: [String]) { self.header = header }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            header.indices.map { c in
                let cell = c < cells.count ? cells[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return leftAligned.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// A progress bar for long work, redrawn in place on standard error: `[#####.....] 12/40 forecasts`.
public enum ProgressBar {
    public static func line(_ done: Int, of total: Int, unit: String, width: Int = 30) -> String {
        let filled = total > 0 ? width * done / total : width
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) \(unit)"
    }
}
