/// Numbers as a workbook stores them: the xsd:double form, "." for the decimal point and never
/// a thousands separator, whatever the process locale says. Swift's own description is already
/// locale-free and the shortest text that reads back to the same Double; only the cosmetic ".0"
/// of whole numbers and the sign of -0 are dropped.
enum NumberText {
    static func xml(_ value: Double) -> String {
        precondition(value.isFinite, "non-finite numbers are written as text (see Cell)")
        if value == 0 { return "0" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
