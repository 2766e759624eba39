import Foundation  // log

/// The change in a ratio that all areas share, year by year: the median across areas of
/// log(ratio into year t / ratio into year t − 1). `SharedChange` moves `shared(…)` forecasts by
/// the latest year's; `ExceptionalYear` looks for a year in which every year group's is far from
/// the usual.
enum SharedRatioChange {
    /// Of ratio series given one per area as (the year a ratio goes into, ratio).
    static func byYear(_ series: [[(year: Int, ratio: Double)]]) -> [Int: Double] {
        var changes: [Int: [Double]] = [:]
        for observations in series {
            let ratios = Dictionary(observations.map { ($0.year, $0.ratio) }, uniquingKeysWith: { first, _ in first })
            for (year, ratio) in ratios {
                guard let before = ratios[year - 1], ratio > 0, before > 0 else { continue }
                let change = log(ratio / before)
                if change.isFinite { changes[year, default: []].append(change) }
            }
        }
        return changes.compactMapValues { median($0) }
    }

    /// Of each progression ratio (`[g]`: into year group g + 1), by year, straight from the rolls
    /// rather than through a series per area and year group: a forecast finds these for every
    /// area of a national place plan, at every origin of a backtest.
    static func progression(_ history: History) -> [[Int: Double]] {
        let groups = history.ladder.count - 1
        guard groups >= 1, let first = history.areas.map(\.firstYear).min(), let last = history.areas.map(\.lastYear).max()
        else { return [] }
        // changes[g][t − first]: every area's log(now · before / (from · earlier)), the ratio
        // into t (now / from) over the ratio into t − 1 (earlier / before).
        var changes = [[[Double]]](repeating: [[Double]](repeating: [], count: last - first + 1), count: groups)
        for area in history.areas where area.pupils.count >= 3 {
            let rows = area.pupils
            for t in 2..<rows.count {
                for g in 0..<groups {
                    let before = rows[t - 2][g], from = rows[t - 1][g], earlier = rows[t - 1][g + 1], now = rows[t][g + 1]
                    guard before > 0, from > 0, earlier > 0, now > 0 else { continue }
                    let change = log(now * before / (from * earlier))
                    if change.isFinite { changes[g][area.firstYear + t - first].append(change) }
                }
            }
        }
        return changes.map { byIndex in
            var byYear: [Int: Double] = [:]
            for (t, values) in byIndex.enumerated() { if let shared = median(values) { byYear[first + t] = shared } }
            return byYear
        }
    }
}
