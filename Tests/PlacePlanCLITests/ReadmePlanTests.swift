import Foundation
import Testing

/// The example of the place plan's summary in docs/place-plan.md must be what the command prints today.
@Suite("docs/place-plan.md: the place plan")
struct ReadmePlanTests {
    /// Words of a line; numbers compared as numbers, allowing one unit in their last digit
    /// (as the accuracy table's test does) for floating-point differences between CPUs.
    func same(_ documented: Substring, _ printed: Substring) -> Bool {
        let a = documented.split(separator: " "), b = printed.split(separator: " ")
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            if x == y { return true }
            let clean = { (s: Substring) in s.filter { "0123456789.-".contains($0) } }
            guard let u = Double(clean(x)), let v = Double(clean(y)), x.filter({ !"0123456789.,-+".contains($0) }) == y.filter({ !"0123456789.,-+".contains($0) })
            else { return false }
            let places = clean(x).split(separator: ".").dropFirst().first?.count ?? 0
            return abs(u - v) <= pow(10, -Double(places)) + 1e-9
        }
    }

    @Test("the summary excerpt in docs/place-plan.md matches `placeplan plan Data/borough`")
    func excerpt() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("docs/place-plan.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- plan:begin -->\n```text\n"))
        let end = try #require(readme.range(of: "…\n```\n<!-- plan:end -->"))
        let documented = readme[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let result = try CLI.run(["plan", "Data/borough"])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(documented.count > 10)
        for (i, line) in documented.enumerated() {
            #expect(i < printed.count && same(line, printed[i]), "docs/place-plan.md line \(i + 1): \(line)\nprinted: \(i < printed.count ? printed[i] : "")")
        }
    }
}
