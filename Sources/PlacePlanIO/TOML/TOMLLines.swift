import Foundation

/// Where the tables and keys of a TOML text are. TOMLKit's tables do not keep line numbers, so
/// a problem is located by looking for its key (or its table's header) in the text itself.
struct TOMLLines {
    /// (line, table name, occurrence) for each `[name]` / `[[name]]` header.
    private(set) var headers: [(line: Int, name: String, index: Int)] = []
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var counts: [String: Int] = [:]
        for (i, raw) in lines.enumerated() {
            let t = raw.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("[") else { continue }
            let name = t.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).components(separatedBy: "]").first ?? ""
            let clean = name.trimmingCharacters(in: .whitespaces)
            headers.append((i + 1, clean, counts[clean, default: 0]))
            counts[clean, default: 0] += 1
        }
    }

    /// The line of the `index`-th `[table]` / `[[table]]` header.
    func header(_ table: String, _ index: Int) -> Int? { headers.first { $0.name == table && $0.index == index }?.line }

    /// The line of `key` in the `index`-th `[[table]]` (top level when `table` is nil), else the
    /// table's line. Scenario files repeat keys in every change, so the search stays in one table.
    func line(of key: String?, in table: String?, _ index: Int = 0) -> Int? {
        let start = table.flatMap { header($0, index) } ?? 0
        let end = headers.first { $0.line > start }?.line ?? lines.count + 1
        if let key {
            for n in (start + 1)..<max(start + 1, end) where n <= lines.count {
                let t = lines[n - 1].drop { $0 == " " || $0 == "\t" }
                if t.hasPrefix(key), t.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first == "=" { return n }
            }
        }
        return table == nil ? nil : start
    }

    /// The first line anywhere in the text that sets `key` (`key =`, or `key]` closing a
    /// header) or opens `[key]`, whichever table it is in: how plan.toml has always located its
    /// problems (a name used twice, such as `housing`, is found at its first mention).
    func firstLine(of key: String) -> Int? {
        for (i, raw) in lines.enumerated() {
            let trimmed = raw.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first.map({ $0 == "=" || $0 == "]" }) == true { return i + 1 }
            if trimmed.hasPrefix("[\(key)]") { return i + 1 }
        }
        return nil
    }
}
