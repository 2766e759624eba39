import Foundation
import Testing

@Suite("Interval coverage: the tables in docs/uncertainty.md and the README are what the backtest measures today")
struct UncertaintyCoverageTests {
    /// Coverage by year group from `backtest --per-year-group --intervals N`: year group → the
    /// "cover" columns (1y, 2y, 3y) of the default's row.
    static func measured(_ percent: Int) throws -> [String: [Int]] { try measuredWithWidths(percent).cover }

    /// The same, with the "width" columns (1y, 2y, 3y, in percent of the forecast).
    static func measuredWithWidths(_ percent: Int, more: [String] = []) throws -> (cover: [String: [Int]], width: [String: [Double]]) {
        let result = try CLI.run(["backtest", "Data/england", "--methods", "mean-1+weighted-5:weighted-3",
                                  "--intervals", String(percent), "--per-year-group"] + more)
        #expect(result.status == 0, "\(result.stderr)")
        var table: [String: [Int]] = [:], widths: [String: [Double]] = [:], name: String?
        for line in result.stdout.split(separator: "\n").map(String.init) {
            if line.contains("cover 1y") {
                let first = line.split(separator: " ").first.map(String.init) ?? ""
                name = line.hasPrefix(first + " (") ? nil : first   // "R (intake)" repeats R
            } else if let current = name, line.contains("(default)") {
                let cells = line.split(separator: " ").suffix(6)
                table[current] = cells.suffix(3).map { Int($0.dropLast())! }
                widths[current] = cells.prefix(3).map { Double($0.dropLast())! }
                name = nil
            }
        }
        return (table, widths)
    }

    @Test("every coverage in docs/uncertainty.md is within 5 points of today's, and the README's ranges hold them")
    func coverageTable() throws {
        let docs = try String(contentsOf: CLI.root.appendingPathComponent("docs/uncertainty.md"), encoding: .utf8)
        let begin = try #require(docs.range(of: "<!-- coverage:begin -->")), end = try #require(docs.range(of: "<!-- coverage:end -->"))
        let rows = docs[begin.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| Y") || $0.hasPrefix("| R") }
        let (m50, (m80, w80), m95) = (try Self.measured(50), try Self.measuredWithWidths(80), try Self.measured(95))
        let yearGroups = m80.keys.filter { $0.hasPrefix("R") || $0.hasPrefix("Y") }
        #expect(rows.count == 14 && yearGroups.count == 14, "\(m80)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let group = cells[0], documented = cells.dropFirst().prefix(5).map { Int($0.dropLast())! }
            let today = [m50[group]![0], m80[group]![0], m80[group]![1], m80[group]![2], m95[group]![0]]
            for (d, t) in zip(documented, today) { #expect(abs(d - t) <= 5, "\(group): documented \(d)% but measured \(t)%") }
            // The widths beside it, one and three years ahead: within a fifth of today's.
            for (column, h) in [(6, 0), (7, 2)] {
                let width = Double(cells[column].dropLast())!
                #expect(abs(width - w80[group]![h]) <= 0.2 * w80[group]![h], "\(group): documented width \(width)% but measured \(w80[group]![h])%")
            }
        }
        // The phase totals' table: coverage within 5 points, and narrower than the year groups'
        // noise once made them (each year group's noise its own).
        let phaseBegin = try #require(docs.range(of: "<!-- phase-coverage:begin -->"))
        let phaseEnd = try #require(docs.range(of: "<!-- phase-coverage:end -->"))
        let phaseRows = docs[phaseBegin.upperBound..<phaseEnd.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| primary") || $0.hasPrefix("| secondary") || $0.hasPrefix("| sixth") }
        #expect(phaseRows.count == 3)
        for row in phaseRows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let key = cells[0] == "sixth form" ? "sixth" : cells[0], documented = cells.dropFirst().prefix(5).map { Int($0.dropLast())! }
            let today = [m50[key]![0], m80[key]![0], m80[key]![1], m80[key]![2], m95[key]![0]]
            for (d, t) in zip(documented, today) { #expect(abs(d - t) <= 5, "\(key): documented \(d)% but measured \(t)%") }
            // Its widths, one and three years ahead, within a fifth of today's.
            for (column, h) in [(6, 0), (7, 2)] {
                let width = Double(cells[column].dropLast())!
                #expect(abs(width - w80[key]![h]) <= 0.2 * w80[key]![h], "\(key): documented width \(width)% but measured \(w80[key]![h])%")
            }
        }
        #expect(abs(m80["primary"]![0] - 80) <= 5 && abs(m80["secondary"]![0] - 80) <= 5, "\(m80)")
        // The README's summary: R, Y7 and Y12 to the point; the rest within their stated ranges.
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("| R (intake) | \(m80["R"]![0])% | \(m80["R"]![1])% | \(m80["R"]![2])% |"))
        #expect(readme.contains("| an area's primary, secondary total | \(m80["primary"]![0])%, \(m80["secondary"]![0])% | "
            + "\(m80["primary"]![1])%, \(m80["secondary"]![1])% | \(m80["primary"]![2])%, \(m80["secondary"]![2])% |"))
        #expect(readme.contains("| Y12 (staying on) | \(m80["Y12"]![0])% | \(m80["Y12"]![1])% | \(m80["Y12"]![2])% |"))
        #expect(readme.contains("| Y7 (intake) | \(m80["Y7"]![0])% | \(m80["Y7"]![1])% | \(m80["Y7"]![2])% |"))
        let rest = ["Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y8", "Y9", "Y10", "Y11", "Y13"].map { m80[$0]! }
        #expect(rest.allSatisfy { (79...85).contains($0[0]) && (78...87).contains($0[1]) && (80...93).contains($0[2]) }, "\(rest)")
        // One year ahead at 80%, every year group within 5 points of nominal (79–85% today).
        #expect(yearGroups.allSatisfy { abs(m80[$0]![0] - 80) <= 5 }, "\(m80)")
    }
}
