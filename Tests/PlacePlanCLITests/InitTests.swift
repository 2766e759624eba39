import Foundation
import Testing
import PlacePlanCore
import PlacePlanIO

/// `placeplan init`: a folder of downloads in, a checked plan folder out.
@Suite("placeplan init: a folder of downloads as a checked plan folder")
struct InitTests {
    static let shared = CLI.root.appendingPathComponent("../shared/data").standardizedFileURL
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("england-la/births_la_midyear.csv").path) }

    @Test("the bundled downloads: the census is found by its header, the GIAS files are listed as not used, and the folder checks")
    func bundled() throws {
        let out = try CLI.temporaryFolder().appendingPathComponent("thurrock")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try CLI.run(["init", "--la", "E06000034", "--from", "Data/imports", "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- ees-extract.csv: school census (pupils by NC year group and authority)"))
        #expect(result.stdout.contains("- gias-hampshire-surrey.csv: not used: neither a school census by year group nor births by authority"))
        #expect(result.stdout.contains("placeplan check \(out.path):\nThurrock: OK"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("births.csv").path))
    }

    @Test("from ../shared/data alone: the GLA's series taken over the EES download for its longer history (9 census years, not 5), Thurrock's rolls England's cell for cell, ONS mid-year births with their basis fixed, 2023 kept projected; it forecasts with intervals; --include-special takes the EES download",
          .enabled(if: InitTests.hasShared))
    func fromSharedData() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("thurrock")
        let result = try CLI.run(["init", "--la", "E06000034", "--from", Self.shared.path, "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- england-la/pupils_la_ncyear.csv: school census series (pupils by authority and NC year group, the GLA's layout)"))
        #expect(result.stdout.contains("Census: took england-la/pupils_la_ncyear.csv (9 census years, 2011/12–2019/20), the longest history, "
            + "over ees-la-ncyear/spc_pupils_fsm_ethnicity_yrgp.csv (5 census years, 2015/16–2019/20)"), "\(result.stdout)")
        #expect(result.stdout.contains("Pupils: the GLA's series of the DfE school census by local authority: state-funded primary, secondary and alternative provision"))
        #expect(result.stdout.contains("- year group: Y14: 9 rows"))
        // The births' basis is fixed by their layout, and one authority's eight year-to-year
        // changes are too few to say otherwise: check does not tell the planner to change it.
        #expect(!result.stdout.contains("births_basis is \"mid-year\", but read as"), "\(result.stdout)")
        let history = try PlanFolder.load(out).history
        let (share, compared) = IntakeRatios(history, basis: .calendar).steadierShare(than: IntakeRatios(history, basis: .midYear))
        #expect(compared == 8 && share < BirthsBasisCheck.mostChanges)
        #expect(result.stdout.contains("- england-la/births_la_midyear.csv: births: ONS mid-year births by authority"))
        #expect(result.stdout.contains("births_basis = \"mid-year\" (fixed by the file's layout); projected, and marked so: 2023"))
        #expect(try String(contentsOf: out.appendingPathComponent("plan.toml"), encoding: .utf8).contains("births_basis = \"mid-year\""))
        let rolls = try String(contentsOf: out.appendingPathComponent("rolls.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let england = try String(contentsOf: CLI.root.appendingPathComponent("Data/england/rolls.csv"), encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(",E06000034,") }
        #expect(rolls.count == 9 * 14 && Array(rolls) == england)
        // Nine censuses give a single authority its intervals (six are needed): every row has them.
        let forecast = try CLI.run(["forecast", out.path, "--format", "csv", "--horizon", "5", "--intervals", "80"])
        let rows = forecast.stdout.split(separator: "\n")
        #expect(forecast.status == 0 && rows.count == 1 + 5 * 14 && rows.first == "year,area,year_group,pupils,lower,upper", "\(forecast.stderr)")
        #expect(rows.dropFirst().allSatisfy { !$0.hasSuffix(",,") }, "\(rows.prefix(3))")
        // Special schools are not in the GLA's series: asked for, the EES download is taken, and why said.
        let special = work.appendingPathComponent("special")
        let withSpecial = try CLI.run(["init", "--la", "E06000034", "--from", Self.shared.path, "--include-special", "--out-dir", special.path])
        #expect(withSpecial.status == 0, "\(withSpecial.stderr)")
        #expect(withSpecial.stdout.contains("Census: took ees-la-ncyear/spc_pupils_fsm_ethnicity_yrgp.csv (5 census years, 2015/16–2019/20), the longest history, "
            + "over england-la/pupils_la_ncyear.csv (it counts no special schools (state-funded primary, secondary and alternative provision only))"),
                "\(withSpecial.stdout)")
        // A basis the file contradicts is refused, and nothing is written.
        let contradicted = try CLI.run(["init", "--la", "E06000034", "--from", Self.shared.path, "--births-basis", "calendar",
                                        "--out-dir", work.appendingPathComponent("wrong").path])
        #expect(contradicted.status == 1 && contradicted.stderr.contains("so its basis is mid-year, not calendar"), "\(contradicted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("wrong").path))
    }

    @Test("a folder with no census is an error; of two as long, the first in name order is taken, and said; nothing is written on an error")
    func ambiguous() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let none = try CLI.run(["init", "--la", "E06000034", "--from", "Data/borough", "--out-dir", work.appendingPathComponent("a").path])
        #expect(none.status == 1 && none.stderr.contains("holds no DfE school census download"), "\(none.stderr)")
        let two = work.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        for name in ["a.csv", "b.csv"] {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/imports/ees-extract.csv"), to: two.appendingPathComponent(name))
        }
        let both = try CLI.run(["init", "--la", "E06000034", "--from", two.path, "--out-dir", work.appendingPathComponent("b").path])
        #expect(both.status == 0 && both.stdout.contains("Census: took two/a.csv (5 census years, 2015/16–2019/20), the first in name order of the longest, "
            + "over two/b.csv (5 census years, 2015/16–2019/20)"), "\(both.stdout)\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("a").path))
    }

    @Test("a births file in neither layout, or without an imported authority, is a located error; nothing is written")
    func badBirths() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let odd = work.appendingPathComponent("odd.csv")
        try "code,period,live_births\nE06000034,2019,2400\n".write(to: odd, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["import", "ees", "Data/imports/ees-extract.csv", "--la", "E06000034", "--births", odd.path,
                                   "--out-dir", work.appendingPathComponent("a").path])
        #expect(unknown.status == 1 && unknown.stderr.contains("odd.csv, line 1: is not a births file this importer knows"), "\(unknown.stderr)")
        let other = work.appendingPathComponent("other.csv")
        try "la_code,year_ending_mid,annual_births\nE06000033,2019,2100\n".write(to: other, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["import", "ees", "Data/imports/ees-extract.csv", "--la", "E06000034", "--births", other.path,
                                   "--out-dir", work.appendingPathComponent("b").path])
        #expect(missing.status == 1 && missing.stderr.contains("other.csv: has no births for E06000034"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("a").path)
                && !FileManager.default.fileExists(atPath: work.appendingPathComponent("b").path))
    }
}
