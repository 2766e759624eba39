/// Whole numbers that add up exactly: a total split among parts by the largest-remainder
/// method. Published tables must add up (school rows to the area row, areas to the authority),
/// which rounding each cell on its own does not give.
public enum Apportion {
    /// Splits `total` (≥ 0) among `parts` (≥ 0) in proportion to their sizes: each part gets
    /// the whole number below it, and the units left over go to the largest fractional parts
    /// (ties to the earlier part). Parts of zero get nothing unless every part is zero.
    /// When the parts add up to `total` to within rounding, each result is its part rounded
    /// down or up.
    public static func largestRemainder(_ parts: [Double], total: Int) -> [Int] {
        guard !parts.isEmpty else { return [] }
        let sum = parts.reduce(0) { $0 + max(0, $1) }
        guard total > 0, sum > 0 else { return parts.map { _ in 0 } }
        let scaled = parts.map { max(0, $0) * Double(total) / sum }
        var result = scaled.map { Int($0.rounded(.down)) }
        var left = total - result.reduce(0, +)
        let order = scaled.indices.filter { scaled[$0] > 0 }
            .sorted { a, b in
                let ra = scaled[a] - Double(result[a]), rb = scaled[b] - Double(result[b])
                return ra != rb ? ra > rb : a < b
            }
        var k = 0
        while left > 0 && !order.isEmpty {
            result[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
        return result
    }

    /// A number rounded to the nearest whole `1 / per` (half away from zero, as `Format` prints).
    public static func units(_ value: Double, per: Int = 1) -> Int {
        Int((max(0, value) * Double(per)).rounded(.toNearestOrAwayFromZero))
    }
}
