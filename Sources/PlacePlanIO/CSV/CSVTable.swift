import Foundation

/// A header's column names and where they are. A file has a handful of columns, and a column
/// is looked up for every field read (millions in a national file): comparing a few short
/// names is several times quicker than hashing one.
struct ColumnPositions: Sendable {
    private var names: [String] = [], indices: [Int] = []

    subscript(name: String) -> Int? {
        get {
            for k in names.indices where names[k] == name { return indices[k] }
            return nil
        }
        set {
            if let k = names.firstIndex(of: name) {
                if let newValue { indices[k] = newValue } else { names.remove(at: k); indices.remove(at: k) }
            } else if let newValue {
                names.append(name); indices.append(newValue)
            }
        }
    }
}

/// A column of a `CSVTable` by name, and where it is (`nil`: the file has no such column).
struct CSVColumn: Sendable {
    let name: String
    let index: Int?
}

/// One data row of a `CSVTable`: the line it starts on, and where its fields are.
struct CSVRow: Equatable, Sendable {
    /// 1-based line of the file on which the row starts.
    let line: Int
    /// The row's record in the table's `CSVFields` (the header is record 0).
    let record: Int
}

/// A CSV file with a header row, read whole, with typed field access that reports problems as
/// `InputIssue`s naming file, line and column.
struct CSVTable {
    let file: String
    let header: [String]
    let rows: [CSVRow]
    private let fields: CSVFields
    private var positions: ColumnPositions
    /// Columns read under another name (`[columns]` of plan.toml): our name → the file's, so
    /// that messages name the column as the file does.
    private(set) var renamed: [String: String] = [:]

    /// Reads `url`; `file` is the name shown in messages.
    init(url: URL, file: String) throws {
        try self.init(bytes: Self.read(url: url, file: file), file: file)
    }

    /// The bytes of a file, or an issue saying it cannot be read.
    static func read(url: URL, file: String) throws -> [UInt8] {
        // Straight into the array the reader scans: a national rolls file is tens of MB, and
        // going through `Data` would hold it twice.
        if let bytes = readDirectly(url) { return bytes }
        do { return [UInt8](try Data(contentsOf: url)) } catch {
            throw InputErrors([InputIssue(file: file, message: "cannot be read (\(error.localizedDescription))",
                                          fix: "check that the file exists and is readable")])
        }
    }

    /// A regular file's bytes read with open(2) and read(2), or `nil` for anything else (a
    /// pipe, a folder, an error: `Data` then reads it, or says why it cannot).
    private static func readDirectly(_ url: URL) -> [UInt8]? {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if got <= 0 { break }
                count += got
            }
            complete = count == size
        }
        return complete ? bytes : nil
    }

    init(bytes: [UInt8], file: String) throws {
        let fields: CSVFields
        do { fields = try CSVReader.scan(bytes, file: file) } catch let issue as InputIssue {
            throw InputErrors([issue])
        }
        guard fields.count > 0 else {
            throw InputErrors([InputIssue(file: file, line: 1, message: "the file is empty",
                                          fix: "start the file with its header row")])
        }
        let unsafe = Self.controlCharacters(fields, file: file)
        if !unsafe.isEmpty { throw InputErrors(unsafe) }
        self.file = file
        self.fields = fields
        self.header = (0..<fields.fieldCount(0)).map { fields.string(0, $0).trimmingCharacters(in: .whitespaces).lowercased() }
        self.rows = (1..<fields.count).map { CSVRow(line: fields.line($0), record: $0) }
        var positions = ColumnPositions()
        for (i, name) in header.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }

    /// Fields holding a control character (a NUL, an escape, a line break inside quotes) or a
    /// bidirectional override: no count or name has one, and in a name it would reach the
    /// terminal raw (a colour change, a text reversed). Every one, located; a file of them
    /// stops at 50 so the message stays readable.
    static func controlCharacters(_ fields: CSVFields, file: String) -> [InputIssue] {
        guard fields.mayHoldControlCharacters else { return [] }
        var issues: [InputIssue] = []
        for record in 0..<fields.count {
            for column in 0..<fields.fieldCount(record) {
                guard let bad = ControlCharacter.first(in: Substring(fields.string(record, column))) else { continue }
                issues.append(InputIssue(file: file, line: fields.line(record), column: column + 1, message: ControlCharacter.message(bad.scalar),
                                         fix: "delete it: no count or name needs one (the file may be damaged, or exported with hidden characters)"))
                if issues.count >= 50 { return issues }
            }
        }
        return issues
    }

    /// The table with columns renamed as `[columns]` says (`year_group = "nc_year"`: the file's
    /// `nc_year` read as `year_group`), and the file's names it used. A file that has both names
    /// is an issue: which to read would be a guess.
    func renaming(_ columns: [String: String]) -> (table: CSVTable, used: Set<String>, issues: [InputIssue]) {
        var table = self, used: Set<String> = [], issues: [InputIssue] = []
        for (ours, theirs) in columns.sorted(by: { $0.key < $1.key }) {
            guard let at = positions[theirs] else { continue }
            used.insert(theirs)
            if ours == theirs { continue }
            if positions[ours] != nil {
                issues.append(InputIssue(file: file, line: 1, column: at + 1, columnName: theirs,
                                         message: "has both '\(ours)' and '\(theirs)', and plan.toml's [columns] reads '\(theirs)' as '\(ours)'",
                                         fix: "delete or rename one of the two columns, or remove \(ours) from [columns]"))
                continue
            }
            table.positions[theirs] = nil
            table.positions[ours] = at
            table.renamed[ours] = theirs
        }
        return (table, used, issues)
    }

    func has(_ column: String) -> Bool { positions[column] != nil }

    /// 1-based column number of a header name.
    func number(_ column: String) -> Int? { positions[column].map { $0 + 1 } }

    /// Issues for required columns that are missing, and for rows whose field count differs
    /// from the header's.
    func checkShape(required: [String], example: String) -> [InputIssue] {
        var issues: [InputIssue] = []
        // A column named twice would be read from its first place only: say so rather than choose.
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                issues.append(InputIssue(file: file, line: 1, column: i + 1,
                                         message: "the header names '\(name)' twice (columns \(first + 1) and \(i + 1))",
                                         fix: "rename or delete one of them: each column is read by its name"))
            } else {
                seen[name] = i
            }
        }
        if !issues.isEmpty { return issues }
        let missing = required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            issues.append(InputIssue(
                file: file, line: 1,
                message: "the header has no \(missing.map { "'\($0)'" }.joined(separator: ", ")) column"
                    + (missing.count > 1 ? "s" : "") + " (it has: \(header.joined(separator: ", ")))",
                fix: "the header must name the columns \(required.joined(separator: ",")), e.g. \(example)"))
            return issues
        }
        for row in rows where fieldCount(row) != header.count {
            let count = fieldCount(row)
            issues.append(InputIssue(
                file: file, line: row.line,
                message: "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(header.count)",
                fix: "give every row one value per header column; quote values that contain commas"))
        }
        return issues
    }

    /// How many fields `row` has.
    func fieldCount(_ row: CSVRow) -> Int { fields.fieldCount(row.record) }

    /// `column` found once, to read it in every row of a national file without looking its name up each time.
    func column(_ name: String) -> CSVColumn { CSVColumn(name: name, index: positions[name]) }

    /// The trimmed text of `column` in `row` (the column must exist: call `checkShape` first).
    func text(_ row: CSVRow, _ column: String) -> String { text(row, self.column(column)) }

    func text(_ row: CSVRow, _ column: CSVColumn) -> String {
        let i = column.index!
        guard i < fields.fieldCount(row.record) else { return "" }
        // Most fields have no spaces at their ends: then the bytes are the text as it is.
        return fields.isTrimmed(row.record, i) ? fields.string(row.record, i) : Self.trimmed(fields.string(row.record, i))
    }

    /// `field` without leading and trailing whitespace. Most fields have none, and Foundation's
    /// trimming is slow on Linux, so a field whose ends are visible ASCII is returned as it is.
    static func trimmed(_ field: String) -> String {
        func plain(_ c: Unicode.Scalar?) -> Bool { c.map { $0.isASCII && $0 != " " && $0 != "\t" } ?? false }
        if plain(field.unicodeScalars.first) && plain(field.unicodeScalars.last) { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    func issue(_ row: CSVRow, _ column: String, _ message: String, fix: String) -> InputIssue {
        issue(line: row.line, self.column(column), message, fix: fix)
    }

    func issue(_ row: CSVRow, _ column: CSVColumn, _ message: String, fix: String) -> InputIssue {
        issue(line: row.line, column, message, fix: fix)
    }

    /// An issue with `column` of the row on `line`.
    func issue(line: Int, _ column: String, _ message: String, fix: String) -> InputIssue {
        issue(line: line, self.column(column), message, fix: fix)
    }

    func issue(line: Int, _ column: CSVColumn, _ message: String, fix: String) -> InputIssue {
        InputIssue(file: file, line: line, column: column.index.map { $0 + 1 }, columnName: renamed[column.name] ?? column.name,
                   message: message, fix: fix)
    }

    /// One warning for rows kept out because their year is after the last census (`lines`: theirs;
    /// none, no warning), located at the first: a plan whose rolls were cut to replay an old
    /// forecast keeps its later rows, and loses none silently.
    func laterRows(_ lines: [Int], _ message: String) -> [InputIssue] {
        guard let first = lines.min() else { return [] }
        return [issue(line: first, "year", message,
                      fix: "nothing to do if the rolls were cut on purpose; otherwise add the later censuses to the rolls")]
    }

    /// A whole number in `range`, or an issue.
    func integer(_ row: CSVRow, _ column: String, in range: ClosedRange<Int>, what: String) -> Result<Int, InputIssue> {
        integer(row, self.column(column), in: range, what: what)
    }

    func integer(_ row: CSVRow, _ column: CSVColumn, in range: ClosedRange<Int>, what: String) -> Result<Int, InputIssue> {
        let raw = text(row, column)
        guard let value = StrictNumber.whole(raw) else {
            return .failure(issue(row, column, raw.isEmpty ? "\(what) is empty" : "'\(raw)' is not a whole number",
                                  fix: "write \(what) as a whole number, e.g. \(range.lowerBound + (range.upperBound - range.lowerBound) / 2)"))
        }
        guard range.contains(value) else {
            return .failure(issue(row, column, "\(value) is outside \(range.lowerBound)…\(range.upperBound)",
                                  fix: "write \(what) between \(range.lowerBound) and \(range.upperBound)"))
        }
        return .success(value)
    }

    /// A finite number ≥ 0 and at most `within`'s upper bound, or an issue. Read strictly: plain
    /// decimal digits with an optional point and exponent — no hex (`0x10`), no NUL or other
    /// character Swift's own parser would stop at or accept (`12\0 34` is not 12).
    func count(_ row: CSVRow, _ column: String, what: String, within bounds: ClosedRange<Double>) -> Result<Double, InputIssue> {
        count(row, self.column(column), what: what, within: bounds)
    }

    func count(_ row: CSVRow, _ column: CSVColumn, what: String, within bounds: ClosedRange<Double>) -> Result<Double, InputIssue> {
        let raw = text(row, column)
        guard let value = StrictNumber.parse(raw) else {
            return .failure(issue(row, column, raw.isEmpty ? "\(what) is empty" : "'\(raw)' is not a number",
                                  fix: "write \(what) as a plain number without thousands separators, e.g. 1153 (0 if none)"))
        }
        guard value >= 0 else {
            return .failure(issue(row, column, "\(what) is negative (\(raw))", fix: "write \(what) as 0 or more"))
        }
        guard value <= bounds.upperBound else {
            return .failure(issue(row, column, "\(what) is \(raw), more than any real plan has (at most \(StrictNumber.plain(bounds.upperBound)))",
                                  fix: "check the figure and the column: a typo or a corrupted file, not a real count"))
        }
        return .success(value)
    }
}

/// Numbers as a plan's files write them, and nothing else.
public enum StrictNumber {
    /// `12`, `12.5`, `-3`, `1e3`: ASCII digits, one optional sign, point and exponent; finite.
    /// Files and flags alike: `0x10`, `inf` and `nan` are not numbers a planner writes.
    public static func parse(_ raw: String) -> Double? {
        // Whole counts, nearly every field of a census file, without the general parser:
        // up to 15 digits are exact in a Double, as Double(raw) would give them.
        var digits = 0, value = 0
        for byte in raw.utf8 {
            guard byte >= 48 && byte <= 57, digits < 15 else { digits = 0; break }
            value = value * 10 + Int(byte - 48)
            digits += 1
        }
        if digits > 0 { return Double(value) }
        guard !raw.isEmpty, raw.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69 }),
              raw.utf8.contains(where: { $0 >= 48 && $0 <= 57 }), let value = Double(raw), value.isFinite else { return nil }
        return value
    }

    /// Four ASCII digits (`2019`) as a number, or `nil` for anything else.
    static func fourDigits(_ raw: String) -> Int? {
        var value = 0, count = 0
        for byte in raw.utf8 {
            guard count < 4, byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
            count += 1
        }
        return count == 4 ? value : nil
    }

    /// A whole number in the same strict form (no sign but `-`, no spaces or NUL).
    static func whole(_ raw: String) -> Int? {
        guard !raw.isEmpty, raw.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 }) else { return nil }
        return Int(raw)
    }

    /// 5000000 as `5,000,000`.
    static func plain(_ value: Double) -> String {
        let whole = String(Int(value))
        var out = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
