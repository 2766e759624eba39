import Foundation
import PlacePlanCore

/// A run's forecast rows at one level (`placeplan forecast --level`), as CSV or JSON:
///
///     area        year,area,year_group,pupils[,lower,upper]   the shape of rolls.csv (default)
///     authority   year,year_group,pupils                      the areas' rows added up
///     school      year,school,area,year_group,pupils          apportioned from the area's
///
/// The figures are `PlanRun.cells`, written as they are (tenths of a pupil): rounding cell by
/// cell here would make totals disagree with their parts, and `archive` stores the same cells.
public enum ForecastOutput {
    public static func csv(_ run: PlanRun, level: CellLevel) throws -> String {
        String(decoding: try csvBytes(run, level: level), as: UTF8.self)
    }

    /// The CSV as bytes, written cell by cell as the run hands them over (`forEachCell`): a
    /// national school forecast is millions of rows, never all held as values or as a `String`.
    public static func csvBytes(_ run: PlanRun, level: CellLevel) throws -> [UInt8] {
        let withIntervals = run.hasIntervals(level)
        var out = CSVText(capacity: 1 << 16)
        switch level {
        case .area: out.append("year,area,year_group,pupils" + (withIntervals ? ",lower,upper" : "") + "\n")
        case .authority: out.append("year,year_group,pupils" + (withIntervals ? ",lower,upper" : "") + "\n")
        case .school: out.append("year,school,area,year_group,pupils" + (withIntervals ? ",lower,upper" : "") + "\n")
        }
        try run.forEachCell(level) { cell in
            out.integer(cell.year)
            out.append(ascii: ",")
            switch level {
            case .area: out.field(cell.code); out.append(ascii: ",")
            case .authority: break
            case .school: out.field(cell.code); out.append(ascii: ","); out.field(cell.area ?? ""); out.append(ascii: ",")
            }
            out.field(cell.yearGroup.name)
            out.append(ascii: ",")
            out.tenths(cell.tenths)
            if withIntervals {
                out.append("," + (cell.lower.map { Format.number($0, decimals: 1, grouping: false) } ?? "")
                    + "," + (cell.upper.map { Format.number($0, decimals: 1, grouping: false) } ?? ""))
            }
            out.append(ascii: "\n")
        }
        return out.bytes
    }

    public static func json(_ run: PlanRun, level: CellLevel) throws -> String {
        struct Row: Encodable {
            let year: Int; let school: String?; let area: String?; let yearGroup: String; let pupils: Double
            let lower: Double?; let upper: Double?
        }
        struct Document: Encodable {
            let plan: String, level: String, baseYear: Int, horizon: Int, method: String, intakeMethod: String
            let birthsTrendYears: Int, birthsTrendDamping: Double, intervalCoverage: Double?, rows: [Row]
        }
        let settings = run.settings
        let rows = try run.cells(level).map {
            Row(year: $0.year, school: level == .school ? $0.code : nil, area: level == .authority ? nil : $0.area,
                yearGroup: $0.yearGroup.name, pupils: $0.pupils, lower: $0.lower.map(round1), upper: $0.upper.map(round1))
        }
        return try JSONText.encode(Document(
            plan: run.plan.name, level: level.rawValue, baseYear: run.areaForecast.baseYear, horizon: run.horizon,
            method: settings.selection != nil ? "auto" : settings.method.description,
            intakeMethod: settings.selection != nil ? "auto" : settings.effectiveIntakeMethod.description,
            birthsTrendYears: settings.birthsTrendYears, birthsTrendDamping: settings.birthsTrendDamping,
            intervalCoverage: run.uncertainty?.coverage, rows: rows))
    }
}

private func round1(_ x: Double) -> Double { (x * 10).rounded(.toNearestOrAwayFromZero) / 10 }
