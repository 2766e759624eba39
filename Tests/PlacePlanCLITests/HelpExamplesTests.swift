import Foundation
import PlacePlanReport
import Testing

/// Every example in every command's help runs, as written, on copies of the bundled data: help
/// that a user copies must work.
@Suite("help and the README's tour: every example runs", .serialized)
struct HelpExamplesTests {
    /// `placeplan …` lines of the `Examples:` blocks in the commands' sources, in the order the
    /// commands are listed (so `archive` comes before the `accuracy` that reads its vintage).
    static func examples() throws -> [String] {
        let order = ["PlacePlanCommand", "ForecastCommand", "PlanCommand", "BacktestCommand", "ReportCommand", "CheckCommand", "InitCommand", "ImportCommand",
                     "ArchiveCommand", "ActualsCommand", "AccuracyCommand", "ExplainCommand", "VintageCommand", "ScenarioCommand", "OptimiseCommand",
                     "DeveloperReportCommand", "ContributionsCommand", "HousingYieldsCommand", "SpecialistBacktestCommand"]
        let sources = CLI.root.appendingPathComponent("Sources/placeplan")
        var lines: [String] = []
        for name in order {
            let file = name == "PlacePlanCommand" ? sources.appendingPathComponent("\(name).swift")
                : sources.appendingPathComponent("Commands/\(name).swift")
            var inExamples = false
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text == "Examples:" { inExamples = true; continue }
                if inExamples, text.hasPrefix("placeplan ") { lines.append(text) } else if inExamples { inExamples = false }
            }
        }
        return lines
    }

    /// The `placeplan …` lines of the README's tour (its first ```sh block after "A short tour").
    static func readmeTour() throws -> [String] {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let tour = try #require(readme.range(of: "## A short tour"))
        let begin = try #require(readme.range(of: "```sh\n", range: tour.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: begin.upperBound..<readme.endIndex))
        return readme[begin.upperBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("placeplan ") }
    }

    /// The `placeplan …` lines of docs/getting-started.md's ```sh blocks: a planner's tour must run as written.
    static func gettingStarted() throws -> [String] {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("docs/getting-started.md"), encoding: .utf8)
        return page.components(separatedBy: "```sh\n").dropFirst().flatMap { block in
            block.components(separatedBy: "```")[0].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("placeplan ") }
        }
    }

    /// Words as a shell splits them: spaces, "double quotes", and a `#` comment to the end.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, started = false
        for c in line {
            if c == "\"" { quoted.toggle(); started = true; continue }
            if !quoted && c == "#" { break }
            if !quoted && c == " " {
                if started { words.append(current) }
                current = ""; started = false
                continue
            }
            current.append(c); started = true
        }
        if started { words.append(current) }
        return words
    }

    @Test("the examples are found, and each runs with exit status 0")
    func examplesRun() throws {
        let examples = try Self.examples() + Self.readmeTour() + Self.gettingStarted()
        #expect(examples.count >= 65)
        // A working folder with what the examples name: the bundled data, a plan of one's own,
        // censuses and candidate projects.
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.copyItem(at: CLI.root.appendingPathComponent("Data"), to: root.appendingPathComponent("Data"))
        for database in ["england", "borough"] { try? fm.removeItem(at: root.appendingPathComponent("Data/\(database)/placeplan.sqlite")) }
        try fm.copyItem(at: root.appendingPathComponent("Data/borough"), to: root.appendingPathComponent("my-plan"))
        try fm.copyItem(at: root.appendingPathComponent("Data/borough/candidates.toml"), to: root.appendingPathComponent("my-candidates.toml"))
        try fm.createDirectory(at: root.appendingPathComponent("archive"), withIntermediateDirectories: true)
        let rolls = try String(contentsOf: root.appendingPathComponent("Data/borough/rolls.csv"), encoding: .utf8).split(separator: "\n")
        for (name, year, extra) in [("census-2020.csv", 2025, 0), ("census-2025.csv", 2025, 0), ("census-2026.csv", 2026, 0), ("census-2020-revised.csv", 2025, 1),
                                    ("census.csv", 2027, 0)] {
            let rows = rolls.dropFirst().filter { $0.hasPrefix("2024,") }.map { row -> String in
                var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[0] = String(year)
                fields[fields.count - 1] = String(Int(fields[fields.count - 1])! + extra)
                return fields.joined(separator: ",")
            }
            try ([String(rolls[0])] + rows).joined(separator: "\n").appending("\n")
                .write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var failures: [String] = []
        for example in examples {
            // Printing to PDF needs headless Chromium; without it the example's own message is tested elsewhere.
            if example.contains("--format pdf") && PDFExport.browser() == nil { continue }
            let result = try CLI.run(Array(Self.words(example).dropFirst()), in: root)
            if result.status != 0 { failures.append("\(example)\n  → \(result.stderr.prefix(300))") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
