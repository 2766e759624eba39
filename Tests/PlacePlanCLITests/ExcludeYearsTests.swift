import Foundation
import Testing

/// `exclude_years`: a year's ratios left out, by plan.toml or flag alike, with the effect shown.
@Suite("exclude_years: one odd year left out")
struct ExcludeYearsTests {
    @Test("plan.toml's exclude_years and --exclude-years give the same forecast; the summary shows the effect as docs/plan-folder.md does")
    func sameEitherWay() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        try String(contentsOf: toml, encoding: .utf8).replacingOccurrences(of: "horizon = 10", with: "horizon = 10\nexclude_years = [2015]")
            .write(to: toml, atomically: true, encoding: .utf8)
        let fromFile = try CLI.run(["forecast", plan.path, "--format", "csv", "--horizon", "3"])
        let fromFlag = try CLI.run(["forecast", "Data/england", "--format", "csv", "--horizon", "3", "--exclude-years", "2015"])
        let plain = try CLI.run(["forecast", "Data/england", "--format", "csv", "--horizon", "3"])
        #expect(fromFile.status == 0 && fromFile.stdout == fromFlag.stdout && fromFile.stdout != plain.stdout, "\(fromFile.stderr)")
        let summary = try CLI.run(["forecast", "Data/england", "--exclude-years", "2015"])
        let line = try #require(summary.stdout.split(separator: "\n").first { $0.hasPrefix("Ratios into 2015/16 left out") })
        #expect(try String(contentsOf: CLI.root.appendingPathComponent("docs/plan-folder.md"), encoding: .utf8).contains(String(line)), "\(line)")
        #expect(!plain.stdout.contains("left out (exclude_years)"))
    }

    @Test("bad values are located errors in plan.toml and refused as flags")
    func badValues() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        let text = try String(contentsOf: toml, encoding: .utf8)
        for (value, message) in [("\"2015\"", "exclude_years must be a list of years"), ("[1066]", "got 1066"),
                                 ("[2011, 2012, 2013, 2014, 2015, 2016]", "leaves out 6 years; at most 5")] {
            try text.replacingOccurrences(of: "horizon = 10", with: "horizon = 10\nexclude_years = \(value)").write(to: toml, atomically: true, encoding: .utf8)
            let result = try CLI.run(["check", plan.path])
            #expect(result.status == 1 && result.stderr.contains("plan.toml, line") && result.stderr.contains(message), "\(value): \(result.stderr)")
        }
        let flag = try CLI.run(["forecast", "Data/england", "--exclude-years", "20x5"])
        #expect(flag.status != 0 && flag.stderr.contains("--exclude-years must list years"))
    }

    @Test("a vintage archived with --exclude-years re-runs to itself: explain finds nothing changed")
    func archived() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("f.sqlite")
        #expect(try CLI.run(["archive", "Data/england", "--horizon", "2", "--exclude-years", "2015", "--db", db.path]).status == 0)
        let same = try CLI.run(["explain", "Data/england", "--from", "1", "--db", db.path, "--horizon", "2", "--exclude-years", "2015"])
        #expect(same.stdout.contains("Nothing changed"), "\(same.stdout)\(same.stderr)")
        let without = try CLI.run(["explain", "Data/england", "--from", "1", "--db", db.path, "--horizon", "2"])
        #expect(without.stdout.contains("Inputs that changed: method and settings"), "\(without.stdout)")
    }
}
