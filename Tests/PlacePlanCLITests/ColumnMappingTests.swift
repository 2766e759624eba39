import Foundation
import Testing

/// `[columns]` of plan.toml: a file's own column names read as the plan's.
@Suite("[columns]: files read with their own column names")
struct ColumnMappingTests {
    /// England with rolls headed as a download might be, and `[columns]` lines added.
    func england(header: String, columns: String) throws -> URL {
        let plan = try CLI.copyOfEngland()
        let rolls = plan.appendingPathComponent("rolls.csv")
        var lines = try String(contentsOf: rolls, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] = header
        try lines.joined(separator: "\n").write(to: rolls, atomically: true, encoding: .utf8)
        let toml = plan.appendingPathComponent("plan.toml")
        try (String(contentsOf: toml, encoding: .utf8) + "\n[columns]\n" + columns).write(to: toml, atomically: true, encoding: .utf8)
        return plan
    }

    @Test("nc_year and Headcount read as year_group and pupils: the same forecast to the byte, and errors name the file's column")
    func renamed() throws {
        let plan = try england(header: "year,area,area_name,NC_Year,headcount", columns: "year_group = \"nc_year\"\npupils = \"Headcount\"\n")
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let mapped = try CLI.run(["forecast", plan.path, "--format", "csv", "--horizon", "2"])
        let plain = try CLI.run(["forecast", "Data/england", "--format", "csv", "--horizon", "2"])
        #expect(mapped.status == 0 && mapped.stdout == plain.stdout, "\(mapped.stderr)")
        let rolls = plan.appendingPathComponent("rolls.csv")
        try String(contentsOf: rolls, encoding: .utf8).replacingOccurrences(of: "2011,E06000001,Hartlepool,R,", with: "2011,E06000001,Hartlepool,Nursery,")
            .write(to: rolls, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", plan.path])
        #expect(bad.status == 1 && bad.stderr.contains("rolls.csv, line 2, column 4 (nc_year): 'Nursery' is not a year group"), "\(bad.stderr)")
    }

    @Test("mistakes in [columns] are located: an unknown key, a name no file has, two keys for one column, a file with both names")
    func mistakes() throws {
        let cases: [(header: String, columns: String, expect: String)] = [
            ("year,area,area_name,nc_year,pupils", "year_group = \"nc_year\"\nyeargroup = \"x\"\n", "unknown key 'yeargroup' in [columns]"),
            ("year,area,area_name,nc_year,pupils", "year_group = \"ncyear\"\n", "no file of the plan has a column 'ncyear' to read as year_group"),
            ("year,area,area_name,nc_year,pupils", "year_group = \"nc_year\"\narea_name = \"NC_YEAR\"\n", "columns.year_group and columns.area_name both read the file's 'nc_year'"),
            ("year,area,area_name,year_group,pupils", "area_name = \"year_group\"\n", "has both 'area_name' and 'year_group'"),
        ]
        for item in cases {
            let plan = try england(header: item.header, columns: item.columns)
            defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
            let result = try CLI.run(["check", plan.path])
            #expect(result.status == 1 && result.stderr.contains(item.expect), "\(item.columns): \(result.stderr)")
        }
    }
}
