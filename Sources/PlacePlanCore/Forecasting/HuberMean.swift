/// A recency-weighted mean that one odd year cannot drag far: the Huber M-estimate (Huber 1964)
/// with the ratios' weights 1…K (the latest heaviest, as `weighted-K`). It is the μ with
///
///     Σ wᵢ · clip(rᵢ − μ, −c·s, c·s) = 0,
///
/// so a ratio within c·s of the result counts in full, as in `weighted-K`, and one further off
/// counts as if it lay c·s away, however far that is. `s` is the ratios' robust spread, 1.4826 ×
/// the median absolute deviation from their median, and c = 1.345, the usual tuning: with normal
/// noise the estimate loses about 5% of a mean's efficiency.
///
/// With fewer than three ratios, or when at least half of them are equal (no spread to judge
/// by), nothing can be called odd: `of` gives nil, and `huber-K` is the plain `weighted-K`.
enum HuberMean {
    static let tuning = 1.345

    /// `ratios` in year order, oldest first; nil when none can be judged odd.
    static func of(_ ratios: [Double]) -> Double? {
        let recency = ratios.indices.map { Double($0 + 1) }
        guard ratios.count >= 3, let centre = median(ratios),
              let deviation = median(ratios.map { abs($0 - centre) }), deviation > 0
        else { return nil }
        let limit = tuning * 1.4826 * deviation
        /// The left side of the equation: it falls as μ rises, in straight pieces between the
        /// points where a ratio comes within the limit or leaves it.
        func balance(_ mu: Double) -> Double {
            zip(ratios, recency).reduce(0) { $0 + $1.1 * min(max($1.0 - mu, -limit), limit) }
        }
        // Below every ratio's lower corner the balance is Σw·c·s > 0, above every upper corner
        // −Σw·c·s < 0: the root lies on the first piece whose far end is at or below nought,
        // found there exactly (reweighting means until they settle can take hundreds of passes).
        // Where every ratio is beyond the limit the balance stays flat, and with the weights
        // even on both sides (3 against 1 + 2: a three-year run whose latest year is odd) it is
        // nought along a whole stretch; then the middle of the stretch.
        let corners = ratios.flatMap { [$0 - limit, $0 + limit] }.sorted()
        let nought = 1e-12 * limit * recency.reduce(0, +)
        let balances = corners.map(balance)
        guard let first = balances.firstIndex(where: { $0 <= nought }), first > 0 else { return corners[0] }
        if balances[first] < -nought {
            let (low, high) = (corners[first - 1], corners[first]), (atLow, atHigh) = (balances[first - 1], balances[first])
            return low + atLow * (high - low) / (atLow - atHigh)
        }
        let last = balances[first...].firstIndex(where: { $0 < -nought }).map { $0 - 1 } ?? corners.count - 1
        return (corners[first] + corners[last]) / 2
    }
}
