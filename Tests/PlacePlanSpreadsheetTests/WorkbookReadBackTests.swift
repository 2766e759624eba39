import Foundation
import Testing
@testable import PlacePlanSpreadsheet

@Suite("Workbook, read back")
struct WorkbookReadBackTests {
    @Test("the package has every required part, each well-formed XML with a content type")
    func parts() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let required = [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
        ]
        for path in required { #expect(package.parts[path] != nil, "missing \(path)") }
        #expect(package.order.first == "[Content_Types].xml")
        for path in package.order { _ = try package.xml(path) }

        let types = try package.xml("[Content_Types].xml")
        let defaults = Set(types.all("Default").compactMap { $0["Extension"] })
        let overrides = Dictionary(uniqueKeysWithValues: types.all("Override").map { ($0["PartName"]!, $0["ContentType"]!) })
        for path in package.order where !(path.hasSuffix(".rels") && defaults.contains("rels")) {
            #expect(overrides["/" + path] != nil || path == "[Content_Types].xml", "no content type for \(path)")
        }
        #expect(overrides["/xl/workbook.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        #expect(overrides["/xl/worksheets/sheet2.xml"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
    }

    @Test("sheets are found through the relationships, in order, under their names")
    func sheets() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        #expect(try package.workbookPath() == "xl/workbook.xml")
        let sheets = try package.sheets()
        #expect(sheets.map(\.name) == ["areas", "authority", #"notes & <"no header">"#])
        for sheet in sheets { #expect(package.parts[sheet.path] != nil, "\(sheet.path) is not in the archive") }
        let ids = try package.xml("xl/workbook.xml").descendants("sheet").compactMap { $0["sheetId"] }
        #expect(Set(ids).count == ids.count)
        // Exactly one tab is selected; Excel warns about a workbook with several.
        let selected = try sheets.filter { try package.xml($0.path).descendants("sheetView").first?["tabSelected"] == "1" }
        #expect(selected.map(\.name) == ["areas"])
    }

    @Test("every value comes back with its type: numbers as numbers, text as shared strings")
    func values() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let cells = try package.cells("xl/worksheets/sheet1.xml")
        let sheet = Fixtures.areas
        var checked = 0
        for (r, row) in ([sheet.columns.map(Cell.text)] + sheet.rows).enumerated() {
            for (c, cell) in row.enumerated() {
                let reference = ColumnReference.cell(column: c + 1, row: r + 1)
                let read = cells[reference]
                switch cell {
                case .integer(let n):
                    #expect(read == .init(type: "n", style: nil, value: .number(Double(n))), "\(reference)")
                case .number(let x) where x.isFinite:
                    #expect(read == .init(type: "n", style: nil, value: .number(x)), "\(reference)")
                case .number(let x):
                    let text = x.isNaN ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")
                    #expect(read == .init(type: "s", style: nil, value: .text(text)), "\(reference)")
                case .text(let text):
                    let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter(XMLText.isAllowed)))
                    #expect(read == .init(type: "s", style: r == 0 ? "1" : nil, value: .text(expected)), "\(reference)")
                case .empty:
                    #expect(read == nil, "\(reference) should be absent")
                case .formula(_, let value):
                    #expect(read?.value == .number(value), "\(reference)")
                }
                checked += 1
            }
        }
        #expect(checked == 5 + 9 * 5 + 2)
        #expect(cells.count == checked - 3)  // the three empty cells are left out
        #expect(cells["C4"]?.value == .text("Ynys Môn · 東京 🏫"))
        #expect(cells["C5"]?.value == .text(#"<script>alert("x" & 'y')</script>"#))
        #expect(cells["C6"]?.value == .text("  two\nlines  "))
        #expect(cells["C7"]?.value == .text("_x0041_ _x000D_ stay"))
        #expect(cells["C8"]?.value == .text("bell and nul"))
        #expect(cells["E8"]?.value == .number(123_456_789_012))
        #expect(cells["E5"]?.value == .number(0.1))
    }

    @Test("numbers are written with a decimal point and no grouping, as the file format requires")
    func numberText() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let xml = String(decoding: package.parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        #expect(xml.contains(#"<c r="E2" t="n"><v>1060.5</v></c>"#))
        #expect(xml.contains(#"<c r="E3" t="n"><v>4812</v></c>"#))
        #expect(xml.contains(#"<c r="E6" t="n"><v>1e+16</v></c>"#))
        let authority = String(decoding: package.parts["xl/worksheets/sheet2.xml"]!, as: UTF8.self)
        #expect(authority.contains(#"<c r="C4" t="n"><v>31250</v></c><c r="D4" t="n"><v>0</v></c>"#))
    }

    @Test("repeated text is stored once in the shared-strings table, with honest counts")
    func sharedStrings() throws {
        let workbook = Workbook(sheets: [Sheet(name: "s", columns: ["phase"], rows: [["primary"], ["primary"], ["secondary"], ["Primary"]])])
        let package = try XLSXPackage(workbook.data())
        let sst = try package.xml("xl/sharedStrings.xml")
        #expect(try package.sharedStrings() == ["phase", "primary", "secondary", "Primary"])
        #expect(sst["count"] == "5")
        #expect(sst["uniqueCount"] == "4")
        let cells = try package.cells("xl/worksheets/sheet1.xml")
        #expect(["A2", "A3", "A4", "A5"].map { cells[$0]?.value } == [.text("primary"), .text("primary"), .text("secondary"), .text("Primary")])
        #expect(sst.all("si").allSatisfy { $0.child("t")?["xml:space"] == "preserve" })
    }

    @Test("texts that Swift calls equal but differ in their characters are kept apart")
    func canonicalEquivalence() throws {
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        let workbook = Workbook(sheets: [Sheet(name: "s", columns: [composed, decomposed])])
        let strings = try XLSXPackage(workbook.data()).sharedStrings()
        #expect(strings.map { Array($0.unicodeScalars) } == [Array(composed.unicodeScalars), Array(decomposed.unicodeScalars)])
    }

    @Test("the header row is frozen: a pane split below row 1, scrolling from A2")
    func frozenPane() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let view = try #require(try package.xml("xl/worksheets/sheet1.xml").descendants("sheetView").first)
        #expect(view["workbookViewId"] == "0")
        let pane = try #require(view.child("pane"))
        #expect(pane.attributes == ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
        #expect(view.child("selection")?["pane"] == "bottomLeft")
        // No header, nothing to freeze; and a sheet can ask for no frozen row.
        #expect(try package.xml("xl/worksheets/sheet3.xml").descendants("pane").isEmpty)
        var unfrozen = Fixtures.authority
        unfrozen.frozenHeader = false
        let plain = try XLSXPackage(Workbook(sheets: [unfrozen]).data())
        #expect(try plain.xml("xl/worksheets/sheet1.xml").descendants("pane").isEmpty)
    }

    @Test("header cells use a style whose font is bold; data cells use the default")
    func headerStyle() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let cells = try package.cells("xl/worksheets/sheet2.xml")
        let headerStyle = try #require(cells["A1"]?.style.flatMap(Int.init))
        #expect(["B1", "C1", "D1"].allSatisfy { cells[$0]?.style == String(headerStyle) })
        #expect(cells["A2"]?.style == nil)

        let styles = try package.xml("xl/styles.xml")
        let xfs = try #require(styles.child("cellXfs")).all("xf")
        #expect(styles.child("cellXfs")?["count"] == String(xfs.count))
        let fonts = try #require(styles.child("fonts")).all("font")
        #expect(styles.child("fonts")?["count"] == String(fonts.count))
        let fontId = try #require(xfs[headerStyle]["fontId"].flatMap(Int.init))
        #expect(fonts[fontId].child("b") != nil)
        let defaultFont = try #require(xfs[0]["fontId"].flatMap(Int.init))
        #expect(fonts[defaultFont].child("b") == nil)
        // The two fills Excel requires, in its order.
        #expect(styles.child("fills")?.all("fill").compactMap { $0.child("patternFill")?["patternType"] } == ["none", "gray125"])
    }

    @Test("the used range and the rows: a header, then the data, every row number in turn")
    func dimensionAndRows() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        let sheet1 = try package.xml("xl/worksheets/sheet1.xml")
        #expect(sheet1.child("dimension")?["ref"] == "A1:G11")   // one row is wider than the header
        #expect(sheet1.descendants("row").map { $0["r"] } == (1...11).map { String($0) })
        let sheet3 = try package.xml("xl/worksheets/sheet3.xml")
        #expect(sheet3.child("dimension")?["ref"] == "A1:A2")
        #expect(try package.cells("xl/worksheets/sheet3.xml")["A1"]?.value == .text("free text"))
        // The schema's order: Excel rejects a sheet whose elements are out of it.
        #expect(sheet1.children.map(\.name) == ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                                                 "pageMargins", "pageSetup", "headerFooter"])
    }

    @Test("column widths: given ones as given, the rest fitted to their longest value")
    func columnWidths() throws {
        let package = try XLSXPackage(Fixtures.workbook.data())
        func widths(_ n: Int) throws -> [String] {
            try package.xml("xl/worksheets/sheet\(n).xml").descendants("col").map { $0["width"] ?? "?" }
        }
        // authority: 6 and 14 given; "capacity" fitted: its length + 2; "31000.5" as shown with thousands
        // separators and a little room: 7 + 2 + 1, + 2.
        #expect(try widths(2) == ["6", "14", "12", "10"])
        // areas: "year" (4 + 2, raised to the minimum 8), and C holds a 33-character name + 2.
        let areas = try widths(1)
        #expect(areas.count == 7)
        #expect(areas[0] == "8")
        #expect(areas[2] == "35")
        #expect(ColumnWidth.displayLength("  two\nlines  ") == 7)
        let long = Sheet(name: "s", columns: [String(repeating: "x", count: 500)])
        #expect(ColumnWidth.widths(for: long) == [ColumnWidth.maximum])
    }

    @Test("the same sheets give the same bytes")
    func deterministic() throws {
        #expect(try Fixtures.workbook.data() == Fixtures.workbook.data())
    }

    @Test("write(to:) puts the whole file there, replacing an older one, and leaves nothing else")
    func writeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plan.xlsx")
        try Data("an older file".utf8).write(to: url)
        try Fixtures.workbook.write(to: url)
        #expect(try Data(contentsOf: url) == Fixtures.workbook.data())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.xlsx"])
        #expect(try XLSXPackage(Data(contentsOf: url)).sheets().count == 3)
    }
}

@Suite("Workbook: titles, number formats, formulas and print setup, read back")
struct WorkbookLayoutTests {
    @Test("a title row, a header, numbers shown by their column's format, a formula with its value, landscape and fit to width")
    func layout() throws {
        let sheet = Sheet(name: "plan", columns: ["area", "pupils", "spare", "total"],
                          rows: [["P01", .number(2640.92286886718), .number(0.0888), .formula("SUM(B3:B3)", value: 2640.92286886718)]],
                          title: "Pupils by area", formats: [nil, .oneDecimal, .percent, .oneDecimal])
        let package = try XLSXPackage(Workbook(sheets: [sheet]).data())
        let cells = try package.cells("xl/worksheets/sheet1.xml")
        #expect(cells["A1"]?.value == .text("Pupils by area") && cells["A2"]?.value == .text("area") && cells["A3"]?.value == .text("P01"))
        // Each data cell carries its column's style, and that style's number format is the column's.
        let styles = try package.xml("xl/styles.xml")
        let formats = Dictionary(uniqueKeysWithValues: styles.descendants("numFmt").map { ($0["numFmtId"] ?? "", $0["formatCode"] ?? "") })
        let xfs = styles.child("cellXfs")!.children.filter { $0.name == "xf" }
        func format(_ reference: String) -> String? {
            guard let s = cells[reference]?.style, let i = Int(s), i < xfs.count else { return nil }
            return formats[xfs[i]["numFmtId"] ?? ""]
        }
        #expect(format("B3") == "#,##0.0" && format("C3") == "0.0%" && format("D3") == "#,##0.0")
        #expect(format("A3") == nil)  // text keeps the default style
        let sheet1 = try package.xml("xl/worksheets/sheet1.xml")
        #expect(sheet1.descendants("f").first?.text == "SUM(B3:B3)" && cells["D3"]?.value == .number(2640.92286886718))
        #expect(sheet1.child("pageSetup")?["orientation"] == "landscape" && sheet1.child("pageSetup")?["fitToWidth"] == "1")
        #expect(sheet1.descendants("pane").first?["ySplit"] == "2")  // title and header stay in view
        // The title and header rows repeat on every printed page.
        let workbook = try package.xml("xl/workbook.xml")
        #expect(workbook.descendants("definedName").first?.text == "'plan'!$1:$2")
    }

    @Test("a sheet of sentences wraps its text within the column, from the top; its numbers keep their format, the header stays bold")
    func wrapped() throws {
        var sheet = Sheet(name: "notes", columns: ["note", "n"],
                          rows: [[.text(String(repeating: "a long sentence ", count: 40)), .number(0.5)]], columnWidths: [110],
                          formats: [nil, .percent])
        sheet.wrapsText = true
        let package = try XLSXPackage(Workbook(sheets: [sheet, Sheet(name: "plain", columns: ["note"], rows: [["short"]])]).data())
        let xfs = try package.xml("xl/styles.xml").child("cellXfs")!.children.filter { $0.name == "xf" }
        func alignment(_ cell: XLSXPackage.ReadCell?) -> Node? {
            guard let s = cell?.style, let i = Int(s), i < xfs.count else { return nil }
            return xfs[i].child("alignment")
        }
        let cells = try package.cells("xl/worksheets/sheet1.xml")
        #expect(alignment(cells["A2"])?["wrapText"] == "1" && alignment(cells["A2"])?["vertical"] == "top")
        #expect(alignment(cells["A1"]) == nil && cells["A1"]?.style != nil)  // the header: bold, not wrapped
        #expect(alignment(cells["B2"]) == nil && cells["B2"]?.style != nil)  // the number: its format
        #expect(try package.xml("xl/worksheets/sheet1.xml").descendants("col").first?["width"] == "110")
        // 640 characters at 108 a line: six lines of 15 points, a height set so the row shows them all.
        let row = try package.xml("xl/worksheets/sheet1.xml").descendants("row").first { $0["r"] == "2" }
        #expect(row?["ht"] == "90" && row?["customHeight"] == "1")
        #expect(try package.cells("xl/worksheets/sheet2.xml")["A2"]?.style == nil)  // a sheet that does not wrap
    }
}
