import Foundation
import Testing

/// Housing growth in the plan and the developer infrastructure report, end to end on the
/// example borough (Data/borough/housing.csv: Northgate Fields, 1,000 dwellings in Northgate).
@Suite("housing growth and developer-report, end to end", .serialized)
struct HousingCLITests {
    /// CSV text → rows keyed by header.
    func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    func report(_ arguments: [String]) throws -> [[String: String]] {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("dev.csv")
        let result = try CLI.run(["developer-report", "Data/borough"] + arguments + ["--csv", csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        return rows(try String(contentsOf: csv, encoding: .utf8))
    }

    /// The row of a developer-report CSV of kind `row` (`phase`, `charge`, `year group`) for a phase and year.
    func row(_ table: [[String: String]], _ kind: String, _ phase: String, _ year: Int? = nil, yearGroup: String? = nil) -> [String: String]? {
        table.first { $0["row"] == kind && $0["phase"] == phase && (year == nil || $0["year"] == String(year!))
            && (yearGroup == nil || $0["year_group"] == yearGroup) }
    }

    @Test("worked example: Northgate Fields (1,000 dwellings, 2026–2030) owes £9,780,886, as by hand")
    func workedExample() throws {
        let table = try report(["--site", "Northgate Fields"])
        func value(_ r: [String: String]?, _ column: String) -> Double { Double(r![column]!)! }
        // Completions 150, 250, 250, 200, 150 a year; default yields 0.20 primary, 0.15 secondary, 0.06 post-16
        // per dwelling, reached on completion: cumulative dwellings × yield.
        let cumulative = [150.0, 400, 650, 850, 1000, 1000, 1000, 1000, 1000]
        for (i, dwellings) in cumulative.enumerated() {
            #expect(abs(value(row(table, "phase", "primary", 2026 + i), "site_pupils") - 0.20 * dwellings) < 0.005)
            #expect(abs(value(row(table, "phase", "secondary", 2026 + i), "site_pupils") - 0.15 * dwellings) < 0.005)
            #expect(abs(value(row(table, "phase", "post-16", 2026 + i), "site_pupils") - 0.06 * dwellings) < 0.005)
        }
        #expect(value(row(table, "phase", "primary", 2025), "site_pupils") == 0)
        // Every year group: baseline = plan − site; available = places × (1 − 2%) − baseline;
        // not provided = max(0, site − max(0, available)); a phase's year is its year groups added up.
        let groups = table.filter { $0["row"] == "year group" }
        #expect(groups.count == 10 * (7 + 5 + 2))  // primary, secondary and sixth-form year groups (early years have none)
        for g in groups where !g["capacity"]!.isEmpty {
            let baseline = value(g, "plan_pupils") - value(g, "site_pupils")
            let available = value(g, "capacity") * 0.98 - baseline
            #expect(abs(value(g, "baseline_pupils") - baseline) < 0.006)
            #expect(abs(value(g, "places_available") - available) < 0.006)
            #expect(abs(value(g, "places_not_provided") - max(0, value(g, "site_pupils") - max(0, available))) < 0.006)
        }
        // Northgate's primary year groups are full from 2031/32 and North's (S1) secondary ones from 2032/33:
        // every pupil of the full development needs a new place. North's sixth form has 17 places available in Year 12 in
        // 2034/35, so 60 − 17 = 43 post-16 places are charged:
        // 200 × £21,014 + 150 × £28,902 + 43 × £28,902 = £4,202,800 + £4,335,300 + £1,242,786.
        let charged = Dictionary(uniqueKeysWithValues: table.filter { $0["row"] == "charge" }.map {
            ($0["phase"]!, (Int($0["places_charged"]!)!, Double($0["contribution"]!)!, Int($0["year"]!)!))
        })
        #expect(charged["primary"]! == (200, 4_202_800, 2031))
        #expect(charged["secondary"]! == (150, 4_335_300, 2032))
        #expect(charged["post-16"]! == (43, 1_242_786, 2034))
        let total = table.first { $0["row"] == "total" }!
        #expect(total["places_charged"] == "393" && total["contribution"] == "9780886.00")
        #expect(row(table, "charge", "primary")!["area"] == "P01" && row(table, "charge", "secondary")!["area"] == "S1")
    }

    @Test("(c) the site's own pupils leave the baseline however they entered: Northgate Fields' 200 dwellings within the background")
    func noDoubleCounting() throws {
        let table = try report(["--site", "Northgate Fields"])
        // Northgate's background is 40 dwellings a year (Northgate Mill, 2020–2024), so of Fields' 1,000 dwellings
        // 40 a year for 2026–2030 (200) are in the ratios already and 800 are added: 160 primary pupils through the
        // trajectory and 40 (200 × 0.20) within the background. The baseline leaves out all 200, so it is the
        // plan without housing (Northgate has no other planned site) less those 40.
        let line = row(table, "phase", "primary", 2030)!
        #expect(line["site_pupils"] == "200.00" && line["trajectory_pupils"] == "160.00")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["plan", "Data/borough", "--no-housing", "--out", folder.path]).status == 0)
        let groups = rows(try String(contentsOf: folder.appendingPathComponent("plan-area-year-groups.csv"), encoding: .utf8))
        let ratiosOnly = groups.filter { $0["area"] == "P01" && $0["year"] == "2030" && $0["phase"] == "primary" }
            .reduce(0) { $0 + Double($1["pupils"]!)! }
        // Seven year groups, each rounded to a whole pupil in both plans.
        #expect(abs(Double(line["baseline_pupils"]!)! - (ratiosOnly - 40)) <= 3.5, "\(line["baseline_pupils"]!) against \(ratiosOnly) − 40")
    }

    @Test("the figures the developer report tests against are the plan's own: places and pupils by area and year group")
    func samePlan() throws {
        let table = try report(["--site", "Northgate Fields"])
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["plan", "Data/borough", "--out", folder.path]).status == 0)
        let groups = rows(try String(contentsOf: folder.appendingPathComponent("plan-area-year-groups.csv"), encoding: .utf8))
        var compared = 0
        for g in table where g["row"] == "year group" && !g["capacity"]!.isEmpty {
            let planRow = groups.first { $0["area"] == g["area"] && $0["year"] == g["year"] && $0["year_group"] == g["year_group"] }
            #expect(planRow?["capacity"] == g["capacity"] && planRow?["pupils"] == g["plan_pupils"], "\(g)")
            compared += 1
        }
        #expect(compared == 10 * 14)
    }

    @Test("charge_rule = \"completion\" charges the year the site completes")
    func completionRule() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let toml = plan.appendingPathComponent("plan.toml")
        try (try String(contentsOf: toml, encoding: .utf8) + "\n[housing]\ncharge_rule = \"completion\"\n").write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["developer-report", plan.path, "--site", "Northgate Fields"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("charged for the places not provided in the year the site completes"))
        #expect(result.stdout.contains("primary    Northgate (P01)  2030/31"), "\(result.stdout)")
        try (try String(contentsOf: toml, encoding: .utf8).replacingOccurrences(of: "\"completion\"", with: "\"latest\""))
            .write(to: toml, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["developer-report", plan.path, "--site", "Northgate Fields"])
        #expect(bad.status == 1 && bad.stderr.contains("plan.toml, line") && bad.stderr.contains("charge_rule 'latest' is not a rule"), "\(bad.stderr)")
    }

    @Test("doubling the dwellings doubles the development's pupils in every phase and year")
    func doubling() throws {
        let one = try report(["--area", "P03", "--dwellings", "300", "--start", "2026", "--phasing", "100,200", "--mix", "house/market=2,flat=1"])
        let two = try report(["--area", "P03", "--dwellings", "600", "--start", "2026", "--phasing", "200,400", "--mix", "house/market=2,flat=1"])
        let years = one.filter { $0["row"] == "phase" }
        #expect(years.count == 4 * 10)
        for (a, b) in zip(years, two.filter { $0["row"] == "phase" }) {
            #expect(a["phase"] == b["phase"] && a["year"] == b["year"])
            #expect(abs(2 * Double(a["site_pupils"]!)! - Double(b["site_pupils"]!)!) <= 0.01 + 1e-9)
        }
        #expect(Double(years.first { $0["phase"] == "primary" && $0["year"] == "2027" }!["site_pupils"]!)! == 60)
    }

    @Test("a development where there are ample spare places owes nothing for that phase")
    func ampleSpare() throws {
        // Southmead (P06) has 23–48% spare primary places; South (S3) 13–21% spare secondary.
        let table = try report(["--area", "P06", "--dwellings", "250"])
        for row in table where row["row"] == "charge" || row["row"] == "total" {
            #expect(row["contribution"] == "0.00", "\(row)")
        }
        let primary = table.filter { $0["phase"] == "primary" && $0["row"] == "phase" }
        #expect(primary.allSatisfy { Double($0["places_available"]!)! > 50 && $0["places_not_provided"] == "0.00" })
    }

    @Test("the plan includes the housing pupils, says how much was added and why, and --no-housing leaves them out")
    func planEffect() throws {
        let with = try CLI.run(["plan", "Data/borough"])
        let without = try CLI.run(["plan", "Data/borough", "--no-housing"])
        #expect(with.status == 0 && without.status == 0)
        #expect(with.stdout.contains("Housing growth (housing.csv)") && with.stdout.contains("mean of 2020–2024 completions"))
        #expect(without.stdout.contains("Housing growth left out (--no-housing)"))
        let forecastWith = rows(try CLI.run(["forecast", "Data/borough"]).stdout)
        let forecastWithout = rows(try CLI.run(["forecast", "Data/borough", "--no-housing"]).stdout)
        func phase(_ table: [[String: String]], _ area: String, _ year: Int, _ groups: [String]) -> Double {
            table.filter { $0["area"] == area && $0["year"] == String(year) && groups.contains($0["year_group"]!) }
                .reduce(0) { $0 + Double($1["pupils"]!)! }
        }
        let primary = ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"]
        // Northgate: 800 dwellings above its background of 40 a year by 2030 (110 + 210 + 210 + 160 + 110) × 0.20.
        #expect(abs(phase(forecastWith, "P01", 2030, primary) - phase(forecastWithout, "P01", 2030, primary) - 160) < 0.5)
        // Riverside builds at its background rate: nothing added. Southmead has no housing.
        #expect(phase(forecastWith, "P02", 2030, primary) == phase(forecastWithout, "P02", 2030, primary))
        #expect(phase(forecastWith, "P06", 2030, primary) == phase(forecastWithout, "P06", 2030, primary))
    }

    @Test("bad housing input: every problem with file, line, column and what to do; nothing written")
    func badInput() throws {
        let plan = try CLI.copyOfBorough()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let housing = plan.appendingPathComponent("housing.csv")
        var text = try String(contentsOf: housing, encoding: .utf8)
        text += "Bad Site,P99,2027,50,,,,,\nMinus,P01,2027,-5,,,,,\n"
        try text.write(to: housing, atomically: true, encoding: .utf8)
        let out = plan.deletingLastPathComponent().appendingPathComponent("out")
        let result = try CLI.run(["plan", plan.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("housing.csv, line 30, column 2 (area): area P99 is not a primary planning area of this plan"))
        #expect(result.stderr.contains("housing.csv, line 31, column 4 (dwellings): the number of dwellings is negative (-5)"))
        #expect(result.stderr.contains("fix: "))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let start = try CLI.run(["developer-report", "Data/borough", "--area", "P01", "--dwellings", "10", "--start", "2023"])
        #expect(start.status != 0 && start.stderr.contains("--start 2023 is not after the forecast base"))

        // Implausible yields are warned about, not refused.
        try? FileManager.default.removeItem(at: housing)
        try "site,area,year,dwellings\nA,P01,2026,10\n".write(to: housing, atomically: true, encoding: .utf8)
        try "type,tenure,bedrooms,early_years,primary,secondary,post16\n,,,0,20,0.15,0.06\n"
            .write(to: plan.appendingPathComponent("yields.csv"), atomically: true, encoding: .utf8)
        let warned = try CLI.run(["plan", plan.path])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("yields.csv, line 2, column 5 (primary): 20.0 primary pupils per dwelling is outside the plausible"))
    }

    @Test("the HTML page escapes names and prints the assumptions")
    func html() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("dev.html")
        #expect(try CLI.run(["developer-report", "Data/borough", "--site", "Northgate Fields", "--out", page.path]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains("£9,780,886") && html.contains("Assumptions"))
        #expect(html.contains("£21,014") && html.contains("0.200") && html.contains("regional factor 1.00"))
        #expect(!html.contains("<script") && !html.contains("http"))
    }
}

@Suite("housing-yields, end to end")
struct HousingYieldsCLITests {
    @Test("housing-yields shows the yields in use beside the estimates from the borough's history")
    func yields() throws {
        let result = try CLI.run(["housing-yields", "Data/borough", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "phase,in_use,estimate,standard_error,observations,areas,note")
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["primary,0.200", "secondary,0.150", "post-16,0.060"])
        // Northgate Mill (P01, 2020–2024) and Riverside Wharf (P02, 2019–2029): six census years from 2019 in two primary areas.
        #expect(lines[1].hasSuffix(",12,2,"))
        let england = try CLI.run(["housing-yields", "Data/england"])
        #expect(england.status != 0 && england.stderr.contains("no schools.csv"))
    }
}
