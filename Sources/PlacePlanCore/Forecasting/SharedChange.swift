import Foundation  // log and exp only

/// The change in each ratio that every area shares in the latest year, for `shared(…)` methods:
/// the median across areas of log(latest ratio / the ratio the year before) (`SharedRatioChange`),
/// of which half is applied (`weight`). A year left out (`exclude_years`) is not used on either
/// side of a change. The median, so that one area's odd year cannot move the others; half,
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
        // The latest year whose change is known from two years neither of which is left out.
        func factor(_ byYear: [Int: Double]) -> Double {
            let latest = byYear.keys.filter { !excludedYears.contains($0) && !excludedYears.contains($0 - 1) }.max()
            return exp(Self.weight * (latest.flatMap { byYear[$0] } ?? 0))
        }
        progression = SharedRatioChange.progression(history).map(factor)
        intake = factor(SharedRatioChange.byYear(history.areas.map { area in
            intakeRatios(of: area, births: history.births?[area.area.code], ladder: history.ladder, basis: history.birthsBasis)
        }))
    }
}
