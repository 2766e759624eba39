/// Characters no input file of a plan needs and a terminal must not be sent raw: C0 controls
/// (tab aside: whitespace around a value), DEL, C1 controls (U+009B starts an escape sequence on
/// some terminals), and the bidirectional overrides that reorder text on screen. CSV files and
/// TOML files are checked for them alike, and `TerminalText` escapes them in what is printed.
enum ControlCharacter {
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 32 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The first forbidden character of `text` and its 1-based position, if any. Plain ASCII
    /// text (nearly every field) is settled in one pass over its bytes.
    static func first(in text: Substring) -> (scalar: Unicode.Scalar, position: Int)? {
        if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return nil }
        for (i, scalar) in text.unicodeScalars.enumerated() where isForbidden(scalar) { return (scalar, i + 1) }
        return nil
    }

    /// `holds a control character (U+001B)`.
    static func message(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code))"
    }
}

/// Text on its way to a terminal. Input files cannot hold control characters, but a message
/// may quote a path, a flag's value or a label as typed; escaped, `\u{1B}[31m` is shown as
/// those characters rather than turning the terminal red.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 32 && $0 < 127) || $0 == 10 || $0 == 9 }) { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar != "\n" && ControlCharacter.isForbidden(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
