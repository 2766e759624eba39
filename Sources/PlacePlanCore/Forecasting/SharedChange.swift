import Foundation  // log and exp only

/// The change in each ratio that every area shares in the latest year, for `shared(…)` methods:
/// the median across areas of log(latest ratio / the ratio the year before), of which half is
/// applied (`weight`). The median, so that one area's odd year cannot move the others; half,
/// because a one-year change is partly noise — measured on England's authorities
/// (`placeplan backtest Data/england`, docs/method.md), half did better than none or all.
/// A plan of one area shares only its own change.
public struct SharedChange: Equatable, Sendable {
    /// The share of the median change applied.
    public static let weight = 0.5

    /// The factor each area's progression ratio into year group `g + 1` is multiplied by.
    public let progression: [Double]
    /// The factor each area's intake ratio is multiplied by.
    public let intake: Double

    public init(_ history: History, excludedYears: Set<Int>) {
        let ladder = history.ladder
        func factor(_ series: [[(year: Int, ratio: Double)]]) -> Double {
            let changes = series.compactMap { observations -> Double? in
                let kept = observations.filter { !excludedYears.contains($0.year) }.sorted { $0.year < $1.year }.suffix(2)
                guard kept.count == 2, let first = kept.first?.ratio, let last = kept.last?.ratio, first > 0, last > 0 else { return nil }
                let change = log(last / first)
                return change.isFinite ? change : nil
            }
            return exp(Self.weight * (median(changes) ?? 0))
        }
        // A progression ratio's year is the year it comes from; it is left out when the year it
        // goes into is excluded (as `CohortSurvival` leaves it out).
        progression = (0..<max(ladder.count - 1, 0)).map { g in
            factor(history.areas.map { progressionRatios(of: $0, from: g).map { (year: $0.year + 1, ratio: $0.ratio) } })
        }
        intake = factor(history.areas.map { area in
            intakeRatios(of: area, births: history.births?[area.area.code], ladder: ladder, basis: history.birthsBasis)
        })
    }
}
