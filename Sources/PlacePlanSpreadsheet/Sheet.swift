/// One table of a workbook: a header row of column names, then rows of cells.
public struct Sheet: Sendable, Hashable {
    /// Excel's limits, checked before writing, since a file beyond them opens truncated or not at all.
    public static let maximumRows = 1_048_576
    public static let maximumTextLength = 32_767
    public static let maximumColumnWidth = 255.0

    /// The tab's name; see `SheetName` for the rules (and `SheetName.sanitized` for names from data).
    public var name: String
    /// The header row. With no columns there is no header row and the data starts at row 1.
    public var columns: [String]
    /// Rows may be shorter or longer than the header; missing cells are left empty.
    public var rows: [[Cell]]
    /// Keep the header row in view while scrolling (a frozen pane below row 1).
    public var frozenHeader: Bool
    /// Widths in characters, column by column; nil, or a column past the list's end, is fitted to
    /// its longest value.
    public var columnWidths: [Double]?

    public init(name: String, columns: [String], rows: [[Cell]] = [], frozenHeader: Bool = true,
                columnWidths: [Double]? = nil) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.frozenHeader = frozenHeader
        self.columnWidths = columnWidths
    }

    var hasHeader: Bool { !columns.isEmpty }

    /// The number of columns used by the header or any row.
    var columnCount: Int { rows.reduce(columns.count) { max($0, $1.count) } }

    /// The number of rows written, header included.
    var rowCount: Int { rows.count + (hasHeader ? 1 : 0) }
}
