import Foundation

/// Independent pieces of work on both cores: the forecasts of a backtest's methods and
/// origins, the vintages `accuracy` scores. Results come back in order, so what is made from
/// them is what one piece after another would have made.
public enum Parallel {
    /// How many pieces to run at once: one per core.
    public static var threads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `work(0) … work(n − 1)` on as many threads, their results in order; the first error
    /// (by index) is thrown once all have finished.
    public static func map<T>(_ n: Int, _ work: @Sendable (Int) throws -> T) throws -> [T] {
        try map(n, infallible: { i in Result { try work(i) } }).map { try $0.get() }
    }

    /// The same for work that cannot fail.
    public static func map<T>(_ n: Int, infallible work: @Sendable (Int) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let slots = Slots(results: results)
        DispatchQueue.concurrentPerform(iterations: n) { i in
            slots.results[i] = work(i)   // each thread writes its own slot only
        }
        return results.map { $0! }
    }

    /// Work started on a thread of its own, whose result is waited for where it is needed: the
    /// actuals `accuracy` scores against are read while the vintages' cells are.
    public final class Background<T>: @unchecked Sendable {
        private let done = DispatchGroup()
        private var result: Result<T, any Error>?   // written before `done` is left, read after

        public init(_ work: @escaping @Sendable () throws -> T) {
            done.enter()
            Thread.detachNewThread { [self] in
                result = Result { try work() }
                done.leave()
            }
        }

        /// The work's result once it has finished (from any number of threads).
        public func value() throws -> T {
            done.wait()
            return try result!.get()
        }
    }

    /// An array's storage that pieces of work write in place, each at positions no other piece
    /// writes (each area's schools in one national array); valid while the array is borrowed.
    public struct DisjointWrites<Element>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Element>

        public init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

        public subscript(i: Int) -> Element {
            get { buffer[i] }
            nonmutating set { buffer[i] = newValue }
        }

        /// Puts `value` at position `i`, which holds none yet (an array being filled the first time).
        public func initialize(_ i: Int, to value: Element) { (buffer.baseAddress! + i).initialize(to: value) }
    }

    private struct Slots<Element>: @unchecked Sendable {
        let results: UnsafeMutableBufferPointer<Element?>
    }
}
