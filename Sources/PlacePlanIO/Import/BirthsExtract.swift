import Foundation

/// Births by authority cut to some areas and written as a plan's `births.csv`
/// (`year,area,births,type`). Two layouts are read: a plan's own (`year,area,births[,type]`,
/// its basis said by the user) and ONS mid-year births by authority as the GLA publishes them
/// (`la_code,year_ending_mid,annual_births[,type]`: the twelve months to 30 June, so the basis
/// is mid-year and recorded as such). A `type` column (actual, predicted) is carried over, so
/// projected births stay marked.
public enum BirthsExtract {
    struct Layout {
        let year: String, area: String, births: String
        /// The basis the layout itself fixes (`nil`: the user says).
        let basis: String?
        let description: String
    }
    static let layouts = [
        Layout(year: "year_ending_mid", area: "la_code", births: "annual_births", basis: "mid-year",
               description: "ONS mid-year births by authority (year_ending_mid: the twelve months to 30 June)"),
        Layout(year: "year", area: "area", births: "births", basis: nil, description: "a plan's births.csv"),
    ]

    public struct Extract: Equatable, Sendable {
        public let rows: [[String]]
        /// The births basis the file's layout fixes, if it does.
        public let basis: String?
        /// What the file was read as, in words.
        public let layout: String
        public static let header = ["year", "area", "births", "type"]
        /// The years the file marks as projected, by the rule births.csv is read with.
        public var projectedYears: [String] {
            Set(rows.filter { BirthsReader.projectedTypes.contains($0[3].lowercased()) }.map { $0[0] }).sorted()
        }
    }

    public static func read(url: URL, areas: Set<String>) throws -> Extract {
        let table = try CSVTable(bytes: CSVTable.read(url: url, file: url.path), file: url.path)
        guard let layout = layouts.first(where: { [$0.year, $0.area, $0.births].allSatisfy(table.has) }) else {
            throw InputErrors([InputIssue(file: url.path, line: 1, message: "is not a births file this importer knows: the header has neither "
                                            + "year, area and births nor la_code, year_ending_mid and annual_births",
                                          fix: "give births by authority as year,area,births (births_basis said with --births-basis), or ONS mid-year births")])
        }
        let rows = table.rows.filter { areas.contains(table.text($0, layout.area)) }.map { row in
            [layout.year, layout.area, layout.births].map { table.text(row, $0) } + [table.has("type") ? table.text(row, "type") : ""]
        }
        let missing = areas.subtracting(rows.map { $0[1] })
        if !missing.isEmpty {
            throw InputErrors([InputIssue(file: url.path, line: nil, message: "has no births for \(missing.sorted().joined(separator: ", "))",
                                          fix: "give a births file that covers every authority imported, or leave out --births")])
        }
        return Extract(rows: rows, basis: layout.basis, layout: layout.description)
    }
}
