/// A worksheet part (`xl/worksheets/sheetN.xml`). Element order follows the schema (sheetPr,
/// dimension, sheetViews, sheetFormatPr, cols, sheetData, pageMargins, pageSetup, headerFooter):
/// Excel refuses a sheet whose elements are out of order, even where every element is valid.
enum SheetXML {
    static func xml(_ sheet: Sheet, selected: Bool, strings: inout SharedStrings) throws -> String {
        let columnCount = sheet.columnCount
        var out = XMLPart.declaration
        out += #"<worksheet xmlns="\#(XMLPart.spreadsheetML)" xmlns:r="\#(XMLPart.relationshipsNamespace)">"#
        // Printed to fit the page's width (any number of pages down).
        if sheet.printLandscape { out += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"# }
        out += #"<dimension ref="\#(dimension(columns: columnCount, rows: sheet.rowCount))"/>"#
        out += sheetViews(sheet, selected: selected)
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columnCount > 0 { out += try cols(sheet) }
        out += "<sheetData>"
        var rowNumber = 0
        if let title = sheet.title {
            rowNumber += 1
            out += try row([.text(title)], number: rowNumber, styles: [Styles.title], sheet: sheet, strings: &strings)
        }
        if sheet.hasHeader {
            rowNumber += 1
            let header = sheet.columns.map(Cell.text)
            out += try row(header, number: rowNumber, styles: header.map { _ in Styles.header }, sheet: sheet, strings: &strings)
        }
        let styles = sheet.formats.map { $0.map(Styles.style) ?? 0 }
        let widths = sheet.wrapsText ? ColumnWidth.widths(for: sheet) : []
        for cells in sheet.rows {
            rowNumber += 1
            // A wrapping sheet's text cells take the wrapped style; its numbers keep their format.
            let rowStyles = sheet.wrapsText
                ? cells.indices.map { i in if case .text = cells[i].stored { Styles.wrapped } else { i < styles.count ? styles[i] : 0 } }
                : styles
            out += try row(cells, number: rowNumber, styles: rowStyles, sheet: sheet, strings: &strings,
                           height: sheet.wrapsText ? ColumnWidth.wrappedHeight(cells, widths: widths) : nil)
        }
        out += "</sheetData>"
        if sheet.printLandscape {
            out += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
            out += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
            // The sheet's name at the left of the footer, page N of M at the right.
            out += "<headerFooter><oddFooter>" + XMLText.escape("&L&A&RPage &P of &N") + "</oddFooter></headerFooter>"
        }
        return out + "</worksheet>"
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
        let first = "A\(sheet.headerRows + 1)"
        out += #"<pane ySplit="\#(sheet.headerRows)" topLeftCell="\#(first)" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="\#(first)" sqref="\#(first)"/>"#
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

    /// One `<row>`; empty cells are left out, as Excel does. `styles` by column (0, the default,
    /// past its end); `height` in points, for a row of wrapped text (neither Excel nor LibreOffice
    /// grows a row to its wrapped lines when the file is opened).
    static func row(_ cells: [Cell], number: Int, styles: [Int], sheet: Sheet, strings: inout SharedStrings,
                    height: Double? = nil) throws -> String {
        var out = height.map { #"<row r="\#(number)" ht="\#(NumberText.xml($0))" customHeight="1">"# } ?? #"<row r="\#(number)">"#
        for (i, cell) in cells.enumerated() {
            let style = i < styles.count ? styles[i] : 0
            let styleAttribute = style == 0 ? "" : #" s="\#(style)""#
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
            case .formula(let formula, let value):
                out += #"<c r="\#(reference)"\#(styleAttribute)><f>\#(XMLText.escape(formula))</f><v>\#(value)</v></c>"#
            case .none:
                continue
            }
        }
        return out + "</row>"
    }
}
