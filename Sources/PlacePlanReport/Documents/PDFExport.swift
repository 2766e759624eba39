import Foundation

/// An HTML page printed to PDF by headless Chromium, as a person would print it from the
/// browser: A4, the page's own print CSS (page numbers, headings kept with what follows, table
/// headers repeated), no browser header or footer.
public enum PDFExport {
    /// A problem printing: Chromium missing, failing or too slow.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The browsers tried, in order, on the PATH.
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first of `browsers` on the PATH, if any.
    public static func browser(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in browsers {
            for folder in path {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    /// The PDF of `html`. Work happens in a private temporary folder, removed afterwards.
    public static func pdf(_ html: String, timeout: TimeInterval = 120) throws -> Data {
        guard let browser = browser() else {
            throw Problem(description: "--format pdf prints the report with headless Chromium, which is not installed here\n"
                + "  fix: install it (Debian: apt-get install chromium), or write --format html and print it from a browser")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = browser
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(output.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            throw Problem(description: "\(browser.path) did not finish printing the report in \(Int(timeout)) s\n  fix: try again, or write --format html")
        }
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw Problem(description: "\(browser.path) could not print the report (exit \(process.terminationStatus))\n"
                + "  fix: check that it runs headless (chromium --headless --version), or write --format html")
        }
        return data
    }
}
