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
    /// A title row above the header (bold, larger): what the table is, for a sheet printed or
    /// opened on its own.
    public var title: String?
    /// Number formats, column by column (nil: as the value is, Excel's General).
    public var formats: [NumberFormat?]
    /// Printed landscape, all columns on one page's width, the header on every page.
    public var printLandscape: Bool
    /// Text in the rows wraps within its column (a sheet of sentences, such as notes): a long
    /// line otherwise runs on past its cell, and fitting it to the page's width shrinks the
    /// whole sheet until nothing on it can be read.
    public var wrapsText = false

    public init(name: String, columns: [String], rows: [[Cell]] = [], frozenHeader: Bool = true,
                columnWidths: [Double]? = nil, title: String? = nil, formats: [NumberFormat?] = [], printLandscape: Bool = true) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.frozenHeader = frozenHeader
        self.columnWidths = columnWidths
        self.title = title
        self.formats = formats
        self.printLandscape = printLandscape
    }

    var hasHeader: Bool { !columns.isEmpty }

    /// The number of columns used by the header or any row.
    var columnCount: Int { rows.reduce(columns.count) { max($0, $1.count) } }

    /// Rows above the data: the title and the header, as present.
    var headerRows: Int { (title == nil ? 0 : 1) + (hasHeader ? 1 : 0) }

    /// The number of rows written, title and header included.
    var rowCount: Int { rows.count + headerRows }

    /// The spreadsheet row of data row `i` (0-based): for formulas that refer to other rows.
    public func rowNumber(ofDataRow i: Int) -> Int { i + 1 + headerRows }
}
