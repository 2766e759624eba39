import Foundation
import PlacePlanCore

/// A GIAS ("Get information about schools") establishment download as the rows of a plan's
/// `schools.csv`: state-funded schools (local-authority maintained, academies, free schools,
/// special schools) of the authorities chosen, with their phase, capacity and the academic years
/// they opened and closed; with GIAS's links file, each school's predecessors (an academy
/// conversion or a merger continues a school under a new URN). GIAS has no planning areas and
/// no admission numbers: those columns are left empty for the planner, and the summary says so.
public enum GIASSchools {
    /// GIAS's column names, as a table reads them (headers are compared in lower case).
    public static let columns = ["urn", "la (code)", "establishmentname", "establishmenttypegroup (name)", "establishmentstatus (name)",
                                 "opendate", "closedate", "phaseofeducation (name)", "officialsixthform (name)", "schoolcapacity"]
    public static let stateFunded: Set<String> = ["Local authority maintained schools", "Academies", "Free Schools", "Special schools"]

    public struct School: Equatable, Sendable {
        public let urn: String
        public let name: String
        public let phase: String
        public let capacity: Int?
        public let hasSixthForm: Bool
        public let opened: Int?
        public let closed: Int?
        public let line: Int
    }

    public struct Link: Equatable, Sendable {
        public let school: String
        public let predecessor: String
        public let type: String
        public let date: String
    }

    public struct Result: Equatable, Sendable {
        public var schools: [School] = []
        public var links: [Link] = []
        public var leftOut: [String: Int] = [:]
        /// Files read as Windows-1252 (as GIAS writes them), not UTF-8.
        public var windows1252: [String] = []
    }

    /// A file's bytes as UTF-8: as they are when they are UTF-8, else read as Windows-1252.
    static func table(_ url: URL, result: inout Result) throws -> CSVTable {
        let bytes = try CSVTable.read(url: url, file: url.path)
        if CSVReader.isUTF8(bytes) { return try CSVTable(bytes: bytes, file: url.path) }
        guard let text = String(data: Data(bytes), encoding: .windowsCP1252) else { return try CSVTable(bytes: bytes, file: url.path) }
        result.windows1252.append(url.lastPathComponent)
        return try CSVTable(bytes: Array(text.utf8), file: url.path)
    }

    /// The academic year whose January census first (`opening`) or no longer (`closing`) finds a
    /// school open on `date` (dd-mm-yyyy): opened 01-09-2020 → 2020; closed 31-08-2021 → 2021.
    public static func academicYear(_ date: String) -> Int? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              (1...31).contains(day), (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        // Before the January census (taken mid-January) of `year`: the year before's census is the first/last affected.
        return month == 1 && day <= 15 ? year - 1 : year
    }

    /// GIAS's phase as schools.csv's: primary (middle deemed primary too), secondary, all-through, special.
    public static func phase(_ gias: String, typeGroup: String) -> String? {
        if typeGroup == "Special schools" { return "special" }
        switch gias {
        case "Primary", "Middle deemed primary": return "primary"
        case "Secondary", "Middle deemed secondary": return "secondary"
        case "All-through": return "all-through"
        default: return nil
        }
    }

    public static func read(url: URL, authorities: Set<String>?, withClosed: Bool, links: URL?) throws -> Result {
        var result = Result()
        let table = try Self.table(url, result: &result)
        // GIAS writes its last column, "Linked establishments", over as many fields as a school
        // has links: a row may be longer than the header, never shorter.
        let shape = table.checkShape(required: columns, example: "the columns of GIAS's edubasealldata download")
        if let first = shape.first, first.line == 1 { throw InputErrors([first]) }
        var issues = shape.filter { issue in table.rows.first { $0.line == issue.line }.map { table.fieldCount($0) < table.header.count } ?? true }
        var seen: [String: Int] = [:]
        for row in table.rows {
            let la = table.text(row, "la (code)")
            if let authorities, !authorities.contains(la) { continue }
            let group = table.text(row, "establishmenttypegroup (name)")
            guard stateFunded.contains(group) else { result.leftOut["type: \(group)", default: 0] += 1; continue }
            let status = table.text(row, "establishmentstatus (name)")
            if status == "Closed" && !withClosed { result.leftOut["closed (give --with-closed to keep them)", default: 0] += 1; continue }
            let giasPhase = table.text(row, "phaseofeducation (name)")
            guard let phase = phase(giasPhase, typeGroup: group) else { result.leftOut["phase: \(giasPhase)", default: 0] += 1; continue }
            let urn = table.text(row, "urn")
            guard Int(urn) != nil else {
                issues.append(table.issue(row, "urn", "'\(urn)' is not a URN (a number)", fix: "check the download"))
                continue
            }
            if let first = seen[urn] {
                issues.append(table.issue(row, "urn", "URN \(urn) is listed twice (the first on line \(first))", fix: "keep one row per establishment"))
                continue
            }
            seen[urn] = row.line
            var dates: [Int?] = []
            for column in ["opendate", "closedate"] {
                let text = table.text(row, column)
                if text.isEmpty { dates.append(nil); continue }
                guard let year = academicYear(text) else {
                    issues.append(table.issue(row, column, "'\(text)' is not a date written dd-mm-yyyy", fix: "check the download"))
                    dates.append(nil)
                    continue
                }
                dates.append(year)
            }
            let capacityText = table.text(row, "schoolcapacity")
            var capacity: Int? = nil
            if !capacityText.isEmpty {
                switch table.count(row, "schoolcapacity", what: "the school's capacity", within: Double(Bounds.schoolPlaces.lowerBound)...Double(Bounds.schoolPlaces.upperBound)) {
                case .success(let c): capacity = Int(c)
                case .failure(let issue): issues.append(issue)
                }
            }
            result.schools.append(School(urn: urn, name: table.text(row, "establishmentname"), phase: phase, capacity: capacity,
                                         hasSixthForm: table.text(row, "officialsixthform (name)") == "Has a sixth form",
                                         opened: dates[0], closed: status == "Closed" ? dates[1] : nil, line: row.line))
        }
        if let links {
            let linkTable = try Self.table(links, result: &result)
            let linkShape = linkTable.checkShape(required: ["urn", "linkurn", "linktype"], example: "URN,LinkURN,LinkName,LinkType,LinkEstablishedDate")
            issues += linkShape
            if linkShape.isEmpty {
                let kept = Set(result.schools.map(\.urn))
                for row in linkTable.rows where kept.contains(linkTable.text(row, "urn"))
                    && linkTable.text(row, "linktype").hasPrefix("Predecessor") {
                    result.links.append(Link(school: linkTable.text(row, "urn"), predecessor: linkTable.text(row, "linkurn"),
                                             type: linkTable.text(row, "linktype"),
                                             date: linkTable.has("linkestablisheddate") ? linkTable.text(row, "linkestablisheddate") : ""))
                }
            }
        }
        if !issues.isEmpty { throw InputErrors(issues) }
        return result
    }
}
