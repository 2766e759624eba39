import Foundation
import Testing

/// Inputs that once crashed PlacePlan or were read as something else, silently: each must now
/// end in a located error (exit 1, never a signal) that says what is wrong.
@Suite("Hardening: bad input is a located error, never a crash or a silent misreading", .serialized)
struct HardeningTests: MalformedInputSuite {
    typealias Case = MalformedCase

    static let cases: [Case] = [
        Case(name: "a count of 1e19 pupils", plan: "england", file: "rolls.csv", change: replacing("Hartlepool,R,1060", "Hartlepool,R,1e19"),
             arguments: ["forecast"], expect: ["rolls.csv, line 114", "more than any real plan has"]),
        Case(name: "pupils in hex", plan: "england", file: "rolls.csv", change: replacing("Hartlepool,R,1060", "Hartlepool,R,0x10"),
             arguments: ["check"], expect: ["rolls.csv, line 114", "'0x10' is not a number"]),
        Case(name: "a NUL inside a number", plan: "england", file: "rolls.csv", change: replacing("Hartlepool,R,1060", "Hartlepool,R,10\u{0}60"),
             arguments: ["check"], expect: ["rolls.csv, line 114, column 5", "control character (U+0000)"]),
        Case(name: "an escape sequence in a school's name", plan: "borough", file: "schools.csv",
             change: replacing("NG01,Northgate Primary School,", "NG01,Northgate \u{1B}[31mPrimary School,"),
             arguments: ["plan"], expect: ["schools.csv, line 2, column 2", "control character (U+001B)"]),
        Case(name: "a bidi override in an area's name", plan: "england", file: "rolls.csv",
             change: replacing("2019,E06000001,Hartlepool,R,1060", "2019,E06000001,Hartle\u{202E}pool,R,1060"),
             arguments: ["forecast"], expect: ["rolls.csv, line 114, column 3", "control character (U+202E)"]),
        Case(name: "births of 1e300", plan: "england", file: "births.csv", change: replacing("1992,E06000001,1329,", "1992,E06000001,1e300,"),
             arguments: ["check"], expect: ["births.csv, line 2", "more than any real plan has"]),
        Case(name: "applications for an area with no rolls", plan: "england", file: "applications.csv",
             change: writing("year,area,year_group,applications\n2014,E06999999,R,1136\n"), arguments: ["forecast"],
             expect: ["applications.csv, line 2", "area E06999999 has applications but no rolls"]),
        Case(name: "applications for Year 7 in a plan that forecasts it from Year 6", plan: "england", file: "applications.csv",
             change: writing("year,area,year_group,applications\n2014,E06000001,Y7,1136\n"), arguments: ["check"],
             expect: ["applications.csv, line 2", "'Y7' is not the entry year group (R)"]),
        Case(name: "applications without their count's column", plan: "england", file: "applications.csv",
             change: writing("year,area,year_group,count\n2014,E06000001,R,1136\n"), arguments: ["forecast"],
             expect: ["applications.csv, line 1", "the header has no 'applications' column", "year,area,applications / 2019,E06000001,1049"]),
        Case(name: "a negative count of applications", plan: "england", file: "applications.csv",
             change: writing("year,area,year_group,applications\n2014,E06000001,R,-5\n"), arguments: ["backtest"],
             expect: ["applications.csv, line 2", "applications"]),
        Case(name: "a second applications row for an area and year", plan: "england", file: "applications.csv",
             change: writing("year,area,year_group,applications\n2014,E06000001,R,1136\n2015,E06000001,R,1189\n2014,E06000001,R,1136\n"),
             arguments: ["forecast"], expect: ["applications.csv, line 4", "a second applications row for E06000001, 2014 (the first is on line 2)"]),
        Case(name: "a PAN of Int.max", plan: "borough", file: "schools.csv",
             change: replacing("NG01,Northgate Primary School,primary,P01,S1,385,55,", "NG01,Northgate Primary School,primary,P01,S1,385,9223372036854775807,"),
             arguments: ["check"], expect: ["schools.csv, line 2", "more than any school has"]),
        Case(name: "a net capacity of Int.max", plan: "borough", file: "schools.csv",
             change: replacing("NG01,Northgate Primary School,primary,P01,S1,385,55,", "NG01,Northgate Primary School,primary,P01,S1,9223372036854775807,55,"),
             arguments: ["plan"], expect: ["schools.csv, line 2", "more than any school has"]),
        Case(name: "dwellings of 1e19 in housing.csv", plan: "borough", file: "housing.csv",
             change: replacing("Northgate Mill,P01,2020,35,", "Northgate Mill,P01,2020,1e19,"),
             arguments: ["plan"], expect: ["housing.csv, line 2", "more than any real plan has"]),
        Case(name: "a housing trajectory that planned nothing", plan: "borough", file: "housing-delivery.csv",
             change: replacing("2018,820,694", "2018,0,694"),
             arguments: ["plan"], expect: ["housing-delivery.csv, line 5, column 2", "the trajectory planned no completions in 2018"]),
        Case(name: "a second housing delivery row for a year", plan: "borough", file: "housing-delivery.csv",
             change: replacing("2016,700,612", "2015,700,612"),
             arguments: ["check"], expect: ["housing-delivery.csv, line 3", "a second row for 2015 (the first is on line 2)"]),
        Case(name: "completions that are not a number", plan: "borough", file: "housing-delivery.csv",
             change: replacing("2019,880,807", "2019,880,8O7"),
             arguments: ["forecast", "--intervals", "80"], expect: ["housing-delivery.csv, line 6, column 3", "'8O7' is not a number"]),
        Case(name: "a housing delivery record without its completions", plan: "borough", file: "housing-delivery.csv",
             change: writing("year,planned\n2019,880\n"),
             arguments: ["plan"], expect: ["housing-delivery.csv, line 1", "the header has no 'completed' column", "year,planned,completed / 2019,620,548"]),
        Case(name: "a housing delivery record with no rows", plan: "borough", file: "housing-delivery.csv",
             change: writing("year,planned,completed\n"),
             arguments: ["plan"], expect: ["housing-delivery.csv, line 1", "has no rows"]),
        Case(name: "a ladder naming R twice, in two cases", plan: "england", file: "plan.toml",
             change: replacing("ladder = \"england\"", "ladder = [\"R\", \"r\", \"Y1\"]\nentry_age = 4"),
             arguments: ["check"], expect: ["plan.toml", "lists a year group twice"]),
        Case(name: "a table header TOMLKit would abort on", plan: "england", file: "plan.toml",
             change: { $0 + "\n[écoles]\nx = 1\n" }, arguments: ["check"], expect: ["plan.toml, line", "is not a table header TOML can read"]),
        Case(name: "a NUL in plan.toml", plan: "borough", file: "plan.toml",
             change: replacing("[forecast]", "[forecast]\u{0}"), arguments: ["plan"], expect: ["plan.toml, line", "control character (U+0000)"]),
        Case(name: "a scenario header [$]", plan: "borough", file: "scenarios/bulge-2025.toml",
             change: { $0 + "\n[$]\n" }, arguments: ["scenario"], expect: ["bulge-2025.toml, line", "is not a table header TOML can read"]),
        Case(name: "a candidates header [[$x]]", plan: "borough", file: "candidates.toml",
             change: { $0 + "\n[[$x]]\n" }, arguments: ["optimise"], expect: ["candidates.toml, line", "is not a table header TOML can read"]),
        Case(name: "[files] naming a births file that is not there", plan: "england", file: "plan.toml",
             change: { $0 + "\n[files]\nbirths = \"birth.csv\"\n" }, arguments: ["check"], expect: ["plan.toml, line", "names 'birth.csv'"]),
        Case(name: "a background rate of inf", plan: "borough", file: "plan.toml",
             change: { $0 + "\n[housing]\nbackground = { P01 = inf }\n" }, arguments: ["plan"], expect: ["plan.toml", "background.P01 must be a number"]),
        Case(name: "a yield of 1e300", plan: "borough", file: "yields.csv",
             change: { _ in "type,tenure,bedrooms,early_years,primary,secondary,post16\n,,,0.05,1e300,0.1,0.02\n" },
             arguments: ["plan"], expect: ["yields.csv, line 2", "more than any real plan has"]),
        Case(name: "check reads the scenarios: a broken one fails check", plan: "borough", file: "scenarios/bulge-2025.toml",
             change: { $0 + "\n[[bulge]]\nschool = \"ZZZ\"\n" }, arguments: ["check"],
             expect: ["bulge-2025.toml, line", "school ZZZ does not exist"]),
        Case(name: "check reads the candidate projects: a broken one fails check", plan: "borough", file: "candidates.toml",
             change: { $0 + "\n[[expansion]]\nschool = \"QQQ\"\n" }, arguments: ["check"],
             expect: ["candidates.toml, line", "school QQQ does not exist"]),
        // Found by the adversarial suite's author: each once crashed or was read silently.
        Case(name: "a cost per place of 1e20 (once a trap when the total was printed)", plan: "borough", file: "plan.toml",
             change: { $0 + "\n[costs]\nprimary_permanent = 1e20\n" }, arguments: ["scenario", "expand-oakwood"],
             expect: ["plan.toml, line", "primary_permanent must be a cost per place in pounds, from 0 to 1000000"]),
        Case(name: "a developer-report cost per place of 1e300", plan: "borough", file: "plan.toml",
             change: { $0 + "\n[housing]\nprimary_cost_per_place = 1e300\n" }, arguments: ["developer-report", "--site", "Northgate Fields"],
             expect: ["plan.toml, line", "primary_cost_per_place must be a cost per place in pounds, from 0 to 1000000"]),
        Case(name: "a scenario project costing 1e300", plan: "borough", file: "scenarios/expand-oakwood.toml",
             change: { $0 + "\ncost = 1e300\n" }, arguments: ["scenario", "expand-oakwood"],
             expect: ["expand-oakwood.toml, line", "cost must be from 0 to 10000000000"]),
        Case(name: "a candidate project costing 1e300", plan: "borough", file: "candidates.toml",
             change: replacing("latest = 2030", "latest = 2030\ncost = 1e300"), arguments: ["optimise"],
             expect: ["candidates.toml, line", "cost must be from 0 to 10000000000"]),
        Case(name: "a column named twice (the first was read, silently)", plan: "england", file: "rolls.csv",
             change: { text in
                 let lines = text.split(separator: "\n")
                 return ([lines[0] + ",pupils"] + lines.dropFirst().map { $0 + ",0" }).joined(separator: "\n") + "\n"
             }, arguments: ["check"], expect: ["rolls.csv, line 1, column 6", "the header names 'pupils' twice (columns 5 and 6)"]),
        Case(name: "[files] naming a file outside the plan folder", plan: "england", file: "plan.toml",
             change: { $0 + "\n[files]\nbirths = \"../borough/births.csv\"\n" }, arguments: ["check"],
             expect: ["plan.toml, line", "names '../borough/births.csv', which is outside the plan folder"]),
        Case(name: "a bulge after the forecast's last year (once costed, changing nothing)", plan: "borough", file: "scenarios/bulge-2025.toml",
             change: replacing("\nyear = 2025", "\nyear = 2040"), arguments: ["scenario", "bulge-2025"],
             expect: ["bulge-2025.toml, line", "it starts in 2040/41, after the forecast's last year (2034/35)"]),
        Case(name: "check refuses a bulge after the forecast's last year", plan: "borough", file: "scenarios/bulge-2025.toml",
             change: replacing("\nyear = 2025", "\nyear = 2040"), arguments: ["check"],
             expect: ["bulge-2025.toml, line", "after the forecast's last year"]),
        Case(name: "[housing] background naming an unknown area, with its line", plan: "borough", file: "plan.toml",
             change: { $0 + "\n[housing]\nbackground = { P99 = 3 }\n" }, arguments: ["check"],
             expect: ["plan.toml, line 32, column background", "background names P99"]),
        Case(name: "an unknown change kind in a scenario, with its line", plan: "borough", file: "scenarios/bulge-2025.toml",
             change: { $0 + "\n[[demolition]]\nschool = \"NG01\"\n" }, arguments: ["check"],
             expect: ["bulge-2025.toml, line", "unknown key 'demolition'"]),
    ]

    @Test("a located error, exit 1, no signal", arguments: cases)
    func locatedError(_ c: Case) throws { try Self.check(c) }

    @Test("developer-report refuses impossible developments, and numbers in hex, in its flags", arguments: [
        (["--area", "P01", "--dwellings", "1e308"], 1, "not a number of dwellings one development can have"),
        (["--area", "P01", "--dwellings", "300", "--start", "99999"], 1, "after the forecast's last year"),
        (["--area", "P01", "--dwellings", "100", "--start", "2034", "--phasing", "50,50"], 1,
         "homes completing in 2035/36 come after the forecast's last year (2034/35)"),
        (["--area", "P01", "--dwellings", "100", "--mix", "house=1e308,flat=1e308"], 1, "--mix: the share 1e308 is too large"),
        (["--area", "P01", "--dwellings", "0x64"], 64, "'0x64' is not a number"),
        (["--area", "P01", "--dwellings", "100", "--phasing", "0x64"], 1, "--phasing '0x64' is not a list of dwellings a year"),
        (["--area", "P01", "--dwellings", "100", "--mix", "house=0x10,flat=0x10"], 1, "--mix: 'house=0x10' is not category=share"),
        (["--area", "P01", "--dwellings", "100", "--intervals", "inf"], 64, "'inf' is not a number"),
    ])
    func developerReport(_ arguments: [String], status: Int32, words: String) throws {
        let result = try CLI.run(["developer-report", "Data/borough"] + arguments)
        #expect(!result.signalled && result.status == status, "\(arguments): exit \(result.status)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
    }

    @Test("actuals import refuses a school the plan does not have (it was stored, silently)")
    func unknownSchoolActual() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let rolls = try String(contentsOf: plan.appendingPathComponent("rolls.csv"), encoding: .utf8).split(separator: "\n")
        var census = [String(rolls[0])] + rolls.dropFirst().filter { $0.hasPrefix("2024,") }.map { "2025" + $0.dropFirst(4) }
        census[1] = census[1].replacingOccurrences(of: "2025,NG01,", with: "2025,ZZ77,")
        let file = plan.deletingLastPathComponent().appendingPathComponent("census-2025.csv")
        try (census.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["actuals", "import", file.path, "--plan", plan.path])
        #expect(!result.signalled && result.status == 1)
        #expect(result.stderr.contains("census-2025.csv, line 2, column 2 (school): school ZZ77 is not in the plan's schools.csv"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plan.appendingPathComponent("placeplan.sqlite").path))
    }

    @Test("what reaches the terminal never holds a raw control or bidi character: a path, a flag's value, a label")
    func terminalOutput() throws {
        let raw: [Character] = ["\u{1B}", "\u{7}", "\u{9B}", "\u{202E}"]
        func clean(_ text: String) -> Bool { !text.contains(where: { raw.contains($0) }) }
        let path = try CLI.run(["forecast", "/tmp/no\u{1B}[31mpe\u{202E}"])
        #expect(path.status == 1 && clean(path.stderr) && path.stderr.contains("/tmp/no\\u{1B}[31mpe\\u{202E}"), "\(path.stderr)")
        let area = try CLI.run(["developer-report", "Data/borough", "--area", "P\u{9B}31m01", "--dwellings", "10"])
        #expect(area.status == 1 && clean(area.stderr) && area.stderr.contains("P\\u{9B}31m01"), "\(area.stderr)")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let label = try CLI.run(["archive", "Data/england", "--label", "Plan\u{7}\u{1B}[2J", "--db", folder.appendingPathComponent("db.sqlite").path])
        #expect(label.status != 0 && clean(label.stderr) && label.stderr.contains("the label holds a control character (U+0007)"), "\(label.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path), "a database was made for a refused label")
    }

    @Test("an actual of 1e308 is refused with its line; accuracy never sees it")
    func hugeActual() throws {
        let england = try England2016()
        defer { england.remove() }
        let census = england.census(2017)
        let text = try String(contentsOf: census, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        var fields = lines[1].split(separator: ",").map(String.init)
        fields[fields.count - 1] = "1e308"
        try ([lines[0], fields.joined(separator: ",")] + lines.dropFirst(2)).joined(separator: "\n").appending("\n")
            .write(to: census, atomically: true, encoding: .utf8)
        let result = try CLI.run(["actuals", "import", census.path, "--plan", england.plan.path])
        #expect(!result.signalled && result.status == 1)
        #expect(result.stderr.contains("line 2") && result.stderr.contains("more than any real plan has"), "\(result.stderr)")
    }

    @Test("--out never replaces the plan's own inputs, a device, a pipe or a link, and leaves no temporary file")
    func outputTargets() throws {
        let england = try CLI.copyOfEngland()
        let root = england.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: root) }
        let rolls = england.appendingPathComponent("rolls.csv")
        let before = try Data(contentsOf: rolls)
        let own = try CLI.run(["forecast", england.path, "--horizon", "1", "--out", rolls.path])
        #expect(own.status == 1 && own.stderr.contains("is one of the plan's own input files"), "\(own.stderr)")
        #expect(try Data(contentsOf: rolls) == before)

        let pipe = root.appendingPathComponent("pipe")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let link = root.appendingPathComponent("stdout-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/proc/self/fd/1")
        for (target, words) in [(pipe, "is a pipe"), (link, "is a symbolic link")] {
            let result = try CLI.run(["forecast", england.path, "--horizon", "1", "--out", target.path])
            #expect(!result.signalled && result.status == 1 && result.stderr.contains(words), "\(result.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "/proc/self/fd/1")
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }
}
