@testable import PlacePlanSpreadsheet

/// Workbooks shaped like the report's tables, with the awkward values that break writers:
/// markup characters, commas and quotes, line breaks, leading spaces, non-Latin text, control
/// characters, Excel's own escape pattern, and numbers of every size.
enum Fixtures {
    static let areas = Sheet(
        name: "areas",
        columns: ["year", "area", "area_name", "year_group", "pupils"],
        rows: [
            [2020, "E06000001", "Hartlepool", "R", 1060.5],
            [2020, "E06000023", "Bristol, City of", "Y1", 4_812],
            [2021, "W06000001", "Ynys Môn · 東京 🏫", "Y2", -3.25],
            [2021, "X<1>", #"<script>alert("x" & 'y')</script>"#, "Y3", 0.1],
            [2022, "X2", "  two\nlines  ", "Y4", 1e16],
            [2022, "X3", "_x0041_ _x000D_ stay", "Y5", 1.5e-7],
            [2023, "X4", "bell\u{7} and nul\u{0}", .empty, 123_456_789_012],
            [2023, .empty, .empty, "Y6", .number(.nan)],
            // "007": a code of digits stays text.
            [2024, "007", "wider row", "Y7", .number(.infinity), "extra", .number(-.infinity)],
            [],
        ])

    static let authority = Sheet(
        name: "authority",
        columns: ["year", "phase", "pupils", "capacity"],
        rows: [
            [2020, "primary", 31_000.5, 33_000],
            [2020, "secondary", 24_000, 25_500],
            [2021, "primary", 31_250.0, .number(-0.0)],
        ],
        columnWidths: [6, 14])

    static let notes = Sheet(name: #"notes & <"no header">"#, columns: [], rows: [["free text"], ["more"]], frozenHeader: true)

    static let workbook = Workbook(sheets: [areas, authority, notes])
}
