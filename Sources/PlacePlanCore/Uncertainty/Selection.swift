/// Quantiles by selection: the order statistics a quantile needs are found in linear expected
/// time by partitioning (quickselect), not by sorting every value — a simulation asks for two or
/// three quantiles of each of millions of cells.
public enum Selection {
    /// The `q`-quantile of `values` by linear interpolation between order statistics (type 7, as
    /// `quantile`, R and numpy): the same number `quantile(Array(values), q)` gives. The values
    /// are reordered.
    public static func quantile(_ values: UnsafeMutableBufferPointer<Float>, _ q: Double) -> Float {
        let n = values.count
        precondition(n > 0, "a quantile needs values")
        let position = q * Double(n - 1)
        let below = Int(position.rounded(.down))
        select(values, below, from: 0, to: n - 1)
        let low = values[below]
        guard below + 1 < n else { return low }
        // Everything after `below` is now ≥ it: the next order statistic is their minimum.
        var high = values[below + 1]
        for i in (below + 2)..<max(below + 2, n) where values[i] < high { high = values[i] }
        return low + Float(position - Double(below)) * (high - low)
    }

    /// Reorders `values[from...to]` so that `values[k]` is the value that sorted order puts there,
    /// no value before it larger and none after it smaller (Hoare partition, middle-of-three pivot).
    public static func select(_ values: UnsafeMutableBufferPointer<Float>, _ k: Int, from: Int, to: Int) {
        var lo = from, hi = to
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            // Median of three as the pivot: sorted data (common: draws of a steady cell) stays linear.
            if values[mid] < values[lo] { values.swapAt(mid, lo) }
            if values[hi] < values[lo] { values.swapAt(hi, lo) }
            if values[hi] < values[mid] { values.swapAt(hi, mid) }
            let pivot = values[mid]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
