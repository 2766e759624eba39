extension Dictionary where Value: FixedWidthInteger {
    /// The number of `key`: the one it was given, or the next one (0, 1, 2 … as first met).
    /// Codes and names read from millions of rows are numbered once, then handled as numbers.
    /// (Inlinable, so that other modules' calls are specialised to their key and number types.)
    @inlinable
    public mutating func number(_ key: Key) -> Value {
        if let known = self[key] { return known }
        let next = Value(count)
        self[key] = next
        return next
    }
}
