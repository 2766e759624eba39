import Foundation
import Testing
import PlacePlanCore
import PlacePlanIO

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

/// `exclude-years.csv`: an area's own odd year left out of that area alone, with the effect shown.
@Suite("exclude-years.csv: one area's odd year left out")
struct ExcludeAreaYearsTests {
    /// A copy of Data/england with `rows` (under the header `area,year,reason`) in exclude-years.csv.
    func england(_ rows: String) throws -> URL {
        let plan = try CLI.copyOfEngland()
        try ("area,year,reason\n" + rows).write(to: plan.appendingPathComponent("exclude-years.csv"), atomically: true, encoding: .utf8)
        return plan
    }

    @Test("Salford's 2015/16 left out: only Salford's forecast moves, check and the summary say so as docs/plan-folder.md does, and its warning is gone")
    func salford() throws {
        let plan = try england("E08000006,2015,Y13 counted short\n")
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let with = try CLI.run(["forecast", plan.path, "--format", "csv", "--horizon", "3"])
        let plain = try CLI.run(["forecast", "Data/england", "--format", "csv", "--horizon", "3"])
        #expect(with.status == 0, "\(with.stderr)")
        func rows(_ text: String) -> [Substring] { text.split(separator: "\n") }
        let changed = zip(rows(with.stdout), rows(plain.stdout)).filter { $0.0 != $0.1 }
        #expect(!changed.isEmpty && changed.allSatisfy { $0.0.contains("E08000006") }, "\(changed.prefix(3))")
        let summary = try CLI.run(["forecast", plan.path])
        let line = try #require(summary.stdout.split(separator: "\n").first { $0.hasPrefix("Salford (E08000006)'s ratios into 2015/16 left out") })
        #expect(try String(contentsOf: CLI.root.appendingPathComponent("docs/plan-folder.md"), encoding: .utf8).contains(String(line)), "\(line)")
        // The report's methods give the same line, made by the same code.
        let page = plan.deletingLastPathComponent().appendingPathComponent("england.html")
        #expect(try CLI.run(["report", plan.path, "--no-accuracy", "--out", page.path]).status == 0)
        let effect = try #require(line.range(of: " left out (exclude-years.csv)")).lowerBound
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<dt>Years left out</dt><dd>Salford (E08000006)&#39;s ratios into 2015/16" + line[effect...]),
                "\(line)")
        let check = try CLI.run(["check", plan.path])
        #expect(check.stdout.contains("- ratios left out in 1 area (exclude-years.csv): Salford (E08000006) 2015/16"), "\(check.stdout)")
        #expect(!check.stdout.contains("Warning: Salford (E08000006), 2015/16"))
        // Without the file, the warning names the row to add.
        #expect(try CLI.run(["check", "Data/england"]).stdout.contains("leave the year out of this area's forecast in exclude-years.csv (E08000006,2015)"))
        // A backtest replays the plan with it, and an archive records it.
        let backtest = try CLI.run(["backtest", plan.path, "--horizon", "1", "--methods", "mean-3", "--format", "csv"])
        let plainBacktest = try CLI.run(["backtest", "Data/england", "--horizon", "1", "--methods", "mean-3", "--format", "csv"])
        #expect(backtest.status == 0 && backtest.stdout != plainBacktest.stdout)
        let db = plan.deletingLastPathComponent().appendingPathComponent("f.sqlite")
        let archived = try CLI.run(["archive", plan.path, "--horizon", "2", "--db", db.path])
        #expect(archived.status == 0 && archived.stdout.contains("applications.csv, exclude-years.csv,"), "\(archived.stdout)")
    }

    @Test("bad rows are located errors, all of them, and nothing is written")
    func badRows() throws {
        let plan = try england("E99999999,2015,\nE08000007,2011,\nE08000006,2015,\nE08000006,2015,\nE08000005,20x5,\n")
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let out = plan.deletingLastPathComponent().appendingPathComponent("f.csv")
        let result = try CLI.run(["forecast", plan.path, "--out", out.path])
        #expect(result.status == 1 && !FileManager.default.fileExists(atPath: out.path))
        for (line, message) in [(2, "'E99999999' is not an area of the plan's rolls"), (3, "no ratio goes into 2011/12"),
                                (5, "E08000006, 2015 is already left out on line 4"), (6, "'20x5' is not a whole number")] {
            #expect(result.stderr.contains("exclude-years.csv, line \(line), column") && result.stderr.contains(message), "\(message): \(result.stderr)")
        }
        let many = try england((2013...2018).map { "E08000006,\($0),\n" }.joined())
        defer { try? FileManager.default.removeItem(at: many.deletingLastPathComponent()) }
        #expect(try CLI.run(["check", many.path]).stderr.contains("E08000006 leaves out 6 years; at most 5"))
    }

    @Test("a place plan does not use it yet, and says so")
    func placePlan() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        try "area,year\nP01,2020\n".write(to: plan.appendingPathComponent("exclude-years.csv"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0 && (check.stdout + check.stderr).contains("exclude-years.csv: is not used: an area's own years are left out in a plan by area"),
                "\(check.stdout)\(check.stderr)")
    }
}

/// A year every area's ratios moved together is found and named, so that the planner can
/// exclude it; England's real history has none.
@Suite("An exceptional year, found across every area")
struct ExceptionalYearTests {
    @Test("a 3% shock into 2015/16 is found in England's history; the real history and the year after are not flagged")
    func found() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        #expect(ExceptionalYear.detect(plan.history).isEmpty)
        let shocked = ExceptionalYear.detect(Shock(year: 2015, change: -0.03).apply(to: plan.history))
        #expect(shocked.map(\.year) == [2015], "\(shocked)")
        #expect(abs(shocked[0].change - log(0.97)) < 0.002 && shocked[0].usual < 0.005)
        let larger = ExceptionalYear.detect(Shock(year: 2017, change: 0.05).apply(to: plan.history))
        #expect(larger.map(\.year) == [2017])
    }

    @Test("placeplan check names it, with what to do, until it is named in exclude_years")
    func checkSaysSo() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        // rolls.csv with every cohort past Reception in 2015/16 3% fewer from then on.
        let ladder = ["R"] + (1...13).map { "Y\($0)" }
        let rolls = plan.appendingPathComponent("rolls.csv")
        let lines = try String(contentsOf: rolls, encoding: .utf8).split(separator: "\n").enumerated().map { i, line -> String in
            guard i > 0 else { return String(line) }
            // year,area,area_name,year_group,pupils; a name may hold a quoted comma, so from the end.
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let year = Int(fields[0])!, g = ladder.firstIndex(of: fields[fields.count - 2])!
            if year >= 2015 && g - (year - 2015) >= 1 { fields[fields.count - 1] = String(Double(fields[fields.count - 1])! * 0.97) }
            return fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: rolls, atomically: true, encoding: .utf8)
        let warned = try CLI.run(["check", plan.path])
        #expect(warned.stdout.contains("Warning: every area's progression ratios into 2015/16 moved together by -3.0%"), "\(warned.stdout)")
        #expect(warned.stdout.contains("its ratios are left out of every forecast (as if named in exclude_years)"))
        // The forecast leaves it out and says so, with the effect; `none` keeps every year.
        let found = try CLI.run(["forecast", plan.path, "--horizon", "3"])
        #expect(found.stdout.contains("Ratios into 2015/16 left out (every area's ratios moved together: -3.0% into 2015/16; "
                                      + "exclude_years = [] keeps them); by 2022/23 that changes primary by"), "\(found.stdout)")
        let csv = { (extra: [String]) in try CLI.run(["forecast", plan.path, "--horizon", "3", "--format", "csv"] + extra).stdout }
        #expect(try csv([]) == csv(["--exclude-years", "2015"]) && csv([]) != csv(["--exclude-years", "none"]))
        #expect(!(try CLI.run(["forecast", plan.path, "--exclude-years", "none"])).stdout.contains("left out"))
        // docs/method.md quotes the warning as check prints it.
        let line = try #require(warned.stdout.split(separator: "\n").first { $0.contains("moved together") })
        #expect(try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8)
                    .replacingOccurrences(of: "\n", with: " ").contains(line.trimmingCharacters(in: .whitespaces)), "\(line)")
        #expect(!(try CLI.run(["check", "Data/england"])).stdout.contains("moved together"))
        let toml = plan.appendingPathComponent("plan.toml")
        try String(contentsOf: toml, encoding: .utf8).replacingOccurrences(of: "horizon = 10", with: "horizon = 10\nexclude_years = [2015]")
            .write(to: toml, atomically: true, encoding: .utf8)
        #expect(!(try CLI.run(["check", plan.path])).stdout.contains("moved together"))
        try String(contentsOf: toml, encoding: .utf8).replacingOccurrences(of: "exclude_years = [2015]", with: "exclude_years = []")
            .write(to: toml, atomically: true, encoding: .utf8)
        #expect((try CLI.run(["check", plan.path])).stdout.contains("an exceptional year? exclude_years is given, so it is kept; add 2015 to it"))
    }
}
