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
        var apportioner = Apportioner()
        apportioner.split(parts, total: total)
        return apportioner.result
    }

    /// A number rounded to the nearest whole `1 / per` (half away from zero, as `Format` prints).
    public static func units(_ value: Double, per: Int = 1) -> Int {
        Int((max(0, value) * Double(per)).rounded(.toNearestOrAwayFromZero))
    }
}

/// `Apportion.largestRemainder` for many cells in a row (every school, year group and year of
/// a national plan), reusing its working space: `split` allocates nothing once the buffers
/// have grown to the largest area's schools.
public struct Apportioner: Sendable {
    /// The last `split`'s whole numbers, one per part.
    public private(set) var result: [Int] = []
    private var scaled: [Double] = [], order: [Int] = []

    public init() {}

    /// Splits `total` among `parts` as `Apportion.largestRemainder` says, into `result`.
    public mutating func split(_ parts: [Double], total: Int) {
        result.removeAll(keepingCapacity: true)
        guard !parts.isEmpty else { return }
        let sum = parts.reduce(0) { $0 + max(0, $1) }
        guard total > 0, sum > 0 else {
            result.append(contentsOf: repeatElement(0, count: parts.count))
            return
        }
        scaled.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        var left = total
        for (i, part) in parts.enumerated() {
            let share = max(0, part) * Double(total) / sum
            let whole = Int(share.rounded(.down))
            scaled.append(share)
            result.append(whole)
            left -= whole
            if share > 0 { order.append(i) }
        }
        guard left > 0, !order.isEmpty else { return }
        // The units left over go to the largest remainders, ties to the earlier part.
        do {
            let (scaled, result) = (self.scaled, self.result)   // read by the sort, released before `result` changes
            order.sort { a, b in
                let ra = scaled[a] - Double(result[a]), rb = scaled[b] - Double(result[b])
                return ra != rb ? ra > rb : a < b
            }
        }
        var k = 0
        while left > 0 {
            self.result[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
    }
}
