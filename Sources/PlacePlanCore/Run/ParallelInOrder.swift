import Foundation

extension Parallel {
    /// `make(0) … make(n − 1)` on every core, each result handed to `take` on the calling thread
    /// in order, as soon as it and those before it are made: a national forecast's rows go to
    /// their file while later rows are still being made, rather than after all of them.
    /// If `take` throws, the pieces not yet started are not made.
    public static func inOrder<T>(_ n: Int, make: @escaping @Sendable (Int) -> T, take: (T) throws -> Void) rethrows {
        // One piece (an area forecast's rows, a small plan's) is made where it is taken: no thread.
        guard n > 1 else { if n == 1 { try take(make(0)) }; return }
        let slots = OrderedSlots<T>(count: n)
        let workers = DispatchGroup()
        for _ in 0..<min(threads, n) {
            workers.enter()
            Thread.detachNewThread {
                while let i = slots.next() { slots.put(i, make(i)) }
                workers.leave()
            }
        }
        var finished = false
        defer {
            if !finished { slots.stop() }
            workers.wait()
        }
        for i in 0..<n { try take(slots.take(i)) }
        finished = true
    }
}

/// The pieces of `Parallel.inOrder`: the next to make, and those made but not yet taken.
private final class OrderedSlots<T>: @unchecked Sendable {
    private let condition = NSCondition()   // guards everything below
    private var results: [T?]
    private var started = 0
    private var stopped = false

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The next piece to make, or `nil` when all are started (or the taker has stopped).
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, started < results.count else { return nil }
        started += 1
        return started - 1
    }

    func put(_ i: Int, _ value: T) {
        condition.lock()
        results[i] = value
        condition.broadcast()
        condition.unlock()
    }

    /// Piece `i`, once made; its slot is emptied, so that a piece is held only until taken.
    func take(_ i: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        while results[i] == nil { condition.wait() }
        let value = results[i]!
        results[i] = nil
        return value
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }
}
