import Foundation
import Testing

@Suite("Interval coverage: the tables in docs/uncertainty.md and the README are what the backtest measures today")
struct UncertaintyCoverageTests {
    /// Coverage by year group from `backtest --per-year-group --intervals N`: year group → the
    /// "cover" columns (1y, 2y, 3y) of the default's row.
    static func measured(_ percent: Int) throws -> [String: [Int]] {
        let result = try CLI.run(["backtest", "Data/england", "--methods", "mean-1+weighted-5:weighted-3",
                                  "--intervals", String(percent), "--per-year-group"])
        #expect(result.status == 0, "\(result.stderr)")
        var table: [String: [Int]] = [:], name: String?
        for line in result.stdout.split(separator: "\n").map(String.init) {
            if line.contains("cover 1y") {
                let first = line.split(separator: " ").first.map(String.init) ?? ""
                name = line.hasPrefix(first + " (") ? nil : first   // "R (intake)" repeats R
            } else if let current = name, line.contains("(default)") {
                let cells = line.split(separator: " ").suffix(3).map { Int($0.dropLast())! }
                table[current] = cells
                name = nil
            }
        }
        return table
    }

    @Test("every coverage in docs/uncertainty.md is within 5 points of today's, and the README's ranges hold them")
    func coverageTable() throws {
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/uncertainty.md"), encoding: .utf8)
        let begin = try #require(docs.range(of: "<!-- coverage:begin -->")), end = try #require(docs.range(of: "<!-- coverage:end -->"))
        let rows = docs[begin.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| Y") || $0.hasPrefix("| R") }
        let (m50, m80, m95) = (try Self.measured(50), try Self.measured(80), try Self.measured(95))
        #expect(rows.count == 14 && m80.count == 14, "\(m80)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let group = cells[0], documented = cells.dropFirst().map { Int($0.dropLast())! }
            let today = [m50[group]![0], m80[group]![0], m80[group]![1], m80[group]![2], m95[group]![0]]
            for (d, t) in zip(documented, today) { #expect(abs(d - t) <= 5, "\(group): documented \(d)% but measured \(t)%") }
        }
        // The README's summary: R, Y7 and Y12 to the point; the rest within their stated ranges.
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("| R (intake) | \(m80["R"]![0])% | \(m80["R"]![1])% | \(m80["R"]![2])% |"))
        #expect(readme.contains("| Y12 (staying on) | \(m80["Y12"]![0])% | \(m80["Y12"]![1])% | \(m80["Y12"]![2])% |"))
        let rest = ["Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y8", "Y9", "Y10", "Y11", "Y13"].map { m80[$0]! }
        #expect(rest.allSatisfy { (82...87).contains($0[0]) && (83...92).contains($0[1]) && (70...90).contains($0[2]) }, "\(rest)")
        // One year ahead at 80%, every year group within 7 points of nominal (81–87% today).
        #expect(m80.values.allSatisfy { abs($0[0] - 80) <= 7 }, "\(m80)")
    }
}
