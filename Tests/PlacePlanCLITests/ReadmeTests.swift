import Foundation
import Testing

/// The figures in docs/method.md must be what the command it names prints today.
@Suite("docs/method.md figures")
struct ReadmeTests {
    /// Every percentage in a block of text, in order.
    func percentages(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "*" }).compactMap { word in
            word.hasSuffix("%") ? Double(word.dropLast()) : nil
        }
    }

    @Test("the accuracy table in docs/method.md matches `placeplan backtest Data/england --horizon 3`")
    func backtestTable() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("docs/method.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- backtest:begin -->"))
        let end = try #require(readme.range(of: "<!-- backtest:end -->"))
        let block = String(readme[begin.upperBound..<end.lowerBound])
        let result = try CLI.run(["backtest", "Data/england", "--horizon", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let documented = percentages(block), measured = percentages(result.stdout)
        #expect(documented.count == measured.count && documented.count > 50)
        // Allow one unit in the last printed digit for floating-point differences between CPUs.
        for (d, m) in zip(documented, measured) { #expect(abs(d - m) <= 0.011, "docs/method.md \(d)% but measured \(m)%") }
        // The labels, too: same methods, same default.
        let labels = { (text: String) in text.split(separator: "\n").filter { $0.contains("%") }.map { $0.split(separator: " ").first ?? "" } }
        #expect(labels(block) == labels(result.stdout))
        #expect(block.contains("(default)"))
    }
}
