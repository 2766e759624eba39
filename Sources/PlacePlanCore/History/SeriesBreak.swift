/// A break in an area's series: a year in which most of its progression ratios jump together
/// far from what its own history makes plausible — a boundary change (Christchurch moving from
/// Dorset to Bournemouth, Christchurch and Poole in 2019), a merger, or a change in what was
/// counted. Pupils do not all move at once between one January and the next; an area's
/// boundary does. A forecast carries such a jump into its ratios, so `check`, the forecast's
/// summary and the report name it.
public struct SeriesBreak: Equatable, Sendable {
    public let area: PlanningArea
    public let year: Int
    /// Progression ratios into `year` that jumped, and how many there are.
    public let jumped: Int
    public let of: Int
    /// The median change of those ratios from the area's own median (−0.13: 13% fewer).
    public let medianChange: Double

    /// A ratio jumps when it is this many robust standard deviations from its area's median
    /// for the year group (and at least `minimumChange` from it)…
    public static let robustDeviations = 4.0
    public static let minimumChange = 0.04
    /// …and a year breaks when at least this share of the area's ratios jump together.
    public static let shareTogether = 0.5

    /// The breaks in every area's rolls; an area needs four years of ratios to be judged.
    public static func detect(_ history: History) -> [SeriesBreak] {
        var breaks: [SeriesBreak] = []
        for area in history.areas where area.pupils.count >= 5 {
            let groups = 1..<history.ladder.count
            // ratios[g][i]: pupils of year group g in year i+1 ÷ year group g−1 the year before.
            var ratios: [Int: [Double?]] = [:]
            for g in groups {
                ratios[g] = (1..<area.pupils.count).map { i in
                    let before = area.pupils[i - 1][g - 1], now = area.pupils[i][g]
                    return before > 20 && now > 0 ? now / before : nil
                }
            }
            for i in 0..<(area.pupils.count - 1) {
                var changes: [Double] = [], judged = 0
                for g in groups {
                    let series = ratios[g]!.compactMap { $0 }
                    guard series.count >= 4, let r = ratios[g]![i] else { continue }
                    judged += 1
                    let median = Self.median(series)
                    let spread = 1.4826 * Self.median(series.map { abs($0 - median) })
                    let change = r / median - 1
                    if abs(change) >= minimumChange && abs(r - median) > robustDeviations * max(spread, 0.005) { changes.append(change) }
                }
                if judged > 0, Double(changes.count) >= shareTogether * Double(judged), changes.count >= 3 {
                    breaks.append(SeriesBreak(area: area.area, year: area.firstYear + i + 1, jumped: changes.count, of: judged,
                                              medianChange: Self.median(changes)))
                }
            }
        }
        return breaks
    }

    /// The middle value (the mean of the two middle ones for an even count); 0 for none.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// "Dorset (E06000059), 2019/20: 12 of 13 progression ratios jump together (median −13%): a boundary change or a break in the data".
    public var description: String {
        let percent = Int((medianChange * 100).rounded())
        return "\(area.label), \(AcademicYear.text(year)): \(jumped) of \(of) progression ratios jump together (median "
            + "\(percent > 0 ? "+" : "")\(percent)%): a boundary change or a break in the data; the forecast carries it into its ratios"
    }
}
