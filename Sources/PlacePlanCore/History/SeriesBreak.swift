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
            let ratios = (1..<history.ladder.count).map { judged(area, into: $0) }
            for year in (area.firstYear + 1)...area.lastYear {
                var changes: [Double] = [], judgedCount = 0
                for series in ratios {
                    guard series.count >= 4, let r = series[year], let typical = median(Array(series.values)) else { continue }
                    judgedCount += 1
                    let change = r / typical - 1
                    let spread = robustStandardDeviation(Array(series.values), around: typical)
                    if abs(change) >= minimumChange && abs(r - typical) > robustDeviations * max(spread, 0.005) { changes.append(change) }
                }
                if judgedCount > 0, Double(changes.count) >= shareTogether * Double(judgedCount), changes.count >= 3 {
                    breaks.append(SeriesBreak(area: area.area, year: year, jumped: changes.count, of: judgedCount,
                                              medianChange: median(changes)!))
                }
            }
        }
        return breaks
    }

    /// An area's progression ratios into year group `g`, keyed by the year they progress into,
    /// as the detectors judge them: only cohorts of more than 20 pupils that still have pupils,
    /// so that a handful of children moving does not look like a jump (`progressionRatios` is
    /// the forecast's own reading of the same figures).
    static func judged(_ area: AreaRolls, into g: Int) -> [Int: Double] {
        var byYear: [Int: Double] = [:]
        for item in progressionRatios(of: area, from: g - 1) where item.ratio > 0 && area.pupils(year: item.year, yearGroup: g - 1)! > 20 {
            byYear[item.year + 1] = item.ratio
        }
        return byYear
    }

    /// "Dorset (E06000059), 2019/20: 12 of 13 progression ratios jump together (median −13%): a boundary change or a break in the data".
    public var description: String {
        let percent = Int((medianChange * 100).rounded())
        return "\(area.label), \(AcademicYear.text(year)): \(jumped) of \(of) progression ratios jump together (median "
            + "\(percent > 0 ? "+" : "")\(percent)%): a boundary change or a break in the data; the forecast carries it into its ratios"
    }
}
