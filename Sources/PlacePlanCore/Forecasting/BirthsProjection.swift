/// Births known up to some year and projected beyond it by a damped trend: from the last known
/// year, add the slope of a least-squares line (LAPACK) through the last `trendYears` known
/// years, damped by `damping` each further year:
///
///     B(L + h) = B(L) + slope × (φ + φ² + … + φʰ)
///
/// φ = 1 follows the line for ever, φ = 0 holds the last year flat; in between the trend fades,
/// which is what births do: they turn before any line says so. Never below zero. Known years are
/// returned as given.
public struct BirthsProjection: Sendable, CustomStringConvertible {
    public let known: BirthSeries
    public let trendYears: Int
    public let damping: Double
    private let slope: Double

    public init(_ known: BirthSeries, trendYears: Int, damping: Double) {
        self.known = known
        self.trendYears = max(1, trendYears)
        self.damping = min(max(damping, 0), 1)
        let recent = known.byYear.sorted { $0.key < $1.key }.suffix(self.trendYears)
        let line = self.trendYears >= 2 ? TrendLine.fit(recent.map { (Double($0.key), $0.value) }) : nil
        self.slope = line?.slope ?? 0
    }

    public var lastKnownYear: Int? { known.lastYear }

    public func value(at year: Int) -> Double? {
        if let value = known.byYear[year] { return value }
        guard let last = known.lastYear, year > last, let base = known.byYear[last] else { return nil }  // no back-casting
        var factor = 0.0, power = 1.0
        for _ in 0..<(year - last) {
            power *= damping
            factor += power
        }
        return max(0, base + slope * factor)
    }

    public var description: String {
        if trendYears < 2 || damping == 0 { return "holding the last known year flat" }
        return "the trend of the last \(trendYears) known years" + (damping < 1 ? ", damped by \(damping) a year" : "")
    }
}
