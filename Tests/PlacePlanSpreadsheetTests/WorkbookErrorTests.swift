import Foundation
import Testing
@testable import PlacePlanSpreadsheet

@Suite("Workbook, refused")
struct WorkbookErrorTests {
    @Test("a workbook needs a sheet")
    func noSheets() {
        #expect(throws: SpreadsheetError.noSheets) { try Workbook(sheets: []).data() }
    }

    @Test("text longer than a cell holds is refused, naming the cell")
    func longText() {
        let text = String(repeating: "x", count: Sheet.maximumTextLength + 1)
        let workbook = Workbook(sheets: [Sheet(name: "s", columns: ["a", "b"], rows: [[1, .text(text)]])])
        #expect(throws: SpreadsheetError.textTooLong(sheet: "s", cell: "B2", length: 32_768)) { try workbook.data() }
        let fits = Workbook(sheets: [Sheet(name: "s", columns: ["a"], rows: [[.text(String(text.dropFirst()))]])])
        #expect(throws: Never.self) { try fits.data() }
    }

    @Test("more rows or columns than Excel opens are refused")
    func limits() {
        let rows = Array(repeating: [Cell](), count: Sheet.maximumRows)  // plus the header: one too many
        #expect(throws: SpreadsheetError.tooManyRows(sheet: "s", rows: Sheet.maximumRows + 1)) {
            try Workbook(sheets: [Sheet(name: "s", columns: ["a"], rows: rows)]).validate()
        }
        #expect(throws: Never.self) {
            try Workbook(sheets: [Sheet(name: "s", columns: [], rows: rows)]).validate()
        }
        let wide = Array(repeating: Cell.integer(1), count: ColumnReference.maximumColumn + 1)
        #expect(throws: SpreadsheetError.tooManyColumns(sheet: "s", columns: 16_385)) {
            try Workbook(sheets: [Sheet(name: "s", columns: ["a"], rows: [wide])]).data()
        }
    }

    @Test("column widths must be between 0 and 255 characters", arguments: [-1.0, 256, .nan, .infinity])
    func widths(width: Double) {
        let workbook = Workbook(sheets: [Sheet(name: "s", columns: ["a", "b"], columnWidths: [10, width])])
        #expect(throws: SpreadsheetError.self) { try workbook.data() }
    }

    @Test("writing into a folder that does not exist fails clearly and creates nothing")
    func missingFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-missing-\(UUID().uuidString)")
        let url = folder.appendingPathComponent("plan.xlsx")
        let error = try #require(throws: SpreadsheetError.self) { try Fixtures.workbook.write(to: url) }
        #expect(error.description.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("errors read as sentences a planner can act on")
    func messages() {
        #expect(SpreadsheetError.duplicateSheetName("areas", clashesWith: "Areas").description
                == #"the sheet name "areas" is used twice (Excel ignores case, so it clashes with "Areas")"#)
        #expect(SpreadsheetError.textTooLong(sheet: "s", cell: "B2", length: 40_000).localizedDescription
                == #"sheet "s", cell B2: the text is 40000 characters long; Excel holds at most 32767 in a cell"#)
    }
}
