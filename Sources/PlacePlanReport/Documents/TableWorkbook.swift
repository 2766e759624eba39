import PlacePlanIO
import PlacePlanSpreadsheet

/// CSV tables a command writes (`scenario --out-dir`, `optimise`) as one workbook, a sheet per
/// table: the same text, so the same figures, with numbers stored as numbers and shown as a
/// planner reads them (whole places and pupils with separators, tenths with one decimal, costs in
/// pounds; years and codes as they are).
public enum TableWorkbook {
    public static func workbook(_ tables: [(name: String, text: String)], title: String) throws -> Workbook {
        var sheets: [Sheet] = []
        for table in tables {
            let records = try CSVReader.parse(Array(table.text.utf8), file: table.name)
            guard let header = records.first?.fields else { continue }
            let rows: [[Cell]] = records.dropFirst().map { record in record.fields.map(cell) }
            let name = SheetName.sanitized(String(table.name.split(separator: ".").first ?? Substring(table.name)))
            sheets.append(Sheet(name: name, columns: header, rows: rows, title: "\(title): \(name.replacingOccurrences(of: "-", with: " "))",
                                formats: formats(header: header, rows: rows)))
        }
        return Workbook(sheets: sheets)
    }

    /// A field as a number when it is one (read strictly), else as text.
    static func cell(_ field: String) -> Cell {
        if field.isEmpty { return .empty }
        if let whole = Int(field), String(whole) == field { return .integer(whole) }
        if let number = StrictNumber.parse(field) { return .number(number) }
        return .text(field)
    }

    /// Whole numbers with separators, decimals with one; a chance (`p_short`) as a percentage; a
    /// year or a year group column as it is.
    static func formats(header: [String], rows: [[Cell]]) -> [NumberFormat?] {
        header.enumerated().map { i, name in
            if name.contains("year") || name == "from" || name == "start" { return nil }
            if name.contains("cost") { return .pounds }
            if name.hasPrefix("p_") { return .percent }
            let column = rows.compactMap { i < $0.count ? $0[i] : nil }
            if column.contains(where: { if case .number = $0 { return true } else { return false } }) { return .oneDecimal }
            if column.contains(where: { if case .integer = $0 { return true } else { return false } }) { return .whole }
            return nil
        }
    }
}
