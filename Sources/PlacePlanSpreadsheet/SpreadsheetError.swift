import Foundation

/// Why a workbook could not be written. Each case names the sheet (and cell) concerned, because
/// the person reading it has to find the table that broke the rule.
public enum SpreadsheetError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case noSheets
    case invalidSheetName(String, reason: String)
    case duplicateSheetName(String, clashesWith: String)
    case tooManyRows(sheet: String, rows: Int)
    case tooManyColumns(sheet: String, columns: Int)
    case textTooLong(sheet: String, cell: String, length: Int)
    case invalidColumnWidth(sheet: String, column: String, width: Double)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSheets:
            return "a workbook needs at least one sheet"
        case .invalidSheetName(let name, let reason):
            return "the sheet name \"\(name)\" cannot be used: \(reason)"
        case .duplicateSheetName(let name, let earlier):
            return "the sheet name \"\(name)\" is used twice (Excel ignores case, so it clashes with \"\(earlier)\")"
        case .tooManyRows(let sheet, let rows):
            return "sheet \"\(sheet)\" has \(rows) rows including its header; Excel opens at most \(Sheet.maximumRows)"
        case .tooManyColumns(let sheet, let columns):
            return "sheet \"\(sheet)\" has \(columns) columns; Excel opens at most \(ColumnReference.maximumColumn)"
        case .textTooLong(let sheet, let cell, let length):
            return "sheet \"\(sheet)\", cell \(cell): the text is \(length) characters long; Excel holds at most \(Sheet.maximumTextLength) in a cell"
        case .invalidColumnWidth(let sheet, let column, let width):
            return "sheet \"\(sheet)\", column \(column): width \(width) is not between 0 and \(Sheet.maximumColumnWidth) characters"
        case .cannotWrite(let path, let reason):
            return "\(path) cannot be written: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
