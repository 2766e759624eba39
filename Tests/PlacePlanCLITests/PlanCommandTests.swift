import Foundation
import PlacePlanIO
import Testing

/// A CSV file as rows of named fields.
struct Table {
    let rows: [[String: String]]

    init(_ url: URL) throws {
        try self.init(text: String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    init(text: String, file: String = "output") throws {
        let records = try CSVReader.parse(Array(text.utf8), file: file)
        let header = records.first?.fields ?? []
        rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    /// Sum of an integer column over the rows matching `filter`, grouped by `key`.
    func sums(_ column: String, by key: ([String: String]) -> String, where filter: ([String: String]) -> Bool = { _ in true }) -> [String: Int] {
        var out: [String: Int] = [:]
        for row in rows where filter(row) { out[key(row), default: 0] += Int(row[column] ?? "") ?? 0 }
        return out
    }

    /// Sum of a one-decimal column, in tenths, grouped by `key`.
    func tenths(_ column: String, by key: ([String: String]) -> String) -> [String: Int] {
        var out: [String: Int] = [:]
        for row in rows { out[key(row), default: 0] += Int((Double(row[column]!)! * 10).rounded()) }
        return out
    }
}

extension CLI {
    static func copyOfBorough() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("borough")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Data/borough"), to: folder)
        return folder
    }
}

@Suite("placeplan plan and forecast --level, end to end", .serialized)
struct PlanCommandTests {
    @Test("plan Data/borough --out writes eleven tables (seven, specialist, early years and the housing added) into a new folder and prints the planner's summary")
    func plan() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("nested/place-plan")
        let result = try CLI.run(["plan", "Data/borough", "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["plan-area-year-groups.csv", "plan-areas.csv", "plan-authority.csv", "plan-early-years.csv", "plan-housing.csv",
                          "plan-school-year-groups.csv", "plan-schools.csv", "plan-sixth-form.csv", "plan-specialist-demand.csv",
                          "plan-specialist.csv", "plan-transfer.csv"])
        let text = result.stdout
        #expect(text.hasPrefix("Millbrook (example borough): Pupil Place Plan\n"))
        let needed = try #require(text.range(of: "Places needed (DfE"))
        let spare = try #require(text.range(of: "Spare capacity above the 5% target"))
        let neededBlock = text[needed.upperBound..<spare.lowerBound]
        #expect(neededBlock.contains("Northgate (P01)") && neededBlock.contains("primary"))
        #expect(text[spare.upperBound...].split(separator: "\n").dropFirst(3).first?.hasPrefix("Southmead (P06)") == true,
                "the largest surplus is listed first")
        #expect(text.contains("Secondary transfer") && text.contains("Northgate Meadow Primary School (NG08)"))
        #expect(text.contains("Wrote 11 tables to \(out.path)"))
    }

    @Test("the plan's school, area and authority tables add up exactly, and so do their year groups")
    func levelsAddUp() throws {
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CLI.run(["plan", "Data/borough", "--out-dir", out.path]).status == 0)
        let schools = try Table(out.appendingPathComponent("plan-schools.csv"))
        let areas = try Table(out.appendingPathComponent("plan-areas.csv"))
        let authority = try Table(out.appendingPathComponent("plan-authority.csv"))
        let areaGroups = try Table(out.appendingPathComponent("plan-area-year-groups.csv"))
        let schoolGroups = try Table(out.appendingPathComponent("plan-school-year-groups.csv"))
        #expect(authority.rows.count == 11 * 4 && areas.rows.count > 100 && schools.rows.count > 700)

        let mainstream = { (row: [String: String]) in row["phase"] != "special" }
        let yearPhase = { (row: [String: String]) in "\(row["year"]!)|\(row["phase"]!)" }
        let yearAreaPhase = { (row: [String: String]) in "\(row["year"]!)|\(row["area"]!)|\(row["phase"]!)" }
        for column in ["capacity", "pupils", "surplus"] {
            // Areas add up to the authority (special schools are the authority's own line).
            #expect(areas.sums(column, by: yearPhase) == authority.sums(column, by: yearPhase, where: mainstream), "\(column)")
            // Schools (and any unallocated pupils) add up to their area.
            var bySchools = schools.sums(column, by: yearAreaPhase, where: mainstream)
            if column != "capacity" {
                for (key, left) in areas.sums("unallocated", by: yearAreaPhase) {
                    bySchools[key, default: 0] += column == "pupils" ? left : -left
                }
            }
            #expect(bySchools == areas.sums(column, by: yearAreaPhase), "\(column)")
        }
        #expect(areas.sums("places_needed", by: yearPhase) == authority.sums("places_needed", by: yearPhase, where: mainstream))
        #expect(authority.sums("pupils", by: yearPhase, where: { $0["phase"] == "special" })
                == schools.sums("pupils", by: yearPhase, where: { $0["phase"] == "special" }))
        // Year groups add up to their phase, for areas (places needed too) and schools.
        for column in ["pupils", "places_needed"] {
            #expect(areaGroups.sums(column, by: yearAreaPhase) == areas.sums(column, by: yearAreaPhase), "\(column)")
        }
        let schoolKey = { (row: [String: String]) in "\(row["year"]!)|\(row["school"]!)|\(row["phase"]!)" }
        #expect(schoolGroups.sums("pupils", by: schoolKey) == schools.sums("pupils", by: schoolKey, where: mainstream))
        // Places needed are never offset: each area's is the sum of its year groups' shortfalls.
        let shortfall = areaGroups.rows.reduce(into: [String: Int]()) { sums, row in
            sums[yearAreaPhase(row), default: 0] += max(0, Int(row["pupils"]!)! - Int(row["capacity"]!)!)
        }
        #expect(shortfall == areas.sums("places_needed", by: yearAreaPhase))
    }

    @Test("forecast --level school and --level authority add up to --level area, to the tenth")
    func levels() throws {
        let school = try Table(text: CLI.run(["forecast", "Data/borough", "--level", "school", "--horizon", "4"]).stdout)
        let area = try Table(text: CLI.run(["forecast", "Data/borough", "--horizon", "4", "--format", "csv"]).stdout)
        let authority = try Table(text: CLI.run(["forecast", "Data/borough", "--level", "authority", "--horizon", "4"]).stdout)
        #expect(area.rows.count == 4 * (8 * 7 + 4 * 7))
        #expect(authority.rows.count == 4 * 14)
        #expect(Set(area.rows.filter { $0["area"] == "P01" }.map { $0["year_group"]! }) == ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"])
        let key = { (row: [String: String]) in "\(row["year"]!)|\(row["area"]!)|\(row["year_group"]!)" }
        // Special schools are not in the pupil forecast at any level: every school row has an area.
        #expect(!school.rows.isEmpty && school.rows.allSatisfy { $0["area"] != "" && $0["school"] != "SP01" })
        let bySchool = school.rows
        #expect(try Table(text: "year,area,year_group,pupils\n" + bySchool.map { "\($0["year"]!),\($0["area"]!),\($0["year_group"]!),\($0["pupils"]!)" }
            .joined(separator: "\n")).tenths("pupils", by: key) == area.tenths("pupils", by: key))
        let yearGroup = { (row: [String: String]) in "\(row["year"]!)|\(row["year_group"]!)" }
        #expect(area.tenths("pupils", by: yearGroup) == authority.tenths("pupils", by: yearGroup))
    }

    @Test("the England plan: no --level school, but --level authority is the sum of its areas")
    func england() throws {
        let refused = try CLI.run(["forecast", "Data/england", "--level", "school"])
        #expect(refused.status != 0 && refused.stderr.contains("--level school needs a place plan"))
        let area = try Table(text: CLI.run(["forecast", "Data/england", "--horizon", "2", "--format", "csv"]).stdout)
        let authority = try Table(text: CLI.run(["forecast", "Data/england", "--horizon", "2", "--level", "authority"]).stdout)
        #expect(authority.rows.count == 2 * 14)
        let yearGroup = { (row: [String: String]) in "\(row["year"]!)|\(row["year_group"]!)" }
        #expect(area.tenths("pupils", by: yearGroup) == authority.tenths("pupils", by: yearGroup))
        let plan = try CLI.run(["plan", "Data/england"])
        #expect(plan.status != 0 && plan.stderr.contains("has no schools.csv"))
    }

    @Test("bad input: every problem named by file, line and column; an existing --out folder is left as it was")
    func badInput() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let schools = plan.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: schools, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: ",P01,S1,", with: ",P99,S1,")                 // an area that does not exist
        lines[3] = lines[3].components(separatedBy: ",").enumerated().map { $0.offset == 6 ? "0" : $0.element }.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: schools, atomically: true, encoding: .utf8)
        let rolls = plan.appendingPathComponent("rolls.csv")
        let rollsText = try String(contentsOf: rolls, encoding: .utf8)
        try (rollsText + "2020,SM08,P06,Y2,17\n").write(to: rolls, atomically: true, encoding: .utf8)  // a closed school
        let out = plan.deletingLastPathComponent().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "earlier plan\n".write(to: out.appendingPathComponent("plan-areas.csv"), atomically: true, encoding: .utf8)

        let result = try CLI.run(["plan", plan.path, "--out-dir", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("schools.csv, line 3, column 4 (primary_area): area P99 does not exist"), "\(result.stderr)")
        #expect(result.stderr.contains("schools.csv, line 4, column 7 (pan): the admission number (PAN) is 0"))
        // The rolls are still checked, all in one pass, without repeating the refused schools' rows.
        #expect(result.stderr.contains("rolls.csv, line \(rollsText.split(separator: "\n").count + 1), column 5 (pupils): school SM08 closed in 2018"))
        #expect(!result.stderr.contains("NG02 is not in") && !result.stderr.contains("NG03 is not in"))
        #expect(try String(contentsOf: out.appendingPathComponent("plan-areas.csv"), encoding: .utf8) == "earlier plan\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["plan-areas.csv"])
    }

    @Test("a roll for a closed school is refused with its line")
    func closedSchool() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let rolls = plan.appendingPathComponent("rolls.csv")
        let text = try String(contentsOf: rolls, encoding: .utf8)
        try (text + "2020,SM08,P06,Y2,17\n").write(to: rolls, atomically: true, encoding: .utf8)
        let lineCount = text.split(separator: "\n").count + 1
        let result = try CLI.run(["check", plan.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("rolls.csv, line \(lineCount), column 5 (pupils): school SM08 closed in 2018"), "\(result.stderr)")
    }

    @Test("warnings go to standard error and do not stop the plan")
    func warnings() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let schools = plan.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: schools, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = lines[1].components(separatedBy: ",").enumerated().map { $0.offset == 5 ? "999" : $0.element }.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: schools, atomically: true, encoding: .utf8)
        let result = try CLI.run(["plan", plan.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Warning: ") && result.stderr.contains("schools.csv, line 2, column 6 (net_capacity): net capacity 999"))
    }

    @Test("plan with no folder uses the example borough; help has examples; check and backtest know place plans")
    func defaultsAndHelp() throws {
        #expect(try CLI.run(["plan"]).stdout.hasPrefix("Millbrook (example borough): Pupil Place Plan"))
        let help = try CLI.run(["plan", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("placeplan plan Data/borough --out"))
        #expect(try CLI.run(["--help"]).stdout.contains("plan"))
        let check = try CLI.run(["check", "Data/borough"])
        #expect(check.status == 0 && check.stdout.contains("74 schools"))
        let backtest = try CLI.run(["backtest", "Data/borough", "--horizon", "2", "--methods", "weighted-3", "--format", "csv"])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(backtest.stdout.split(separator: "\n").filter { $0.contains("Y7 (intake)") }.count == 2 * 2)  // 2 horizons × area and authority levels
        #expect(try CLI.run(["plan", "Data/borough", "--horizon", "0"]).status != 0)
    }
}
