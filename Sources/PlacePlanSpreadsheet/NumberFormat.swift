/// How a column's numbers are shown (the value stays exact): whole pupils, tenths where totals
/// must add, percentages, pounds. Excel's own codes, so the workbook shows them the same in Excel
/// and LibreOffice.
public enum NumberFormat: String, Sendable, Hashable, CaseIterable {
    /// 1,234
    case whole = "#,##0"
    /// 1,234.5
    case oneDecimal = "#,##0.0"
    /// 1,234.56
    case twoDecimals = "#,##0.00"
    /// 0.0888 shown as 8.9%
    case percent = "0.0%"
    /// £1,234
    case pounds = "\"£\"#,##0"
    /// 0.253 (a rate or a factor)
    case threeDecimals = "0.000"

    /// The id the styles part gives it: custom formats start at 164.
    var id: Int { 164 + Self.allCases.firstIndex(of: self)! }
}
