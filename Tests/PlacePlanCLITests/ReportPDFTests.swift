import Foundation
import PlacePlanReport
import Testing

/// The borough's report as a council would publish it: printed to PDF by headless Chromium,
/// within a sensible number of pages, with no heading stranded at the foot of a page.
@Suite("report --format pdf: pages within bounds, no heading at a page foot", .serialized)
struct ReportPDFTests {
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The text of each page of a PDF, in reading order (`pdftotext -layout`, pages split at form feeds).
    static func pages(_ pdf: URL, tool: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", pdf.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\u{0C}", omittingEmptySubsequences: false)
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            .filter { !$0.isEmpty }
    }

    @Test("the borough report prints to a PDF of 20–80 pages, numbered, with every heading followed by its content on its page",
          .enabled(if: PDFExport.browser() != nil && pdftotext != nil, "needs headless Chromium and pdftotext (poppler-utils)"))
    func boroughPDF() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("borough.pdf"), html = folder.appendingPathComponent("borough.html")
        let result = try CLI.run(["report", "Data/borough", "--format", "pdf", "--out", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF".utf8)))
        #expect(try CLI.run(["report", "Data/borough", "--out", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        // Every h2 and h3 of the page, as text.
        let headings = Set(try NSRegularExpression(pattern: "<h[23][^>]*>(.*?)</h[23]>").matches(in: page, range: NSRange(page.startIndex..., in: page))
            .map { String(page[Range($0.range(at: 1), in: page)!]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespaces) })
        #expect(headings.count > 10)
        let pages = try Self.pages(pdf, tool: Self.pdftotext!)
        #expect((20...80).contains(pages.count), "\(pages.count) pages")
        for (i, lines) in pages.enumerated() {
            // The footer is the page's last line: "Page N of M".
            #expect(lines.last == "Page \(i + 1) of \(pages.count)", "page \(i + 1) ends \(lines.last ?? "")")
            let body = lines.dropLast()
            if let last = body.last { #expect(!headings.contains(last), "page \(i + 1) ends with the heading '\(last)'") }
        }
    }

    @Test("without Chromium, --format pdf says how to get it and writes nothing")
    func withoutChromium() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("r.pdf")
        let result = try CLI.run(["report", "Data/england", "--format", "pdf", "--out", pdf.path, "--no-accuracy", "--horizon", "1"],
                                 environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1 && result.stderr.contains("headless Chromium, which is not installed here"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf.path))
    }
}
