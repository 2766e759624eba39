/// One progression ratio outside what both its area's own history and every area make
/// plausible: a year group that grew or shrank in one year far more than it ever does there,
/// and far more than such changes anywhere. Unlike a `SeriesBreak` (most year groups at
/// once), this is a single cell: a miscount, a school counted in the wrong area, a new unit.
public struct RatioOutlier: Equatable, Sendable {
    public let area: PlanningArea
    public let year: Int
    /// The year group the pupils progressed into (Y3 for Y2 → Y3).
    public let yearGroup: Int
    public let ratio: Double
    /// The area's own median ratio for that year group.
    public let typical: Double

    /// Far from its area: this many robust standard deviations of the area's ratios for the
    /// year group; far from every area: this many robust standard deviations of all areas'
    /// deviations from their own medians for the year group. Both, and at least `minimumChange`.
    public static let robustDeviations = 5.0
    public static let minimumChange = 0.1

    /// The outliers of `history`, leaving out the years of its series breaks (named already).
    public static func detect(_ history: History, breaks: [SeriesBreak]) -> [RatioOutlier] {
        var candidates: [(area: AreaRolls, year: Int, g: Int, ratio: Double, median: Double, spread: Double)] = []
        // deviations[g]: every area's ratios into g relative to its own median (r / median − 1).
        var deviations = Array(repeating: [Double](), count: history.ladder.count)
        for area in history.areas where area.pupils.count >= 5 {
            for g in 1..<history.ladder.count {
                let series = SeriesBreak.judged(area, into: g)
                guard series.count >= 4, let typical = median(Array(series.values)) else { continue }
                let spread = robustStandardDeviation(Array(series.values), around: typical)
                for (year, ratio) in series.sorted(by: { $0.key < $1.key }) {
                    deviations[g].append(ratio / typical - 1)
                    candidates.append((area, year, g, ratio, typical, spread))
                }
            }
        }
        let allSpread = deviations.map { d in median(d).map { robustStandardDeviation(d, around: $0) } ?? 0 }
        return candidates.filter { c in
            let change = c.ratio / c.median - 1
            return !breaks.contains { $0.area == c.area.area && $0.year == c.year } && abs(change) >= minimumChange
                && abs(c.ratio - c.median) > robustDeviations * max(c.spread, 0.005)
                && abs(change) > robustDeviations * max(allSpread[c.g], 0.005)
        }.map { RatioOutlier(area: $0.area.area, year: $0.year, yearGroup: $0.g, ratio: $0.ratio, typical: $0.median) }
    }

    /// "Hartlepool (E06000001), 2016/17: Y2 → Y3 ratio 1.12, against 0.99 there usually (+13%)".
    public func description(ladder: Ladder) -> String {
        let change = Int(((ratio / typical - 1) * 100).rounded())
        return "\(area.label), \(AcademicYear.text(year)): \(ladder.yearGroups[yearGroup - 1].name) → \(ladder.yearGroups[yearGroup].name) "
            + "progression ratio \(Self.twoPlaces(ratio)), against \(Self.twoPlaces(typical)) there usually (\(change > 0 ? "+" : "")\(change)%): "
            + "far outside this area's history and every area's; check that year's census, and if it is wrong leave the year out of "
            + "this area's forecast in exclude-years.csv (\(area.code),\(year))"
    }

    static func twoPlaces(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
    }
}
