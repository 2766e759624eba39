/// Text escaping for SVG and HTML: every name that reaches a chart or a page comes from a user's
/// files, so `<script>` in a school's name must arrive as text, never as markup.
public enum Markup {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0; drop them rather than break the file.
                if let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1,
                   scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros, locale-free.
    public static func coordinate(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { text = String(Int(rounded)) }  // far outside any chart; keep it valid
        return text
    }
}
