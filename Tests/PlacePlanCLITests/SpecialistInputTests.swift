import Foundation
import Testing

/// Issue 15's bad input: specialist (ehcp.csv, specialist.csv, [specialist]) and early-years
/// (settings.csv, [early_years]) files broken one way each, on a copy of the example borough.
/// Each is a located error with exit 1 — and `plan --out-dir` writes nothing.
@Suite("Specialist and early-years input: located errors, nothing written", .serialized)
struct SpecialistInputTests: MalformedInputSuite {
    typealias Case = MalformedCase

    static let cases: [Case] = [
        Case(name: "a negative count of EHC plans", plan: "borough", file: "ehcp.csv",
             change: replacing("2024,5-10,683", "2024,5-10,-683"),
             arguments: ["plan"], expect: ["ehcp.csv, line 48, column 3 (plans)", "the number of EHC plans is negative (-683)"]),
        Case(name: "an age that is neither a band nor a year group", plan: "borough", file: "ehcp.csv",
             change: replacing("2024,5-10,683", "2024,5 to 10,683"),
             arguments: ["plan"], expect: ["ehcp.csv, line 48, column 2 (age)", "'5 to 10' is neither an age band nor a year group", "under-5, 5-10"]),
        Case(name: "a count given twice", plan: "borough", file: "ehcp.csv",
             change: appending("2024,5-10,690\n"),
             arguments: ["plan"], expect: ["ehcp.csv, line 52", "5-10 in 2024 is counted twice (first on line 48)"]),
        Case(name: "a year group inside a band counted beside it", plan: "borough", file: "ehcp.csv",
             change: appending("2024,Y3,120\n"),
             arguments: ["plan"], expect: ["ehcp.csv, line 52, column 2 (age)", "Y3 overlaps 5-10 (line 3): the same pupils would be counted twice"]),
        Case(name: "an area column in a place plan's counts", plan: "borough", file: "ehcp.csv",
             change: { text in text.replacingOccurrences(of: "year,age,plans", with: "year,age,plans,area")
                 .split(separator: "\n").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element + ",P01" }.joined(separator: "\n") + "\n" },
             arguments: ["plan"], expect: ["ehcp.csv, line 1, column 4 (area)", "a place plan's EHC plans are the authority's"]),
        Case(name: "a plan of areas' counts without the area column", plan: "england", file: "ehcp.csv",
             change: { text in text.split(separator: "\n").map { line in
                 let f = line.split(separator: ",", omittingEmptySubsequences: false)
                 return [f[0], f[2], f[3]].joined(separator: ",") }.joined(separator: "\n") + "\n" },
             arguments: ["check"], expect: ["ehcp.csv, line 1", "a plan of 151 areas needs each area's EHC plans, but this file has no area column"]),
        Case(name: "placement shares that add up to 0.9", plan: "borough", file: "plan.toml",
             change: replacing("special_school = 0.085", "special_school = 0.0"),
             arguments: ["plan"], expect: ["plan.toml, line 29, column placement_shares", "the placement shares add up to 0.915, not 1"]),
        Case(name: "a negative placement share", plan: "borough", file: "plan.toml",
             change: replacing("special_school = 0.085", "special_school = -0.085"),
             arguments: ["plan"], expect: ["plan.toml, line 29, column placement_shares", "placement_shares.special_school must be a share from 0 to 1"]),
        Case(name: "an unknown placement type", plan: "borough", file: "plan.toml",
             change: replacing("other = 0.26", "hospital = 0.26"),
             arguments: ["plan"], expect: ["plan.toml, line 29, column placement_shares", "'hospital' is not a placement type",
                                           "special_school, resourced_provision, mainstream, independent, other"]),
        Case(name: "a misspelt [specialist] key", plan: "borough", file: "plan.toml",
             change: appending("trend_yeras = 5\n"),
             arguments: ["plan"], expect: ["plan.toml, line 30, column trend_yeras", "unknown key 'trend_yeras' in [specialist]"]),
        Case(name: "a resourced base at a school that does not exist", plan: "borough", file: "specialist.csv",
             change: replacing("RB1,Oakwood Communication Base,NG06,", "RB1,Oakwood Communication Base,NG66,"),
             arguments: ["plan"], expect: ["specialist.csv, line 2, column 3 (school)", "'NG66' is not a school of schools.csv"]),
        Case(name: "a resourced base at a special school", plan: "borough", file: "specialist.csv",
             change: replacing("RB1,Oakwood Communication Base,NG06,", "RB1,Oakwood Communication Base,SP01,"),
             arguments: ["plan"], expect: ["specialist.csv, line 2, column 3 (school)", "Beacon School (SP01) is a special school"]),
        Case(name: "a resourced base of no places", plan: "borough", file: "specialist.csv",
             change: replacing("NG06,16,", "NG06,0,"),
             arguments: ["plan"], expect: ["specialist.csv, line 2, column 4 (places)", "0 is outside 1…50000"]),
        Case(name: "an early-years setting in an unknown area", plan: "borough", file: "settings.csv",
             change: replacing("EY01,Northgate Nursery,P01,", "EY01,Northgate Nursery,P09,"),
             arguments: ["plan"], expect: ["settings.csv, line 2, column 3 (area)", "'P09' is not a primary planning area of the plan", "use one of: P01"]),
        Case(name: "an early-years setting with negative places", plan: "borough", file: "settings.csv",
             change: replacing("EY01,Northgate Nursery,P01,88", "EY01,Northgate Nursery,P01,-88"),
             arguments: ["plan"], expect: ["settings.csv, line 2, column 4 (places)", "-88 is outside 0…50000"]),
        Case(name: "an early-years setting listed twice", plan: "borough", file: "settings.csv",
             change: replacing("EY02,Northgate Pre-school,", "EY01,Northgate Pre-school,"),
             arguments: ["plan"], expect: ["settings.csv, line 3, column 1 (setting)", "setting EY01 is listed twice (first on line 2)"]),
        Case(name: "a resourced base that closes before it opens", plan: "borough", file: "specialist.csv",
             change: replacing("EF01,12,2019,", "EF01,12,2019,2018"),
             arguments: ["plan"], expect: ["specialist.csv, line 3, column 6 (closed)", "it closes (2018) no later than it opens (2019)"]),
        Case(name: "a negative take-up rate", plan: "borough", file: "plan.toml",
             change: appending("\n[early_years]\nuniversal_take_up = -0.9\n"),
             arguments: ["plan"], expect: ["plan.toml, line 32, column universal_take_up", "universal_take_up must be a share of children from 0 to 1"]),
        Case(name: "a take-up rate in percent", plan: "borough", file: "plan.toml",
             change: appending("\n[early_years]\ntwo_year_old_take_up = 20\n"),
             arguments: ["plan"], expect: ["plan.toml, line 32, column two_year_old_take_up", "must be a share of children from 0 to 1"]),
        Case(name: "an empty ehcp.csv", plan: "borough", file: "ehcp.csv",
             change: { _ in "" }, arguments: ["plan"], expect: ["ehcp.csv, line 1", "the file is empty"]),
        Case(name: "a [[resourced_base]] at a special school", plan: "borough", file: "scenarios/resourced-base.toml",
             change: replacing("school = \"RV01\"", "school = \"SP01\""),
             arguments: ["scenario"], expect: ["resourced-base.toml, line 7, column school", "Beacon School (SP01) is a special school"]),
        Case(name: "[[special_places]] at a mainstream school", plan: "borough", file: "scenarios/resourced-base.toml",
             change: appending("\n[[special_places]]\nschool = \"RV01\"\nplaces = 30\nfrom = 2027\n"),
             arguments: ["scenario"], expect: ["resourced-base.toml, line 12, column school", "is not a special school"]),
    ]

    @Test("a located error, exit 1, no signal", arguments: cases)
    func locatedError(_ c: Case) throws { try Self.check(c) }

    @Test("a plan whose ehcp.csv has a bad row writes no table: the out folder is not made")
    func nothingWritten() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("borough")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: plan)
        let ehcp = plan.appendingPathComponent("ehcp.csv")
        try String(contentsOf: ehcp, encoding: .utf8).replacingOccurrences(of: "2024,5-10,683", with: "2024,5-10,-1")
            .write(to: ehcp, atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("tables")
        let result = try CLI.run(["plan", plan.path, "--out-dir", out.path])
        #expect(result.status == 1 && result.stderr.contains("ehcp.csv, line 48"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("specialist.csv without ehcp.csv, and [specialist] or [early_years] without their files, are errors, not ignored")
    func sectionsNeedFiles() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("borough")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: plan)
        try FileManager.default.removeItem(at: plan.appendingPathComponent("ehcp.csv"))
        try FileManager.default.removeItem(at: plan.appendingPathComponent("settings.csv"))
        let toml = plan.appendingPathComponent("plan.toml")
        try (String(contentsOf: toml, encoding: .utf8) + "\n[early_years]\nsurvival = 1\n").write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", plan.path])
        #expect(result.status == 1)
        for words in ["specialist.csv: resourced bases are set against pupils with EHC plans, but there is no ehcp.csv",
                      "plan.toml, line 26, column specialist: [specialist] is set, but there is no ehcp.csv",
                      "plan.toml, line 31, column early_years: [early_years] is set, but there is no settings.csv"] {
            #expect(result.stderr.contains(words), "no '\(words)' in \(result.stderr)")
        }
    }
}
