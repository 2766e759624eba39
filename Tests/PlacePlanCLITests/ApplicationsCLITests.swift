import Foundation
import Testing

/// `applications.csv` end to end: used only as a census could have known it, and said to be
/// unused where it is (a place plan; entry years no census of the plan could know).
@Suite("Applications: next September's Reception, known at the census")
struct ApplicationsCLITests {
    @Test("a backtest uses applications only as its origin knew them: entry in origin + 1, never later")
    func applicationsKnownAtOrigin() throws {
        /// The backtest of a copy of England whose applications for entry in `year` are doubled.
        func backtest(doubling year: Int?) throws -> String {
            let folder = try CLI.copyOfEngland()
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let file = folder.appendingPathComponent("applications.csv")
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line -> String in
                let cells = line.split(separator: ",").map(String.init)
                guard let year, cells[0] == String(year) else { return String(line) }
                return ([cells[0], cells[1], cells[2], String(2 * Int(cells[3])!)]).joined(separator: ",")
            }
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["backtest", folder.path, "--horizon", "1", "--methods", "mean-1+weighted-5:weighted-3"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.replacingOccurrences(of: folder.path, with: "")
        }
        let plain = try backtest(doubling: nil)
        // Entry in 2020 is known only at the 2019 census, after the last origin (2018).
        #expect(try backtest(doubling: 2020) == plain)
        // Entry in 2019 is known at the 2018 origin, and moves its Reception.
        #expect(try backtest(doubling: 2019) != plain)
    }

    @Test("rows for entry after the last census + 1 are kept out and counted in a warning; a place plan says it does not use them")
    func unusedSaidSo() throws {
        let england = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: england.deletingLastPathComponent()) }
        let file = england.appendingPathComponent("applications.csv")
        try (String(contentsOf: file, encoding: .utf8) + "2021,E06000001,R,1200\n2022,E06000001,R,1210\n").write(to: file, atomically: true, encoding: .utf8)
        let forecast = try CLI.run(["forecast", england.path, "--horizon", "2"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        #expect((forecast.stdout + forecast.stderr).contains("applications.csv, line 1019, column 1 (year): 2 rows are for entry after 2020 and are not used: the forecast starts at the 2019 census"),
                "\(forecast.stdout)\(forecast.stderr)")
        #expect(forecast.stdout.contains("R 2020/21 from applications (145 areas) and births"))

        let borough = try CLI.temporaryFolder().appendingPathComponent("borough")
        defer { try? FileManager.default.removeItem(at: borough.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: borough)
        try? FileManager.default.removeItem(at: borough.appendingPathComponent("placeplan.sqlite"))
        try "year,area,applications\n2024,P01,300\n".write(to: borough.appendingPathComponent("applications.csv"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", borough.path])
        #expect(check.status == 0)
        #expect((check.stdout + check.stderr).contains("is not used: applications combine with births in a plan by area, not yet in a place plan by school"),
                "\(check.stdout)\(check.stderr)")
    }

    @Test("explain names applications: revised applications move next September's Reception, and all of it is theirs")
    func explainNamesApplications() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let plan = work.appendingPathComponent("england"), db = work.appendingPathComponent("forecasts.sqlite")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/england"), to: plan)
        #expect(try CLI.run(["archive", plan.path, "--label", "Before", "--horizon", "2", "--db", db.path]).status == 0)
        // Hartlepool's applications for entry in 2020 revised up by a tenth.
        let file = plan.appendingPathComponent("applications.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        let old = try #require(text.split(separator: "\n").first { $0.hasPrefix("2020,E06000001,R,") })
        let revised = "2020,E06000001,R,\(Int(Double(old.split(separator: ",")[3])! * 1.1))"
        try text.replacingOccurrences(of: old, with: revised).write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["archive", plan.path, "--label", "After", "--horizon", "2", "--db", db.path]).status == 0)
        let csv = try CLI.run(["explain", plan.path, "--from", "Before", "--to", "After", "--db", db.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["level", "code", "year", "year_group", "before", "after", "change", "applications"], "\(lines.first ?? [])")
        let reception = try #require(lines.first { $0.count > 7 && $0[1] == "E06000001" && $0[2] == "2020" && $0[3] == "R" })
        #expect(Double(reception[6])! > 0 && Double(reception[6]) == Double(reception[7]), "\(reception)")
    }

    @Test("--no-applications runs as if applications.csv were not there: the same figures as a copy without it, said so, and explain counts it as the applications'")
    func noApplicationsFlag() throws {
        let copy = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("applications.csv"))
        let arguments = ["--horizon", "3", "--format", "csv"]
        let flagged = try CLI.run(["forecast", "Data/england", "--no-applications"] + arguments)
        let without = try CLI.run(["forecast", copy.path] + arguments)
        let with = try CLI.run(["forecast", "Data/england"] + arguments)
        #expect(flagged.status == 0 && flagged.stdout == without.stdout && flagged.stdout != with.stdout)
        let summary = try CLI.run(["forecast", "Data/england", "--horizon", "3", "--no-applications"])
        #expect((summary.stdout + summary.stderr).contains("applications left out (--no-applications): R in 2020 is forecast from births alone"),
                "\(summary.stdout)\(summary.stderr)")
        #expect(!summary.stdout.contains("from applications ("))

        // docs/method.md's "Applications" paragraph: every figure is one of these two backtests'.
        /// Measure → method → its row's percentages (1y, 2y, 3y, bias, ≤0.9%).
        func table(_ more: [String]) throws -> [String: [String: [String]]] {
            let result = try CLI.run(["backtest", "Data/england", "--horizon", "3", "--methods", "mean-3 mean-1+weighted-5:weighted-3"] + more)
            #expect(result.status == 0, "\(result.stderr)")
            var rows: [String: [String: [String]]] = [:], measure = ""
            for line in result.stdout.split(separator: "\n") {
                if line.contains("1y ahead") { measure = String(line.split(separator: " ")[0]) }
                let words = line.split(separator: " ")
                if let method = words.first, line.contains("%") {
                    rows[measure, default: [:]][method.hasPrefix("mean-3") ? "mean-3" : "default"] = words.filter { $0.hasSuffix("%") || $0.hasSuffix("%*") }
                        .map { String($0.replacingOccurrences(of: "*", with: "")) }
                }
            }
            return rows
        }
        let before = try table(["--no-applications"]), after = try table([])
        #expect(before["R"]?["default"]?[0] == "1.44%" && after["R"]?["default"]?[0] == "1.02%", "\(before) \(after)")
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        let d = (before["R"]!["default"]!, before["R"]!["mean-3"]!, before["primary"]!["default"]!, before["primary"]!["mean-3"]!)
        let w = (after["R"]!["default"]!, after["R"]!["mean-3"]!, after["primary"]!["default"]!)
        for sentence in ["the default's Reception one year ahead was \(d.0[0]) (mean-3 \(d.1[0])), its primary total \(d.2[0]) (\(d.3[0])), "
                             + "and \(d.0[4]) of areas were within 0.9% on Reception",
                         "(the default's \(w.2[1]) and \(w.2[2]) against \(d.2[1]) and \(d.2[2]))",
                         "nearly as good on Reception one year ahead (\(w.1[0]) against \(w.0[0]))"] {
            #expect(docs.contains(sentence), "docs/method.md should say: \(sentence)")
        }

        // docs/uncertainty.md's figures without them: the same coverage command with --no-applications.
        let (cover, width) = try UncertaintyCoverageTests.measuredWithWidths(80, more: ["--no-applications"])
        let uncertainty = try String(contentsOf: CLI.root.appendingPathComponent("docs/uncertainty.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n  ", with: " ")
        let said = String(format: "narrowed from %.1f%% of the forecast", locale: Locale(identifier: "en_GB"), width["R"]![0])
            + " to 4.7% and held 81% (\(cover["R"]![0])% without"
        #expect(uncertainty.contains(said), "docs/uncertainty.md should say: \(said)")
        #expect(uncertainty.contains("two years ahead Reception held 82% (\(cover["R"]![1])%)")
                && uncertainty.contains("(\(cover["primary"]![1])% and \(cover["primary"]![2])%)"), "\(cover)")

        let explained = try CLI.run(["explain", "Data/england", "--with", "Data/england", "--no-applications", "--format", "csv"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.hasPrefix("level,code,year,year_group,before,after,change,applications\n"), "\(explained.stdout.prefix(200))")
    }
}
