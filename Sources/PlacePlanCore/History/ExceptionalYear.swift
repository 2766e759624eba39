import Foundation  // log

/// A year in which every area's progression ratios moved together far more than they ever do —
/// a pandemic year, a change in what the census counted. One area's odd year is a
/// `SeriesBreak`, one odd ratio a `RatioOutlier`; this is the same change everywhere, which no
/// comparison between areas can see. A method that follows recent years (the default's `mean-1`
/// half, `shared(…)`) carries it into every forecast after it, unless the planner names it in
/// `exclude_years` (docs/method.md, the shock test).
///
/// Found from the change all areas share: for each year group, the median across areas of
/// log(ratio into the year / ratio into the year before); then the median of those across year
/// groups. A year is exceptional when that moves at least `minimumChange` and `timesUsual` times
/// as far as in any other year (the year after it left out: a one-year shock comes back then).
public struct ExceptionalYear: Equatable, Sendable {
    /// The year the ratios go into.
    public let year: Int
    /// The shared change into `year` (log; −0.03 ≈ 3% fewer pupils moving up than the year before).
    public let change: Double
    /// The largest shared change into any other year (but the year after).
    public let usual: Double

    public static let minimumChange = 0.01
    public static let timesUsual = 4.0

    /// Areas a plan needs for "every area moved together" to mean more than one area's break
    /// (a `SeriesBreak`, which `check` names on its own).
    public static let minimumAreas = 10

    public static func detect(_ history: History) -> [ExceptionalYear] {
        guard history.ladder.count >= 2, history.areas.count >= minimumAreas else { return [] }
        // Each year's change, the median across year groups of the change all areas share.
        let byGroup = SharedRatioChange.progression(history)
        var shared: [Int: Double] = [:]
        for year in Set(byGroup.flatMap(\.keys)) {
            if let change = median(byGroup.compactMap { $0[year] }) { shared[year] = change }
        }
        guard shared.count >= 3 else { return [] }  // too few years to say what is usual
        return shared.keys.sorted().compactMap { year in
            let change = shared[year]!
            let usual = shared.filter { $0.key != year && $0.key != year + 1 }.values.map(abs).max() ?? 0
            guard abs(change) >= minimumChange, abs(change) >= timesUsual * usual else { return nil }
            return ExceptionalYear(year: year, change: change, usual: usual)
        }
    }

    /// "−3.0%".
    public var percent: String { Self.percent(change, signed: true) }

    static func percent(_ x: Double, signed: Bool = false) -> String {
        (signed && x >= 0 ? "+" : "") + String(format: "%.1f%%", locale: Locale(identifier: "en_GB"), (exp(x) - 1) * 100)
    }

    /// What `check` says: `leftOut` when the forecast leaves the year out (no years named), or
    /// else a suggestion to name it with the others.
    public func description(leftOut: Bool) -> String {
        "every area's progression ratios into \(AcademicYear.text(year)) moved together by \(percent) "
            + "(the median across year groups of the median across areas), against at most \(Self.percent(usual)) in other years: "
            + (leftOut
                ? "an exceptional year, so its ratios are left out of every forecast (as if named in exclude_years); "
                    + "to keep them, give exclude_years = [] in plan.toml"
                : "an exceptional year? exclude_years is given, so it is kept; add \(year) to it to leave it out")
    }
}
