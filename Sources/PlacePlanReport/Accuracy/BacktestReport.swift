import Foundation
import PlacePlanCore

/// Renders a backtest as a terminal table, CSV or JSON.
public enum BacktestReport {
    /// One block per measure: methods down, horizons across, median absolute % error in each
    /// cell, the best in each column marked with *.
    public static func table(_ result: Backtest.Result, methods: [String], measures: [String], horizons: [Int],
                             defaultMethod: String? = nil, level: Backtest.Level = .area, unit: String = "areas") -> String {
        var out = "Backtest: origins \(result.origins.map(String.init).joined(separator: ", ")); "
        out += level == .area
            ? "median absolute % error across \(unit) and origins (* = best in column)\n"
            : "median absolute % error of the all-\(unit) total across origins (* = best in column)\n"
        for measure in measures {
            let withCoverage = result.rows.contains { $0.measure == measure && $0.level == level && $0.summary.coverage != nil }
            // How wide the intervals were (median, as a share of the forecast) beside how often they held.
            var table = TextTable(header: ["\(measure)"] + horizons.map { "\($0)y ahead" } + ["bias 1y", "≤0.9% 1y", "n 1y"]
                                  + (withCoverage ? horizons.map { "width \($0)y" } + horizons.map { "cover \($0)y" } : []))
            let best = horizons.map { h in
                methods.compactMap { result.row(method: $0, measure: measure, horizon: h, level: level)?.summary.medianAbsolute }.min()
            }
            for method in methods {
                var row = [method == defaultMethod ? "\(method) (default)" : method]
                for (i, h) in horizons.enumerated() {
                    guard let s = result.row(method: method, measure: measure, horizon: h, level: level)?.summary else { row.append("–"); continue }
                    row.append(Format.percent(s.medianAbsolute, decimals: 2) + (s.medianAbsolute == best[i] ? "*" : " "))
                }
                let first = result.row(method: method, measure: measure, horizon: horizons.first ?? 1, level: level)?.summary
                row.append(first.map { Format.percent($0.bias, decimals: 2, signed: true) } ?? "–")
                // The share of areas within 0.9% — the accuracy our reference council reports.
                row.append(first.map { Format.percent($0.shareWithin0_9Percent, decimals: 0) } ?? "–")
                row.append(first.map { String($0.count) } ?? "–")
                if withCoverage {
                    for h in horizons {
                        let width = result.row(method: method, measure: measure, horizon: h, level: level)?.summary.width
                        row.append(width.map { Format.percent($0, decimals: 1) } ?? "–")
                    }
                    for h in horizons {
                        let coverage = result.row(method: method, measure: measure, horizon: h, level: level)?.summary.coverage
                        row.append(coverage.map { Format.percent($0, decimals: 0) } ?? "–")
                    }
                }
                table.add(row)
            }
            out += "\n" + table.render()
        }
        return out
    }

    /// One row per method × measure × horizon with every summary statistic (fractions).
    public static func csv(_ result: Backtest.Result) -> String {
        var out = "level,method,measure,horizon,cases,median_abs_pct_error,mean_abs_pct_error,bias,share_within_0_9pct,interval_coverage_pct,interval_width_pct\n"
        for row in result.rows {
            let s = row.summary
            out += [row.level.rawValue, CSVField.quote(row.method), CSVField.quote(row.measure), String(row.horizon), String(s.count),
                    fixed(s.medianAbsolute * 100), fixed(s.meanAbsolute * 100), fixed(s.bias * 100),
                    fixed(s.shareWithin0_9Percent * 100), s.coverage.map { fixed($0 * 100) } ?? "",
                    s.width.map { fixed($0 * 100) } ?? ""].joined(separator: ",") + "\n"
        }
        return out
    }

    static func fixed(_ x: Double) -> String { Format.number(x, decimals: 4, grouping: false) }
}

extension BacktestReport {
    /// The summary rows as JSON (percentages as fractions, like the CSV's source values).
    public static func json(_ result: Backtest.Result) throws -> String {
        struct Row: Encodable {
            let level: String, method: String, measure: String, horizon: Int, cases: Int
            let medianAbsPctError: Double, meanAbsPctError: Double, bias: Double, shareWithin0_9Pct: Double
            let intervalCoveragePct: Double?
            let intervalWidthPct: Double?
        }
        struct Document: Encodable { let origins: [Int]; let rows: [Row] }
        let document = Document(origins: result.origins, rows: result.rows.map {
            Row(level: $0.level.rawValue, method: $0.method, measure: $0.measure, horizon: $0.horizon, cases: $0.summary.count,
                medianAbsPctError: $0.summary.medianAbsolute * 100, meanAbsPctError: $0.summary.meanAbsolute * 100,
                bias: $0.summary.bias * 100, shareWithin0_9Pct: $0.summary.shareWithin0_9Percent * 100,
                intervalCoveragePct: $0.summary.coverage.map { $0 * 100 }, intervalWidthPct: $0.summary.width.map { $0 * 100 })
        })
        return try JSONText.encode(document)
    }
}
