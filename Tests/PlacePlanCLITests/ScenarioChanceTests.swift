import Foundation
@testable import PlacePlanCore
import PlacePlanIO
import PlacePlanReport
import PlacePlanSpreadsheet
import Testing

/// The chance of a shortfall in scenarios and in the optimiser: drawn from the same past
/// forecasts as the place plan's own, by the same path.
@Suite("Chance of a shortfall in scenarios and programmes", .serialized)
struct ScenarioChanceTests {
    static let plan: Plan = try! PlanFolder.load(CLI.root.appendingPathComponent("Data/borough"))
    static let run: PlanRun = try! PlanRun(plan, options: RunOptions(intervals: 80))
    static let scenarios: [Scenario] = try! ScenarioFile.load(CLI.root.appendingPathComponent("Data/borough"), display: "Data/borough",
                                                             names: [], plan: plan)

    @Test("the scenario baseline's chances are the place plan's, and scenario-areas.csv shows them")
    func baselineIsThePlan() throws {
        let comparison = try ScenarioComparison.run(Self.scenarios, on: Self.run)
        let plan = try #require(Self.run.uncertainty?.shortfall)
        #expect(!plan.isEmpty && comparison.baseline.shortfall == plan)
        let file = try #require(ScenarioReport.files(comparison).first { $0.name == "scenario-areas.csv" })
        let rows = try Table(text: file.text).rows
        let key = AreaPhaseYear(area: "P01", phase: .primary, year: 2026)
        let row = try #require(rows.first { $0["scenario"] == "baseline" && $0["area"] == "P01" && $0["phase"] == "primary" && $0["year"] == "2026" })
        #expect(Double(row["p_short"]!)! == plan[key]!.short && Double(row["p_below_margin"]!)! == plan[key]!.belowMargin)
        // Every scenario's forecast years have a chance; the census year has none.
        #expect(rows.filter { $0["basis"] == "forecast" }.allSatisfy { !$0["p_short"]!.isEmpty })
        #expect(rows.filter { $0["basis"] == "actual" }.allSatisfy { $0["p_short"]!.isEmpty })
        #expect(ScenarioReport.render(comparison, costs: .dfe).contains("Chance of a shortfall, the highest in any forecast year"))
        // The workbook keeps the chance exact and shows it as a percentage.
        let sheet = try #require(try TableWorkbook.workbook(ScenarioReport.files(comparison), title: "t").sheets.first { $0.name == "scenario-areas" })
        let column = try #require(sheet.columns.firstIndex(of: "p_short"))
        #expect(sheet.formats[column] == .percent)
    }

    @Test("a bulge class adds places and no pupils: the same draws, a lower chance only where its places are")
    func bulgeLowersOnlyItsArea() throws {
        let bulge = try #require(Self.scenarios.first { $0.name == "bulge-2025" })
        let outcome = try ScenarioEngine.run(bulge, on: Self.run)
        let baseline = try #require(Self.run.uncertainty?.shortfall)
        #expect(outcome.shortfall.keys.sorted() == baseline.keys.sorted())
        var lower = 0
        for (key, chance) in outcome.shortfall {
            let before = baseline[key]!
            if key.area == "P01" && key.phase == .primary {
                #expect(chance.short <= before.short && chance.belowMargin <= before.belowMargin)
                if chance.short < before.short { lower += 1 }
            } else {
                #expect(chance == before, "\(key.label)")
            }
        }
        #expect(lower > 0)
    }

    @Test("a new school's draws take the mean of its area's schools' past errors")
    func newSchoolTakesItsAreasErrors() throws {
        let errors = try #require(Self.run.schoolErrors)
        let forecast = try #require(Self.run.places?.forecast)
        #expect(errors.matching(forecast) == errors.errors)
        // Leave one Northgate school out, as a school with no past would be.
        let gone = try #require(errors.codes.firstIndex(of: "NG06"))
        let kept = errors.codes.indices.filter { $0 != gone }
        let E = errors.errors, G = E.yearGroups, L = E.leads, K = E.origins.count
        var values = [Float](repeating: 0, count: K * L * kept.count * G), spread = [Float](repeating: 0, count: L * kept.count * G)
        for (u, r) in kept.enumerated() {
            for g in 0..<G {
                for l in 0..<L {
                    for k in 0..<K { values[((k * L + l) * kept.count + u) * G + g] = E.values[((k * L + l) * E.units + r) * G + g] }
                    spread[(l * kept.count + u) * G + g] = E.spread[(l * E.units + r) * G + g]
                }
            }
        }
        let partial = SchoolErrors(codes: kept.map { errors.codes[$0] }, errors: PastErrors(
            origins: E.origins, units: kept.count, yearGroups: G, leads: L, values: values, spread: spread, widening: E.widening))
        let matched = partial.matching(forecast)
        let others = kept.filter { r in forecast.schools.first { $0.school.code == errors.codes[r] }?.school.primaryArea == "P01" }
        #expect(others.count >= 3)
        let g = 0, l = 0, k = 0
        var sum: Float = 0
        for r in others { sum += E.values[((k * L + l) * E.units + r) * G + g] }
        let mean = sum / Float(others.count)
        #expect(abs(matched.values[((k * L + l) * matched.units + gone) * G + g] - mean) < 1e-6)
        #expect(mean != 0)
    }

    @Test("optimise --shortfall-chance keeps the chance at most the target wherever the programme meets its need")
    func optimiserKeepsTheChance() throws {
        let candidates = try ScenarioFile.candidates(file: nil, folder: CLI.root.appendingPathComponent("Data/borough"),
                                                     display: "Data/borough", plan: Self.plan)
        let plain = try ProgrammeStudy(candidates.0, on: Self.run, nodeLimit: 2_000_000)
        let study = try ProgrammeStudy(candidates.0, on: Self.run, nodeLimit: 2_000_000, shortfallChance: 0.1)
        let chances = try #require(study.chances)
        // Asking for a chance can only add need.
        #expect(study.withoutProjects.shortfall > plain.withoutProjects.shortfall)
        #expect(chances.none == Self.run.uncertainty?.shortfall)
        // Where the chosen programme leaves nothing missing, its chance (run as a scenario) is at
        // most 10%, give or take a draw and a new school's own draws.
        let plan = study.baseline.plan
        var checked = 0
        for (key, chance) in chances.chosen where plan.isForecast(key.year) && study.result.best.shortBy[key.label] == nil {
            #expect(chance.short <= 0.1 + 0.02, "\(key.label): \(chance.short)")
            checked += 1
        }
        #expect(checked > 0)
        // The chosen programme lowers the chance where it builds.
        let p01 = AreaPhaseYear(area: "P01", phase: .primary, year: 2027)
        #expect(chances.chosen[p01]!.short < chances.none[p01]!.short)
    }

    @Test("optimise --shortfall-chance on the command line, and its range")
    func optimiseCommand() throws {
        let result = try CLI.run(["optimise", "Data/borough", "--shortfall-chance", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("at most 10% in every year"))
        #expect(result.stdout.contains("Without a programme: chance of a shortfall: above 10% in"))
        // docs/uncertainty.md gives the area-years above 10% with no programme and with the chosen one.
        let counts = result.stdout.split(separator: "\n").compactMap { line -> String? in
            let line = line.lowercased()  // "Without a programme: chance …", "Chance …"
            guard let range = line.range(of: "chance of a shortfall: above 10% in ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
        #expect(counts.count >= 2, "\(result.stdout)")
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/uncertainty.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        #expect(docs.contains("\(counts.first ?? "?") area-years above 10% with no programme, \(counts.dropFirst().first ?? "?") with the chosen one"),
                "\(counts)")
        let bad = try CLI.run(["optimise", "Data/borough", "--shortfall-chance", "60"])
        #expect(bad.status != 0 && bad.stderr.contains("--shortfall-chance is a percent from 0.1 to 50 (got 60.0)"))
    }

    @Test("optimise --shortfall-chance on rolls too short to simulate says so, and how to go on")
    func tooShortToDraw() throws {
        // The borough with its last four censuses only.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("short-borough-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: folder)
        let rolls = folder.appendingPathComponent("rolls.csv")
        let lines = try String(contentsOf: rolls, encoding: .utf8).split(separator: "\n")
        let kept = [lines[0]] + lines.dropFirst().filter { Int($0.prefix(4))! >= 2021 }
        try (kept.joined(separator: "\n") + "\n").write(to: rolls, atomically: true, encoding: .utf8)
        let result = try CLI.run(["optimise", folder.path, "--shortfall-chance", "10"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("a chance of a shortfall of 10% needs simulated draws of the forecast, and this plan has none: "
            + "no 80% prediction intervals: the rolls cover 4 years"))
        #expect(result.stderr.contains("fix: leave out --shortfall-chance"))
    }
}
