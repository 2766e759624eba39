import Foundation
import Testing

/// Runs the built `placeplan` executable end to end, as a user would.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits beside the test bundle in the build products folder.
    static let executable: URL = {
        let products = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("placeplan")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/placeplan")
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], in directory: URL = root) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot fill a pipe and block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the bundled England plan, to break on purpose.
    static func copyOfEngland() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("england")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Data/england"), to: folder)
        return folder
    }
}

@Suite("placeplan end to end", .serialized)
struct CLITests {
    @Test("forecast Data/england --horizon 3 writes one CSV row per year, area and year group")
    func forecastCSV() throws {
        let result = try CLI.run(["forecast", "Data/england", "--horizon", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "year,area,year_group,pupils")
        #expect(lines.count == 1 + 3 * 151 * 14)
        #expect(lines[1].hasPrefix("2020,E06000001,R,"))
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }) == ["2020", "2021", "2022"])
    }

    @Test("forecast --format json --out writes a JSON file with the settings used")
    func forecastJSON() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("f.json")
        let result = try CLI.run(["forecast", "Data/england", "--horizon", "2", "--method", "mean-3", "--format", "json", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
        #expect(json["base_year"] as? Int == 2019)
        #expect(json["method"] as? String == "mean-3")
        #expect((json["rows"] as? [Any])?.count == 2 * 151 * 14)
    }

    @Test("forecast with no folder prints the readable summary of the bundled data")
    func forecastSummary() throws {
        let result = try CLI.run(["forecast", "--horizon", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("England: local authorities"))
        #expect(result.stdout.contains("Pupils by phase, all areas"))
        #expect(result.stdout.contains("2024/25"))
        #expect(!result.stdout.contains("year,area,year_group,pupils"))
    }

    @Test("help shows examples", arguments: [["--help"], ["forecast", "--help"], ["backtest", "--help"], ["check", "--help"],
                                             ["archive", "--help"], ["actuals", "--help"], ["actuals", "import", "--help"],
                                             ["accuracy", "--help"]])
    func help(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("placeplan "))
    }

    @Test("bad input: exit non-zero, name file, line and column, and leave --out untouched")
    func badInput() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let rolls = plan.appendingPathComponent("rolls.csv")
        var lines = try String(contentsOf: rolls, encoding: .utf8).components(separatedBy: "\n")
        lines[10] = lines[10].replacingOccurrences(of: ",Y9,", with: ",Y9,twelve").components(separatedBy: "twelve")[0] + "twelve"
        try lines.joined(separator: "\n").write(to: rolls, atomically: true, encoding: .utf8)
        let out = plan.appendingPathComponent("forecast.csv")
        try "previous forecast\n".write(to: out, atomically: true, encoding: .utf8)

        let result = try CLI.run(["forecast", plan.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("rolls.csv, line 11, column 5 (pupils): 'twelve' is not a number"), "\(result.stderr)")
        #expect(result.stderr.contains("fix:"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous forecast\n")
    }

    @Test("check reports an unknown plan.toml key with its line")
    func checkConfig() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        try (String(contentsOf: toml, encoding: .utf8) + "horizn = 3\n").write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", plan.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown key 'horizn'"))
    }

    @Test("check on the bundled data says what it read")
    func checkEngland() throws {
        let result = try CLI.run(["check", "Data/england"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("151 areas"))
    }

    @Test("an out-of-range horizon or an unknown method is refused before any work")
    func badArguments() throws {
        #expect(try CLI.run(["forecast", "Data/england", "--horizon", "16"]).status != 0)
        let method = try CLI.run(["forecast", "Data/england", "--method", "median-3"])
        #expect(method.status != 0)
        #expect(method.stderr.contains("median-3"))
    }

    @Test("a missing plan folder is a clear error")
    func missingFolder() throws {
        let result = try CLI.run(["forecast", "/nonexistent/plan"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a folder"))
    }

    @Test("backtest --format csv gives one row per method, measure and horizon")
    func backtestCSV() throws {
        let result = try CLI.run(["backtest", "Data/england", "--horizon", "2", "--methods", "mean-3,weighted-3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "method,measure,horizon,cases,median_abs_pct_error,mean_abs_pct_error,bias,share_within_0_9pct")
        // 2 methods × 4 measures (R intake, primary, secondary, sixth form) × 2 horizons.
        #expect(lines.count == 1 + 2 * 4 * 2)
    }
}
