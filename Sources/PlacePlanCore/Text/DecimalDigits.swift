/// Whole numbers written as decimal digits straight into a byte buffer, as `String(n)` writes
/// them: the CSV writer and the vintage fingerprint write millions of numbers, and a `String`
/// for each cost more than the rest of the work.
public enum DecimalDigits {
    public static func append(_ n: UInt64, to bytes: inout [UInt8]) {
        // Two digits at a time from the right, by division by the constant 100 (a multiply),
        // into a buffer on the stack: a fingerprint's 19-digit bit patterns are most of its lines.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var end = buffer.count, rest = n
            while rest >= 100 {
                let pair = Int(rest % 100) * 2
                rest /= 100
                end -= 2
                buffer[end] = pairs[pair]
                buffer[end + 1] = pairs[pair + 1]
            }
            if rest >= 10 {
                end -= 2
                buffer[end] = pairs[Int(rest) * 2]
                buffer[end + 1] = pairs[Int(rest) * 2 + 1]
            } else {
                end -= 1
                buffer[end] = UInt8(48 + rest)
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// A signed number: a minus sign, then its magnitude.
    public static func append(_ n: Int, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(45) }
        append(UInt64(n.magnitude), to: &bytes)
    }

    /// "00", "01" … "99", as bytes.
    private static let pairs: [UInt8] = (0..<100).flatMap { (n: Int) -> [UInt8] in [UInt8(48 + n / 10), UInt8(48 + n % 10)] }
}
