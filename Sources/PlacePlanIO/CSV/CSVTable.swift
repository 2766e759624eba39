import Foundation

/// A CSV file with a header row, read whole, with typed field access that reports problems as
/// `InputIssue`s naming file, line and column.
struct CSVTable {
    let file: String
    let header: [String]
    let rows: [CSVRecord]
    private let positions: [String: Int]

    /// Reads `url`; `file` is the name shown in messages.
    init(url: URL, file: String) throws {
        try self.init(bytes: Self.read(url: url, file: file), file: file)
    }

    /// The bytes of a file, or an issue saying it cannot be read.
    static func read(url: URL, file: String) throws -> [UInt8] {
        do { return [UInt8](try Data(contentsOf: url)) } catch {
            throw InputErrors([InputIssue(file: file, message: "cannot be read (\(error.localizedDescription))",
                                          fix: "check that the file exists and is readable")])
        }
    }

    init(bytes: [UInt8], file: String) throws {
        let records: [CSVRecord]
        do { records = try CSVReader.parse(bytes, file: file) } catch let issue as InputIssue {
            throw InputErrors([issue])
        }
        guard let first = records.first else {
            throw InputErrors([InputIssue(file: file, line: 1, message: "the file is empty",
                                          fix: "start the file with its header row")])
        }
        self.file = file
        self.header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.rows = Array(records.dropFirst())
        var positions: [String: Int] = [:]
        for (i, name) in header.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }

    func has(_ column: String) -> Bool { positions[column] != nil }

    /// 1-based column number of a header name.
    func number(_ column: String) -> Int? { positions[column].map { $0 + 1 } }

    /// Issues for required columns that are missing, and for rows whose field count differs
    /// from the header's.
    func checkShape(required: [String], example: String) -> [InputIssue] {
        var issues: [InputIssue] = []
        let missing = required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            issues.append(InputIssue(
                file: file, line: 1,
                message: "the header has no \(missing.map { "'\($0)'" }.joined(separator: ", ")) column"
                    + (missing.count > 1 ? "s" : "") + " (it has: \(header.joined(separator: ", ")))",
                fix: "the header must name the columns \(required.joined(separator: ",")), e.g. \(example)"))
            return issues
        }
        for row in rows where row.fields.count != header.count {
            issues.append(InputIssue(
                file: file, line: row.line,
                message: "this row has \(row.fields.count) fields but the header has \(header.count)",
                fix: "give every row one value per header column; quote values that contain commas"))
        }
        return issues
    }

    /// The trimmed text of `column` in `row` (the column must exist: call `checkShape` first).
    func text(_ row: CSVRecord, _ column: String) -> String {
        let i = positions[column]!
        return i < row.fields.count ? Self.trimmed(row.fields[i]) : ""
    }

    /// `field` without leading and trailing whitespace. Most fields have none, and Foundation's
    /// trimming is slow on Linux, so a field whose ends are visible ASCII is returned as it is.
    static func trimmed(_ field: String) -> String {
        func plain(_ c: Unicode.Scalar?) -> Bool { c.map { $0.isASCII && $0 != " " && $0 != "\t" } ?? false }
        if plain(field.unicodeScalars.first) && plain(field.unicodeScalars.last) { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    func issue(_ row: CSVRecord, _ column: String, _ message: String, fix: String) -> InputIssue {
        InputIssue(file: file, line: row.line, column: positions[column].map { $0 + 1 }, columnName: column,
                   message: message, fix: fix)
    }

    /// A whole number in `range`, or an issue.
    func integer(_ row: CSVRecord, _ column: String, in range: ClosedRange<Int>, what: String) -> Result<Int, InputIssue> {
        let raw = text(row, column)
        guard let value = Int(raw) else {
            return .failure(issue(row, column, raw.isEmpty ? "\(what) is empty" : "'\(raw)' is not a whole number",
                                  fix: "write \(what) as a whole number, e.g. \(range.lowerBound + (range.upperBound - range.lowerBound) / 2)"))
        }
        guard range.contains(value) else {
            return .failure(issue(row, column, "\(value) is outside \(range.lowerBound)…\(range.upperBound)",
                                  fix: "write \(what) between \(range.lowerBound) and \(range.upperBound)"))
        }
        return .success(value)
    }

    /// A finite number ≥ 0, or an issue.
    func count(_ row: CSVRecord, _ column: String, what: String) -> Result<Double, InputIssue> {
        let raw = text(row, column)
        guard let value = Double(raw), value.isFinite,
              raw.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true else {
            return .failure(issue(row, column, raw.isEmpty ? "\(what) is empty" : "'\(raw)' is not a number",
                                  fix: "write \(what) as a plain number without thousands separators, e.g. 1153 (0 if none)"))
        }
        guard value >= 0 else {
            return .failure(issue(row, column, "\(what) is negative (\(raw))", fix: "write \(what) as 0 or more"))
        }
        return .success(value)
    }
}
