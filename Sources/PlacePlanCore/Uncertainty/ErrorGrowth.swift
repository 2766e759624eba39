/// How a past forecast's error grows with the years ahead it was not followed, learnt from the
/// forecasts that were followed.
///
/// A census `T` replays forecasts from `T − 3`, `T − 2` and `T − 1`; only the oldest can be
/// followed three years. Holding each forecast's last error in its place would give every one
/// of them the error of the same year, `T` (the oldest's third year, the next's second, the
/// newest's first), and their draws would spread only as far as forecasts of one year differ —
/// on England from 2016, Reception's 80% interval three years ahead came out narrower than two
/// years ahead, and held 56%. So a forecast not followed to a lead takes its one-year-ahead
/// error (each forecast's from a different year), grown by the median of |error ℓ years ahead|
/// over that of |error one year ahead| among the forecasts that were followed that far.
///
/// The growth is learnt year group by year group, pooled over units, entries (Reception, a
/// secondary school's Year 7) apart from ratios; where a year group has too few followed errors
/// (a plan of one area), from all year groups of its kind; where those are too few as well, an
/// entry's error grows as √(years ahead), as a wandering ratio's does, and a ratio's is held.
enum ErrorGrowth {
    /// Fewer pairs of errors than this and a growth is not learnt from them.
    static let minimumPairs = 5

    /// `growth[(ℓ × G + g) × 2 + (entry ? 1 : 0)]`: how much larger the error ℓ + 1 years ahead
    /// is than one year ahead; 1 at ℓ = 0, never smaller than at ℓ − 1.
    /// - Parameters:
    ///   - values: `PastErrors.values`' layout, filled at the leads each forecast reached.
    ///   - reach: how many leads each past forecast was followed.
    ///   - entry: `[u × G + g]`, whether the unit is entered at year group g.
    static func fit(_ values: [Float], reach: [Int], leads L: Int, units: Int, yearGroups G: Int, entry: [Bool]) -> [Double] {
        var growth = [Double](repeating: 1, count: L * G * 2)
        guard L > 1 else { return growth }
        for l in 1..<L {
            // |error ℓ + 1 years ahead| and |error 1 year ahead| of the same forecast and unit.
            var later = [[Double]](repeating: [], count: G * 2), first = later
            for k in reach.indices where reach[k] > l {
                for u in 0..<units {
                    for g in 0..<G {
                        let there = values[((k * L + l) * units + u) * G + g], one = values[((k * L) * units + u) * G + g]
                        guard there != 0, one != 0, there.isFinite, one.isFinite else { continue }
                        let key = g * 2 + (entry[u * G + g] ? 1 : 0)
                        later[key].append(Double(abs(there)))
                        first[key].append(Double(abs(one)))
                    }
                }
            }
            for kind in 0..<2 {
                let keys = (0..<G).map { $0 * 2 + kind }
                let pooled = Self.ratio(keys.flatMap { later[$0] }, keys.flatMap { first[$0] })
                for g in 0..<G {
                    let before = growth[((l - 1) * G + g) * 2 + kind]
                    let assumed = kind == 1 ? before * (Double(l + 1) / Double(l)).squareRoot() : before
                    let grown = Self.ratio(later[g * 2 + kind], first[g * 2 + kind]) ?? pooled ?? assumed
                    growth[(l * G + g) * 2 + kind] = max(before, grown)
                }
            }
        }
        return growth
    }

    /// median(later) ÷ median(first), when there are enough pairs to say.
    static func ratio(_ later: [Double], _ first: [Double]) -> Double? {
        guard later.count >= minimumPairs, let a = median(later), let b = median(first), b > 0 else { return nil }
        return a / b
    }
}
