/// One cell's value. Numbers stay numbers (a spreadsheet sums and sorts them as such); text is
/// anything a person reads. A number that is not finite has no numeric form in a workbook, so it
/// is written as the text "NaN", "Infinity" or "-Infinity": visible where it landed rather than a
/// silent blank, and skipped by SUM and AVERAGE as text is.
public enum Cell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty
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
        }
    }
}
