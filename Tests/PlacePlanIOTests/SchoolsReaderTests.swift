import Foundation
import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

/// A small valid place plan: primary area P1 (A; B closes in 2019), secondary area S1 (X, with a
/// sixth form), rolls 2016–2018.
enum SmallPlan {
    static let areas = """
        area,name,phase,feeds
        P1,North,primary,S1
        S1,Upper,secondary,
        """ + "\n"
    static let schools = """
        school,name,phase,primary_area,secondary_area,net_capacity,pan,sixth_form_capacity,opened,closed
        A,Alpha Primary,primary,P1,S1,210,30,,,
        B,Beta Primary,primary,P1,S1,420,60,,,2019
        X,Xavier High,secondary,,S1,1000,180,100,,
        """ + "\n"
    static let births = "year,area,births\n" + (2008...2018).map { "\($0),P1,95\n" }.joined()

    /// Rows of rolls.csv: line 1 is the header, so the row for (school, year, year group) is on
    /// the line this returns.
    static func rolls(skip: (String, Int)? = nil) -> String {
        var text = "year,school,area,year_group,pupils\n"
        for year in 2016...2018 {
            for (school, area, groups, pupils) in [("A", "P1", 0...6, 30), ("B", "P1", 0...6, 55), ("X", "S1", 7...13, 80)] {
                if let skip, skip == (school, year) { continue }
                for g in groups { text += "\(year),\(school),\(area),\(Ladder.england.yearGroups[g]),\(pupils)\n" }
            }
        }
        return text
    }

    static func load(schools: String = schools, rolls: String = rolls(), areas: String? = areas, births: String? = births) throws
        -> (history: SchoolHistory, warnings: [InputIssue]) {
        try PlanFolder.schoolHistory(schoolsCSV: schools, rollsCSV: rolls, areasCSV: areas, birthsCSV: births)
    }

    /// Every issue of a failed load.
    static func issues(schools: String = schools, rolls: String = rolls(), areas: String? = areas, births: String? = births) -> [InputIssue] {
        do { _ = try load(schools: schools, rolls: rolls, areas: areas, births: births) } catch let errors as InputErrors {
            return errors.issues
        } catch { return [] }
        return []
    }
}

@Suite("Schools, areas and rolls by school: reading and validating")
struct SchoolsReaderTests {
    @Test("a valid small plan reads back: geography, feeds, schools, rolls, births")
    func valid() throws {
        let (history, warnings) = try SmallPlan.load()
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(history.geography.primaryAreas == [PlanningArea(code: "P1", name: "North")])
        #expect(history.geography.secondaryAreas.map(\.code) == ["S1"])
        #expect(history.geography.feeds == ["P1": ["S1"]])
        #expect(history.schools.map(\.code) == ["A", "B", "X"])
        #expect(history.school("B")?.closed == 2019)
        #expect(history.school("X")?.capacity == SchoolCapacity(net: 1000, pan: 180, sixthForm: 100))
        #expect(history.firstYear == 2016 && history.lastYear == 2018)
        #expect(history.rolls["X"]?.pupils(year: 2017, yearGroup: 12) == 80)
        #expect(history.rolls(area: "P1", .primary)[0][0] == 85)
        #expect(history.births?["P1"]?.byYear[2012] == 95)
        #expect(history.combinedHistory.areas.map(\.area.code) == ["P1", "S1"])
    }

    @Test("without areas.csv the areas are those named in schools.csv")
    func areasFromSchools() throws {
        let (history, _) = try SmallPlan.load(areas: nil)
        #expect(history.geography.primaryAreas.map(\.code) == ["P1"])
        #expect(history.geography.secondaryAreas.map(\.code) == ["S1"])
        #expect(history.geography.feeds.isEmpty)
    }

    @Test("a school in an area that does not exist names schools.csv, its line and column")
    func unknownArea() {
        let schools = SmallPlan.schools.replacingOccurrences(of: "A,Alpha Primary,primary,P1", with: "A,Alpha Primary,primary,P9")
        let issue = SmallPlan.issues(schools: schools).first
        #expect(issue?.file == "schools.csv" && issue?.line == 2 && issue?.columnName == "primary_area")
        #expect(issue?.message.contains("area P9 does not exist") == true)
        #expect(issue?.fix.contains("areas.csv") == true)
    }

    @Test("an area of the wrong kind: a secondary area given as a school's primary area")
    func wrongKind() {
        let schools = SmallPlan.schools.replacingOccurrences(of: "A,Alpha Primary,primary,P1", with: "A,Alpha Primary,primary,S1")
        #expect(SmallPlan.issues(schools: schools).first?.message.contains("S1 is a secondary planning area") == true)
        // Without areas.csv the first use decides, and a later opposite use is refused.
        let both = SmallPlan.schools.replacingOccurrences(of: "X,Xavier High,secondary,,S1", with: "X,Xavier High,secondary,,P1")
        #expect(SmallPlan.issues(schools: both, areas: nil).first?.message.contains("P1 is a primary planning area") == true)
    }

    @Test("a school in two areas: a second row placing it elsewhere names both lines")
    func twoAreas() {
        let schools = SmallPlan.schools + "A,Alpha Primary,primary,P2,S1,210,30,,,\n"
        let issue = SmallPlan.issues(schools: schools, areas: nil).first
        #expect(issue?.line == 5 && issue?.columnName == "primary_area")
        #expect(issue?.message.contains("school A is in two areas: primary area P1, secondary area S1 on line 2") == true)
    }

    @Test("a rolls row placing a school in another area than schools.csv does")
    func rollsArea() {
        let rolls = SmallPlan.rolls().replacingOccurrences(of: "2017,A,P1,Y3,30", with: "2017,A,P2,Y3,30")
        let issue = SmallPlan.issues(rolls: rolls).first
        #expect(issue?.file == "rolls.csv" && issue?.line == 1 + 21 + 4 && issue?.columnName == "area")
        #expect(issue?.message.contains("school A is in primary planning area P1 (schools.csv, line 2), but this row says P2") == true)
    }

    @Test("capacity missing or zero is an error with the line; a special school needs no PAN")
    func capacity() {
        let missing = SmallPlan.schools.replacingOccurrences(of: "A,Alpha Primary,primary,P1,S1,210,30", with: "A,Alpha Primary,primary,P1,S1,,30")
        let issue = SmallPlan.issues(schools: missing).first
        #expect(issue?.line == 2 && issue?.columnName == "net_capacity" && issue?.message.contains("net capacity is missing") == true)
        let zero = SmallPlan.schools.replacingOccurrences(of: "B,Beta Primary,primary,P1,S1,420,60", with: "B,Beta Primary,primary,P1,S1,420,0")
        let zeroIssue = SmallPlan.issues(schools: zero).first
        #expect(zeroIssue?.line == 3 && zeroIssue?.columnName == "pan" && zeroIssue?.message.contains("is 0") == true)
        let special = SmallPlan.schools + "SP,Special,special,,,80,,,,\n"
        let rolls = SmallPlan.rolls() + (2016...2018).map { "\($0),SP,,Y4,7\n" }.joined()
        #expect((try? SmallPlan.load(schools: special, rolls: rolls))?.history.school("SP")?.phase == .special)
    }

    @Test("a roll for a closed school, or one not yet open, is an error; a zero row is harmless")
    func closedSchool() {
        let late = SmallPlan.rolls() + "2019,B,P1,R,12\n" + "2019,A,P1,R,30\n"
        let issue = SmallPlan.issues(rolls: late).first { $0.message.contains("closed") }
        #expect(issue?.file == "rolls.csv" && issue?.line == 1 + 63 + 1 && issue?.columnName == "pupils")
        #expect(issue?.message.contains("school B closed in 2019 (schools.csv, line 3) but has 12 pupils here in 2019") == true)
        let opening = SmallPlan.schools.replacingOccurrences(of: "X,Xavier High,secondary,,S1,1000,180,100,,", with: "X,Xavier High,secondary,,S1,1000,180,100,2017,")
        #expect(SmallPlan.issues(schools: opening).first?.message.contains("school X opens in 2017") == true)
        // A census in 2019 where B, closed, is listed with 0 pupils: harmless.
        let year2019 = "2019,A,P1,R,30\n2019,X,S1,Y7,80\n2019,B,P1,R,0\n"
        let loaded = try? SmallPlan.load(rolls: SmallPlan.rolls() + year2019)
        #expect(loaded?.history.lastYear == 2019 && loaded?.history.rolls["B"]?.lastYear == 2018)
    }

    @Test("pupils in a year group the school does not teach: a sixth form needs sixth-form capacity")
    func sixthForm() {
        let schools = SmallPlan.schools.replacingOccurrences(of: "X,Xavier High,secondary,,S1,1000,180,100,,", with: "X,Xavier High,secondary,,S1,900,180,,,")
        let issue = SmallPlan.issues(schools: schools).first
        #expect(issue?.message.contains("school X has no sixth-form capacity") == true)
        #expect(issue?.fix.contains("sixth_form_capacity") == true)
        let rolls = SmallPlan.rolls() + "2018,A,P1,Y8,4\n"
        #expect(SmallPlan.issues(rolls: rolls).first?.message.contains("school A is a primary school but has 4 pupils in Y8") == true)
    }

    @Test("a school open in a census year with no rows then; a school not in schools.csv")
    func missingRolls() {
        let issue = SmallPlan.issues(rolls: SmallPlan.rolls(skip: ("A", 2017))).first
        #expect(issue?.message.contains("school A is open in 2017 (schools.csv, line 2) but has no rolls then") == true)
        let unknown = SmallPlan.rolls() + "2018,Z,P1,R,4\n"
        #expect(SmallPlan.issues(rolls: unknown).first?.message.contains("school Z is not in schools.csv") == true)
    }

    @Test("births are for primary areas: births for a secondary area, or a primary area without, are errors")
    func births() {
        let secondary = SmallPlan.births + "2012,S1,40\n"
        #expect(SmallPlan.issues(births: secondary).first?.message.contains("area S1 has births but is a secondary planning area") == true)
        let areas = SmallPlan.areas + "P2,South,primary,S1\n"
        let schools = SmallPlan.schools + "C,Gamma Primary,primary,P2,S1,210,30,,,\n"
        let rolls = SmallPlan.rolls() + (2016...2018).map { "\($0),C,P2,R,20\n" }.joined()
        #expect(SmallPlan.issues(schools: schools, rolls: rolls, areas: areas).first?.message.contains("primary planning area P2 has no births") == true)
    }

    @Test("warnings: a net capacity far from the PANs, an area with no schools")
    func warnings() throws {
        let schools = SmallPlan.schools.replacingOccurrences(of: "A,Alpha Primary,primary,P1,S1,210,30", with: "A,Alpha Primary,primary,P1,S1,420,30")
        let areas = SmallPlan.areas + "S2,Lower,secondary,\n"
        let (_, warnings) = try SmallPlan.load(schools: schools, areas: areas)
        #expect(warnings.contains { $0.file == "schools.csv" && $0.line == 2 && $0.message.contains("net capacity 420 is far from the 210 places") })
        #expect(warnings.contains { $0.file == "areas.csv" && $0.line == 4 && $0.message.contains("S2 has no secondary schools") })
    }

    @Test("every problem is reported in one pass")
    func many() {
        let schools = SmallPlan.schools
            .replacingOccurrences(of: "A,Alpha Primary,primary,P1,S1,210,30", with: "A,Alpha Primary,primary,P9,S1,0,30")
            .replacingOccurrences(of: "X,Xavier High,secondary", with: "X,Xavier High,college")
        let issues = SmallPlan.issues(schools: schools)
        #expect(issues.count == 3)
        #expect(issues.contains { $0.message.contains("'college' is not a school phase") })
    }
}

@Suite("Place-plan folders")
struct PlacePlanFolderTests {
    func folder(files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test("a folder with schools.csv is a place plan; its area history is the sum of its schools")
    func placePlan() throws {
        let url = try folder(files: ["plan.toml": "name = \"Small\"\n[capacity]\nspare_target_percent = 8\n", "schools.csv": SmallPlan.schools,
                                     "areas.csv": SmallPlan.areas, "rolls.csv": SmallPlan.rolls(), "births.csv": SmallPlan.births])
        defer { try? FileManager.default.removeItem(at: url) }
        let plan = try PlanFolder.load(url)
        #expect(plan.places?.schools.schools.count == 3)
        #expect(plan.places!.targets.spareTarget == 0.08 && plan.places!.targets.operatingMargin == 0.02)
        #expect(plan.history.areas.map(\.area.code) == ["P1", "S1"])
        #expect(plan.history.areas[0].pupils[0][0] == 85 && plan.history.areas[0].pupils[0][7] == 0)
    }

    @Test("rolls by school without schools.csv, or schools with a ladder that has no primary/secondary phases, are errors")
    func mismatched() throws {
        let noSchools = try folder(files: ["plan.toml": "name = \"X\"\n", "rolls.csv": SmallPlan.rolls()])
        defer { try? FileManager.default.removeItem(at: noSchools) }
        #expect(firstIssue { _ = try PlanFolder.load(noSchools) }?.message.contains("the rolls are by school but the plan folder has no schools.csv") == true)
        let us = try folder(files: ["plan.toml": "name = \"X\"\nladder = \"us\"\n", "rolls.csv": SmallPlan.rolls(), "schools.csv": SmallPlan.schools])
        defer { try? FileManager.default.removeItem(at: us) }
        #expect(firstIssue { _ = try PlanFolder.load(us) }?.message.contains("needs its ladder divided into primary, secondary and sixth form") == true)
        let areaRolls = try folder(files: ["plan.toml": "name = \"X\"\n", "rolls.csv": englandRolls(), "schools.csv": SmallPlan.schools])
        defer { try? FileManager.default.removeItem(at: areaRolls) }
        #expect(firstIssue { _ = try PlanFolder.load(areaRolls) }?.message.contains("the rolls have no 'school' column") == true)
    }

    @Test("the bundled example borough loads: 74 schools, 8 primary and 4 secondary areas, 2015/16–2024/25")
    func borough() throws {
        let (plan, warnings) = try PlanFolder.loadWithWarnings(repositoryRoot.appendingPathComponent("Data/borough"))
        #expect(warnings.isEmpty, "\(warnings)")
        let schools = try #require(plan.places?.schools)
        #expect(schools.schools.count == 74)
        #expect(schools.geography.primaryAreas.count == 8 && schools.geography.secondaryAreas.count == 4)
        #expect(schools.firstYear == 2015 && schools.lastYear == 2024)
        #expect(schools.births?.count == 8)
        #expect(schools.schools.filter { $0.phase == .primary || $0.phase == .allThrough }.count == 62)
        #expect(schools.schools.filter { $0.phase == .secondary || $0.phase == .allThrough }.count == 12)
        #expect(plan.settings.birthsTrendYears == 10 && plan.places?.shareMethod == .mean(years: 3))
    }
}

@Suite("plan.toml: place-plan settings")
struct PlacePlanConfigTests {
    @Test("[schools] and [capacity] and the file names")
    func settings() throws {
        let config = try PlanConfig.parse("""
            name = "X"
            [schools]
            share_method = "weighted-5"
            [capacity]
            spare_target_percent = 7.5
            operating_margin_percent = 3
            [files]
            schools = "s.csv"
            areas = "a.csv"
            """)
        #expect(config.shareMethod == .weighted(years: 5))
        #expect(config.targets == CapacityTargets(spareTarget: 0.075, operatingMargin: 0.03))
        #expect(config.schoolsFile == "s.csv" && config.areasFile == "a.csv")
        let defaults = try PlanConfig.parse("name = \"X\"\n")
        #expect(defaults.targets == .default && defaults.shareMethod == .mean(years: 3) && defaults.schoolsFile == "schools.csv")
    }

    @Test("bad place-plan settings are errors with their line")
    func bad() {
        #expect(firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[capacity]\nspare_target_percent = 150\n") }?.line == 3)
        #expect(firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[schools]\nshare_method = \"median\"\n") }?.line == 3)
        let inverted = firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[capacity]\nspare_target_percent = 2\noperating_margin_percent = 4\n") }
        #expect(inverted?.message.contains("above the spare-capacity target") == true)
        #expect(firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[capacity]\nspare = 5\n") }?.message.contains("unknown key 'spare'") == true)
    }
}
