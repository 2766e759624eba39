/// One thing wrong with an input file, located as precisely as the file allows, with what to do.
public struct InputIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based physical line where the offending record starts; `nil` for whole-file problems.
    public let line: Int?
    /// 1-based column number and its header name, when one field is at fault.
    public let column: Int?
    public let columnName: String?
    public let message: String
    public let fix: String

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                message: String, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
        self.fix = fix
    }

    /// `rolls.csv, line 12, column 4 (pupils): "abc" is not a number — write …`
    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" + (columnName.map { " (\($0))" } ?? "") }
        else if let columnName { place += ", column \(columnName)" }
        return "\(place): \(Self.clipped(message))\n  fix: \(Self.clipped(fix))"
    }

    /// A message quotes what it found; a 10 MB name quoted whole would make the report itself
    /// unreadable (and slow to print). Past `limit` characters the text is cut, saying how much.
    static let limit = 400

    static func clipped(_ text: String) -> String {
        guard text.utf8.count > limit else { return text }
        let count = text.count
        guard count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(count - limit) more characters)"
    }
}

/// Every problem found in a plan folder (up to a limit), so a user can fix them in one pass.
public struct InputErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public static let reportLimit = 25
    public let issues: [InputIssue]
    /// Issues found beyond `reportLimit` and not listed.
    public let unreported: Int

    public init(_ issues: [InputIssue]) {
        self.issues = Array(issues.prefix(Self.reportLimit))
        self.unreported = max(0, issues.count - Self.reportLimit)
    }

    public var description: String {
        var text = issues.map(\.description).joined(separator: "\n")
        if unreported > 0 { text += "\n… and \(unreported) more problems of the same kinds" }
        return text
    }
}

/// Collects issues while a file is read, so that reading goes on past the first problem.
struct IssueLog {
    private(set) var issues: [InputIssue] = []
    var isEmpty: Bool { issues.isEmpty }
    mutating func add(_ issue: InputIssue) { issues.append(issue) }
    mutating func add(contentsOf other: [InputIssue]) { issues.append(contentsOf: other) }
    func throwIfAny() throws { if !issues.isEmpty { throw InputErrors(issues) } }
}
