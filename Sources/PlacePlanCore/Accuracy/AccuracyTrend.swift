/// "Is the forecast getting better?": the latest vintage's error against the earlier vintages',
/// years ahead by years ahead and measure by measure.
public struct AccuracyTrend: Equatable, Sendable {
    public enum Change: String, Equatable, Sendable { case smaller, larger, same }

    /// One measure's change, for the authority's |error| or the areas' median |error|.
    public struct Verdict: Equatable, Sendable {
        public let measure: String
        public let change: Change
    }

    public let horizon: Int
    /// Positions, in the list the trend was computed from, of the latest vintage and the
    /// earlier ones it is compared with (their median).
    public let latest: Int
    public let earlier: [Int]
    public let authority: [Verdict]
    public let areas: [Verdict]

    /// - Parameter vintages: scored vintages, oldest first (by origin, then as archived).
    public static func trends(_ vintages: [VintageAccuracy.Result], measures: [String]) -> [AccuracyTrend] {
        let horizons = Set(vintages.flatMap(\.horizons)).sorted()
        return horizons.compactMap { h in
            let scored = vintages.indices.filter { vintages[$0].horizons.contains(h) }
            guard scored.count >= 2, let latest = scored.last else { return nil }
            let earlier = Array(scored.dropLast())
            func verdicts(_ value: (VintageAccuracy.Result, String) -> Double?) -> [Verdict] {
                measures.compactMap { m in
                    guard let now = value(vintages[latest], m),
                          let before = median(earlier.compactMap { value(vintages[$0], m) }) else { return nil }
                    let change: Change = now < before - 1e-12 ? .smaller : (now > before + 1e-12 ? .larger : .same)
                    return Verdict(measure: m, change: change)
                }
            }
            let authority = verdicts { r, m in r.scores(level: .authority, measure: m, horizon: h).first?.error.map(Swift.abs) }
            let areas = verdicts { r, m in r.summary(level: .area, measure: m, horizon: h)?.medianAbsolute }
            guard !authority.isEmpty || !areas.isEmpty else { return nil }
            return AccuracyTrend(horizon: h, latest: latest, earlier: earlier, authority: authority, areas: areas)
        }
    }
}
