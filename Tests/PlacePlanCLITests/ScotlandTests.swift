import Foundation
import Testing

/// `Data/scotland`: real schools by stage on a custom ladder, with no capacity.
@Suite("the Scottish school plan: a custom ladder, real schools, no places")
struct ScotlandTests {
    @Test("check reads every school; plan forecasts them and says there is no sufficiency without places; tables leave capacity empty")
    func planWithoutPlaces() throws {
        let check = try CLI.run(["check", "Data/scotland"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("P1, P2, P3, P4, P5, P6, P7, S1, S2, S3, S4, S5, S6"))
        #expect(check.stdout.contains("2,349 schools") && check.stdout.contains("32 primary and 32 secondary planning areas"), "\(check.stdout)")
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = try CLI.run(["plan", "Data/scotland", "--out-dir", out.path])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("No places: schools.csv does not give the schools' net_capacity and pan"))
        #expect(!plan.stdout.contains("Places needed"))
        let areas = try String(contentsOf: out.appendingPathComponent("plan-areas.csv"), encoding: .utf8)
        #expect(areas.contains("2022,actual,aberdeen-city-P,Aberdeen City,primary,primary,,14573,,,,0,"), "\(areas.prefix(400))")
        // The 2022/23 census adds up to the published mainstream roll, every stage.
        let authority = try String(contentsOf: out.appendingPathComponent("plan-authority.csv"), encoding: .utf8)
        let actual = authority.split(separator: "\n").filter { $0.hasPrefix("2022,actual,") }
            .map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[4])! }.reduce(0, +)
        #expect(actual == 698_053, "\(authority.prefix(300))")
    }

    @Test("what needs places says so: the report, scenarios and the developer report refuse with the reason")
    func needsPlaces() throws {
        for arguments in [["report", "Data/scotland", "--out", "-"], ["scenario", "Data/scotland"]] {
            let result = try CLI.run(arguments)
            #expect(result.status != 0 && result.stderr.contains("has no net_capacity and pan in schools.csv"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("places are all or nothing: one school with a capacity and the rest without is a located error")
    func allOrNothing() throws {
        let folder = try CLI.temporaryFolder().appendingPathComponent("scotland")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/scotland"), to: folder)
        let url = folder.appendingPathComponent("schools.csv")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "falkirk-S,,,", with: "falkirk-S,210,30,")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", folder.path])
        #expect(result.status != 0 && result.stderr.contains("schools.csv, line 3, column 6 (net_capacity): the net capacity is missing, but other schools have theirs"),
                "\(result.stderr.prefix(600))")
    }
}
