import Foundation
import Testing

/// `housing-delivery.csv` end to end on the borough: the draws build its planned homes as past
/// trajectories were built, which moves only what housing adds to, and says so.
@Suite("Housing delivery varied in the draws, end to end on the borough", .serialized)
struct HousingDeliveryCLITests {
    /// The borough's record, as docs/uncertainty.md quotes it.
    static let sentence = "Housing delivery varies: each draw builds the planned homes as the trajectory was built in a past year, "
        + "picked at random for each forecast year (10 years, 2015–2024: completions 62–103% of the year's trajectory), "
        + "and what a year leaves unbuilt is built later"

    /// `forecast --level area --intervals 80 --format csv` of a folder, as rows keyed year|area|year group.
    static func areaIntervals(_ folder: String, _ more: [String] = []) throws -> [String: [String: String]] {
        let result = try CLI.run(["forecast", folder, "--level", "area", "--intervals", "80", "--format", "csv"] + more)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Table(text: result.stdout).rows
        return Dictionary(uniqueKeysWithValues: rows.map { ("\($0["year"]!)|\($0["area"]!)|\($0["year_group"]!)", $0) })
    }

    @Test("plan says how housing delivery varies; the chance of a shortfall where housing adds pupils falls, as docs/uncertainty.md says")
    func planSaysAndChanceFalls() throws {
        let without = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: without.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: without.appendingPathComponent("housing-delivery.csv"))
        let with = try CLI.run(["plan", "Data/borough", "--intervals", "80"])
        let plain = try CLI.run(["plan", without.path, "--intervals", "80"])
        #expect(with.status == 0 && plain.status == 0, "\(with.stderr)\(plain.stderr)")
        #expect(with.stdout.contains(Self.sentence))
        #expect(!plain.stdout.contains("Housing delivery varies"))
        let check = try CLI.run(["check", "Data/borough"])
        #expect(check.stdout.contains("- housing: 4 sites, 1,270 homes planned 2025/26–2030/31; past delivery (10 years, 2015–2024: "
            + "completions 62–103% of the year's trajectory) varies them in simulated draws\n"), "\(check.stdout)")
        // North (S1)'s sixth form, first year at 10% or more (2027/28): the figures docs quote.
        let line = { (text: String) -> String in
            guard let chances = text.range(of: "Chance of a shortfall") else { return "" }
            return text[chances.upperBound...].split(separator: "\n").first { $0.hasPrefix("North (S1)") && $0.contains("sixth form") }.map(String.init) ?? ""
        }
        // The first year at 10% or more and its chance, the line's third and fourth cells.
        let firstChance = { (text: String) in line(text).split(separator: " ").dropFirst(4).prefix(2).joined(separator: " ") }
        #expect(firstChance(with.stdout) == "2027/28 57%", "\(line(with.stdout))")
        #expect(firstChance(plain.stdout) == "2027/28 72.4%", "\(line(plain.stdout))")
        // The page's words with its line breaks read as spaces.
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/uncertainty.md"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(docs.contains("72.4% to 57%"), "docs/uncertainty.md quotes the chance before and after")
        // The pupils housing adds to North (S1) in 2027/28, as docs quote them (plan-housing.csv).
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CLI.run(["plan", "Data/borough", "--out-dir", out.path]).status == 0)
        let added = try Table(out.appendingPathComponent("plan-housing.csv")).rows
            .filter { $0["year"] == "2027" && $0["area"] == "S1" }.reduce(0.0) { $0 + Double($1["pupils_added"]!)! }
        #expect(Int(added.rounded()) == 67 && docs.contains("planned housing adds 67 pupils in 2027/28"), "\(added)")
        #expect(docs.contains("(`Data/borough/housing-delivery.csv`, 10 years, 2015–2024: completions 62–103% of the year's trajectory)"))
    }

    @Test("only what housing adds to moves: an area-year group without housing pupils keeps its interval, and every central figure stays")
    func onlyHousingMoves() throws {
        let without = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: without.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: without.appendingPathComponent("housing-delivery.csv"))
        let with = try Self.areaIntervals("Data/borough"), plain = try Self.areaIntervals(without.path)
        let noHousing = try Table(text: try CLI.run(["forecast", "Data/borough", "--level", "area", "--format", "csv", "--no-housing"]).stdout).rows
        #expect(with.count == plain.count && with.count == noHousing.count && with.count > 500)
        var moved = 0, kept = 0
        for row in noHousing {
            let key = "\(row["year"]!)|\(row["area"]!)|\(row["year_group"]!)"
            let a = try #require(with[key]), b = try #require(plain[key])
            #expect(a["pupils"] == b["pupils"], "\(key): the central forecast is the same")
            if a["pupils"] == row["pupils"] {
                // Housing adds nothing to this cell: its draws are the same.
                #expect(a["lower"] == b["lower"] && a["upper"] == b["upper"], "\(key)")
                kept += 1
            } else if a["lower"] != b["lower"] || a["upper"] != b["upper"] {
                moved += 1
            }
        }
        #expect(kept > 300 && moved > 50, "kept \(kept), moved \(moved)")
    }

    @Test("a record in which every trajectory was built gives the same intervals as no record; --no-housing leaves the record unused")
    func fullRecordIsNoRecord() throws {
        let full = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: full.deletingLastPathComponent()) }
        try "year,planned,completed\n2019,880,880\n2020,900,900\n".write(to: full.appendingPathComponent("housing-delivery.csv"), atomically: true, encoding: .utf8)
        let none = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: none.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: none.appendingPathComponent("housing-delivery.csv"))
        let a = try Self.areaIntervals(full.path), b = try Self.areaIntervals(none.path)
        #expect(a == b)
        // Two years are a record the draws can only repeat: a warning says so.
        let check = try CLI.run(["check", full.path])
        #expect(check.stderr.contains("housing-delivery.csv, line 1: has only 2 past years up to the last census"), "\(check.stderr)")
        #expect(!(try CLI.run(["check", "Data/borough"])).stderr.contains("has only"))
        let noHousing = try CLI.run(["plan", "Data/borough", "--intervals", "80", "--no-housing"])
        #expect(noHousing.status == 0 && !noHousing.stdout.contains("Housing delivery varies"))
    }

    @Test("a delivery record with no housing to build is a warning that names it, not a silent input")
    func unusedRecordWarns() throws {
        let folder = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("housing.csv"))
        // Its scenarios change a site of housing.csv: without the file they are (rightly) errors.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("scenarios"))
        let result = try CLI.run(["check", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("housing-delivery.csv: is not used: there is no housing.csv whose homes it would build"),
                "\(result.stdout)\(result.stderr)")
    }
}

extension HousingDeliveryCLITests {
    @Test("with the rolls cut at 2021, the record's later years are kept out with a warning, and the earlier ones still vary delivery")
    func laterYearsKeptOut() throws {
        let folder = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let rolls = try String(contentsOf: folder.appendingPathComponent("rolls.csv"), encoding: .utf8).split(separator: "\n")
        try ([rolls[0]] + rolls.dropFirst().filter { Int($0.prefix { $0 != "," })! <= 2021 }).joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("rolls.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["plan", folder.path, "--intervals", "80"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("housing-delivery.csv, line 9, column 1"), "\(result.stderr)")
        #expect(result.stderr.contains("3 rows are for years after the last census (2021/22) and are not used"), "\(result.stderr)")
        #expect(result.stdout.contains("(7 years, 2015–2021: completions 62–103% of the year's trajectory)"), "\(result.stdout)")
    }
}

extension HousingDeliveryCLITests {
    @Test("scenario and optimise draw with the same housing delivery as plan, and say so in the same words")
    func scenarioAndOptimiseSayIt() throws {
        let scenario = try CLI.run(["scenario", "Data/borough", "--intervals", "80"])
        let optimise = try CLI.run(["optimise", "Data/borough", "--shortfall-chance", "10"])
        #expect(scenario.status == 0 && optimise.status == 0, "\(scenario.stderr)\(optimise.stderr)")
        #expect(scenario.stdout.contains(Self.sentence), "\(scenario.stdout)")
        #expect(optimise.stdout.contains(Self.sentence), "\(optimise.stdout)")
        let plain = try CLI.run(["optimise", "Data/borough"])
        #expect(plain.status == 0 && !plain.stdout.contains("Housing delivery varies"), "no draws, nothing to say")
    }
}

extension HousingDeliveryCLITests {
    @Test("the report's methods say it too: the intervals' entry names the draws (1,000, grouped as every figure) and the delivery")
    func reportSaysIt() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("borough.html")
        let result = try CLI.run(["report", "Data/borough", "--intervals", "80", "--out", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let entry = try #require(html.range(of: "<dt>Intervals</dt><dd>").map { html[$0.upperBound...].prefix { $0 != "<" } })
        #expect(entry.hasPrefix("80% prediction intervals from 1,000 draws of the forecast"), "\(entry)")
        #expect(entry.contains("each draw builds the planned homes as the trajectory was built in a past year"), "\(entry)")
        #expect(entry.contains("(10 years, 2015–2024: completions 62–103% of the year&#39;s trajectory)"), "\(entry)")
    }
}
