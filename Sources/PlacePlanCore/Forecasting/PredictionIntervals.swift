import Foundation  // log and exp only; the core does no I/O

/// Empirical prediction intervals: how far actual rolls have fallen from this plan's own past
/// forecasts, by horizon and year group.
///
/// Calibration replays the history it is given (every origin with enough years before it),
/// collects log(actual / forecast) per area, horizon and year group, and keeps the quantiles that
/// bound the central `coverage` share of them. An interval is then
/// `forecast × exp(lower quantile) … forecast × exp(upper quantile)`. Horizons deeper than the
/// history can test widen the deepest tested one by √(h / deepest), as errors that accumulate year
/// on year do. Because calibration only sees the history it is handed, intervals for a forecast
/// made at origin Y use only errors knowable at Y — and `Backtest` can check their coverage.
public struct PredictionIntervals: Equatable, Sendable {
    public let coverage: Double
    /// `bounds[h - 1][g]` = (lower, upper) quantiles of log(actual / forecast).
    public let bounds: [[(lower: Double, upper: Double)]]
    /// `phaseBounds[h - 1][p]` for the ladder's phase `p` totals, calibrated on phase totals
    /// themselves: year groups' errors are correlated, so their bounds cannot simply be added.
    public let phaseBounds: [[(lower: Double, upper: Double)]]
    /// Forecasts scored in calibration (area × origin), for the record.
    public let scoredForecasts: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.coverage == b.coverage && a.scoredForecasts == b.scoredForecasts
            && a.bounds.count == b.bounds.count
            && zip(a.bounds, b.bounds).allSatisfy { zip($0, $1).allSatisfy { $0.lower == $1.lower && $0.upper == $1.upper } }
            && zip(a.phaseBounds, b.phaseBounds).allSatisfy { zip($0, $1).allSatisfy { $0.lower == $1.lower && $0.upper == $1.upper } }
    }

    /// At least this many years of rolls before an origin used for calibration.
    public static let minimumHistory = 3

    /// `nil` when the history is too short to score any past forecast.
    public static func calibrate(_ history: History, settings: ForecastSettings, coverage: Double, horizon: Int) throws -> PredictionIntervals? {
        precondition(coverage > 0 && coverage < 1, "coverage is a fraction between 0 and 1")
        let ladder = history.ladder
        let phases = ladder.phases.compactMap { ladder.indices(of: $0) }
        let first = history.firstYear + minimumHistory - 1
        guard first < history.lastYear else { return nil }
        // Columns 0..<ladder.count are year groups; after them, one per phase.
        var logRatios = [[[Double]]](repeating: [[Double]](repeating: [], count: ladder.count + phases.count), count: horizon)
        var scored = 0
        var plain = settings
        plain.intervals = nil  // calibration forecasts need no intervals of their own
        let actual = Dictionary(uniqueKeysWithValues: history.areas.map { ($0.area.code, $0) })
        for origin in first..<history.lastYear {
            let reach = min(horizon, history.lastYear - origin)
            let forecast = try CohortSurvival.forecast(history.known(through: origin), settings: plain, horizon: reach)
            for area in forecast.areas {
                guard let truth = actual[area.area.code] else { continue }
                scored += 1
                for (h, year) in area.years.enumerated() {
                    guard let actualRow = truth.years.contains(year) ? truth.pupils[year - truth.firstYear] : nil else { continue }
                    let forecastRow = area.pupils[h]
                    let totals = phases.map { range in (range.reduce(0) { $0 + actualRow[$1] }, range.reduce(0) { $0 + forecastRow[$1] }) }
                    for (column, pair) in (zip(actualRow, forecastRow).map { ($0, $1) } + totals).enumerated() {
                        guard pair.0 > 0, pair.1 > 0 else { continue }
                        logRatios[h][column].append(log(pair.0 / pair.1))
                    }
                }
            }
        }
        let tail = (1 - coverage) / 2
        var bounds: [[(lower: Double, upper: Double)]] = []
        for h in 0..<horizon {
            let row: [(lower: Double, upper: Double)?] = (0..<(ladder.count + phases.count)).map { g in
                let values = logRatios[h][g]
                guard values.count >= 10 else { return nil }  // too few to say where the tails are
                return (quantile(values, tail), quantile(values, 1 - tail))
            }
            if row.contains(where: { $0 == nil }) {
                // Deeper than the history can test: widen the deepest tested horizon.
                guard let deepest = bounds.last else { return nil }
                let scale = (Double(h + 1) / Double(bounds.count)).squareRoot()
                bounds.append(zip(row, deepest).map { own, d in own ?? (d.lower * scale, d.upper * scale) })
            } else {
                bounds.append(row.map { $0! })
            }
        }
        return PredictionIntervals(coverage: coverage, bounds: bounds.map { Array($0.prefix(ladder.count)) },
                                   phaseBounds: bounds.map { Array($0.dropFirst(ladder.count)) }, scoredForecasts: scored)
    }

    /// The interval around a phase total for horizon `h` (1-based) and the ladder's phase `p`.
    public func interval(aroundPhaseTotal pupils: Double, horizon h: Int, phase p: Int) -> (lower: Double, upper: Double)? {
        guard p < phaseBounds.first?.count ?? 0 else { return nil }
        let b = phaseBounds[min(h, phaseBounds.count) - 1][p]
        return (pupils * exp(b.lower), pupils * exp(b.upper))
    }

    /// The interval around `pupils` for horizon `h` (1-based) and year group `g`.
    public func interval(around pupils: Double, horizon h: Int, yearGroup g: Int) -> (lower: Double, upper: Double) {
        let b = bounds[min(h, bounds.count) - 1][g]
        return (pupils * exp(b.lower), pupils * exp(b.upper))
    }
}

/// The q-quantile by linear interpolation between order statistics (type 7, as R and numpy).
public func quantile(_ values: [Double], _ q: Double) -> Double {
    precondition(!values.isEmpty, "a quantile needs values")
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
}
