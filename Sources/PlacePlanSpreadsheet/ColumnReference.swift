/// Spreadsheet column letters: 1 → A, 26 → Z, 27 → AA, 702 → ZZ, 703 → AAA — base 26 with no
/// zero digit, which is why the usual remainder arithmetic needs the "- 1".
public enum ColumnReference {
    /// The widest sheet Excel opens: 16,384 columns (A…XFD).
    public static let maximumColumn = 16_384

    /// The letters of a 1-based column number.
    public static func letters(_ column: Int) -> String {
        precondition(column >= 1, "columns are numbered from 1")
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(digit))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 1-based column number of letters such as "AA" (either case); nil if they are not letters.
    public static func column(_ letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty else { return nil }
        var n = 0
        for scalar in letters.uppercased().unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: 26)
            let (sum, overflowToo) = product.addingReportingOverflow(Int(scalar.value - 64))
            guard !overflow, !overflowToo else { return nil }
            n = sum
        }
        return n
    }

    /// A cell's reference, such as "B3", from 1-based column and row numbers.
    public static func cell(column: Int, row: Int) -> String {
        letters(column) + String(row)
    }
}
