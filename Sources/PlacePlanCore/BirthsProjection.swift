/// Births known up to some year and projected beyond it by a straight line fitted (LAPACK least
/// squares) to the last few known years, never below zero. Known years are returned as given.
public struct BirthsProjection: Sendable, CustomStringConvertible {
    public let known: BirthSeries
    public let trendYears: Int
    private let line: TrendLine?

    public init(_ known: BirthSeries, trendYears: Int) {
        self.known = known
        self.trendYears = max(1, trendYears)
        let recent = known.byYear.sorted { $0.key < $1.key }.suffix(self.trendYears)
        self.line = self.trendYears >= 2 ? TrendLine.fit(recent.map { (Double($0.key), $0.value) }) : nil
    }

    public var lastKnownYear: Int? { known.lastYear }

    public func value(at year: Int) -> Double? {
        if let value = known.byYear[year] { return value }
        guard let last = known.lastYear, year > last else { return nil }  // no back-casting
        if let line { return max(0, line.value(at: Double(year))) }
        return known.byYear[last]
    }

    public var description: String {
        line == nil ? "holding the last known year flat" : "a straight line through the last \(trendYears) known years"
    }
}
