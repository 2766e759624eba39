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
    public static func csvBytes(_ run: PlanRun, level: CellLevel, spans: Int? = nil) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try CSVRows(run, level: level, spans: spans).write { bytes += $0 }
        return bytes
    }

    /// A run's rows at one level, made ready to be written a span of forecast years at a time
    /// on every core, and handed over in order as each span is made (`write(to:)`): a file takes
    /// a national forecast's 55 MB while later spans are still being made, and never holds it twice.
    public struct CSVRows: Sendable {
        private let source: ForecastCellSource
        private let level: CellLevel
        private let header: String
        private let withIntervals: Bool
        /// How many spans (by default one a forecast year for a forecast of 20,000 school-years or
        /// more, else one); the bytes put together are the same whatever it is.
        public let spans: Int

        /// Throws when the run has no cells at `level` (schools, for a plan without schools.csv).
        public init(_ run: PlanRun, level: CellLevel, spans: Int? = nil) throws {
            source = try run.cellSource(level)
            self.level = level
            withIntervals = run.hasIntervals(level)
            switch level {
            case .area: header = "year,area,year_group,pupils"
            case .authority: header = "year,year_group,pupils"
            case .school: header = "year,school,area,year_group,pupils"
            }
            let years = source.years.count
            let large = level == .school && run.places.map { $0.forecast.schools.count * years >= 20_000 } == true
            self.spans = max(1, min(spans ?? (large ? years : 1), years))
        }

        /// Span after span, the header in the first, to `take` in order.
        public func write(to take: ([UInt8]) throws -> Void) rethrows {
            try Parallel.inOrder(spans, make: { [self] in span($0) }, take: take)
        }

        private func span(_ p: Int) -> [UInt8] {
            let years = source.years.count
            var out = CSVText(capacity: 1 << 16)
            if p == 0 { out.append(header + (withIntervals ? ",lower,upper" : "") + "\n") }
            source.forEach(yearsAt: p * years / spans ..< (p + 1) * years / spans) { out.row($0, level: level, withIntervals: withIntervals) }
            return out.bytes
        }
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
