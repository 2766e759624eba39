import Foundation
import Testing

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

    @Test("from ../shared/data alone: Thurrock's rolls and ONS mid-year births, basis fixed by the file, 2023 kept projected; with --include-ap the rolls are England's Thurrock, cell for cell, and it forecasts",
          .enabled(if: InitTests.hasShared))
    func fromSharedData() throws {
        let work = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("thurrock")
        let result = try CLI.run(["init", "--la", "E06000034", "--from", Self.shared.path, "--include-ap", "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- england-la/births_la_midyear.csv: births: ONS mid-year births by authority"))
        #expect(result.stdout.contains("births_basis = \"mid-year\" (fixed by the file's layout); projected, and marked so: 2023"))
        #expect(try String(contentsOf: out.appendingPathComponent("plan.toml"), encoding: .utf8).contains("births_basis = \"mid-year\""))
        let rolls = try String(contentsOf: out.appendingPathComponent("rolls.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let england = try String(contentsOf: CLI.root.appendingPathComponent("Data/england/rolls.csv"), encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(",E06000034,") && Int($0.prefix(4))! >= 2015 }
        #expect(rolls.count == 5 * 14 && Array(rolls) == england)
        let forecast = try CLI.run(["forecast", out.path, "--format", "csv", "--horizon", "5"])
        #expect(forecast.status == 0 && forecast.stdout.split(separator: "\n").count == 1 + 5 * 14, "\(forecast.stderr)")
        // A basis the file contradicts is refused, and nothing is written.
        let contradicted = try CLI.run(["init", "--la", "E06000034", "--from", Self.shared.path, "--births-basis", "calendar",
                                        "--out-dir", work.appendingPathComponent("wrong").path])
        #expect(contradicted.status == 1 && contradicted.stderr.contains("so its basis is mid-year, not calendar"), "\(contradicted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("wrong").path))
    }

    @Test("a folder with no census, or two, is an error that names them; nothing is written")
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
        #expect(both.status == 1 && both.stderr.contains("holds 2 school census downloads: a.csv, b.csv"), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("a").path)
                && !FileManager.default.fileExists(atPath: work.appendingPathComponent("b").path))
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
