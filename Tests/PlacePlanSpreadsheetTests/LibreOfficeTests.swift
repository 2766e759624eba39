import Foundation
import Testing
@testable import PlacePlanSpreadsheet

/// The workbook opened by a real spreadsheet program. LibreOffice reads .xlsx with its own
/// parser, so these catch what the read-back tests share with the writer: a misunderstanding of
/// the format itself.
@Suite("Opened by LibreOffice", .serialized, .enabled(if: LibreOffice.isInstalled, Comment(rawValue: LibreOffice.notInstalled)))
struct LibreOfficeTests {
    /// A fresh folder holding the fixture workbook as `fixture.xlsx`.
    private func workbookFile() throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-soffice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("fixture.xlsx")
        try Fixtures.workbook.write(to: file)
        return (folder, file)
    }

    /// The fields LibreOffice should write for a sheet: text quoted (XML-invalid characters gone),
    /// numbers bare, empty cells empty; every row as wide as the widest, trailing empty rows gone.
    private func expectedCSV(_ sheet: Sheet) -> [[CSVField?]] {
        var rows = (sheet.hasHeader ? [sheet.columns.map(Cell.text)] : []) + sheet.rows
        while let last = rows.last, last.allSatisfy({ $0 == .empty }) { rows.removeLast() }
        let width = rows.map { row in (row.lastIndex { $0 != .empty } ?? -1) + 1 }.max() ?? 0
        return rows.map { row in
            (0..<width).map { i in
                switch i < row.count ? row[i].stored : .none {
                case .text(let text):
                    return CSVField(text: String(String.UnicodeScalarView(text.unicodeScalars.filter(XMLText.isAllowed))), quoted: true)
                case .number, .formula: return nil  // compared as a number below
                case .none: return CSVField(text: "", quoted: false)
                }
            }
        }
    }

    private func compare(_ csv: String, with sheet: Sheet) {
        let actual = CSVField.records(csv)
        let expected = expectedCSV(sheet)
        #expect(actual.count == expected.count, "sheet \(sheet.name): \(actual.count) rows, expected \(expected.count)")
        let cells = (sheet.hasHeader ? [sheet.columns.map(Cell.text)] : []) + sheet.rows
        for (r, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got.count == want.count, "sheet \(sheet.name), row \(r + 1): \(got.count) fields, expected \(want.count)")
            for (c, (field, wanted)) in zip(got, want).enumerated() {
                let reference = "\(sheet.name)!\(ColumnReference.cell(column: c + 1, row: r + 1))"
                if let wanted {
                    #expect(field == wanted, "\(reference)")
                } else {
                    // A number: written bare (not quoted as text) and equal to the value.
                    let value: Double
                    switch cells[r][c] {
                    case .integer(let n): value = Double(n)
                    case .number(let x): value = x
                    default: Issue.record("\(reference) expected a number"); continue
                    }
                    #expect(!field.quoted && Double(field.text) == value, "\(reference): \(field) is not the number \(value)")
                }
            }
        }
    }

    @Test("converted to CSV, every sheet holds the values written, numbers as numbers")
    func csv() throws {
        let (folder, file) = try workbookFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Comma, double quote, UTF-8, from line 1, no column formats, default language,
        // quote all text cells, (import-only token), cell contents as shown, no formulas,
        // keep spaces, and -1: every sheet to its own file (LibreOffice 7.2 and later).
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,false,true,false,false,-1"
        try LibreOffice.convert(file, to: filter, in: folder)

        let perSheet = Fixtures.workbook.sheets.map { folder.appendingPathComponent("fixture-\($0.name).csv") }
        if perSheet.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) {
            for (sheet, url) in zip(Fixtures.workbook.sheets, perSheet) {
                compare(try String(contentsOf: url, encoding: .utf8), with: sheet)
            }
        } else {
            // Before 7.2 LibreOffice converts only the first sheet, to fixture.csv.
            let single = folder.appendingPathComponent("fixture.csv")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            try #require(FileManager.default.fileExists(atPath: single.path), "no CSV written; the folder has \(files)")
            compare(try String(contentsOf: single, encoding: .utf8), with: Fixtures.workbook.sheets[0])
        }
    }

    @Test("converted to OpenDocument, the sheets keep their names and order, cell types, and a bold header")
    func openDocument() throws {
        let (folder, file) = try workbookFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try LibreOffice.convert(file, to: "fods", in: folder)
        let document = try Node.parse(Data(contentsOf: folder.appendingPathComponent("fixture.fods")))

        let tables = document.descendants("table:table")
        #expect(tables.map { $0["table:name"] } == Fixtures.workbook.sheets.map(\.name))
        let areas = try #require(tables.first)
        let rows = areas.descendants("table:table-row")
        let header = try #require(rows.first).all("table:table-cell")
        let firstData = try #require(rows.dropFirst().first).all("table:table-cell")

        // Numbers are floats with their value; text is text.
        #expect(firstData.first?["office:value-type"] == "float")
        #expect(firstData.first?["office:value"] == "2020")
        #expect(firstData.dropFirst().first?["office:value-type"] == "string")
        #expect(firstData.dropFirst(4).first?["office:value"] == "1060.5")

        // Header cells bold, data cells not: styles.xml was read, not skipped.
        let styles = Dictionary(document.descendants("style:style").compactMap { s in s["style:name"].map { ($0, s) } },
                                uniquingKeysWith: { first, _ in first })
        func isBold(_ cell: Node) -> Bool {
            guard let name = cell["table:style-name"], let style = styles[name] else { return false }
            return style.descendants("style:text-properties").contains { $0["fo:font-weight"] == "bold" }
        }
        #expect(header.prefix(Fixtures.areas.columns.count).allSatisfy(isBold))
        #expect(!firstData.contains(where: isBold))
    }
}
