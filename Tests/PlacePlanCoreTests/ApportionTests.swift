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
}
