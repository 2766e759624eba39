import Foundation
import Testing
@testable import PlacePlanCore
@testable import PlacePlanIO

/// The repository's root, for tests on the bundled data.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A valid three-year history for two areas on a custom tiny ladder is awkward to write by hand,
/// so these tests use the England ladder with a few rows and check one problem at a time.
func englandRolls(areas: [String] = ["A"], years: ClosedRange<Int> = 2017...2019, skip: (String, Int, String)? = nil) -> String {
    var text = "year,area,year_group,pupils\n"
    for area in areas {
        for year in years {
            for g in Ladder.england.yearGroups where !(skip.map { $0 == (area, year, g.name) } ?? false) {
                text += "\(year),\(area),\(g.name),100\n"
            }
        }
    }
    return text
}

func firstIssue(_ body: () throws -> Void) -> InputIssue? {
    do { try body() } catch let errors as InputErrors { return errors.issues.first } catch { return nil }
    return nil
}

@Suite("Plan folder: reading and validating")
struct PlanFolderTests {
    @Test("a well-formed history reads back as a complete grid")
    func valid() throws {
        let history = try PlanFolder.history(rollsCSV: englandRolls(areas: ["A", "B"]), birthsCSV: "year,area,births\n2013,A,120\n2013,B,130\n")
        #expect(history.areas.map(\.area.code) == ["A", "B"])
        #expect(history.firstYear == 2017 && history.lastYear == 2019)
        #expect(history.areas[0].pupils.count == 3 && history.areas[0].pupils[0].count == 14)
        #expect(history.births?["B"]?.byYear[2013] == 130)
    }

    @Test("a missing column names it and shows the header to write")
    func missingColumn() {
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: "year,area,pupils\n2019,A,1\n", birthsCSV: nil) }
        #expect(issue?.line == 1)
        #expect(issue?.message.contains("'year_group'") == true)
        #expect(issue?.fix.contains("year,area,year_group,pupils") == true)
    }

    @Test("a non-numeric count names file, line and column")
    func nonNumeric() {
        let rolls = englandRolls().replacingOccurrences(of: "2018,A,Y3,100", with: "2018,A,Y3,lots")
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil) }
        #expect(issue?.file == "rolls.csv")
        #expect(issue?.line == 1 + 14 + 4)
        #expect(issue?.column == 4 && issue?.columnName == "pupils")
        #expect(issue?.description.contains("'lots' is not a number") == true)
    }

    @Test("a negative count is refused")
    func negative() {
        let rolls = englandRolls().replacingOccurrences(of: "2017,A,R,100", with: "2017,A,R,-5")
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil) }
        #expect(issue?.line == 2 && issue?.columnName == "pupils")
        #expect(issue?.message.contains("negative") == true)
    }

    @Test("a duplicate row names both lines")
    func duplicate() {
        let rolls = englandRolls() + "2019,A,Y1,100\n"
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil) }
        #expect(issue?.line == 1 + 3 * 14 + 1)
        #expect(issue?.message.contains("first is on line \(1 + 2 * 14 + 2)") == true)
    }

    @Test("an unknown year group lists the ladder")
    func unknownYearGroup() {
        let rolls = englandRolls() + "2019,A,Y15,3\n"
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil) }
        #expect(issue?.columnName == "year_group")
        #expect(issue?.message.contains("'Y15' is not a year group") == true)
        #expect(issue?.fix.contains("R, Y1, Y2") == true)
    }

    @Test("a gap in the years is named")
    func gap() {
        let rolls = englandRolls(years: 2015...2016) + englandRolls(years: 2018...2019).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil) }
        #expect(issue?.message.contains("gap") == true && issue?.message.contains("2017") == true)
    }

    @Test("a missing year group in one year is named")
    func missingCell() {
        let issue = firstIssue { _ = try PlanFolder.history(rollsCSV: englandRolls(skip: ("A", 2018, "Y9")), birthsCSV: nil) }
        #expect(issue?.message.contains("2018 has no row for Y9") == true)
    }

    @Test("an area with births but no rolls names the births line")
    func birthsWithoutRolls() {
        let issue = firstIssue {
            _ = try PlanFolder.history(rollsCSV: englandRolls(), birthsCSV: "year,area,births\n2013,A,1\n2013,Z,5\n")
        }
        #expect(issue?.file == "births.csv" && issue?.line == 3)
        #expect(issue?.message.contains("Z has births but no rolls") == true)
    }

    @Test("an area with rolls but no births is an error when births are given")
    func rollsWithoutBirths() {
        let issue = firstIssue {
            _ = try PlanFolder.history(rollsCSV: englandRolls(areas: ["A", "B"]), birthsCSV: "year,area,births\n2013,A,1\n")
        }
        #expect(issue?.message.contains("B has rolls") == true)
    }

    @Test("every problem is reported in one pass, not just the first")
    func many() throws {
        let rolls = englandRolls().replacingOccurrences(of: "2017,A,R,100", with: "2017,A,R,-5")
            .replacingOccurrences(of: "2018,A,Y2,100", with: "2018,A,Y2,x")
        do { _ = try PlanFolder.history(rollsCSV: rolls, birthsCSV: nil); Issue.record("no error") } catch let errors as InputErrors {
            #expect(errors.issues.count == 2)
        }
    }

    @Test("the bundled England plan loads: 151 areas, 2011/12–2019/20, births to 2023")
    func england() throws {
        let plan = try PlanFolder.load(repositoryRoot.appendingPathComponent("Data/england"))
        #expect(plan.history.areas.count == 151)
        #expect(plan.history.firstYear == 2011 && plan.history.lastYear == 2019)
        #expect(plan.history.births?.count == 151)
        #expect(plan.history.births?["E06000001"]?.lastYear == 2023)
        #expect(plan.history.areas.first { $0.area.code == "E06000023" }?.area.name == "Bristol, City of")
        #expect(plan.history.birthsBasis == .midYear)
    }
}

@Suite("plan.toml")
struct PlanConfigTests {
    @Test("defaults: England ladder, mid-year births, the measured default method")
    func defaults() throws {
        let config = try PlanConfig.parse("name = \"X\"\n")
        #expect(config.ladder == .england)
        #expect(config.birthsBasis == .midYear)
        #expect(config.settings == .default)
        #expect(config.horizon == PlanConfig.defaultHorizon)
    }

    @Test("an explicit ladder, phases and settings")
    func explicit() throws {
        let config = try PlanConfig.parse("""
            name = "Custom"
            ladder = ["N", "R", "Y1", "Y2"]
            entry_age = 3
            births_basis = "calendar"
            [phases]
            infant = ["R", "Y2"]
            [forecast]
            method = "trend-5"
            intake_method = "mean-3"
            births_trend_years = 1
            births_trend_damping = 0.5
            intervals = 80
            horizon = 7
            """)
        #expect(config.ladder.yearGroups.map(\.name) == ["N", "R", "Y1", "Y2"])
        #expect(config.ladder.entryAge == 3)
        #expect(config.ladder.phases == [Phase(name: "infant", first: "R", last: "Y2")])
        #expect(config.birthsBasis == .calendar)
        #expect(config.settings == ForecastSettings(method: .trend(years: 5), intakeMethod: .mean(years: 3), birthsTrendYears: 1,
                                                    birthsTrendDamping: 0.5, intervals: 0.8))
        #expect(config.horizon == 7)
    }

    @Test("the US ladder")
    func us() throws {
        #expect(try PlanConfig.parse("name = \"US\"\nladder = \"us\"\n").ladder == .us)
    }

    @Test("an unknown key is an error naming its line and the keys allowed")
    func unknownKey() {
        let issue = firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[forecast]\nmethd = \"mean-3\"\n") }
        #expect(issue?.line == 3)
        #expect(issue?.message.contains("unknown key 'methd'") == true)
        #expect(issue?.fix.contains("method") == true)
    }

    @Test("a bad method, basis or horizon is an error with the fix")
    func badValues() {
        let issue = firstIssue { _ = try PlanConfig.parse("name = \"X\"\nbirths_basis = \"fiscal\"\n") }
        #expect(issue?.line == 2 && issue?.fix.contains("mid-year") == true)
        #expect(firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[forecast]\nmethod = \"mode-3\"\n") }?.line == 3)
        #expect(firstIssue { _ = try PlanConfig.parse("name = \"X\"\n[forecast]\nhorizon = 40\n") } != nil)
    }

    @Test("TOML syntax errors give line and column")
    func syntax() {
        let issue = firstIssue { _ = try PlanConfig.parse("name = \"X\"\nladder = [\"R\",\n") }
        #expect(issue?.line != nil)
        #expect(issue?.message.contains("not valid TOML") == true)
    }

    @Test("a plan must have a name")
    func name() {
        #expect(firstIssue { _ = try PlanConfig.parse("ladder = \"england\"\n") }?.message.contains("no name") == true)
    }
}
