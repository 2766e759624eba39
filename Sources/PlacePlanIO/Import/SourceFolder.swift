import Foundation

/// The downloads in a folder `placeplan init` is pointed at, told apart by their headers (not
/// their names, which every download spells differently): school census files (a `CensusLayout`;
/// `CensusImport` takes the one with the longest history) and at most one births file (a layout
/// `BirthsExtract` reads). Every CSV file looked at is listed with what it was taken for, so
/// nothing is used unsaid.
public struct SourceFolder: Equatable, Sendable {
    /// The census files, in name order.
    public let censuses: [URL]
    public let births: URL?
    /// Each CSV file under the folder and what was made of it.
    public let looked: [Looked]

    /// A file (relative to the folder) and its use: "school census …", "births: …", "not used: …".
    public struct Looked: Equatable, Sendable {
        public let file: String
        public let use: String
    }

    /// Folders are searched this deep (the folder itself is depth 0): `../shared/data` holds its
    /// downloads one folder down.
    public static let depth = 2

    public static func find(in folder: URL) throws -> SourceFolder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputIssue(file: folder.path, message: "is not a folder",
                                          fix: "give the folder holding the census download and the births file")])
        }
        var censuses: [URL] = [], births: [URL] = [], looked: [Looked] = []
        for file in csvFiles(in: folder, depth: depth) {
            let relative = String(file.path.dropFirst(folder.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard let header = try? header(of: file) else {
                looked.append(Looked(file: relative, use: "not used: its first line could not be read as a CSV header"))
                continue
            }
            if let layout = CensusLayout.of(file) {
                censuses.append(file)
                looked.append(Looked(file: relative, use: layout.description))
            } else if let layout = BirthsExtract.layouts.first(where: { [$0.year, $0.area, $0.births].allSatisfy(header.has) }) {
                births.append(file)
                looked.append(Looked(file: relative, use: "births: \(layout.description)"))
            } else {
                looked.append(Looked(file: relative, use: "not used: neither a school census by year group nor births by authority"))
            }
        }
        guard !censuses.isEmpty else {
            throw InputErrors([InputIssue(
                file: folder.path,
                message: "holds no DfE school census download (a CSV with the columns \(EESCensus.columns.joined(separator: ", ")), "
                    + "or the GLA's series by authority: \(AuthorityCensusSeries.columns.joined(separator: ", ")))",
                fix: "download \"Schools, pupils and their characteristics\" by NC year group from Explore education statistics into it")])
        }
        guard births.count <= 1 else {
            throw InputErrors([InputIssue(file: folder.path, message: "holds \(births.count) births files: \(births.map(\.lastPathComponent).joined(separator: ", "))",
                                          fix: "keep one, or name the files with placeplan import ees FILE --births FILE")])
        }
        return SourceFolder(censuses: censuses, births: births.first, looked: looked)
    }

    /// Every `.csv` under `folder`, `depth` folders down at most, in name order.
    static func csvFiles(in folder: URL, depth: Int) -> [URL] {
        let entries = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return entries.flatMap { entry -> [URL] in
            if (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                return depth > 0 ? csvFiles(in: entry, depth: depth - 1) : []
            }
            return entry.pathExtension.lowercased() == "csv" ? [entry] : []
        }
    }

    /// The header of a CSV file, read from its first 64 KB only (census downloads are large).
    static func header(of file: URL) throws -> CSVTable {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let start = try handle.read(upToCount: 65_536) ?? Data()
        let line = start.prefix { $0 != 0x0A }
        return try CSVTable(bytes: Array(line) + [0x0A], file: file.path)
    }
}
