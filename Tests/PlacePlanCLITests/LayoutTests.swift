import Foundation
import Testing

/// The shape the code promises: module READMEs that list every file, thin commands, and each
/// setting checked in one place.
@Suite("Layout: the code shows the architecture")
struct LayoutTests {
    static let sources = CLI.root.appendingPathComponent("Sources")

    /// Swift files under `folder`, as paths relative to it.
    static func swiftFiles(in folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".swift") { files.append(path) }
        }
        return files.sorted()
    }

    static var modules: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: sources.appendingPathComponent($0).appendingPathComponent("README.md").path)
        }.sorted()
    }

    @Test("every module's README lists every one of its files", arguments: modules)
    func readmesListEveryFile(_ module: String) throws {
        let folder = Self.sources.appendingPathComponent(module)
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let missing = Self.swiftFiles(in: folder).filter { !readme.contains("`\($0)`") }
        #expect(missing.isEmpty, "\(module)/README.md does not list \(missing)")
    }

    /// The body of `func run() throws` in a command's source: its lines, braces balanced.
    static func runBody(_ text: String) -> [Substring]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains("func run() throws {") }) else { return nil }
        var depth = 0
        for (i, line) in lines[start...].enumerated() {
            depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
            if depth == 0 { return Array(lines[start...(start + i)]) }
        }
        return nil
    }

    @Test("every command's run() is short and has no loop over data")
    func thinCommands() throws {
        let folder = Self.sources.appendingPathComponent("placeplan/Commands")
        let files = Self.swiftFiles(in: folder)
        #expect(files.count >= 12)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let body = try #require(Self.runBody(text), "\(file) has no run()")
            #expect(body.count <= 25, "\(file): run() is \(body.count) lines")
            let code = body.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            let loops = code.filter { $0.contains(" in ") && $0.contains("for ") || $0.contains("while ") || $0.contains(".reduce") }
            #expect(loops.isEmpty, "\(file): \(loops)")
        }
    }

    @Test("the horizon's limit is written once, in SettingRule")
    func oneHorizonLimit() throws {
        var places: [String] = []
        for module in Self.modules {
            let folder = Self.sources.appendingPathComponent(module)
            for file in Self.swiftFiles(in: folder) {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n").enumerated()
                where line.contains("1...15") || line.contains("1...CohortSurvival.maximumHorizon") || line.contains("(1...maximumHorizon)") {
                    places.append("\(module)/\(file):\(n + 1)")
                }
            }
        }
        #expect(places == ["PlacePlanCore/Run/SettingRule.swift:5"], "\(places)")
    }
}
