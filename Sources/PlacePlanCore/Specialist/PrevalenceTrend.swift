/// A group's prevalence rate — pupils with EHC plans per pupil of the group's year groups (or per
/// birth, for the under-5s) — over past years, and projected by a damped least-squares trend:
///
///     r(L + h) = r(L) + slope × (φ + φ² + … + φʰ),   held within r(L) × (1 ± maxChange) and ≥ 0
///
/// where L is the last observed year, the slope is the line (LAPACK least squares) through the
/// last `trendYears` observed rates, and φ the damping. With one observed year the rate is held.
public struct PrevalenceTrend: Equatable, Sendable {
    /// Observed rates by year.
    public let rates: [Int: Double]
    public let slope: Double
    public let damping: Double
    public let maxChange: Double

    public init(rates: [Int: Double], settings: SpecialistSettings) {
        self.rates = rates
        self.damping = settings.damping
        self.maxChange = settings.maxChange
        let recent = rates.sorted { $0.key < $1.key }.suffix(settings.trendYears)
        self.slope = TrendLine.fit(recent.map { (Double($0.key), $0.value) })?.slope ?? 0
    }

    public var lastYear: Int? { rates.keys.max() }

    /// The observed rate of `year`, else the projection (`nil` before any observed year).
    public func rate(in year: Int) -> Double? {
        if let observed = rates[year] { return observed }
        guard let last = lastYear, year > last, let base = rates[last] else { return nil }
        var factor = 0.0, power = 1.0
        for _ in 0..<(year - last) {
            power *= damping
            factor += power
        }
        let projected = base + slope * factor
        return min(max(projected, max(0, base * (1 - maxChange))), base * (1 + maxChange))
    }
}
