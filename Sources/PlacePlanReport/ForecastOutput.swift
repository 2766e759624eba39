import Foundation
import PlacePlanCore

/// Forecast rows in the shape of `rolls.csv` (year,area,year_group,pupils), as CSV or JSON.
/// Pupils are written to one decimal place: rounding to whole pupils cell by cell would make
/// totals disagree with the sum of their parts.
public enum ForecastOutput {
    /// With intervals, two more columns: `lower,upper` (the prediction interval).
    public static func csv(_ forecast: Forecast) -> String {
        let withIntervals = forecast.intervals != nil
        var out = "year,area,year_group,pupils" + (withIntervals ? ",lower,upper" : "") + "\n"
        out.reserveCapacity(forecast.areas.count * forecast.horizon * forecast.ladder.count * 28)
        for cell in forecast.cells {
            out += "\(cell.year),\(CSVField.quote(cell.area.code)),\(CSVField.quote(cell.yearGroup.name)),"
            out += Format.number(cell.pupils, decimals: 1, grouping: false)
            if withIntervals, let lower = cell.lower, let upper = cell.upper {
                out += "," + Format.number(lower, decimals: 1, grouping: false) + "," + Format.number(upper, decimals: 1, grouping: false)
            }
            out += "\n"
        }
        return out
    }

    public static func json(_ forecast: Forecast, plan: String) throws -> String {
        struct Row: Encodable {
            let year: Int; let area: String; let yearGroup: String; let pupils: Double
            let lower: Double?; let upper: Double?
        }
        struct Document: Encodable {
            let plan: String, baseYear: Int, horizon: Int, method: String, intakeMethod: String
            let birthsTrendYears: Int, birthsTrendDamping: Double, intervalCoverage: Double?, rows: [Row]
        }
        let document = Document(
            plan: plan, baseYear: forecast.baseYear, horizon: forecast.horizon, method: forecast.settings.method.description,
            intakeMethod: forecast.settings.effectiveIntakeMethod.description, birthsTrendYears: forecast.settings.birthsTrendYears,
            birthsTrendDamping: forecast.settings.birthsTrendDamping, intervalCoverage: forecast.intervals?.coverage,
            rows: forecast.cells.map {
                Row(year: $0.year, area: $0.area.code, yearGroup: $0.yearGroup.name, pupils: round1($0.pupils),
                    lower: $0.lower.map(round1), upper: $0.upper.map(round1))
            })
        return try JSONText.encode(document)
    }
}

private func round1(_ x: Double) -> Double { (x * 10).rounded(.toNearestOrAwayFromZero) / 10 }

/// CSV field quoting (RFC 4180): quote when the field holds a comma, quote or line break.
public enum CSVField {
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON with snake_case keys and a stable key order, so output diffs cleanly.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
