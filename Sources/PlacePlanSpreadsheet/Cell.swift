/// One cell's value. Numbers stay numbers (a spreadsheet sums and sorts them as such); text is
/// anything a person reads. A number that is not finite has no numeric form in a workbook, so it
/// is written as the text "NaN", "Infinity" or "-Infinity": visible where it landed rather than a
/// silent blank, and skipped by SUM and AVERAGE as text is.
public enum Cell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty
    /// A formula (without the `=`, e.g. `SUM(B2:B9)`) and the value it gives, stored with it so
    /// that a reader that does not calculate (or a test) sees the same number.
    case formula(String, value: Double)
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension Cell {
    /// How the cell is stored: a number's digits, a text, or nothing.
    enum Stored: Equatable {
        case number(String)
        case text(String)
        case formula(String, value: String)
        case none
    }

    var stored: Stored {
        switch self {
        case .text(let text): return .text(text)
        case .integer(let value): return .number(String(value))
        case .number(let value):
            guard value.isFinite else {
                return .text(value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
            }
            return .number(NumberText.xml(value))
        case .empty: return .none
        case .formula(let formula, let value): return .formula(formula, value: value.isFinite ? NumberText.xml(value) : "0")
        }
    }
}
