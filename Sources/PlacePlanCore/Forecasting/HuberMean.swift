/// A recency-weighted mean that one odd year cannot drag far: the ratios' weights 1…K (the
/// latest heaviest, as `weighted-K`) times a Huber weight, min(1, c·s ÷ |r − μ|), found by
/// iteratively reweighted means (Huber 1964). `s` is the ratios' robust spread, 1.4826 × the
/// median absolute deviation from their median, and c = 1.345, the usual tuning: with normal
/// noise the estimate loses about 5% of a mean's efficiency, and a ratio more than c·s from the
/// estimate counts as if it lay at c·s.
///
/// With fewer than three ratios, or when at least half of them are equal (no spread to judge
/// by), nothing can be called odd and it is the plain weighted mean.
enum HuberMean {
    static let tuning = 1.345

    /// `ratios` in year order, oldest first.
    static func of(_ ratios: [Double]) -> Double {
        let recency = ratios.indices.map { Double($0 + 1) }
        let weightedMean = weighted(ratios, recency)
        guard ratios.count >= 3, let centre = median(ratios),
              let deviation = median(ratios.map { abs($0 - centre) }), deviation > 0
        else { return weightedMean }
        let limit = tuning * 1.4826 * deviation
        var estimate = weightedMean
        // Each pass moves the estimate less; a few dozen always settle it to rounding.
        for _ in 0..<50 {
            let weights = zip(ratios, recency).map { ratio, weight in
                let distance = abs(ratio - estimate)
                return distance <= limit ? weight : weight * limit / distance
            }
            let next = weighted(ratios, weights)
            if abs(next - estimate) <= 1e-12 * abs(estimate) { return next }
            estimate = next
        }
        return estimate
    }

    private static func weighted(_ values: [Double], _ weights: [Double]) -> Double {
        var sum = 0.0, total = 0.0
        for (value, weight) in zip(values, weights) {
            sum += value * weight
            total += weight
        }
        return sum / total
    }
}
