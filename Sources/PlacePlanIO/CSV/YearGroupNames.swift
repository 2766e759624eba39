import PlacePlanCore

/// How the year groups and academic years of a census file may be written. A planner's own
/// files spell them as the DfE's do — `Reception`, `Year 1`, `NCY1`, `2019/20`, `201920` — and
/// the plan's own as `R`, `Y1`, `2019`; each means the same, in any case and spacing.
enum YearGroupNames {
    /// Written name (lower case, no spaces) → ladder index: the ladder's own names, and for a
    /// ladder of R, Y1, Y2 … (England's) also `Reception`, `Year 1`, `Yr1`, `NCY1`, `NC Year 1`.
    static func index(_ ladder: Ladder) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, group) in ladder.yearGroups.enumerated() {
            let name = group.name
            index[key(name)] = i
            if name.uppercased() == "R" { index["reception"] = i }
            if name.uppercased().hasPrefix("Y"), let n = Int(name.dropFirst()) {
                for alias in ["year\(n)", "yr\(n)", "ncy\(n)", "ncyear\(n)"] where index[alias] == nil { index[alias] = i }
            }
        }
        return index
    }

    /// A name as the index keys it: lower case, without spaces.
    static func key(_ text: String) -> String { text.lowercased().filter { $0 != " " } }
}

/// A ladder's year groups found from how a file writes them, each spelling worked out once: a
/// census file of a million rows spells its year groups a handful of ways.
struct YearGroupLookup {
    private let index: [String: Int]
    private var spellings: [String: Int?] = [:]
    /// The spelling looked up last, and what it was: files list a year group row after row.
    private var last: (written: String, found: Int?)?

    init(_ ladder: Ladder) { index = YearGroupNames.index(ladder) }

    /// The ladder index of a year group as written (`Reception`, `NCY1`, `y1`), or `nil`.
    mutating func callAsFunction(_ written: String) -> Int? {
        if let last, last.written == written { return last.found }
        let found: Int?
        if let known = spellings[written] { found = known } else {
            found = index[YearGroupNames.key(written)]
            spellings[written] = .some(found)
        }
        last = (written, found)
        return found
    }
}

extension CSVTable {
    /// An academic year written as its first year (`2019`), as `2019/20`, or as EES writes it
    /// (`201920`): the first year, or an issue.
    func academicYear(_ row: CSVRow, _ column: String, in range: ClosedRange<Int>, what: String) -> Result<Int, InputIssue> {
        academicYear(row, self.column(column), in: range, what: what)
    }

    func academicYear(_ row: CSVRow, _ column: CSVColumn, in range: ClosedRange<Int>, what: String) -> Result<Int, InputIssue> {
        let raw = text(row, column)
        // The plain form (2019), nearly every row of a census file: four digits read as they are.
        if let year = StrictNumber.fourDigits(raw), range.contains(year) { return .success(year) }
        let length = raw.utf8.count
        if (length == 7 && raw.dropFirst(4).first == "/") || (length == 6 && raw.count == 6 && raw.allSatisfy(\.isNumber)) {
            if let first = Int(raw.prefix(4)), let second = Int(raw.suffix(2)), (first + 1) % 100 == second, range.contains(first) {
                return .success(first)
            }
            return .failure(issue(row, column, "'\(raw)' is not an academic year: the second year must follow the first (2019/20)",
                                  fix: "write \(what) as 2019, 2019/20 or 201920"))
        }
        return integer(row, column, in: range, what: what)
    }
}
