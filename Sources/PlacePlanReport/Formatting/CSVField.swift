/// CSV field quoting (RFC 4180): quote when the field holds a comma, quote or line break.
///
/// Also neutralises spreadsheet formulas (OWASP, "CSV injection"): a text field that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return — a school named `=HYPERLINK(…)` — is written
/// with a leading `'`, so Excel and LibreOffice show it as text instead of running it. Numbers,
/// negative ones included, are written as they are.
public enum CSVField {
    /// Both checks look at bytes: nearly every field (a code, a year group) is plain and is
    /// settled in one pass, and "\r\n" — one Character in Swift, equal to neither "\r" nor
    /// "\n" — is still seen as a line break.
    public static func quote(_ field: String) -> String {
        var bytes = field
        if bytes.withUTF8(isPlain) { return field }
        let safe = neutralised(field)
        guard safe.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return safe }   // , " LF CR
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a field's bytes are written as they are: no comma, quote or line break anywhere,
    /// and no formula start (`=`, `+`, `-`, `@`, tab, carriage return) first. Nearly every field
    /// of a national table (a code, a year group) is, and `CSVText` copies those straight in.
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = utf8.first, first == 61 || first == 43 || first == 45 || first == 64 || first == 9 || first == 13 { return false }
        return !utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    }

    /// The formula starts are all ASCII, so the first byte is the first character.
    static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first, "=+-@\t\r".utf8.contains(first), !isNumber(field) else { return field }
        return "'" + field
    }

    /// `-12`, `+3.5`, `-0.25`, `1e3`: a number a spreadsheet reads as one, never as a formula.
    static func isNumber(_ field: String) -> Bool {
        var rest = Substring(field)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        guard let first = rest.first, first.isASCII, first.isNumber || first == "." else { return false }
        return rest.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+") }
            && Double(rest) != nil
    }
}
