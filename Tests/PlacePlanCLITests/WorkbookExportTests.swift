import Foundation
import Testing

/// Every table a planner keeps working in comes as a workbook too — the place plan, scenarios, the
/// optimiser's programme, the developer report — with the same figures as the CSV, and printed by
/// LibreOffice on a sensible number of pages.
@Suite("workbooks: scenarios, the programme and the plan, opened and printed by LibreOffice", .serialized)
struct WorkbookExportTests {
    static let soffice = WorkbookCLITests.soffice

    /// Converts `file` with LibreOffice to `format` (csv: the first sheet; pdf: every sheet) in `folder`.
    static func convert(_ file: URL, to format: String, in folder: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice!)
        process.arguments = ["--headless", "-env:UserInstallation=file://\(folder.path)/lo-profile", "--convert-to", format,
                             "--outdir", folder.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return file.deletingPathExtension().appendingPathExtension(format)
    }

    /// Pages of a PDF, as `pdfinfo` (poppler-utils) counts them; else its page objects.
    static func pages(_ pdf: URL) throws -> Int {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
            process.arguments = [pdf.path]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }) {
                return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        return text.matches(of: try Regex(#"/Type\s*/Page[^s]"#)).count
    }

    @Test("scenario --xlsx holds the same figures as scenario --out-dir's tables", .enabled(if: soffice != nil, "LibreOffice is not installed"))
    func scenarioWorkbook() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xlsx = folder.appendingPathComponent("scenarios.xlsx"), tables = folder.appendingPathComponent("tables")
        let result = try CLI.run(["scenario", "Data/borough", "--out-dir", tables.path, "--xlsx", xlsx.path])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOf: Self.convert(xlsx, to: "csv", in: folder), encoding: .utf8).split(separator: "\n").dropFirst()  // the title
        let table = try String(contentsOf: tables.appendingPathComponent("scenario-totals.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == table.count && csv.count > 2)
        for (a, b) in zip(csv, table) {
            // Numbers as LibreOffice writes them; text fields quoted by one side and not the other.
            #expect(a.replacingOccurrences(of: "\"", with: "") == b.replacingOccurrences(of: "\"", with: ""), "\(a)\n\(b)")
        }
    }

    @Test("optimise --xlsx and the place plan's workbook print on a sensible number of landscape pages",
          .enabled(if: soffice != nil, "LibreOffice is not installed"))
    func printed() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let programme = folder.appendingPathComponent("programme.xlsx"), plan = folder.appendingPathComponent("plan.xlsx")
        #expect(try CLI.run(["optimise", "Data/borough", "--xlsx", programme.path]).status == 0)
        #expect(try CLI.run(["report", "Data/borough", "--no-accuracy", "--format", "xlsx", "--out", plan.path]).status == 0)
        let programmePages = try Self.pages(Self.convert(programme, to: "pdf", in: folder))
        #expect((1...4).contains(programmePages), "\(programmePages) pages")
        // The borough's workbook printed on 152 pages before fit-to-width; every column now fits a page's width.
        let planPages = try Self.pages(Self.convert(plan, to: "pdf", in: folder))
        #expect((20...80).contains(planPages), "\(planPages) pages")
    }
}
