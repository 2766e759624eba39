/// Several quantiles of one row of draws at once, exactly, in three straight passes and without
/// reordering the row: the values are counted into 256 equal buckets between their minimum and
/// maximum (each value's bucket kept as a byte), the buckets holding the wanted order statistics
/// are found from the counts, their few members gathered in one more pass (which looks at the
/// bucket bytes sixteen at a time and reads only the runs that hold a wanted bucket) and selected
/// among (`Selection.select`). A row of 1,000 draws has about four a bucket, so the work is the passes,
/// not the selection — what makes millions of cells cheap.
public struct BucketSelection {
    public static let buckets = 256
    /// Values before each bucket (cumulative counts), and one past the end.
    private var starts: [Int32]
    /// Each value's bucket.
    private var bucketOf: [UInt8]
    /// For each bucket, its slot among those gathered (-1: not wanted), and the gathered members.
    private var slot: [Int16]
    private var members: [Float]
    /// The next free place of each wanted bucket while gathering.
    private var positions: [Int32]
    /// The order statistics wanted (k, its bucket) and their values, two per quantile.
    private var wantK: [Int] = [], wantBucket: [Int] = [], found: [Float] = []
    /// The distinct wanted buckets, each in every lane of a vector.
    private var spread: [SIMD16<UInt8>] = []

    public init(capacity: Int) {
        starts = [Int32](repeating: 0, count: Self.buckets + 1)
        bucketOf = [UInt8](repeating: 0, count: max(capacity, 1))
        slot = [Int16](repeating: -1, count: Self.buckets)
        members = [Float](repeating: 0, count: max(capacity, 1))
        positions = starts
    }

    /// The smallest and largest value, eight at a time.
    static func range(_ values: UnsafeBufferPointer<Float>) -> (Float, Float) {
        let n = values.count, wide = n / 8
        var lo = values[0], hi = values[0]
        if wide > 0 {
            var low = SIMD8<Float>(repeating: lo), high = low
            // A row need not start on a 32-byte boundary: load unaligned.
            let base = UnsafeRawPointer(values.baseAddress!)
            for c in 0..<wide {
                let v = base.loadUnaligned(fromByteOffset: c * 32, as: SIMD8<Float>.self)
                // Written out rather than pointwiseMin/Max, which the compiler leaves uninlined.
                low.replace(with: v, where: v .< low)
                high.replace(with: v, where: v .> high)
            }
            lo = low.min()
            hi = high.max()
        }
        for i in (wide * 8)..<n {
            lo = Swift.min(lo, values[i])
            hi = Swift.max(hi, values[i])
        }
        return (lo, hi)
    }

    /// Each value's bucket, eight at a time: x = (v − lo) × scale + 2²³ holds round((v − lo) × scale)
    /// in its low mantissa bits.
    static func bucket(_ values: UnsafeBufferPointer<Float>, lo: Float, scale: Float, into b: UnsafeMutableBufferPointer<UInt8>) {
        let n = values.count, wide = n / 8
        let base = UnsafeRawPointer(values.baseAddress!)
        let low = SIMD8<Float>(repeating: lo), factor = SIMD8<Float>(repeating: scale), magic = SIMD8<Float>(repeating: 0x1p23)
        for c in 0..<wide {
            let v = base.loadUnaligned(fromByteOffset: c * 32, as: SIMD8<Float>.self)
            let x = (v - low) * factor + magic
            let bits = SIMD8<UInt8>(truncatingIfNeeded: unsafeBitCast(x, to: SIMD8<UInt32>.self))
            UnsafeMutableRawPointer(b.baseAddress! + c * 8).storeBytes(of: bits, as: SIMD8<UInt8>.self)
        }
        for i in (wide * 8)..<n { b[i] = UInt8(truncatingIfNeeded: ((values[i] - lo) * scale + 0x1p23).bitPattern) }
    }

    /// The `qs`-quantiles of `values` (type 7, as `quantile`), written to `out[0..<qs.count]`.
    public mutating func quantiles(_ values: UnsafeBufferPointer<Float>, _ qs: [Double], into out: UnsafeMutablePointer<Float>) {
        let n = values.count
        precondition(n > 0 && bucketOf.count >= n, "a row no longer than the capacity")
        guard !qs.isEmpty else { return }
        if wantK.count < 2 * qs.count {
            wantK = [Int](repeating: 0, count: 2 * qs.count)
            wantBucket = wantK
            found = [Float](repeating: 0, count: 2 * qs.count)
            spread = [SIMD16<UInt8>](repeating: .zero, count: 2 * qs.count)
        }
        let (lo, hi) = Self.range(values)
        guard hi > lo else {
            for i in qs.indices { out[i] = lo }
            return
        }
        // x = (v − lo) × scale runs from 0 to 255; adding 2²³ puts x rounded to a whole number in
        // the low bits of the float: a bucket with no conversion to check (rounding, like
        // truncation, keeps buckets in the order of the values).
        let scale = Float(Self.buckets - 1) / (hi - lo)
        starts.withUnsafeMutableBufferPointer { s in
        bucketOf.withUnsafeMutableBufferPointer { b in
        slot.withUnsafeMutableBufferPointer { slot in
        members.withUnsafeMutableBufferPointer { m in
        positions.withUnsafeMutableBufferPointer { next in
        // Every buffer through a pointer: a stored array read inside these closures was checked
        // for exclusive access at run time on every read.
        wantK.withUnsafeMutableBufferPointer { wantK in
        wantBucket.withUnsafeMutableBufferPointer { wantBucket in
        found.withUnsafeMutableBufferPointer { found in
        spread.withUnsafeMutableBufferPointer { spread in
            for i in 0...Self.buckets { s[i] = 0 }
            Self.bucket(values, lo: lo, scale: scale, into: b)
            for i in 0..<n { s[Int(b[i]) + 1] &+= 1 }
            for i in 0..<Self.buckets { s[i + 1] &+= s[i] }
            // The buckets of every order statistic wanted: k and k + 1 for each quantile.
            let wanted = 2 * qs.count
            for (i, q) in qs.enumerated() {
                let k = Int((q * Double(n - 1)).rounded(.down))
                for j in 0..<2 {
                    let r = j == 0 ? k : min(k + 1, n - 1)
                    // The last bucket starting at or before r: binary search of the cumulative counts.
                    var low = 0, high = Self.buckets - 1
                    while low < high {
                        let mid = (low + high + 1) / 2
                        if Int(s[mid]) <= r { low = mid } else { high = mid - 1 }
                    }
                    let bucket = low
                    wantK[2 * i + j] = r
                    wantBucket[2 * i + j] = bucket
                }
            }
            // Gather the wanted buckets' members, each to its own place: members[starts[bucket]...].
            for w in 0..<wanted {
                slot[wantBucket[w]] = 0
                next[wantBucket[w]] = s[wantBucket[w]]
            }
            // Nearly every run of sixteen values holds none of the few wanted buckets: one vector
            // compare per wanted bucket skips it, and only a run with one is read value by value,
            // in order (so each bucket's members are gathered in the row's order, as before).
            let buckets = UnsafeRawPointer(b.baseAddress!)
            func gather(_ range: Range<Int>) {
                for i in range where slot[Int(b[i])] >= 0 {
                    let bucket = Int(b[i])
                    m[Int(next[bucket])] = values[i]
                    next[bucket] += 1
                }
            }
            // The distinct wanted buckets (k and k + 1 nearly always share one), each spread over a
            // vector once rather than in every run.
            var distinct = 0
            for w in 0..<wanted where !(0..<w).contains(where: { wantBucket[$0] == wantBucket[w] }) {
                spread[distinct] = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: wantBucket[w]))
                distinct += 1
            }
            var start = 0
            while start + 16 <= n {
                let run = buckets.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
                var holds = run .== spread[0]
                for w in 1..<distinct { holds .|= run .== spread[w] }
                // Whether any lane holds one, as two words: `any` reduces lane by lane, in a call.
                let words = unsafeBitCast(holds, to: SIMD2<UInt64>.self)
                if words[0] | words[1] != 0 { gather(start..<(start + 16)) }
                start += 16
            }
            gather(start..<n)
            // Each order statistic, selected within its bucket (buckets are disjoint ranges of m).
            for w in 0..<wanted {
                let from = Int(s[wantBucket[w]]), to = Int(s[wantBucket[w] + 1]) - 1
                Selection.select(m, wantK[w], from: from, to: to)
                found[w] = m[wantK[w]]
            }
            for w in 0..<wanted { slot[wantBucket[w]] = -1 }
            for (i, q) in qs.enumerated() {
                let position = q * Double(n - 1)
                let low = found[2 * i], high = found[2 * i + 1]
                out[i] = low + Float(position - position.rounded(.down)) * (high - low)
            }
        } } } } } } } } }
    }
}
