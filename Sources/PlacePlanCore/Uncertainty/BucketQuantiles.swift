/// Several quantiles of one row of draws at once, in a few straight passes and without reordering
/// the row: the values are counted into 256 equal buckets between their minimum and maximum (each
/// value's bucket kept as a byte), the bucket holding each wanted order statistic is found from the
/// counts, and the order statistic is read from it as if the bucket's members were spread evenly
/// across it: the k-th smallest of a bucket whose c members start at rank s is placed (k − s + ½)/c
/// of the way across. So a quantile is within one bucket — a 255th of the draws' range — of the
/// one sorting gives; on 1,000 draws like a simulation's that is a few thousandths of their standard
/// deviation on average, against a sampling error of the draws themselves of about five hundredths
/// (`SimulationTests`). The smallest and largest are exact.
///
/// A bucket of more than `evenlyRead` members is not spread evenly: a row of few distinct values
/// (a first year without noise), or one far value that squeezes the rest into a few buckets. Its
/// members are gathered in one more pass (which looks at the bucket bytes sixteen at a time and
/// reads only the lanes that hold such a bucket) and the order statistic selected among them
/// (`Selection`), exactly. A row of 1,000 draws has about four a bucket, so the work is the
/// passes — what makes millions of cells cheap.
public struct BucketQuantiles {
    public static let buckets = 256
    /// The most members a bucket may have for an order statistic to be read from it as if they were
    /// spread evenly (6.4% of 1,000 draws; a smooth row's fullest bucket holds about ten); a
    /// bucket of more is gathered and selected.
    public static let evenlyRead = 64
    /// Four sets of counts, `counts[set × buckets + bucket]`: values at positions 4i + set.
    private var counts: [Int32]
    /// Each bucket's count, the four sets added.
    private var total: [Int32]
    /// Each value's bucket.
    private var bucketOf: [UInt8]
    /// For each bucket, whether its members are gathered (a bucket of more than `evenlyRead` that
    /// holds a wanted order statistic), and the gathered members.
    private var isWanted: [Bool]
    private var members: [Float]
    /// Where a wanted bucket's members start in `members` (the draws below it) and end (the next
    /// bucket's start), and the next free place while gathering.
    private var starts: [Int32]
    private var positions: [Int32]
    /// The order statistics wanted (k, its bucket) and their values, two per quantile.
    private var wantK: [Int] = [], wantBucket: [Int] = [], found: [Float] = []
    /// The distinct buckets being gathered, and each in every lane of a vector.
    private var distinctBuckets: [Int] = []
    private var spread: [SIMD16<UInt8>] = []

    public init(capacity: Int) {
        counts = [Int32](repeating: 0, count: 4 * Self.buckets)
        total = [Int32](repeating: 0, count: Self.buckets)
        bucketOf = [UInt8](repeating: 0, count: max(capacity, 1))
        isWanted = [Bool](repeating: false, count: Self.buckets)
        members = [Float](repeating: 0, count: max(capacity, 1))
        starts = [Int32](repeating: 0, count: Self.buckets + 1)
        positions = starts
    }

    /// The smallest and largest value, sixteen at a time in two pairs of vectors: each pair waits
    /// on its own last comparison, so two pairs keep twice as many in flight. (Written out
    /// rather than pointwiseMin/Max, which the compiler leaves uninlined: twice as slow.)
    static func range(_ values: UnsafeBufferPointer<Float>) -> (Float, Float) {
        let n = values.count, wide = n / 16
        var lo = values[0], hi = values[0]
        if wide > 0 {
            var low0 = SIMD8<Float>(repeating: lo), high0 = low0, low1 = low0, high1 = low0
            let base = UnsafeRawPointer(values.baseAddress!)
            for c in 0..<wide {
                let v0 = base.loadUnaligned(fromByteOffset: c * 64, as: SIMD8<Float>.self)
                let v1 = base.loadUnaligned(fromByteOffset: c * 64 + 32, as: SIMD8<Float>.self)
                low0.replace(with: v0, where: v0 .< low0)
                high0.replace(with: v0, where: v0 .> high0)
                low1.replace(with: v1, where: v1 .< low1)
                high1.replace(with: v1, where: v1 .> high1)
            }
            low0.replace(with: low1, where: low1 .< low0)
            high0.replace(with: high1, where: high1 .> high0)
            let low = low0, high = high0
            for i in 0..<8 { lo = Swift.min(lo, low[i]); hi = Swift.max(hi, high[i]) }
        }
        for i in (wide * 16)..<n {
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

    /// The `qs`-quantiles of `values` (type 7, as `quantile`, each within one bucket of it),
    /// written to `out[0..<qs.count]`.
    public mutating func quantiles(_ values: UnsafeBufferPointer<Float>, _ qs: [Double], into out: UnsafeMutablePointer<Float>) {
        let n = values.count
        precondition(n > 0 && bucketOf.count >= n, "a row no longer than the capacity")
        guard !qs.isEmpty else { return }
        if wantK.count < 2 * qs.count {
            wantK = [Int](repeating: 0, count: 2 * qs.count)
            wantBucket = wantK
            distinctBuckets = wantK
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
        let B = Self.buckets
        counts.withUnsafeMutableBufferPointer { c in
        total.withUnsafeMutableBufferPointer { total in
        bucketOf.withUnsafeMutableBufferPointer { b in
        isWanted.withUnsafeMutableBufferPointer { isWanted in
        members.withUnsafeMutableBufferPointer { m in
        starts.withUnsafeMutableBufferPointer { s in
        positions.withUnsafeMutableBufferPointer { next in
        // Every buffer through a pointer: a stored array read inside these closures was checked
        // for exclusive access at run time on every read.
        wantK.withUnsafeMutableBufferPointer { wantK in
        wantBucket.withUnsafeMutableBufferPointer { wantBucket in
        distinctBuckets.withUnsafeMutableBufferPointer { distinctBuckets in
        found.withUnsafeMutableBufferPointer { found in
        spread.withUnsafeMutableBufferPointer { spread in
            let counts = UnsafeMutableRawPointer(c.baseAddress!)
            for i in 0..<(4 * B / 8) { counts.storeBytes(of: SIMD8<Int32>.zero, toByteOffset: i * 32, as: SIMD8<Int32>.self) }
            Self.bucket(values, lo: lo, scale: scale, into: b)
            // Four positions counted into four sets: draws near the middle fall in the same bucket
            // one after another, and one set of counts would wait on its own last increment.
            var i = 0
            while i + 4 <= n {
                c[Int(b[i])] &+= 1
                c[B + Int(b[i + 1])] &+= 1
                c[2 * B + Int(b[i + 2])] &+= 1
                c[3 * B + Int(b[i + 3])] &+= 1
                i += 4
            }
            while i < n { c[Int(b[i])] &+= 1; i += 1 }
            // The order statistics wanted, k and k + 1 for each quantile, in the order of qs.
            let wanted = 2 * qs.count
            for (i, q) in qs.enumerated() {
                let k = Int((q * Double(n - 1)).rounded(.down))
                wantK[2 * i] = k
                wantK[2 * i + 1] = min(k + 1, n - 1)
            }
            // The sets added, eight buckets at a time, and the counts before each run of eight; each
            // wanted order statistic's bucket is then found within its run.
            var before: Int32 = 0
            var remaining = wanted
            for w in 0..<wanted { wantBucket[w] = -1 }
            let summed = UnsafeMutableRawPointer(total.baseAddress!)
            for run in 0..<(B / 8) {
                let offset = run * 32
                let sum = counts.loadUnaligned(fromByteOffset: offset, as: SIMD8<Int32>.self)
                    &+ counts.loadUnaligned(fromByteOffset: B * 4 + offset, as: SIMD8<Int32>.self)
                    &+ counts.loadUnaligned(fromByteOffset: 2 * B * 4 + offset, as: SIMD8<Int32>.self)
                    &+ counts.loadUnaligned(fromByteOffset: 3 * B * 4 + offset, as: SIMD8<Int32>.self)
                summed.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Int32>.self)
                let after = before &+ sum.wrappedSum()
                for w in 0..<wanted where wantBucket[w] < 0 && wantK[w] < Int(after) {
                    // In this run: the bucket whose counts pass k.
                    var start = before, bucket = run * 8
                    while Int(start &+ total[bucket]) <= wantK[w] { start &+= total[bucket]; bucket += 1 }
                    wantBucket[w] = bucket
                    s[bucket] = start
                    s[bucket + 1] = start &+ total[bucket]
                    remaining -= 1
                }
                if remaining == 0 { break }
                before = after
            }
            // Each wanted order statistic read from its bucket, as if the bucket's members were
            // spread evenly across it (the first and last are the row's own minimum and maximum).
            // A bucket of more than `evenlyRead` members (a row of few distinct values, or one far
            // value that squeezes the rest into a few buckets) is gathered and selected instead.
            var distinct = 0
            for w in 0..<wanted {
                let bucket = wantBucket[w], inBucket = Int(total[bucket])
                if wantK[w] == 0 { found[w] = lo; continue }
                if wantK[w] == n - 1 { found[w] = hi; continue }
                if inBucket <= Self.evenlyRead {
                    let low = Swift.max(lo, lo + (Float(bucket) - 0.5) / scale), high = Swift.min(hi, lo + (Float(bucket) + 0.5) / scale)
                    found[w] = low + (Float(wantK[w] - Int(s[bucket])) + 0.5) / Float(inBucket) * (high - low)
                    continue
                }
                guard !isWanted[bucket] else { continue }
                isWanted[bucket] = true
                next[bucket] = s[bucket]
                distinctBuckets[distinct] = bucket
                spread[distinct] = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: bucket))
                distinct += 1
            }
            if distinct > 0 {
                // Gather the large buckets' members, each to its own place: members[starts[bucket]...].
                // Nearly every run of sixteen values holds none of them: one vector compare per
                // bucket skips it, and only the lanes that hold one are read.
                let buckets = UnsafeRawPointer(b.baseAddress!)
                var start = 0
                while start + 16 <= n {
                    let run = buckets.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
                    var holds = run .== spread[0]
                    for w in 1..<distinct { holds .|= run .== spread[w] }
                    // A lane's byte is all ones or none, so one bit of each marks it, and the set bits
                    // are taken lowest first.
                    let words = unsafeBitCast(holds, to: SIMD2<UInt64>.self)
                    for half in 0..<2 {
                        var lanes = words[half] & 0x0101_0101_0101_0101
                        while lanes != 0 {
                            let i = start + 8 * half + lanes.trailingZeroBitCount >> 3
                            let bucket = Int(b[i])
                            m[Int(next[bucket])] = values[i]
                            next[bucket] &+= 1
                            lanes &= lanes &- 1
                        }
                    }
                    start += 16
                }
                for i in start..<n where isWanted[Int(b[i])] {
                    let bucket = Int(b[i])
                    m[Int(next[bucket])] = values[i]
                    next[bucket] &+= 1
                }
                // Each order statistic selected within its bucket (disjoint ranges of `members`);
                // a bucket of one value repeated (a row of few distinct values) needs no selecting.
                for d in 0..<distinct {
                    let bucket = distinctBuckets[d]
                    isWanted[bucket] = false
                    let from = Int(s[bucket]), to = Int(s[bucket + 1]) - 1
                    let first = m[from]
                    var repeated = true
                    for i in from...to where m[i] != first { repeated = false; break }
                    for w in 0..<wanted where wantBucket[w] == bucket && wantK[w] > 0 && wantK[w] < n - 1 {
                        if !repeated { Selection.select(m, wantK[w], from: from, to: to) }
                        found[w] = repeated ? first : m[wantK[w]]
                    }
                }
            }
            for (i, q) in qs.enumerated() {
                let position = q * Double(n - 1)
                let low = found[2 * i], high = found[2 * i + 1]
                out[i] = low + Float(position - position.rounded(.down)) * (high - low)
            }
        } } } } } } } } } } } }
    }
}
