import Foundation
import PlacePlanCore
import PlacePlanIO
import Testing

/// Examples in docs/ that a test keeps true.
@Suite("docs: the plan folder page")
struct DocsTests {
    static func page(_ name: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    @Test("the plan.toml example parses, with the settings it says")
    func planTomlExample() throws {
        let page = try Self.page("plan-folder.md")
        let begin = try #require(page.range(of: "```toml\n"))
        let end = try #require(page.range(of: "```", range: begin.upperBound..<page.endIndex))
        let config = try PlanConfig.parse(String(page[begin.upperBound..<end.lowerBound]), file: "docs/plan-folder.md")
        #expect(config.name == "Northshire" && config.horizon == 10)
        #expect(config.settings.intervals == 0.8 && config.settings.birthsTrendYears == 5)
        #expect(config.settings.label == "mean-1+weighted-5:weighted-3")
    }

    @Test("the settings table names every setting, its plan.toml key and its flag")
    func settingsTable() throws {
        let page = try Self.page("plan-folder.md")
        let begin = try #require(page.range(of: "<!-- settings:begin -->"))
        let end = try #require(page.range(of: "<!-- settings:end -->"))
        let rows = page[begin.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| `") }
        let documented = rows.dropFirst().map { row in row.split(separator: "|").prefix(2).map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(documented == Setting.allCases.map { ["`\($0.tomlKey)`", "`\($0.flag)`"] })
        #expect(page.contains("whole years, \(SettingRule.horizonRange.lowerBound) to \(SettingRule.horizonRange.upperBound)"))
    }
}

@Suite("docs: bad input")
struct BadInputDocsTests {
    @Test("the bounds table states the bounds the readers enforce")
    func boundsTable() throws {
        let page = try DocsTests.page("bad-input.md")
        let begin = try #require(page.range(of: "<!-- bounds:begin -->"))
        let end = try #require(page.range(of: "<!-- bounds:end -->"))
        let limits = page[begin.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst()
            .map { $0.split(separator: "|").last!.trimmingCharacters(in: .whitespaces) }
        func grouped(_ n: Double) -> String {
            String(String(Int(n)).reversed().enumerated().map { i, c in i > 0 && i % 3 == 0 ? ",\(c)" : "\(c)" }.joined().reversed())
        }
        #expect(limits == [Bounds.pupils.upperBound, Bounds.births.upperBound, Double(Bounds.schoolPlaces.upperBound),
                           Double(Bounds.admissionNumber.upperBound), Bounds.dwellings.upperBound, Bounds.yieldPerDwelling.upperBound,
                           Bounds.costPerPlace.upperBound, Bounds.projectCost.upperBound]
            .map(grouped))
    }
}

@Suite("docs: the report's screenshot")
struct ScreenshotDocsTests {
    @Test("docs/report-borough.png shows today's figures: the places needed it was taken with are the report's now")
    func screenshotFigures() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("report.html")
        #expect(try CLI.run(["report", "Data/borough", "--no-accuracy", "--out", html.path]).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        // The same rows Scripts/screenshot-report writes: area | phase | places needed at peak.
        let pattern = ##"<tr class="[a-z]*"><th><a href="#area-[0-9]*">([^<]*)</a></th><td>([^<]*)</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>"##
        let regex = try NSRegularExpression(pattern: pattern)
        let now = regex.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { match in
            (1...3).map { String(page[Range(match.range(at: $0), in: page)!]) }.joined(separator: " | ")
        }
        let shown = try String(contentsOf: CLI.root.appendingPathComponent("docs/report-borough.figures"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!now.isEmpty)
        #expect(now == shown, "the screenshot shows other figures than the report makes today: run Scripts/screenshot-report")
    }
}
