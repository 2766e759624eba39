/// A worksheet part (`xl/worksheets/sheetN.xml`). Element order follows the schema
/// (dimension, sheetViews, sheetFormatPr, cols, sheetData): Excel refuses a sheet whose
/// elements are out of order, even where every element is valid.
enum SheetXML {
    static func xml(_ sheet: Sheet, selected: Bool, strings: inout SharedStrings) throws -> String {
        let columnCount = sheet.columnCount
        var out = XMLPart.declaration
        out += #"<worksheet xmlns="\#(XMLPart.spreadsheetML)" xmlns:r="\#(XMLPart.relationshipsNamespace)">"#
        out += #"<dimension ref="\#(dimension(columns: columnCount, rows: sheet.rowCount))"/>"#
        out += sheetViews(sheet, selected: selected)
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columnCount > 0 { out += try cols(sheet) }
        out += "<sheetData>"
        var rowNumber = 0
        if sheet.hasHeader {
            rowNumber += 1
            let header = sheet.columns.map(Cell.text)
            out += try row(header, number: rowNumber, style: Styles.header, sheet: sheet, strings: &strings)
        }
        for cells in sheet.rows {
            rowNumber += 1
            out += try row(cells, number: rowNumber, style: nil, sheet: sheet, strings: &strings)
        }
        out += "</sheetData></worksheet>"
        return out
    }

    /// The used range, e.g. "A1:D10"; "A1" for an empty sheet.
    static func dimension(columns: Int, rows: Int) -> String {
        guard columns > 0, rows > 0 else { return "A1" }
        return "A1:" + ColumnReference.cell(column: columns, row: rows)
    }

    /// The frozen header is a pane split below row 1, the bottom pane active, scrolling from A2.
    static func sheetViews(_ sheet: Sheet, selected: Bool) -> String {
        var out = "<sheetViews><sheetView" + (selected ? #" tabSelected="1""# : "") + #" workbookViewId="0""#
        guard sheet.frozenHeader, sheet.hasHeader else { return out + "/></sheetViews>" }
        out += ">"
        out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        return out + "</sheetView></sheetViews>"
    }

    static func cols(_ sheet: Sheet) throws -> String {
        var out = "<cols>"
        for (i, width) in ColumnWidth.widths(for: sheet).enumerated() {
            guard width.isFinite, width >= 0, width <= Sheet.maximumColumnWidth else {
                throw SpreadsheetError.invalidColumnWidth(sheet: sheet.name, column: ColumnReference.letters(i + 1), width: width)
            }
            out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(NumberText.xml(width))" customWidth="1"/>"#
        }
        return out + "</cols>"
    }

    /// One `<row>`; empty cells are left out, as Excel does.
    static func row(_ cells: [Cell], number: Int, style: Int?, sheet: Sheet, strings: inout SharedStrings) throws -> String {
        var out = #"<row r="\#(number)">"#
        let styleAttribute = style.map { #" s="\#($0)""# } ?? ""
        for (i, cell) in cells.enumerated() {
            let reference = ColumnReference.cell(column: i + 1, row: number)
            switch cell.stored {
            case .number(let digits):
                out += #"<c r="\#(reference)"\#(styleAttribute) t="n"><v>\#(digits)</v></c>"#
            case .text(let text):
                guard text.utf16.count <= Sheet.maximumTextLength else {
                    throw SpreadsheetError.textTooLong(sheet: sheet.name, cell: reference, length: text.utf16.count)
                }
                let index = strings.add(text)
                out += #"<c r="\#(reference)"\#(styleAttribute) t="s"><v>\#(index)</v></c>"#
            case .none:
                continue
            }
        }
        return out + "</row>"
    }
}
