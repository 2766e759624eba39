import Foundation

/// LibreOffice run headless, as a second reader of the files written here: if it can convert a
/// workbook, the workbook opened. Tests that need it are enabled only when `soffice` (or
/// `libreoffice`) is on PATH, and report themselves skipped otherwise.
enum LibreOffice {
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["soffice", "libreoffice"] {
            for folder in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    static let isInstalled = executable != nil
    static let notInstalled = "LibreOffice (soffice or libreoffice) is not on PATH, so no workbook was opened by it; "
        + "Scripts/bootstrap installs libreoffice-calc-nogui when CI=true or PLACEPLAN_WITH_LIBREOFFICE=1"

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Converts `file` with `--convert-to format` into `folder`, with a profile of its own (so a
    /// LibreOffice already open, or a user's settings, cannot interfere) and a time limit.
    static func convert(_ file: URL, to format: String, in folder: URL, timeout: TimeInterval = 180) throws {
        guard let executable else { throw Failure(description: notInstalled) }
        let profile = folder.appendingPathComponent("profile", isDirectory: true)
        let log = folder.appendingPathComponent("soffice.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = ["-env:UserInstallation=" + profile.absoluteString, "--headless", "--norestore",
                             "--convert-to", format, "--outdir", folder.path, file.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "soffice did not finish within \(Int(timeout)) s:\n\(output)")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "soffice exited with status \(process.terminationStatus):\n\(output)")
        }
    }
}

/// A CSV field as LibreOffice wrote it, with whether it was quoted: with "quote all text cells",
/// text is quoted and numbers are not, which tells which cells it read as numbers.
struct CSVField: Equatable {
    var text: String
    var quoted: Bool

    /// RFC 4180 records: quotes doubled inside quoted fields, line breaks allowed inside them.
    static func records(_ csv: String) -> [[CSVField]] {
        var records: [[CSVField]] = []
        var record: [CSVField] = []
        var field = CSVField(text: "", quoted: false)
        var inQuotes = false
        var characters = csv.unicodeScalars.makeIterator()
        var pending = characters.next()
        while let c = pending {
            pending = characters.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.text += "\""; pending = characters.next() } else { inQuotes = false }
                } else {
                    field.text.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
                field.quoted = true
            } else if c == "," {
                record.append(field)
                field = CSVField(text: "", quoted: false)
            } else if c == "\n" || c == "\r" {
                if c == "\r" && pending == "\n" { pending = characters.next() }
                record.append(field)
                records.append(record)
                record = []
                field = CSVField(text: "", quoted: false)
            } else {
                field.text.unicodeScalars.append(c)
            }
        }
        if !record.isEmpty || !field.text.isEmpty || field.quoted {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
