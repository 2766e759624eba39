import PlacePlanCore

/// The level forecast rows are written at: `placeplan forecast --level`.
public enum ForecastLevel: String, CaseIterable, Sendable {
    /// year,school,area,year_group,pupils (plans with schools).
    case school
    /// year,area,year_group,pupils: the shape of `rolls.csv` (the default).
    case area
    /// year,year_group,pupils: the sum of the areas.
    case authority
}

/// Forecast rows at school and authority level, to one decimal like the area rows, and made to
/// add up with them: schools' tenths are apportioned from their area's (`PlaceForecast.rounded`),
/// and the authority's are the sum of the areas' as printed.
public enum LevelOutput {
    struct Row: Encodable {
        let year: Int
        let school: String?
        let area: String?
        let yearGroup: String
        let pupils: Double
    }

    /// One row per year, school and year group the school teaches, for every school open in the
    /// forecast (special schools with an empty area: they are in none).
    static func schoolRows(_ forecast: PlaceForecast) -> [Row] {
        let rounded = forecast.rounded(per: 10)
        var rows: [Row] = []
        for (h, year) in forecast.years.enumerated() {
            for school in forecast.schools {
                let units = rounded.schools[school.school.code]!
                for (g, yearGroup) in forecast.ladder.yearGroups.enumerated()
                where school.school.teaches(g, layout: forecast.layout) && (school.school.isOpen(in: year) || units[h][g] > 0) {
                    rows.append(Row(year: year, school: school.school.code, area: school.school.area(for: g, layout: forecast.layout) ?? "",
                                    yearGroup: yearGroup.name, pupils: Double(units[h][g]) / 10))
                }
            }
        }
        return rows
    }

    /// One row per year and year group: the areas' rows as printed, added up.
    static func authorityRows(_ forecast: Forecast) -> [Row] {
        var rows: [Row] = []
        for (h, year) in forecast.years.enumerated() {
            for (g, yearGroup) in forecast.ladder.yearGroups.enumerated() {
                let tenths = forecast.areas.reduce(0) { sum, area in
                    (area.yearGroups?.contains(g) ?? true) ? sum + Apportion.units(area.pupils[h][g], per: 10) : sum
                }
                rows.append(Row(year: year, school: nil, area: nil, yearGroup: yearGroup.name, pupils: Double(tenths) / 10))
            }
        }
        return rows
    }

    public static func schoolCSV(_ forecast: PlaceForecast) -> String {
        var out = "year,school,area,year_group,pupils\n"
        for row in schoolRows(forecast) {
            out += "\(row.year),\(CSVField.quote(row.school!)),\(CSVField.quote(row.area!)),\(CSVField.quote(row.yearGroup)),"
                + Format.number(row.pupils, decimals: 1, grouping: false) + "\n"
        }
        return out
    }

    public static func authorityCSV(_ forecast: Forecast) -> String {
        var out = "year,year_group,pupils\n"
        for row in authorityRows(forecast) {
            out += "\(row.year),\(CSVField.quote(row.yearGroup)),\(Format.number(row.pupils, decimals: 1, grouping: false))\n"
        }
        return out
    }

    public static func schoolJSON(_ forecast: PlaceForecast, plan: String) throws -> String {
        try document(plan: plan, forecast: forecast.areaForecast, level: .school, rows: schoolRows(forecast))
    }

    public static func authorityJSON(_ forecast: Forecast, plan: String) throws -> String {
        try document(plan: plan, forecast: forecast, level: .authority, rows: authorityRows(forecast))
    }

    static func document(plan: String, forecast: Forecast, level: ForecastLevel, rows: [Row]) throws -> String {
        struct Document: Encodable {
            let plan: String, level: String, baseYear: Int, horizon: Int, method: String, intakeMethod: String
            let birthsTrendYears: Int, rows: [Row]
        }
        return try JSONText.encode(Document(
            plan: plan, level: level.rawValue, baseYear: forecast.baseYear, horizon: forecast.horizon,
            method: forecast.settings.method.description, intakeMethod: forecast.settings.effectiveIntakeMethod.description,
            birthsTrendYears: forecast.settings.birthsTrendYears, rows: rows))
    }
}
