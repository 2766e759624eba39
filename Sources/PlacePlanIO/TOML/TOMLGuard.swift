/// What TOMLKit must never be shown: its C++ parser aborts the whole process on some table
/// headers (`[écoles]`, `[$]`, `[=x]`, `[[$x]]`), and a NUL silently ends the text it reads. Both
/// are refused here, located, before the library sees the text.
enum TOMLGuard {
    static func problems(_ text: String, file: String) -> [InputIssue] {
        var issues: [InputIssue] = []
        var depth = 0  // open brackets of a value that spans lines (a multi-line array)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A line break inside the text is the split itself; a CR before it is a Windows line end.
            if let bad = ControlCharacter.first(in: line.hasSuffix("\r") ? line.dropLast() : line) {
                issues.append(InputIssue(file: file, line: i + 1, column: bad.position,
                                         message: "\(ControlCharacter.message(bad.scalar)), which a TOML file cannot",
                                         fix: "delete it: the file may be damaged, or saved as something other than UTF-8 text"))
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if depth == 0, trimmed.first == "[", !validHeader(trimmed) {
                issues.append(InputIssue(file: file, line: i + 1, message: "'\(trimmed.prefix(60))' is not a table header TOML can read",
                                         fix: "name the table with letters, digits, - and _ (e.g. [costs]), or quote the name: [\"écoles\"]"))
                continue
            }
            if depth > 0 || trimmed.first != "[" { depth = max(0, depth + bracketBalance(line)) }
        }
        return issues
    }

    /// `[a]`, `[a.b]`, `[[a]]`, `["quoted name"]`, with an optional comment after.
    static func validHeader(_ line: Substring) -> Bool {
        var rest = line.unicodeScalars[...]
        let double = rest.starts(with: "[[".unicodeScalars)
        rest = rest.dropFirst(double ? 2 : 1)
        func skipSpace() { rest = rest.drop { $0 == " " || $0 == "\t" } }
        while true {
            skipSpace()
            guard let first = rest.first else { return false }
            if first == "\"" || first == "'" {
                rest = rest.dropFirst()
                var closed = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if first == "\"" && c == "\\" { rest = rest.dropFirst(); continue }
                    if c == first { closed = true; break }
                }
                guard closed else { return false }
            } else {
                let bare = rest.prefix { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-" }
                guard !bare.isEmpty else { return false }
                rest = rest.dropFirst(bare.count)
            }
            skipSpace()
            if rest.first == "." { rest = rest.dropFirst(); continue }
            break
        }
        let close = double ? "]]" : "]"
        guard rest.starts(with: close.unicodeScalars) else { return false }
        rest = rest.dropFirst(close.count)
        skipSpace()
        return rest.isEmpty || rest.first == "#" || rest.first == "\r"
    }

    /// Opening minus closing brackets outside strings and comments.
    static func bracketBalance(_ line: Substring) -> Int {
        var balance = 0
        var quote: Character? = nil
        var escaped = false
        for c in line {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "#": return balance
            case "[": balance += 1
            case "]": balance -= 1
            default: break
            }
        }
        return balance
    }
}
