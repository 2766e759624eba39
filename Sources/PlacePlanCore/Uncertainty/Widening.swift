import Foundation  // erfc

/// How much wider a simulation's step noise must be for its draws to cover as often as they
/// claim, found by leaving each past forecast out in turn: the others' one-year-ahead errors
/// (plus noise of `PastErrors.spread(of:)` × a factor) make a predictive distribution for the
/// one left out, and the factor is the one whose 50%, 80% and 95% ranges held the left-out
/// errors closest to 50%, 80% and 95% of the time.
///
/// A few past forecasts per area understate how far a new one can go (their spread is itself
/// uncertain, and years differ); this finds by how much from the past forecasts alone, so a
/// forecast's intervals use nothing it could not have known.
public enum Widening {
    /// The factors tried: no widening to six times.
    public static let candidates: [Double] = stride(from: 1.0, through: 6.0, by: 0.25).map { $0 }
    /// The weights of the typical spread tried (`TypicalSpread`; 0: each unit's own).
    public static let weights: [Double] = [0, 1, 2, 4, 8, 16, 32]
    /// At most this many units are scored (spread evenly): with 14 year groups and three to seven
    /// past forecasts, 21,000–49,000 left-out errors, enough to fit a weight and a factor to a
    /// point of coverage. (2,000 took half a second more than the whole simulation of a 2,000-school
    /// plan once seven weights were tried.)
    public static let sampledUnits = 500

    /// The weight of the typical spread and the factor that, together, held the left-out errors
    /// closest to 50%, 80% and 95% (the least miss of every weight's best factor), and the factor
    /// for each unit's own spread (weight 0). For England's intervals from 2016, 2017 and 2018
    /// (three to five past forecasts) the weight came out 2 each time, the factor 1.25 rather than
    /// 2.25, 1.75 and 1.5, and the miss a twelfth to a half of the unmoderated one's. The weights
    /// are fitted on both cores; without a typical spread (a plan of few units) only weight 0.
    static func moderated(_ values: [Float], pastForecasts K: Int, leads L: Int, units: Int, yearGroups G: Int,
                          typical: [Double]) -> (own: Double, weight: Double, factor: Double) {
        let tried = typical.contains { $0 > 0 } ? weights : [0]
        let fits = Parallel.map(tried.count, infallible: { i in
            fit(values, pastForecasts: K, leads: L, units: units, yearGroups: G, typical: typical, weight: tried[i])
        })
        // The least miss; on a tie, the lighter weight.
        let best = fits.indices.min { (fits[$0].miss, $0) < (fits[$1].miss, $1) }!
        return (fits[0].factor, tried[best], fits[best].factor)
    }

    /// The best factor with each unit's spread moderated towards `typical` by `weight` (`[]`, or
    /// weight 0: each unit's own), and its miss: the sum over 50%, 80% and 95% of (share held −
    /// level)².
    /// - Parameter values: `PastErrors.values`' layout; lead 0 (one year ahead) is scored.
    static func fit(_ values: [Float], pastForecasts K: Int, leads L: Int, units: Int, yearGroups G: Int,
                    typical: [Double], weight: Double) -> (factor: Double, miss: Double) {
        guard K >= 3 else { return (1, 0) }
        let levels = [0.5, 0.8, 0.95]
        var inside = [[Int]](repeating: [Int](repeating: 0, count: levels.count), count: candidates.count)
        var scored = 0
        let step = max(1, units / sampledUnits)
        var others = [Double](repeating: 0, count: K - 1)
        for u in stride(from: 0, to: units, by: step) {
            for g in 0..<G {
                for k in 0..<K {
                    let x = Double(values[((k * L) * units + u) * G + g])
                    var n = 0
                    for j in 0..<K where j != k { others[n] = Double(values[((j * L) * units + u) * G + g]); n += 1 }
                    let s = PastErrors.spread(of: others, typical: typical.isEmpty ? 0 : typical[u * G + g], weight: weight)
                    guard s > 0 else { continue }  // no spread to widen: a unit without errors
                    scored += 1
                    for (c, factor) in candidates.enumerated() {
                        // The left-out error's place in the others' predictive distribution (PIT).
                        let pit = others.reduce(0) { $0 + 0.5 * erfc(-(x - $1) / (factor * s) / 2.0.squareRoot()) } / Double(K - 1)
                        for (i, level) in levels.enumerated() where abs(pit - 0.5) <= level / 2 { inside[c][i] += 1 }
                    }
                }
            }
        }
        guard scored > 0 else { return (1, 0) }
        let miss = candidates.indices.map { c in
            zip(levels, inside[c]).reduce(0) { $0 + pow(Double($1.1) / Double(scored) - $1.0, 2) }
        }
        let best = miss.indices.min { miss[$0] < miss[$1] }!
        return (candidates[best], miss[best])
    }
}
