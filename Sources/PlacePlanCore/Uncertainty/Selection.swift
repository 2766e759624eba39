/// Order statistics by selection: found in linear expected time by partitioning (quickselect),
/// not by sorting every value. `BucketQuantiles` uses it on a bucket of many draws (a row of few
/// distinct values), `median` on a vintage's hundreds of thousands of errors.
public enum Selection {
    /// Reorders `values[from...to]` so that `values[k]` is the value that sorted order puts there,
    /// no value before it larger and none after it smaller (Hoare partition, middle-of-three pivot).
    /// No value may be NaN (it is neither smaller nor larger than any other).
    public static func select<Value: Comparable>(_ values: UnsafeMutableBufferPointer<Value>, _ k: Int, from: Int, to: Int) {
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
