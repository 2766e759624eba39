import Foundation
import ZIPFoundation

/// A workbook: sheets written as an Office Open XML spreadsheet (.xlsx), a ZIP of XML parts.
/// The same sheets always give the same bytes (entries carry a fixed date, and no part records
/// when it was made), so an export can be compared with the last one.
public struct Workbook: Sendable, Hashable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// Every rule a file must obey for Excel to open it without repair, checked up front:
    /// at least one sheet, valid and distinct names, and rows and columns within Excel's limits.
    /// (Text length and column widths are checked as each sheet is written.)
    public func validate() throws {
        guard !sheets.isEmpty else { throw SpreadsheetError.noSheets }
        var seen: [String: String] = [:]
        for sheet in sheets {
            if let reason = SheetName.problem(with: sheet.name) {
                throw SpreadsheetError.invalidSheetName(sheet.name, reason: reason)
            }
            if let earlier = seen[sheet.name.lowercased()] {
                throw SpreadsheetError.duplicateSheetName(sheet.name, clashesWith: earlier)
            }
            seen[sheet.name.lowercased()] = sheet.name
            guard sheet.rowCount <= Sheet.maximumRows else {
                throw SpreadsheetError.tooManyRows(sheet: sheet.name, rows: sheet.rowCount)
            }
            guard sheet.columnCount <= ColumnReference.maximumColumn else {
                throw SpreadsheetError.tooManyColumns(sheet: sheet.name, columns: sheet.columnCount)
            }
        }
    }

    /// The parts of the package, path and XML text, in the order they are stored.
    func parts() throws -> [(path: String, xml: String)] {
        try validate()
        var strings = SharedStrings()
        var sheetParts: [(String, String)] = []
        for (i, sheet) in sheets.enumerated() {
            let xml = try SheetXML.xml(sheet, selected: i == 0, strings: &strings)
            sheetParts.append((PackageParts.sheetPath(i + 1), xml))
        }
        let shared = !strings.isEmpty
        // [Content_Types].xml first: some readers look for it at the start of the archive.
        var parts: [(String, String)] = [
            ("[Content_Types].xml", PackageParts.contentTypes(sheetCount: sheets.count, sharedStrings: shared)),
            ("_rels/.rels", PackageParts.rootRelationships()),
            ("docProps/app.xml", PackageParts.appProperties()),
            ("xl/workbook.xml", PackageParts.workbook(sheets: sheets)),
            ("xl/_rels/workbook.xml.rels", PackageParts.workbookRelationships(sheetCount: sheets.count, sharedStrings: shared)),
            ("xl/styles.xml", Styles.xml()),
        ]
        if shared { parts.append(("xl/sharedStrings.xml", strings.xml())) }
        parts += sheetParts
        return parts
    }

    /// The .xlsx file's bytes.
    public func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in try parts() {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: Self.entryDate, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            throw SpreadsheetError.cannotWrite(path: "(memory)", reason: "the ZIP archive was not kept in memory")
        }
        return data
    }

    /// Writes the .xlsx file whole or not at all: the bytes go to a temporary file in the same
    /// folder, which is then renamed over `url`. (`FileManager.replaceItemAt` deletes the
    /// original on Linux, so it is not used.)
    public func write(to url: URL) throws {
        let bytes = try data()
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpreadsheetError.cannotWrite(path: url.path, reason: "the folder \(folder.path) does not exist")
        }
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw SpreadsheetError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// 1 January 2000, 00:00 UTC: a fixed date for every entry, inside the ZIP format's
    /// 1980–2099 range, so that the bytes depend on the sheets alone.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)
}
