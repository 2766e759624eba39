import Foundation
import PlacePlanCore

/// A DfE "Explore education statistics" school census download (Schools, pupils and their
/// characteristics: pupils by NC year group and local authority) turned into the rows of a plan's
/// `rolls.csv`: one per census year, authority and year group, the two free-school-meals rows of a
/// cell added together, from the school types chosen (state-funded primary and secondary by
/// default). What is left out — other year groups, other school types, other levels — is counted,
/// never dropped silently; a suppressed figure (`c`, `x`, `low`) in a cell the plan needs is an error.
public enum EESCensus {
    public static let columns = ["time_period", "geographic_level", "new_la_code", "la_name", "phase_type_grouping",
                                 "characteristic", "number_of_pupils"]
    /// School types counted by default: mainstream state-funded schools.
    public static let mainstream: Set<String> = ["State-funded primary", "State-funded secondary"]
    public static let special = "State-funded special school"
    /// Alternative provision: pupil referral units (the GLA's and Data/england's definition counts them).
    public static let alternativeProvision = "Pupil referral unit"

    public struct Row: Equatable, Sendable {
        public let year: Int
        public let area: String
        public let name: String
        public let yearGroup: String
        public let pupils: Int
    }

    public struct Result: Equatable, Sendable {
        public var rows: [Row] = []
        /// What was read but not taken, and how many rows of each.
        public var leftOut: [String: Int] = [:]
        /// Cells given as `z` (not applicable), taken as 0.
        public var notApplicable = 0
        /// Year groups an authority has no row for in a year (EES leaves out what no school has,
        /// e.g. a sixth form), taken as 0: "E09000001 2019/20 Y7–Y13".
        public var absent: [String] = []
        /// Authorities without rows in every census year of the file (a boundary change: an
        /// authority abolished or created), left out of an import of every authority.
        public var incomplete: [String] = []
        public var rowsRead = 0
        /// What the file is and which pupils it counts, for plan.toml's first lines and the summary.
        public var source = "DfE \"Schools, pupils and their characteristics\" (Explore education statistics): state-funded pupils by NC year group, January census"
        /// How many census years the rows span: what `init` chooses between census files by.
        public var censusYears: Int { Set(rows.map(\.year)).count }
    }

    /// A cell of the rolls being built: a census year, an authority and a year group.
    struct Cell: Hashable { let year: Int, area: String, group: String }

    /// The school types counted: state-funded mainstream, and special schools or alternative
    /// provision when asked for.
    public static func schoolTypes(special: Bool, alternativeProvision: Bool) -> Set<String> {
        mainstream.union(special ? [Self.special] : []).union(alternativeProvision ? [Self.alternativeProvision] : [])
    }

    public static func read(url: URL, authorities: Set<String>?, schoolTypes: Set<String> = mainstream) throws -> Result {
        let file = url.path
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: file), file: file)
        var issues = table.checkShape(required: columns, example: "time_period,…,new_la_code,la_name,phase_type_grouping,…,characteristic,…,number_of_pupils")
        if let first = issues.first, first.line == 1 { throw InputErrors([first]) }
        var sums: [Cell: Int] = [:], names: [String: String] = [:]
        var result = Result()
        result.rowsRead = table.rows.count
        // The census years of the whole file, whatever was asked for: an authority missing one
        // was created or abolished in the file's span. Years and year groups as every census
        // reader reads them (201920, 2019/20 or 2019; Reception, Year 1 … Year 13 of England's
        // ladder); Nursery, Year 14 and Total are none of them.
        let years = table.rows.map { table.academicYear($0, "time_period", in: 1990...2100, what: "the academic year") }
        let allYears = Set(years.compactMap { try? $0.get() })
        var yearGroups = YearGroupLookup(.england)
        for (row, read) in zip(table.rows, years) {
            guard table.text(row, "geographic_level") == "Local authority" else { result.leftOut["other geographic levels", default: 0] += 1; continue }
            let area = table.text(row, "new_la_code")
            if let authorities, !authorities.contains(area) { continue }
            let type = table.text(row, "phase_type_grouping")
            guard schoolTypes.contains(type) else { result.leftOut["school type: \(type)", default: 0] += 1; continue }
            let characteristic = table.text(row, "characteristic")
            guard let index = yearGroups(characteristic) else { result.leftOut["year group: \(characteristic)", default: 0] += 1; continue }
            let group = Ladder.england.yearGroups[index].name
            let year: Int
            switch read {
            case .success(let y): year = y
            case .failure(let issue): issues.append(issue); continue
            }
            let key = Cell(year: year, area: area, group: group)
            names[area] = table.text(row, "la_name")
            let value = table.text(row, "number_of_pupils")
            switch value {
            case "z":
                result.notApplicable += 1
                sums[key, default: 0] += 0
            case "c", "x", "low", "u", ":":
                issues.append(table.issue(row, "number_of_pupils", "the figure is suppressed ('\(value)') in a cell the plan needs "
                                          + "(\(area) \(AcademicYear.text(year)) \(group), \(type))",
                                          fix: "leave this authority out (--la), or take its figure from the school census"))
            default:
                switch table.count(row, "number_of_pupils", what: "the number of pupils", within: Bounds.pupils) {
                case .success(let n): sums[key, default: 0] += Int(n.rounded())
                case .failure(let issue): issues.append(issue)
                }
            }
        }
        return try finish(sums: sums, names: names, allYears: allYears, authorities: authorities, file: file, issues: issues, result: result)
    }

    /// What every census layout does once its cells are summed: an authority asked for that the
    /// file lacks is an error; one without rows in every census year (a boundary change) is an
    /// error when asked for by name and left out, said, otherwise; year groups no school has are
    /// 0, said; the rows in order. Throws the issues found, every one, if there are any.
    static func finish(sums: [Cell: Int], names: [String: String], allYears: Set<Int>, authorities: Set<String>?, file: String,
                       issues: [InputIssue], result: Result) throws -> Result {
        var sums = sums, names = names, issues = issues, result = result
        if let authorities {
            let missing = authorities.subtracting(names.keys).sorted()
            if !missing.isEmpty {
                issues.append(InputIssue(file: file, line: nil, message: "has no local-authority rows for \(missing.joined(separator: ", "))",
                                         fix: "check the codes (the new nine-character codes, e.g. E06000034 for Thurrock)"))
            }
        }
        // An authority missing a whole year was created or abolished (a boundary change): its
        // series cannot be forecast as it stands. Asked for by name, that is an error; in an
        // import of every authority it is left out, and said so.
        for area in names.keys.sorted() {
            let present = Set(sums.keys.filter { $0.area == area }.map(\.year))
            guard present != allYears else { continue }
            let span = present.count == 1 ? AcademicYear.text(present.min()!) : "\(AcademicYear.text(present.min()!))–\(AcademicYear.text(present.max()!))"
            if authorities != nil {
                issues.append(InputIssue(file: file, line: nil, message: "\(area) (\(names[area]!)) has rows only for \(span) of the file's "
                                         + "\(AcademicYear.text(allYears.min()!))–\(AcademicYear.text(allYears.max()!)): a boundary change?",
                                         fix: "import the authorities that replaced it (or it replaced) together, or plan it from a school census"))
            } else {
                result.incomplete.append("\(area) (\(names[area]!)): \(span) only")
                sums = sums.filter { $0.key.area != area }
                names[area] = nil
            }
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        // EES publishes no row for what no school has (a sixth form, a secondary school): those
        // year groups are 0, and said so.
        let order = Ladder.england.yearGroups.map(\.name)
        for area in names.keys.sorted() {
            for year in Set(sums.keys.map(\.year)).sorted() {
                let lacking = order.filter { sums[Cell(year: year, area: area, group: $0)] == nil }
                guard !lacking.isEmpty else { continue }
                for group in lacking { sums[Cell(year: year, area: area, group: group)] = 0 }
                result.absent.append("\(area) (\(names[area]!)) \(AcademicYear.text(year)): \(lacking.joined(separator: ", "))")
            }
        }
        result.rows = sums.map { Row(year: $0.key.year, area: $0.key.area, name: names[$0.key.area] ?? "", yearGroup: $0.key.group, pupils: $0.value) }
            .sorted { ($0.year, $0.area, order.firstIndex(of: $0.yearGroup)!) < ($1.year, $1.area, order.firstIndex(of: $1.yearGroup)!) }
        return result
    }
}
