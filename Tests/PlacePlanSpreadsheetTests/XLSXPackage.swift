import Foundation
import ZIPFoundation
@testable import PlacePlanSpreadsheet

/// An .xlsx read back the way a spreadsheet program reads it: unzip, follow the relationships
/// from `_rels/.rels` to the workbook and from the workbook to each sheet, resolve shared
/// strings. Nothing here reuses the writer's code, so a mistake there cannot cancel out here.
struct XLSXPackage {
    /// Every entry of the ZIP, by path.
    let parts: [String: Data]
    /// The paths in the order they are stored.
    let order: [String]

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        var order: [String] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }  // checks each entry's CRC-32
            parts[entry.path] = bytes
            order.append(entry.path)
        }
        self.parts = parts
        self.order = order
    }

    func xml(_ path: String) throws -> Node {
        guard let data = parts[path] else { throw Failure(description: "no part \(path)") }
        return try Node.parse(data)
    }

    /// The workbook's part path, found as a reader finds it: through the root relationships.
    func workbookPath() throws -> String {
        let rels = try xml("_rels/.rels")
        guard let target = rels.all("Relationship").first(where: { $0["Type"]?.hasSuffix("/officeDocument") == true })?["Target"] else {
            throw Failure(description: "_rels/.rels has no officeDocument relationship")
        }
        return target.hasPrefix("/") ? String(target.dropFirst()) : target
    }

    /// The sheets in workbook order: name and part path (through the workbook's relationships).
    func sheets() throws -> [(name: String, path: String)] {
        let workbook = try xml(try workbookPath())
        let rels = try xml("xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for r in rels.all("Relationship") { targets[r["Id"] ?? ""] = r["Target"] }
        return try workbook.descendants("sheet").map { sheet in
            guard let name = sheet["name"], let id = sheet["r:id"], let target = targets[id] else {
                throw Failure(description: "sheet element without name, r:id or relationship: \(sheet.attributes)")
            }
            return (name, "xl/" + target)
        }
    }

    /// The shared-strings table, each entry's text runs joined and `_xHHHH_` decoded.
    func sharedStrings() throws -> [String] {
        guard parts["xl/sharedStrings.xml"] != nil else { return [] }
        return try xml("xl/sharedStrings.xml").all("si").map { si in
            Self.decodeEscapes(si.descendants("t").map(\.text).joined())
        }
    }

    /// A cell as read back: its type attribute, style index and value.
    struct ReadCell: Equatable {
        var type: String?
        var style: String?
        var value: Value
    }

    enum Value: Equatable {
        case number(Double)
        case text(String)
    }

    /// A sheet's cells by reference ("B3").
    func cells(_ path: String) throws -> [String: ReadCell] {
        let strings = try sharedStrings()
        let sheet = try xml(path)
        var cells: [String: ReadCell] = [:]
        for c in sheet.descendants("c") {
            guard let reference = c["r"] else { throw Failure(description: "cell without r in \(path)") }
            let raw = c.child("v")?.text
            let value: Value
            switch c["t"] {
            case nil, "n":
                guard let raw, let number = Double(raw) else { throw Failure(description: "\(reference): bad number \(raw ?? "nil")") }
                value = .number(number)
            case "s":
                guard let raw, let i = Int(raw), strings.indices.contains(i) else { throw Failure(description: "\(reference): bad string index") }
                value = .text(strings[i])
            case "inlineStr":
                value = .text(Self.decodeEscapes(c.descendants("t").map(\.text).joined()))
            case "str":
                value = .text(raw ?? "")
            default:
                throw Failure(description: "\(reference): unexpected type \(c["t"]!)")
            }
            cells[reference] = ReadCell(type: c["t"], style: c["s"], value: value)
        }
        return cells
    }

    /// Excel's reading of `_xHHHH_` in cell text as the character U+HHHH.
    static func decodeEscapes(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var out = String.UnicodeScalarView()
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
