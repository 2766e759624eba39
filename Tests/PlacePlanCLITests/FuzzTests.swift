import Foundation
import Testing
import TestSupport

/// Seeded fuzzing of the real plan folders: each mutant (a field, line or byte of one input file
/// changed into something hostile) must end with exit 0 or a located error — never a signal,
/// never a hang. `PLACEPLAN_FUZZ_MUTANTS` sets how many (300 in CI; `Scripts/fuzz` runs 2,000)
/// and `PLACEPLAN_FUZZ_SEED` the seed.
@Suite("Fuzz: mutants of the bundled plans never crash or hang")
struct FuzzTests {
    static let hostile = ["1e19", "-1", "nan", "inf", "-inf", "0x10", "", "\u{0}", "12\u{0}34", "9223372036854775807",
                          "-9223372036854775808", "1e308", "é", "=1+1", "\"", "\"\"", ",", "R", "Y13", "Y99", "2019", "0",
                          "1.5", "999999", String(repeating: "x", count: 5_000), "\u{1B}[31m", "\u{202E}", "[$]", "[écoles]",
                          "[[x]]", "= \"", "P01", "S1", "NG01", "true", "{", "}", "#"]

    /// A mutation of `text`, chosen by `random`.
    static func mutate(_ text: String, _ random: inout SeededRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let i = Int.random(in: 0..<lines.count, using: &random)
        let token = hostile.randomElement(using: &random)!
        switch Int.random(in: 0..<7, using: &random) {
        case 0, 1, 2:  // one field of a line replaced
            var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[Int.random(in: 0..<fields.count, using: &random)] = token
            lines[i] = fields.joined(separator: ",")
        case 3: lines.remove(at: i)
        case 4: lines.insert(lines[i], at: i)
        case 5: lines[i] = token
        default:  // a value after `=` in TOML, or a token appended
            if let eq = lines[i].firstIndex(of: "=") { lines[i] = String(lines[i][...eq]) + " " + token } else { lines[i] += token }
        }
        return lines.joined(separator: "\n")
    }

    /// A run that must finish within `seconds`: its result, or `nil` for a hang (then killed).
    /// Standard output goes to /dev/null and standard error to a file, so that no pipe can fill
    /// and stall the run while it is being timed.
    static func run(_ arguments: [String], seconds: Double, scratch: URL) throws -> CLI.Result? {
        let errors = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.root
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return CLI.Result(status: process.terminationStatus, stdout: "", stderr: stderr,
                          signalled: process.terminationReason == .uncaughtSignal)
    }

    @Test("mutants of Data/england and Data/borough: exit 0 or a located error, never a signal or a hang")
    func mutants() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["PLACEPLAN_FUZZ_MUTANTS"].flatMap(Int.init) ?? 300
        var random = SeededRandom(seed: environment["PLACEPLAN_FUZZ_SEED"].flatMap(UInt64.init) ?? 2026)
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let targets: [(plan: String, files: [String], command: [String])] = [
            ("england", ["plan.toml", "rolls.csv", "births.csv"], ["forecast", "--horizon", "3"]),
            ("borough", ["plan.toml", "rolls.csv", "births.csv", "schools.csv", "areas.csv", "housing.csv", "candidates.toml",
                         "scenarios/expand-oakwood.toml"], ["plan"]),
        ]
        let originals = try targets.map { target in
            try target.files.map { try String(contentsOf: CLI.root.appendingPathComponent("Data/\(target.plan)/\($0)"), encoding: .utf8) }
        }
        var crashes: [String] = [], hangs: [String] = [], unlocated: [String] = [], failed = 0
        for n in 0..<count {
            let t = n % targets.count, target = targets[t]
            let f = Int.random(in: 0..<target.files.count, using: &random)
            let plan = root.appendingPathComponent("\(target.plan)-\(n)")
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/\(target.plan)"), to: plan)
            try? FileManager.default.removeItem(at: plan.appendingPathComponent("placeplan.sqlite"))
            var mutant = originals[t][f]
            for _ in 0..<Int.random(in: 1...3, using: &random) { mutant = Self.mutate(mutant, &random) }
            try mutant.write(to: plan.appendingPathComponent(target.files[f]), atomically: true, encoding: .utf8)
            let command = target.plan == "borough" && target.files[f].hasSuffix(".toml") && target.files[f] != "plan.toml"
                ? [target.files[f] == "candidates.toml" ? "optimise" : "scenario", plan.path] : [target.command[0], plan.path] + target.command.dropFirst()
            for arguments in [["check", plan.path], command] {
                let label = "mutant \(n) (\(target.plan)/\(target.files[f])): placeplan \(arguments.joined(separator: " "))"
                guard let result = try Self.run(arguments, seconds: 60, scratch: root) else {
                    hangs.append(label + "\n" + mutant.prefix(2_000))
                    continue
                }
                if result.signalled { crashes.append(label + "\n" + result.stderr.suffix(300)) }
                if result.status != 0 {
                    failed += 1
                    if !(result.status == 1 && result.stderr.hasPrefix("Error: ")) { unlocated.append("\(label): exit \(result.status)\n\(result.stderr.prefix(300))") }
                }
            }
            try? FileManager.default.removeItem(at: plan)
        }
        print("fuzz: \(count) mutants, \(2 * count) runs: \(failed) refused with an error, \(crashes.count) crashes, \(hangs.count) hangs")
        #expect(crashes.isEmpty, "\(crashes.prefix(5).joined(separator: "\n"))")
        #expect(hangs.isEmpty, "\(hangs.prefix(2).joined(separator: "\n"))")
        #expect(unlocated.isEmpty, "\(unlocated.prefix(5).joined(separator: "\n"))")
    }
}
