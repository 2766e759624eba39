import Foundation
import TOMLKit

/// A TOML file being read: its tables, where its keys are, and every problem found so far, so
/// that reading goes on past the first problem and the user fixes the file in one pass.
///
/// A class because every section read from the file reports into the same list.
final class TOMLReader {
    let file: String
    let root: TOMLTable
    let lines: TOMLLines
    private(set) var log = IssueLog()

    /// Parses `text`; `file` names it in messages. A syntax error stops reading at once, with
    /// TOMLKit's line and column.
    init(_ text: String, file: String) throws {
        let unsafe = TOMLGuard.problems(text, file: file)
        if !unsafe.isEmpty { throw InputErrors(unsafe) }
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw InputErrors([InputIssue(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                          message: "is not valid TOML: \(error.description)",
                                          fix: "correct the syntax at that place (see toml.io for the format)")])
        }
        self.file = file
        lines = TOMLLines(text)
    }

    func add(_ issue: InputIssue) { log.add(issue) }
    func add(contentsOf issues: [InputIssue]) { log.add(contentsOf: issues) }

    /// A problem at `line`, naming `key` as the column.
    func issue(line: Int?, key: String?, _ message: String, fix: String) {
        log.add(InputIssue(file: file, line: line, columnName: key, message: message, fix: fix))
    }

    func throwIfAny() throws { try log.throwIfAny() }

    /// The top-level table, its problems located by `locate`.
    func rootSection(locate: @escaping (String?) -> Int?) -> TOMLSection {
        TOMLSection(reader: self, table: root, locate: locate)
    }
}
