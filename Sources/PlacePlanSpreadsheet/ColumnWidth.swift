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
                // A formatted number gains its thousands separators (and a £ or %).
                case .number(let digits): length = digits.count + digits.count / 3 + 1
                case .formula(_, let value): length = value.count + value.count / 3 + 1
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

    /// The longest line, in characters as a person counts them.
    static func displayLength(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(\.count).max() ?? 0
    }
}
