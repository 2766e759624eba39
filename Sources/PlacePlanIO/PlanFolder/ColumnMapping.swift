/// `[columns]` applied to the plan folder's tables as they are read: each table's columns
/// renamed, and at the end a name no file had (a typo) or a file with both names reported.
struct ColumnMapping {
    let columns: [String: String]
    private var used: Set<String> = []
    private var issues: [InputIssue] = []

    init(_ columns: [String: String]) { self.columns = columns }

    /// `table` with the columns renamed.
    mutating func apply(_ table: CSVTable) -> CSVTable {
        guard !columns.isEmpty else { return table }
        let result = table.renaming(columns)
        used.formUnion(result.used)
        issues += result.issues
        return result.table
    }

    /// Throws the clashes found, and every mapping whose column no file read had.
    func check(configFile: String, lines: TOMLLines) throws {
        var all = issues
        for (ours, theirs) in columns.sorted(by: { $0.key < $1.key }) where !used.contains(theirs) {
            all.append(InputIssue(file: configFile, line: lines.line(of: ours, in: "columns"), columnName: "columns.\(ours)",
                                  message: "no file of the plan has a column '\(theirs)' to read as \(ours)",
                                  fix: "give the file's own name for the column (case does not matter), or remove the line"))
        }
        if !all.isEmpty { throw InputErrors(all) }
    }
}
