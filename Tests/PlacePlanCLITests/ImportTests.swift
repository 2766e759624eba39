import Foundation
import PlacePlanIO
import Testing

/// `placeplan import ees`: a planner's own DfE download becomes a plan folder that `check`
/// accepts, on the real file (a bundled extract, and the full download when it is at hand).
@Suite("import ees: a DfE school census download as a plan folder", .serialized)
struct ImportTests {
    static let extract = CLI.root.appendingPathComponent("Data/imports/ees-extract.csv")
    static let full = CLI.root.appendingPathComponent("../shared/data/ees-la-ncyear/spc_pupils_fsm_ethnicity_yrgp.csv").standardizedFileURL

    /// `year,area,year_group → pupils` of a rolls.csv.
    static func cells(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            out["\(f[0]),\(f[1]),\(f[f.count - 2])"] = Int(f[f.count - 1])!
        }
        return out
    }

    @Test("Thurrock from the real download: every cell as Data/england has it (both from DfE), check-clean, and it forecasts")
    func thurrock() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("thurrock")
        // Data/england counts alternative provision (the GLA's definition): so does this import.
        let result = try CLI.run(["import", "ees", Self.extract.path, "--la", "E06000034", "--births", "Data/england/births.csv",
                                  "--include-ap", "--out-dir", plan.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 70 rows (1 authority, 2015/16–2019/20, R–Y13)"), "\(result.stdout)")
        let imported = Self.cells(try String(contentsOf: plan.appendingPathComponent("rolls.csv"), encoding: .utf8))
        let england = Self.cells(try String(contentsOf: CLI.root.appendingPathComponent("Data/england/rolls.csv"), encoding: .utf8))
            .filter { $0.key.contains(",E06000034,") && Int($0.key.prefix(4))! >= 2015 }
        #expect(imported.count == 5 * 14 && imported == england)
        #expect(imported["2019,E06000034,R"] == 2_477)  // as the download's README checked by hand
        // Mainstream only (the default) leaves out the pupil referral units: Year 11 in 2019/20 is 1,831, not 1,862.
        let mainstream = root.appendingPathComponent("mainstream")
        #expect(try CLI.run(["import", "ees", Self.extract.path, "--la", "E06000034", "--out-dir", mainstream.path]).status == 0)
        let only = Self.cells(try String(contentsOf: mainstream.appendingPathComponent("rolls.csv"), encoding: .utf8))
        #expect(only["2019,E06000034,Y11"] == 1_831 && imported["2019,E06000034,Y11"] == 1_862)
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0 && check.stdout.contains("Thurrock: OK") && check.stdout.contains("births (mid-year)"), "\(check.stdout)\(check.stderr)")
        let forecast = try CLI.run(["forecast", plan.path])
        #expect(forecast.status == 0 && forecast.stdout.contains("Forecast from 2019/20 (last census) for 10 years, 1 area"), "\(forecast.stdout)")
    }

    @Test("every authority: a boundary change is left out and said so; absent sixth forms are 0 and said so; the folder checks clean")
    func everyAuthority() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("all")
        let result = try CLI.run(["import", "ees", Self.extract.path, "--out-dir", plan.path])
        #expect(result.status == 0, "\(result.stderr)")
        for words in ["Left out: 3 authorities without rows in every year (a boundary change):", "E06000028 (Bournemouth): 2015/16–2018/19 only",
                      "E06000058 (Bournemouth, Christchurch and Poole): 2019/20 only", "E06000053 (Isles of Scilly) 2019/20: Y12, Y13",
                      "school type: State-funded special school"] {
            #expect(result.stdout.contains(words), "no '\(words)' in\n\(result.stdout)")
        }
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0 && check.stdout.contains("3 local authorities: OK"), "\(check.stdout)\(check.stderr)")
        // Asked for by name, a boundary change is an error, not a silent gap.
        let named = try CLI.run(["import", "ees", Self.extract.path, "--la", "E06000058", "--out-dir", root.appendingPathComponent("bcp").path])
        #expect(named.status == 1 && named.stderr.contains("E06000058 (Bournemouth, Christchurch and Poole) has rows only for 2019/20"), "\(named.stderr)")
    }

    @Test("the full download, when at hand: 149 authorities check clean", .enabled(if: FileManager.default.fileExists(atPath: full.path)))
    func fullDownload() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("england")
        let result = try CLI.run(["import", "ees", Self.full.path, "--out-dir", plan.path])
        #expect(result.status == 0 && result.stdout.contains("Left out: 5 authorities without rows in every year"), "\(result.stdout)\(result.stderr)")
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0 && check.stdout.contains("149 local authorities: OK"), "\(check.stdout)")
    }

    /// A way to damage the download.
    enum Damage: String, CaseIterable, Sendable {
        case missingColumn, suppressed, yearsOutOfStep, unknownAuthority, notANumber

        func apply(_ text: String) -> String {
            switch self {
            case .missingColumn: return text.replacingOccurrences(of: "number_of_pupils", with: "pupils")
            case .suppressed: return ImportTests.setPupils(text, ",Reception,Known to be eligible for free school meals,", "c")
            case .yearsOutOfStep: return text.replacingOccurrences(of: "201920,", with: "201921,")
            case .unknownAuthority: return text
            case .notANumber: return ImportTests.setPupils(text, ",Year 3,Not known to be eligible for free school meals,", "1O")
            }
        }

        var arguments: [String] { self == .unknownAuthority ? ["--la", "E06999999"] : ["--la", "E06000034"] }

        var words: String {
            switch self {
            case .missingColumn: return "ees.csv, line 1: the header has no 'number_of_pupils' column"
            case .suppressed: return "the figure is suppressed ('c') in a cell the plan needs"
            case .yearsOutOfStep: return "(time_period): '201921' is not an academic year: the second year must follow the first (2019/20)"
            case .unknownAuthority: return "has no local-authority rows for E06999999"
            case .notANumber: return "(number_of_pupils): '1O' is not a number"
            }
        }
    }

    @Test("malformed downloads: every problem located, nothing written", arguments: Damage.allCases)
    func malformed(_ damage: Damage) throws {
        let name = damage.rawValue
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("ees.csv"), plan = root.appendingPathComponent("plan")
        let text = try String(contentsOf: Self.extract, encoding: .utf8)
        let lines = text.split(separator: "\n")
        // The header and Thurrock's rows: a small file, as a planner would cut it.
        let thurrock = ([lines[0]] + lines.dropFirst().filter { $0.contains(",E06000034,") }).joined(separator: "\n") + "\n"
        try damage.apply(thurrock).write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "ees", file.path] + damage.arguments + ["--out-dir", plan.path])
        #expect(!result.signalled && result.status == 1, "\(name): exit \(result.status)")
        #expect(result.stderr.contains(damage.words), "\(name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plan.path), "\(name): a folder was written")
    }

    static let glaSeries = CLI.root.appendingPathComponent("../shared/data/england-la/pupils_la_ncyear.csv").standardizedFileURL

    @Test("the GLA's series by authority (what Data/england is built from) imports too, told by its header: every authority England's cell for cell",
          .enabled(if: FileManager.default.fileExists(atPath: glaSeries.path)))
    func series() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("all")
        let result = try CLI.run(["import", "ees", Self.glaSeries.path, "--out-dir", plan.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 19,026 rows (151 authorities, 2011/12–2019/20, R–Y13) of 20,385 read"), "\(result.stdout)")
        #expect(result.stdout.contains("- year group: Y14: 1,359 rows"), "\(result.stdout)")
        let imported = Self.cells(try String(contentsOf: plan.appendingPathComponent("rolls.csv"), encoding: .utf8))
        let england = Self.cells(try String(contentsOf: CLI.root.appendingPathComponent("Data/england/rolls.csv"), encoding: .utf8))
        #expect(imported.count == 151 * 9 * 14 && imported == england)
        #expect(try String(contentsOf: plan.appendingPathComponent("plan.toml"), encoding: .utf8)
            .hasPrefix("# Imported by placeplan import ees from pupils_la_ncyear.csv:\n# the GLA's series of the DfE school census by local authority"))
        // It cannot count special schools: asked for, a located error and nothing written.
        let special = try CLI.run(["import", "ees", Self.glaSeries.path, "--la", "E06000034", "--include-special", "--out-dir", root.appendingPathComponent("s").path])
        #expect(special.status == 1 && special.stderr.contains("pupils_la_ncyear.csv, line 1: cannot give the pupils asked for: it counts no special schools"),
                "\(special.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("s").path))
    }

    @Test("a malformed series: a second row for a cell, a year that is not one, a count that is not a number — each located, nothing written")
    func malformedSeries() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("series.csv"), plan = root.appendingPathComponent("plan")
        var lines = ["academic_year,year_start,la_code,la_name,nc_year,headcount"]
        for year in 2015...2019 { for group in ["R"] + (1...14).map({ "Y\($0)" }) { lines.append("\(year)/\(year % 100 + 1),\(year),E06000034,Thurrock,\(group),2400") } }
        lines.append("2019/20,2019,E06000034,Thurrock,Y3,2401")  // line 77: a second Y3 for 2019
        lines[3] = "2015/16,2O15,E06000034,Thurrock,Y2,2400"      // line 4: not a year
        lines[20] = "2016/17,2016,E06000034,Thurrock,Y4,lots"     // line 21: not a count
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "ees", file.path, "--out-dir", plan.path])
        #expect(result.status == 1, "\(result.stdout)")
        for words in ["series.csv, line 77, column 5 (nc_year): a second row for E06000034 2019/20 Y3 (the first is line 65)",
                      "series.csv, line 4, column 2 (year_start): '2O15' is not a whole number",
                      "series.csv, line 21, column 6 (headcount): 'lots' is not a number"] {
            #expect(result.stderr.contains(words), "\(words): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: plan.path))
    }

    @Test("a folder that holds a plan already is refused: nothing of it is overwritten")
    func existingPlan() throws {
        let result = try CLI.run(["import", "ees", Self.extract.path, "--out-dir", "Data/england"])
        #expect(result.status == 64 && result.stderr.contains("holds a plan already"), "\(result.stderr)")
    }

    /// `text` with the number_of_pupils of the first line containing `marker` set to `value`
    /// (the third field from the end: number_of_pupils, denominator, percent_of_pupils).
    static func setPupils(_ text: String, _ marker: String, _ value: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.firstIndex(where: { $0.contains(marker) }) {
            var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count - 3] = value
            lines[i] = fields.joined(separator: ",")
        }
        return lines.joined(separator: "\n")
    }
}

/// `placeplan import gias`: the real Hampshire and Surrey extract as schools.csv.
@Suite("import gias: a GIAS download as schools.csv", .serialized)
struct ImportGIASTests {
    static let extract = CLI.root.appendingPathComponent("Data/imports/gias-hampshire-surrey.csv")
    static let links = CLI.root.appendingPathComponent("Data/imports/gias-links-extract.csv")

    func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("Hampshire and Surrey: 728 open state-funded schools, their phases and capacity, 239 predecessor links; areas and PAN left for the planner")
    func hampshireAndSurrey() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("schools")
        let result = try CLI.run(["import", "gias", Self.extract.path, "--links", Self.links.path, "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 728 schools (4 all-through, 724 primary)"), "\(result.stdout)")
        #expect(result.stdout.contains("closed (give --with-closed to keep them): 368 establishments"))
        #expect(result.stdout.contains("rolls by school and year group (rolls.csv): GIAS has none, and none are invented"))
        let schools = try rows(out.appendingPathComponent("schools.csv"))
        #expect(schools.count == 728)
        // Alton Infant School, URN 115850: capacity 180; its planning areas and PAN are the planner's to give.
        #expect(schools.first { $0[0] == "115850" }.map { [$0[2], $0[3], $0[5], $0[6]] } == ["primary", "", "180", ""])
        #expect(try rows(out.appendingPathComponent("school-links.csv")).count == 239)
    }

    @Test("the imported schools.csv checks once the planner adds planning areas and rolls: PAN still absent, the plan forecasts and says net capacity is not used")
    func checksOnceAreasAndRollsAdded() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("surrey")
        #expect(try CLI.run(["import", "gias", Self.extract.path, "--la", "936", "--out-dir", out.path]).status == 0)
        // The planner's part: five primary schools put in one area, two censuses of rolls, a plan.toml.
        let lines = try String(contentsOf: out.appendingPathComponent("schools.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[0].contains(",sixth_form,"))
        let chosen = Array(lines.dropFirst().filter { $0.contains(",primary,") }.prefix(5))
        let schools = [lines[0]] + chosen.map { $0.replacingOccurrences(of: ",primary,,,", with: ",primary,P1,S1,") }
        try (schools.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        try "area,name,phase,feeds\nP1,Surrey primary,primary,S1\nS1,Surrey secondary,secondary,\n"
            .write(to: out.appendingPathComponent("areas.csv"), atomically: true, encoding: .utf8)
        var rolls = ["year,school,year_group,pupils"]
        for year in 2020...2022 {
            for school in chosen.map({ String($0.prefix { $0 != "," }) }) {
                rolls += ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"].map { "\(year),\(school),\($0),30" }
            }
        }
        try (rolls.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("rolls.csv"), atomically: true, encoding: .utf8)
        try "name = \"Surrey (part)\"\n".write(to: out.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect((check.stdout + check.stderr).contains("pan is given for no school, so the schools' places are not used"), "\(check.stdout)\(check.stderr)")
        let plan = try CLI.run(["plan", out.path])
        #expect(plan.status == 0 && plan.stdout.contains("No places: schools.csv does not give the schools' net_capacity and pan"), "\(plan.stderr)")
    }

    @Test("closed schools kept with --with-closed, with the academic year they closed (31-08-2021 → 2021)")
    func closed() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("surrey")
        let result = try CLI.run(["import", "gias", Self.extract.path, "--la", "936", "--with-closed", "--out-dir", out.path])
        #expect(result.status == 0 && result.stdout.contains("Imported 576 schools"), "\(result.stdout)\(result.stderr)")
        // Read as CSV (names may hold quoted commas): the closed column is the last.
        let text = try String(contentsOf: out.appendingPathComponent("schools.csv"), encoding: .utf8)
        let records = try CSVReader.parse(Array(text.utf8), file: "schools.csv").dropFirst()
        #expect(records.count == 576 && records.filter { !($0.fields.last ?? "").isEmpty }.count == 275)
    }

    @Test("malformed downloads: every problem located, nothing written", arguments: [
        ("\"URN\",", "\"School URN\",", "the header has no 'urn'"),
        ("115851,\"850\"", "115850,\"850\"", "URN 115850 is listed twice (the first on line 2)"),
        ("\"31-10-2020\",\"Primary\"", "\"2020-10-31\",\"Primary\"", "'2020-10-31' is not a date written dd-mm-yyyy"),
        (",180,", ",1 80,", "'1 80' is not a number"),
    ])
    func malformed(_ old: String, _ new: String, words: String) throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("gias.csv"), out = root.appendingPathComponent("out")
        let text = try String(contentsOf: Self.extract, encoding: .utf8)
        let range = try #require(text.range(of: old))
        try text.replacingCharacters(in: range, with: new).write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "gias", file.path, "--with-closed", "--out-dir", out.path])
        #expect(!result.signalled && result.status == 1, "exit \(result.status)")
        #expect(result.stderr.contains("gias.csv, line") && result.stderr.contains(words), "\(result.stderr.prefix(800))")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
