import Testing
@testable import PlacePlanCore

@Suite("Apportioning whole pupils")
struct ApportionTests {
    @Test("hand cases: floors first, then the largest remainders (ties to the earlier part)")
    func handCases() {
        #expect(Apportion.largestRemainder([1.5, 1.5, 1.0], total: 4) == [2, 1, 1])
        #expect(Apportion.largestRemainder([10.2, 20.7, 5.1], total: 36) == [10, 21, 5])
        #expect(Apportion.largestRemainder([0, 3.4, 0], total: 3) == [0, 3, 0])
        #expect(Apportion.largestRemainder([0, 0], total: 5) == [0, 0])
        #expect(Apportion.largestRemainder([], total: 5) == [])
        #expect(Apportion.units(2.45, per: 10) == 25 && Apportion.units(2.5) == 3 && Apportion.units(-1) == 0)
    }

    @Test("property: the parts add up to the total exactly, each within one of its exact share")
    func property() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<500 {
            let parts = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                Bool.random(using: &random) ? 0 : Double.random(in: 0...80, using: &random)
            }
            let sum = parts.reduce(0, +)
            let total = Apportion.units(sum)
            let whole = Apportion.largestRemainder(parts, total: total)
            #expect(whole.reduce(0, +) == (sum > 0 ? total : 0))
            for (part, n) in zip(parts, whole) {
                let exact = sum > 0 ? part * Double(total) / sum : 0
                #expect(Double(n) >= exact.rounded(.down) && Double(n) <= exact.rounded(.up))
                if part == 0 { #expect(n == 0) }
            }
        }
    }

    /// The method as first written, allocating per call: the reference the reused buffers of
    /// `Apportioner` must agree with to the unit.
    private func reference(_ parts: [Double], total: Int) -> [Int] {
        guard !parts.isEmpty else { return [] }
        let sum = parts.reduce(0) { $0 + max(0, $1) }
        guard total > 0, sum > 0 else { return parts.map { _ in 0 } }
        let scaled = parts.map { max(0, $0) * Double(total) / sum }
        var result = scaled.map { Int($0.rounded(.down)) }
        var left = total - result.reduce(0, +)
        let order = scaled.indices.filter { scaled[$0] > 0 }.sorted { a, b in
            let ra = scaled[a] - Double(result[a]), rb = scaled[b] - Double(result[b])
            return ra != rb ? ra > rb : a < b
        }
        var k = 0
        while left > 0 && !order.isEmpty { result[order[k % order.count]] += 1; left -= 1; k += 1 }
        return result
    }

    @Test("property: one Apportioner reused over many cells gives what a fresh split gives, and the reference")
    func reusedBuffers() {
        var random = SeededRandom(seed: 23)
        var apportioner = Apportioner()
        for _ in 0..<2_000 {
            let parts = (0..<Int.random(in: 0...15, using: &random)).map { _ in
                Bool.random(using: &random) ? 0 : Double.random(in: -1...60, using: &random).rounded(.down) / 2
            }
            let total = Int.random(in: 0...400, using: &random)
            apportioner.split(parts, total: total)
            #expect(apportioner.result == reference(parts, total: total))
            #expect(apportioner.result == Apportion.largestRemainder(parts, total: total))
        }
    }
}
