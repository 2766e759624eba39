import Foundation
import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import Testing

/// Issue 15 on the example borough and the England data: specialist and early-years sufficiency
/// in the place plan, one figure on every path, a scenario's resourced base, and the backtests
/// on the real SEN2 and early-years counts.
@Suite("Specialist and early-years places, end to end", .serialized)
struct SpecialistPlanTests {
    static let borough: Plan = try! PlanFolder.load(CLI.root.appendingPathComponent("Data/borough"))

    @Test("placeplan plan Data/borough shows mainstream, specialist and early-years sufficiency")
    func planShowsAllThree() throws {
        let result = try CLI.run(["plan", "Data/borough"])
        #expect(result.status == 0, "\(result.stderr)")
        for words in ["Places needed (DfE", "Specialist places (pupils with EHC plans", "special school", "resourced",
                      "Early years (funded places", "Northgate (P01)"] {
            #expect(result.stdout.contains(words), "no '\(words)'")
        }
        // Special schools follow the model, and nothing says they are held at the census.
        #expect(result.stdout.contains("forecast from the pupils with EHC plans") && !result.stdout.contains("held at"))
        #expect(result.stdout.contains("Beacon School (SP01): \(PupilPlacePlan.specialRule)"))
    }

    @Test("one number, one path: the special phase of the authority table is the specialist plan's special-school line, and schools add up to it")
    func specialLineIsOne() throws {
        let run = try PlanRun(Self.borough)
        let places = try #require(run.places)
        let specialist = try #require(places.specialist)
        for year in specialist.years {
            let authority = places.tables.authority.first { $0.phase == .special && $0.year == year }?.sufficiency
            let line = specialist.line(.specialSchool, year: year)?.sufficiency
            #expect(authority == line, "\(year)")
            let schools = places.tables.schools.filter { $0.phase == .special && $0.year == year }
            #expect(schools.reduce(0) { $0 + $1.sufficiency.pupils } == line?.pupils)
            #expect(specialist.placements.filter { $0.year == year }.reduce(0) { $0 + $1.pupils } == Apportion.units(specialist.plans(in: year)))
        }
        // The CSV tables say the same: plan-specialist.csv's special-school rows and plan-authority.csv's special rows.
        let files = Dictionary(uniqueKeysWithValues: try PlacePlanOutput.files(run).map { ($0.name, try $0.text) })
        let authorityRows = try #require(files["plan-authority.csv"]).split(separator: "\n").filter { $0.contains(",special,") }
        let specialistRows = try #require(files["plan-specialist.csv"]).split(separator: "\n").filter { $0.contains(",special school,,all,") }
        #expect(authorityRows.count == specialistRows.count && authorityRows.count == specialist.years.count)
        for (a, s) in zip(authorityRows, specialistRows) {
            let af = a.split(separator: ",", omittingEmptySubsequences: false), sf = s.split(separator: ",", omittingEmptySubsequences: false)
            #expect(af[0] == sf[0] && af[3] == sf[5] && af[4] == sf[6], "\(a) | \(s)")   // year, capacity = places, pupils
        }
    }

    @Test("the resourced-base scenario changes the tables as computed by hand: 16 places from 2026/27, places needed down by up to 16")
    func resourcedBaseScenario() throws {
        let run = try PlanRun(Self.borough)
        let scenario = try ScenarioFile.parse(String(contentsOf: CLI.root.appendingPathComponent("Data/borough/scenarios/resourced-base.toml"), encoding: .utf8),
                                              name: "resourced-base", file: "resourced-base.toml", history: Self.borough.places!.schools)
        let base = try ScenarioEngine.run(nil, on: run), outcome = try ScenarioEngine.run(scenario, on: run)
        let before = try #require(base.specialist), after = try #require(outcome.specialist)
        for year in before.years.dropFirst() {
            let b = try #require(before.line(.resourcedProvision, year: year)?.sufficiency)
            let a = try #require(after.line(.resourcedProvision, year: year)?.sufficiency)
            let added = year >= 2026 ? 16 : 0
            #expect(a.capacity == b.capacity + added && a.pupils == b.pupils, "\(year)")
            #expect(a.placesNeeded == max(0, b.pupils - (b.capacity + added)), "\(year)")
            #expect(after.line(.specialSchool, year: year) == before.line(.specialSchool, year: year))
        }
        // Nothing else moves: the mainstream areas are the baseline's.
        #expect(outcome.areas == base.areas)
        let project = try #require(outcome.projects.first)
        #expect(project.places == 16 && project.type == .specialist && project.cost == 16 * CostRates.dfe.specialist)
        #expect(abs(CostRates.dfe.specialist - 4 * 21_014) < 1e-9)
    }

    @Test("a specialist change on a plan without ehcp.csv is refused, not silently ignored")
    func specialistChangeNeedsEHCP() throws {
        let places = Self.borough.places!
        let plain = Plan(name: "plain", history: Self.borough.history, settings: Self.borough.settings, horizon: 5,
                         kind: .places(PlacePlanInputs(schools: places.schools)))
        let change = ScenarioChange(.specialist(SpecialistAddition(placement: .resourcedProvision, school: "RV01", places: 16, from: 2026)),
                                    source: "scenarios/x.toml, line 7")
        let error = try #require(throws: PlanKindError.self) { try ScenarioEngine.run(Scenario(name: "x", changes: [change]), on: PlanRun(plain)) }
        #expect(error.missing == "ehcp.csv" && error.purpose.contains("scenarios/x.toml, line 7"))
    }

    /// The real SEN2 counts (Data/england/ehcp.csv, from shared/data/sen2's 2022 release) for
    /// all 151 authorities, against their real census rolls and births: the figures docs/specialist.md states.
    @Test("the SEND model's backtest on the real SEN2 data: pinned figures, and the default beats holding the rate for school ages")
    func sendBacktestPinned() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        let scores = try SpecialistBacktest.run(plan, horizon: 3)
        func median(_ method: String, _ measure: String, _ h: Int) -> Double? {
            scores.first { $0.method.hasPrefix(method) && $0.measure == measure && $0.horizon == h }?.summary.medianAbsolute
        }
        let pinned: [(String, Int, Double)] = [("school age", 1, 0.0437), ("school age", 3, 0.1493), ("5-10", 1, 0.0492), ("11-15", 1, 0.0331)]
        for (measure, h, value) in pinned {
            let got = try #require(median("default", measure, h))
            #expect(abs(got - value) < 0.00005, "\(measure) \(h)y: \(got)")
        }
        for h in 1...3 { #expect(median("default", "school age", h)! < median("hold", "school age", h)!) }
        #expect(scores.first { $0.measure == "school age" && $0.horizon == 1 }!.summary.count == 742)
    }

    @Test("docs/specialist.md and docs/early-years.md show what specialist-backtest prints", arguments: [
        ("docs/specialist.md", "specialist-backtest", [String]()), ("docs/early-years.md", "early-years-backtest", ["--early-years"]),
    ])
    func documented(_ page: String, _ marker: String, _ flags: [String]) throws {
        let text = try String(contentsOf: CLI.root.appendingPathComponent(page), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- \(marker):begin -->\n```text\n"))
        let end = try #require(text.range(of: "```\n<!-- \(marker):end -->"))
        let result = try CLI.run(["specialist-backtest", "Data/england"] + flags)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(text[begin.upperBound..<end.lowerBound]) == result.stdout)
    }

    @Test("every figure of the README's specialist and early-years table is one the backtest commands print")
    func readmeFigures() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "| measure | 1 year ahead | 3 years ahead | against |"))
        let table = readme[start.upperBound...].split(separator: "\n").prefix(5).joined(separator: "\n")
        let printed = try CLI.run(["specialist-backtest", "Data/england"]).stdout + CLI.run(["specialist-backtest", "Data/england", "--early-years"]).stdout
        let figures = table.split(whereSeparator: { " |/(),:".contains($0) }).filter { $0.hasSuffix("%") && $0.first?.isNumber == true }
        #expect(figures.count == 16, "\(figures)")
        for figure in figures { #expect(printed.contains(" \(figure) "), "\(figure) is in the README but no command prints it") }
    }

    @Test("the early-years backtest on the real take-up counts (Data/england/early-years.csv): pinned figures")
    func earlyYearsBacktestPinned() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        let scores = try TakeUpBacktest.run(plan, horizon: 3)
        func median(_ method: TakeUpBacktest.Method, _ entitlement: TakeUpHistory.Entitlement, _ h: Int) -> Double? {
            scores.first { $0.method == method && $0.entitlement == entitlement && $0.horizon == h }?.summary.medianAbsolute
        }
        #expect(abs(median(.mean3, .threeFourYearOlds, 1)! - 0.0193) < 0.00005)
        #expect(abs(median(.mean3, .twoYearOlds, 1)! - 0.0662) < 0.00005)
        #expect(median(.mean3, .threeFourYearOlds, 1)! < median(.hold, .threeFourYearOlds, 1)!)
    }
}
