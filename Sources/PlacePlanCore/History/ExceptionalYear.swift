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

    public static func detect(_ history: History) -> [ExceptionalYear] {
        let ladder = history.ladder
        guard ladder.count >= 2 else { return [] }
        // changes[year][g]: the median across areas of the log change of the ratio into g + 1.
        var changes: [Int: [Double]] = [:]
        for g in 0..<(ladder.count - 1) {
            var byYear: [Int: [Double]] = [:]
            for area in history.areas {
                let ratios = Dictionary(progressionRatios(of: area, from: g).map { ($0.year + 1, $0.ratio) }, uniquingKeysWith: { a, _ in a })
                for (year, ratio) in ratios {
                    guard let before = ratios[year - 1], ratio > 0, before > 0 else { continue }
                    let change = log(ratio / before)
                    if change.isFinite { byYear[year, default: []].append(change) }
                }
            }
            for (year, values) in byYear { if let shared = median(values) { changes[year, default: []].append(shared) } }
        }
        let shared = changes.compactMapValues { median($0) }
        guard shared.count >= 4 else { return [] }  // too few years to say what is usual
        return shared.keys.sorted().compactMap { year in
            let change = shared[year]!
            let usual = shared.filter { $0.key != year && $0.key != year + 1 }.values.map(abs).max() ?? 0
            guard abs(change) >= minimumChange, abs(change) >= timesUsual * usual else { return nil }
            return ExceptionalYear(year: year, change: change, usual: usual)
        }
    }

    public var description: String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", locale: Locale(identifier: "en_GB"), (exp(x) - 1) * 100) }
        let signed = (change < 0 ? "" : "+") + percent(change)
        return "every area's progression ratios into \(AcademicYear.text(year)) moved together by \(signed) "
            + "(the median across year groups of the median across areas), against at most \(percent(usual)) in other years: "
            + "an exceptional year? If so, name it in exclude_years (plan.toml) or --exclude-years \(year), "
            + "so that no method carries it into the forecast"
    }
}
