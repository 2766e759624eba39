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
    /// At most this many units are scored (spread evenly): enough to fit one number.
    public static let sampledUnits = 2_000

    /// - Parameter values: `PastErrors.values`' layout; lead 0 (one year ahead) is scored.
    static func fit(_ values: [Float], pastForecasts K: Int, leads L: Int, units: Int, yearGroups G: Int) -> Double {
        guard K >= 3 else { return 1 }
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
                    let s = PastErrors.spread(of: others)
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
        guard scored > 0 else { return 1 }
        let miss = candidates.indices.map { c in
            zip(levels, inside[c]).reduce(0) { $0 + pow(Double($1.1) / Double(scored) - $1.0, 2) }
        }
        return candidates[miss.indices.min { miss[$0] < miss[$1] }!]
    }
}
