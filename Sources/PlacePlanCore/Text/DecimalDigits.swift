/// Whole numbers written as decimal digits straight into a byte buffer, as `String(n)` writes
/// them: the CSV writer and the vintage fingerprint write millions of numbers, and a `String`
/// for each cost more than the rest of the work.
public enum DecimalDigits {
    public static func append(_ n: UInt64, to bytes: inout [UInt8]) {
        var divisor: UInt64 = 1
        while divisor <= n / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(48 + n / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// A signed number: a minus sign, then its magnitude.
    public static func append(_ n: Int, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(45) }
        append(UInt64(n.magnitude), to: &bytes)
    }
}
