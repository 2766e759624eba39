import Synchronization

/// A value worked out the first time it is asked for, then kept, and shared by every copy of
/// the value that holds it. A place plan's tables are a million lines at national scale and
/// `forecast` never reads them: they are made when a command asks, by the one `make` that
/// every command uses, and at most once.
final class Memo<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let stored = Mutex<Value?>(nil)

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        stored.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}
