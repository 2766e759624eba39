import Foundation
import PlacePlanCore

/// Pupils by local authority and NC year group as one long series, in the layout of the GLA's
/// sub-regional pupil projections (`academic_year,year_start,la_code,la_name,nc_year,headcount`;
/// `../shared/data/england-la/pupils_la_ncyear.csv`, 2011/12–2019/20, what `Data/england` is built
/// from): the January school census of state-funded primary, secondary and alternative provision
/// summed to authorities, special schools excluded. One row per authority, year and year group;
/// `year_start` 2019 is the academic year 2019/20. Year groups past Year 13 are left out and
/// counted, as the EES import does; a second row for a cell is an error, not a sum.
public enum AuthorityCensusSeries {
    public static let columns = ["year_start", "la_code", "la_name", "nc_year", "headcount"]
    /// The school types the series counts (its own definition; it has no school-type column).
    public static let schoolTypes: Set<String> = EESCensus.mainstream.union([EESCensus.alternativeProvision])

    public static func read(url: URL, authorities: Set<String>?) throws -> EESCensus.Result {
        let file = url.path
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file)
        var issues = table.checkShape(required: columns, example: "academic_year,year_start,la_code,la_name,nc_year,headcount")
        if let first = issues.first, first.line == 1 { throw InputErrors([first]) }
        var sums: [EESCensus.Cell: Int] = [:], names: [String: String] = [:], lines: [EESCensus.Cell: Int] = [:]
        var result = EESCensus.Result()
        result.rowsRead = table.rows.count
        result.source = "the GLA's series of the DfE school census by local authority: state-funded primary, secondary and "
            + "alternative provision (pupil referral units), special schools excluded, by NC year group, January census"
        var allYears = Set<Int>()
        // Year groups and years as every census reader reads them (R, Y1 … Y13 of England's
        // ladder, also spelt Reception, Year 1, NCY1; 2019, 2019/20 or 201920); Y14 is none of them.
        var yearGroups = YearGroupLookup(.england)
        for row in table.rows {
            let year: Int
            switch table.academicYear(row, "year_start", in: 1990...2100, what: "the academic year") {
            case .success(let y): year = y
            case .failure(let issue): issues.append(issue); continue
            }
            allYears.insert(year)
            let area = table.text(row, "la_code")
            if let authorities, !authorities.contains(area) { continue }
            let text = table.text(row, "nc_year")
            guard let index = yearGroups(text) else { result.leftOut["year group: \(text)", default: 0] += 1; continue }
            let group = Ladder.england.yearGroups[index].name
            let cell = EESCensus.Cell(year: year, area: area, group: group)
            if let first = lines[cell] {
                issues.append(table.issue(row, "nc_year", "a second row for \(area) \(AcademicYear.text(year)) \(group) (the first is line \(first))",
                                          fix: "keep one row per authority, year and year group"))
                continue
            }
            lines[cell] = row.line
            names[area] = table.text(row, "la_name")
            switch table.count(row, "headcount", what: "the number of pupils", within: Bounds.pupils) {
            case .success(let n): sums[cell] = Int(n.rounded())
            case .failure(let issue): issues.append(issue)
            }
        }
        return try EESCensus.finish(sums: sums, names: names, allYears: allYears, authorities: authorities, file: file, issues: issues,
                                    result: result)
    }
}
