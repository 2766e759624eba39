import Foundation
import Testing
import PlacePlanCore

/// One grammar for every command, and none of the surprises a new user met: the plan folder
/// first, `--out` a file (`-` standard output) and `--out-dir` a folder, no database written into
/// the bundled data, a label settable later, a version, counts that agree with their nouns.
@Suite("the CLI's grammar: no surprises", .serialized)
struct CLIGrammarTests {
    @Test("--version names the engine and the database schema")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0 && result.stdout.hasPrefix("placeplan \(Engine.version) (") && result.stdout.contains("database schema 9"), "\(result.stdout)")
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

    @Test("without --format the --out file's extension chooses the format; a --format it contradicts is refused, nothing written")
    func formatFromExtension() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        // The extension alone: JSON rows, a workbook (a zip), a CSV backtest, the SCAP shape.
        let json = try CLI.run(["forecast", "Data/england", "--horizon", "1", "--out", file("f.json")])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try String(contentsOfFile: file("f.json"), encoding: .utf8).hasPrefix("{"))
        let workbook = try CLI.run(["report", "Data/borough", "--horizon", "2", "--no-accuracy", "--out", file("plan.xlsx")])
        #expect(workbook.status == 0, "\(workbook.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file("plan.xlsx"))).prefix(2) == Data("PK".utf8))
        let scap = try CLI.run(["report", "Data/borough", "--horizon", "7", "--out", file("survey.csv")])
        #expect(scap.status == 0, "\(scap.stderr)")
        #expect(try String(contentsOfFile: file("survey.csv"), encoding: .utf8).contains(","))
        #expect(try !String(contentsOfFile: file("survey.csv"), encoding: .utf8).contains("<html"))
        let backtest = try CLI.run(["backtest", "Data/england", "--horizon", "1", "--methods", "mean-3", "--out", file("b.csv")])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(try String(contentsOfFile: file("b.csv"), encoding: .utf8).hasPrefix("level,"))
        // A contradiction, an unknown extension without --format, a developer's page under a
        // workbook's name: refused before anything is run, and no file.
        let refusals: [([String], String, String)] = [
            (["report", "Data/borough", "--format", "html", "--out", file("a.xlsx")], "a.xlsx",
             "--format html but --out \(file("a.xlsx")) ends in .xlsx, which means xlsx: drop --format to write xlsx, or name the file .html."),
            (["forecast", "Data/england", "--out", file("b.txt")], "b.txt",
             "cannot tell which format to write from --out \(file("b.txt")) (.txt): give --format (csv, json), or name the file .csv, .json."),
            (["backtest", "Data/england", "--format", "csv", "--out", file("c.json")], "c.json", "ends in .json, which means json"),
            (["backtest", "Data/england", "--shock", "2015:-3", "--format", "csv"], "", "--shock writes its table only"),
            (["accuracy", "Data/england", "--out", file("d.xlsx")], "d.xlsx", "give --format (table, csv, json)"),
            (["explain", "Data/borough", "--with", "Data/borough", "--format", "csv", "--out", file("e.html")], "e.html", "which means html"),
            (["contributions", "Data/borough", "--format", "table", "--out", file("g.csv")], "g.csv", "which means csv"),
            (["developer-report", "Data/borough", "--site", "Northgate Fields", "--out", file("h.xlsx")], "h.xlsx",
             "--out \(file("h.xlsx")): --out writes the HTML page, but .xlsx is for the workbook: give it as --xlsx \(file("h.xlsx")), or name the file .html."),
        ]
        for (arguments, name, message) in refusals {
            let refused = try CLI.run(arguments)
            #expect(refused.status == 64 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
            // Refused by the command's validate(), before it runs (its own usage line follows):
            // a backtest refused only when its table was written had run for seconds first.
            #expect(refused.stderr.contains("Usage: placeplan \(arguments[0]) "), "\(arguments): \(refused.stderr)")
            if !name.isEmpty { #expect(!FileManager.default.fileExists(atPath: file(name)), "\(name)") }
        }
        // --format with an extension that names none of its formats is the user's choice.
        let named = try CLI.run(["forecast", "Data/england", "--horizon", "1", "--format", "json", "--out", file("rows.data")])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try String(contentsOfFile: file("rows.data"), encoding: .utf8).hasPrefix("{"))
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
        #expect(written.status == 0 && written.stdout.contains("Wrote 11 tables to"), "\(written.stdout)")
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
        try FileManager.default.removeItem(at: plan.appendingPathComponent("area-changes.csv"))
        for name in ["rolls.csv", "births.csv", "ehcp.csv", "early-years.csv", "applications.csv"] {
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

@Suite("breaks, boundary changes and the births basis in the bundled data")
struct SeriesBreakCLITests {
    @Test("England's 2019 boundary change is restated from area-changes.csv: check, the summary and the report say so, and Dorset and BCP no longer headline")
    func dorsetAndBCP() throws {
        let check = try CLI.run(["check", "Data/england"])
        let restated = "Dorset (E06000059) → Bournemouth, Christchurch and Poole (E06000058) from 2019/20: 13.4% of Dorset's pupils"
        #expect(check.stdout.contains("- Restated: \(restated)"), "\(check.stdout)")
        #expect(!check.stdout.contains("jump together"))
        let summary = try CLI.run(["forecast", "Data/england"])
        #expect(summary.stdout.contains("Restated: \(restated)"))
        let headlines = summary.stdout.components(separatedBy: "Largest falls")[1]
        #expect(!headlines.contains("E06000059") && !headlines.contains("E06000058"), "\(headlines)")
        let report = try CLI.run(["report", "Data/england", "--no-accuracy", "--horizon", "2", "--out", "-"])
        #expect(report.stdout.contains(restated.replacingOccurrences(of: "'", with: "&#39;")) || report.stdout.contains(restated), "report")
        #expect(report.stdout.contains("<table class=\"grid intake\">"))
        let borough = try CLI.run(["check", "Data/borough"])
        #expect(!borough.stdout.contains("Warning:") && !borough.stdout.contains("Restated:"))
    }

    @Test("without area-changes.csv the break is named for Dorset and BCP, and they headline the summary as before")
    func withoutTheRecord() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: plan.appendingPathComponent("area-changes.csv"))
        let check = try CLI.run(["check", plan.path])
        let breaks = check.stdout.split(separator: "\n").filter { $0.contains("jump together") }
        #expect(breaks.count == 2 && breaks.contains { $0.contains("Dorset (E06000059), 2019/20: 12 of 13 progression ratios jump together (median -13%)") })
        #expect(breaks.contains { $0.contains("Bournemouth, Christchurch and Poole (E06000058), 2019/20") })
        let summary = try CLI.run(["forecast", plan.path, "--horizon", "10"])
        #expect(summary.stdout.contains("Dorset (E06000059)                 24,852   16,775  -32.5%"), "\(summary.stdout)")
    }

    @Test("area-changes.csv mistakes are located errors: a kind, a share, a missing `to`, an unknown area, a year outside the rolls")
    func areaChangeErrors() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let file = plan.appendingPathComponent("area-changes.csv")
        let cases: [(String, String)] = [
            ("2019,E06000059,merge,E06000058,", "area-changes.csv, line 2, column 3 (change): 'merge' is not a kind of change"),
            ("2019,E06000059,transfer,E06000058,1.5", "area-changes.csv, line 2, column 5 (share): '1.5' is not a share between 0 and 1"),
            ("2019,E06000059,transfer,,", "area-changes.csv, line 2, column 4 (to): a transfer needs the area that gained the pupils"),
            ("2019,E06000099,transfer,E06000058,", "area-changes.csv, line 2: area E06000099 has no rolls"),
            ("2025,E06000059,transfer,E06000058,", "area-changes.csv, line 2: 2025 is after E06000059's last census (2019): there is nothing to restate yet"),
        ]
        for (row, message) in cases {
            try "year,area,change,to,share\n\(row)\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["check", plan.path])
            #expect(result.status != 0 && result.stderr.contains(message), "\(row): \(result.stderr)")
        }
        try "year,area,change,to,share\n2019,E06000059,transfer,E06000058,0.1\n".write(to: file, atomically: true, encoding: .utf8)
        let given = try CLI.run(["check", plan.path])
        #expect(given.stdout.contains("10.0% of Dorset's pupils before 2019/20 restated in Bournemouth, Christchurch and Poole (share given in area-changes.csv)"))
    }

    @Test("the births' predicted 2023 is called projected, never known; a type that is neither is a located error")
    func projectedBirths() throws {
        let summary = try CLI.run(["forecast", "Data/england", "--horizon", "1"])
        #expect(summary.stdout.contains("Births known to 2022 (mid-year basis), 2023 as projected in births.csv"), "\(summary.stdout)")
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let url = plan.appendingPathComponent("births.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "1992,E06000001,1329,actual", with: "1992,E06000001,1329,guess").write(to: url, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", plan.path])
        #expect(bad.status != 0 && bad.stderr.contains("births.csv, line 2, column 4 (type): 'guess' is not a kind of births figure"), "\(bad.stderr)")
        try text.replacingOccurrences(of: "1992,E06000001,1329,actual", with: "1992,E06000001,1329,projected").write(to: url, atomically: true, encoding: .utf8)
        let early = try CLI.run(["check", plan.path])
        #expect(early.status != 0 && early.stderr.contains("area E06000001: 1993 is actual but 1992 before it is projected"), "\(early.stderr)")
    }

    @Test("check shows the intake ratio by year, and births declared on the wrong basis are named with the likelier one")
    func intakeRatioAndBasis() throws {
        let check = try CLI.run(["check", "Data/england"])
        #expect(check.stdout.contains("Intake ratio: R ÷ births of its cohort (mid-year basis)"))
        #expect(check.stdout.contains("median of 151 areas                            0.97     0.97     0.97     0.98"), "\(check.stdout)")
        #expect(!check.stdout.contains("births_basis is"))
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        try String(contentsOf: toml, encoding: .utf8).replacingOccurrences(of: "births_basis = \"mid-year\"", with: "births_basis = \"academic\"")
            .write(to: toml, atomically: true, encoding: .utf8)
        let wrong = try CLI.run(["check", plan.path])
        #expect(wrong.stdout.contains("Warning: births_basis is \"academic\", but read as \"calendar\" the births line up with the intake more steadily"),
                "\(wrong.stdout)")
        let summary = try CLI.run(["forecast", plan.path, "--horizon", "1"])
        #expect(summary.stdout.contains("Warning: births_basis is \"academic\""))
        // docs/plan-folder.md quotes both lines as the commands print them.
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/plan-folder.md"), encoding: .utf8)
        let printed = Set(wrong.stdout.split(separator: "\n")
            .filter { $0.hasPrefix("- Warning: births_basis") || $0.hasPrefix("- Restated:") }.map { String($0.dropFirst(2)) })
        #expect(printed.count == 2 && printed.allSatisfy { docs.contains("\n\($0)\n") }, "\(printed)")
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
