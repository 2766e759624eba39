/// Column widths fitted to content. Widths are in Excel's unit, the width of one digit of the
/// default font, so a value's character count plus a little padding is a good fit. The fit is
/// capped, so that one long note does not push the rest of the table off screen.
enum ColumnWidth {
    static let minimum = 8.0
    static let maximum = 60.0
    static let padding = 2.0

    /// The width of each column the sheet uses: the given width where there is one, else fitted.
    static func widths(for sheet: Sheet) -> [Double] {
        var longest = Array(repeating: 0, count: sheet.columnCount)
        for (i, name) in sheet.columns.enumerated() { longest[i] = displayLength(name) }
        for row in sheet.rows {
            for (i, cell) in row.enumerated() {
                let length: Int
                switch cell.stored {
                case .number(let digits): length = shownLength(digits)
                case .formula(_, let value): length = shownLength(value)
                case .text(let text): length = displayLength(text)
                case .none: length = 0
                }
                if length > longest[i] { longest[i] = length }
            }
        }
        return longest.enumerated().map { i, length in
            if let given = sheet.columnWidths, i < given.count { return given[i] }
            return min(maximum, max(minimum, Double(length) + padding))
        }
    }

    /// A number as a format shows it: its whole part with thousands separators, a decimal or
    /// two at most (a sum of tenths may be stored as 17523.600000000002), and room for a £ or %.
    static func shownLength(_ digits: String) -> Int {
        let whole = digits.prefix { $0 != "." && $0 != "E" && $0 != "e" }.filter(\.isNumber).count
        return whole + max(0, whole - 1) / 3 + (digits.contains(".") ? 3 : 0) + 1
    }

    /// The height in points of a row whose text wraps within its columns: as many 15-point lines
    /// as its longest text needs at about one character per unit of its column's width (text
    /// runs a little narrower than the digits the unit is measured in, so this errs tall).
    static func wrappedHeight(_ cells: [Cell], widths: [Double]) -> Double {
        var lines = 1
        for (i, cell) in cells.enumerated() where i < widths.count {
            guard case .text(let text) = cell.stored else { continue }
            let perLine = max(1, Int(widths[i] - padding))
            let needed = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) }
            lines = max(lines, needed)
        }
        return Double(lines) * 15
    }

    /// The longest line, in characters as a person counts them.
    static func displayLength(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(\.count).max() ?? 0
    }
}
