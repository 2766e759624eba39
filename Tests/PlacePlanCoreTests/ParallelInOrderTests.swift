import Foundation
import Testing
@testable import PlacePlanCore

@Suite("Pieces made on every core, taken in order")
struct ParallelInOrderTests {
    struct Stop: Error, Equatable {}

    @Test("every piece is taken once, in order, however long each takes to make")
    func inOrder() {
        for n in [0, 1, 2, 3, 17, 64] {
            var taken: [Int] = []
            Parallel.inOrder(n, make: { i -> Int in
                // Later pieces are often ready first: the taker must still wait for each in turn.
                usleep(UInt32((n - i) % 5) * 200)
                return i * i
            }, take: { taken.append($0) })
            #expect(taken == (0..<n).map { $0 * $0 }, "\(n) pieces")
        }
    }

    @Test("a taker that stops: its error comes out, and no piece is made after it stopped but those already started")
    func stopping() {
        let made = Counter()
        var taken: [Int] = []
        #expect(throws: Stop()) {
            try Parallel.inOrder(200, make: { i -> Int in made.add(); usleep(2_000); return i }, take: { i in
                if i == 3 { throw Stop() }
                taken.append(i)
            })
        }
        #expect(taken == [0, 1, 2])
        // The workers started the pieces up to 3 and a few more (0.4 s of work in all), not all 200.
        #expect(made.value >= 4 && made.value < 100)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}
