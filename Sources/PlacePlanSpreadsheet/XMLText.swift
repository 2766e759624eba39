/// Text made safe for XML 1.0. Every name and label can come from an input file, so nothing is
/// written unescaped: the five markup characters become entities, and characters XML 1.0 cannot
/// carry at all (control characters other than tab, line feed and carriage return; U+FFFE and
/// U+FFFF) are dropped — a parser stops at them, and Excel then offers to "repair" the file.
public enum XMLText {
    /// Escaped for element content or a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // A parser turns a literal CR (or CR LF) into LF; a reference keeps it.
            case "\r": out += "&#13;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether XML 1.0 allows the character at all (its `Char` production). Swift strings cannot
    /// hold lone surrogates, so only the low controls and U+FFFE/U+FFFF need checking.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The text as a workbook stores it in a cell. Excel and LibreOffice read `_xHHHH_` in cell
    /// text as an escaped character (`_x000D_` is a carriage return), so text that happens to
    /// contain that pattern has its underscore escaped as `_x005F_` to come back unchanged.
    /// Characters XML cannot carry are dropped, as in `escape`.
    public static func cellText(_ text: String) -> String {
        escape(protectingEscapePattern(text))
    }

    static func protectingEscapePattern(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 7 else { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", startsEscapePattern(scalars, at: i) {
                out.append(contentsOf: "_x005F".unicodeScalars)
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// `_x` + four hex digits + `_` starting at `i`.
    private static func startsEscapePattern(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
