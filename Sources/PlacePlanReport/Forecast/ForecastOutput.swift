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
    public static func csvBytes(_ run: PlanRun, level: CellLevel, parts: Int? = nil) throws -> [UInt8] {
        Array(try csvSpans(run, level: level, parts: parts).joined())
    }

    /// The same bytes in spans of forecast years, the header in the first, written side by side
    /// and handed over without putting them together (a national forecast is 55 MB: a file takes
    /// the spans one after another, and no second copy is made).
    /// - Parameter parts: how many spans (by default one per core for a forecast of 20,000
    ///   school-years or more); the bytes put together are the same whatever it is.
    public static func csvSpans(_ run: PlanRun, level: CellLevel, parts: Int? = nil) throws -> [[UInt8]] {
        let withIntervals = run.hasIntervals(level)
        let source = try run.cellSource(level)
        let header: String
        switch level {
        case .area: header = "year,area,year_group,pupils"
        case .authority: header = "year,year_group,pupils"
        case .school: header = "year,school,area,year_group,pupils"
        }
        let years = source.years.count
        let large = level == .school && run.places.map { $0.forecast.schools.count * years >= 20_000 } == true
        let parts = max(1, min(parts ?? (large ? Parallel.threads : 1), years))
        return Parallel.map(parts, infallible: { p in
            var span = CSVText(capacity: 1 << 16)
            if p == 0 { span.append(header + (withIntervals ? ",lower,upper" : "") + "\n") }
            source.forEach(yearsAt: p * years / parts ..< (p + 1) * years / parts) { span.row($0, level: level, withIntervals: withIntervals) }
            return span.bytes
        })
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

private extension CSVText {
    /// One cell as a row of `csvBytes`.
    mutating func row(_ cell: ForecastCellValue, level: CellLevel, withIntervals: Bool) {
        integer(cell.year)
        append(ascii: ",")
        switch level {
        case .area: field(cell.code); append(ascii: ",")
        case .authority: break
        case .school: field(cell.code); append(ascii: ","); field(cell.area ?? ""); append(ascii: ",")
        }
        field(cell.yearGroup.name)
        append(ascii: ",")
        tenths(cell.tenths)
        if withIntervals {
            append("," + (cell.lower.map { Format.number($0, decimals: 1, grouping: false) } ?? "")
                + "," + (cell.upper.map { Format.number($0, decimals: 1, grouping: false) } ?? ""))
        }
        append(ascii: "\n")
    }
}
