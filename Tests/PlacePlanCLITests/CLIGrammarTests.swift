import Foundation
import Testing

/// One grammar for every command, and none of the surprises a new user met: the plan folder
/// first, `--out` a file (`-` standard output) and `--out-dir` a folder, no database written into
/// the bundled data, a label settable later, a version, counts that agree with their nouns.
@Suite("the CLI's grammar: no surprises", .serialized)
struct CLIGrammarTests {
    @Test("--version names the engine and the database schema")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0 && result.stdout.hasPrefix("placeplan 0.5.0 (") && result.stdout.contains("database schema 4"), "\(result.stdout)")
    }

    @Test("--out - writes to standard output, not to a file named -")
    func dashIsStandardOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["forecast", CLI.root.appendingPathComponent("Data/england").path, "--horizon", "1", "--out", "-"], in: folder)
        #expect(result.status == 0 && result.stdout.hasPrefix("year,area,year_group,pupils\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    @Test("forecast prints a summary with a folder or without; rows only when asked for")
    func forecastOneGrammar() throws {
        let summary = try CLI.run(["forecast", "Data/england", "--horizon", "1"])
        #expect(summary.status == 0 && summary.stdout.contains("Pupils by phase, all areas") && !summary.stdout.hasPrefix("year,"))
        let rows = try CLI.run(["forecast", "Data/england", "--horizon", "1", "--format", "csv"])
        #expect(rows.stdout.hasPrefix("year,area,year_group,pupils\n"))
    }

    @Test("commands that write a database need the plan folder named: nothing is written into the bundled data")
    func noDatabaseInBundledData() throws {
        let database = CLI.root.appendingPathComponent("Data/england/placeplan.sqlite")
        let existed = FileManager.default.fileExists(atPath: database.path)
        let archive = try CLI.run(["archive", "--horizon", "1"])
        #expect(archive.status == 64 && archive.stderr.contains("archive writes into the plan folder's database: name the folder"), "\(archive.stderr)")
        let actuals = try CLI.run(["actuals", "import", "census.csv"])
        #expect(actuals.status == 64 && actuals.stderr.contains("Give the plan folder and the file"), "\(actuals.stderr)")
        #expect(FileManager.default.fileExists(atPath: database.path) == existed)
    }

    @Test("plan and scenario write folders with --out-dir; --out (a file everywhere) is refused for them")
    func outIsAFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["plan", "Data/borough"], ["scenario", "Data/borough", "bulge-2025"]] {
            let refused = try CLI.run(command + ["--out", folder.appendingPathComponent("x").path])
            #expect(refused.status == 64 && refused.stderr.contains("give --out-dir DIR"), "\(command): \(refused.stderr)")
        }
        let written = try CLI.run(["plan", "Data/borough", "--horizon", "1", "--out-dir", folder.appendingPathComponent("tables").path])
        #expect(written.status == 0 && written.stdout.contains("Wrote 8 tables to"), "\(written.stdout)")
    }

    @Test("actuals import takes the folder first (the older FILE --plan DIR still works); a vintage without a label is labelled later, once")
    func folderFirstAndLabelLater() throws {
        let england = try England2016()
        defer { england.remove() }
        #expect(try CLI.run(["archive", england.plan.path, "--horizon", "1"]).status == 0)
        let imported = try CLI.run(["actuals", "import", england.plan.path, england.census(2017).path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let older = try CLI.run(["actuals", "import", england.census(2018).path, "--plan", england.plan.path])
        #expect(older.status == 0, "\(older.stderr)")
        let list = try CLI.run(["vintage", "list", england.plan.path])
        #expect(list.status == 0 && list.stdout.contains("1 vintage in") && list.stdout.contains("(none: placeplan vintage label"), "\(list.stdout)")
        let labelled = try CLI.run(["vintage", "label", england.plan.path, "1", "Pupil Place Plan 2016"])
        #expect(labelled.status == 0 && labelled.stdout.contains("Labelled vintage 1 (\"Pupil Place Plan 2016\""), "\(labelled.stdout)\(labelled.stderr)")
        let again = try CLI.run(["vintage", "label", england.plan.path, "1", "Another"])
        #expect(again.status == 1 && again.stderr.contains("a label once given stays"), "\(again.stderr)")
        // Scoring still verifies the seal: the label is not part of the sealed cells.
        let accuracy = try CLI.run(["accuracy", england.plan.path, "--vintage", "Pupil Place Plan 2016"])
        #expect(accuracy.status == 0, "\(accuracy.stderr)")
    }

    @Test("vintage label on a plan with no database says so, and makes none")
    func labelWithoutDatabase() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let result = try CLI.run(["vintage", "label", plan.path, "1", "A label"])
        #expect(result.status == 1 && result.stderr.contains("no database here yet, so no vintage to label"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plan.appendingPathComponent("placeplan.sqlite").path))
    }

    @Test("counts agree with their nouns: one area, not '1 areas'")
    func pluralisation() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        for name in ["rolls.csv", "births.csv"] {
            let url = plan.appendingPathComponent(name)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            try ([lines[0]] + lines.dropFirst().filter { $0.contains(",E06000001,") }).joined(separator: "\n").appending("\n")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0 && check.stdout.contains("- 1 area, rolls") && !check.stdout.contains("1 areas"), "\(check.stdout)")
        let out = plan.deletingLastPathComponent().appendingPathComponent("one.html")
        let report = try CLI.run(["report", plan.path, "--no-accuracy", "--horizon", "2", "--out", out.path])
        #expect(report.stdout.contains("KB, 1 area)"), "\(report.stdout)\(report.stderr)")
    }
}

@Suite("series breaks in the bundled data")
struct SeriesBreakCLITests {
    @Test("England's 2019 boundary change (Dorset, BCP) is named by check, the forecast's summary and the report; nothing else is")
    func dorsetAndBCP() throws {
        let check = try CLI.run(["check", "Data/england"])
        let warnings = check.stdout.split(separator: "\n").filter { $0.hasPrefix("- Warning:") }
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("Dorset (E06000059), 2019/20: 12 of 13 progression ratios jump together (median -13%)") })
        #expect(warnings.contains { $0.contains("Bournemouth, Christchurch and Poole (E06000058), 2019/20") })
        let summary = try CLI.run(["forecast", "Data/england", "--horizon", "1"])
        #expect(summary.stdout.contains("Warning: Dorset (E06000059), 2019/20"))
        let borough = try CLI.run(["check", "Data/borough"])
        #expect(!borough.stdout.contains("Warning:"))
    }
}

@Suite("rolls written as the DfE writes them")
struct DfESpellingsTests {
    @Test("2019/20, 201920, Reception, Year 1 and NCY1 read as 2019 and R, Y1: the same forecast to the byte; 2019/21 is a located error")
    func spellings() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let url = plan.appendingPathComponent("rolls.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var out = [lines[0]]
        for (i, line) in lines.dropFirst().enumerated() {
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let year = Int(f[0])!
            if i % 3 == 0 { f[0] = "\(year)/\(String(format: "%02d", (year + 1) % 100))" } else if i % 3 == 1 { f[0] = "\(year)\(String(format: "%02d", (year + 1) % 100))" }
            let group = f[f.count - 2]
            f[f.count - 2] = group == "R" ? "Reception" : (i % 2 == 0 ? "Year " : "NCY") + group.dropFirst()
            out.append(f.joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let spelled = try CLI.run(["forecast", plan.path, "--horizon", "2", "--format", "csv"])
        let plain = try CLI.run(["forecast", "Data/england", "--horizon", "2", "--format", "csv"])
        #expect(spelled.status == 0 && spelled.stdout == plain.stdout, "\(spelled.stderr)")
        try (out.joined(separator: "\n").replacingOccurrences(of: "2011/12,E06000001", with: "2011/13,E06000001") + "\n")
            .write(to: url, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", plan.path])
        #expect(bad.status == 1 && bad.stderr.contains("rolls.csv, line 2, column 1 (year): '2011/13' is not an academic year"), "\(bad.stderr)")
    }
}
