import PlacePlanCharts

/// The council's Markdown as HTML, the small part of Markdown a foreword needs: paragraphs,
/// headings (`#` to `###`, shown one level below the report's own), lists (`-`, `*`, `1.`),
/// **bold**, *italic*, `code` and links (http, https and mailto only). Everything else is
/// text: every character is escaped first, so no HTML in a file reaches the page.
public enum Markdown {
    public static func html(_ text: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])? = nil
        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                out += "<\(tag)>" + l.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>\n"
            }
            list = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flushParagraph(); flushList(); continue }
            if let level = heading(line) {
                flushParagraph(); flushList()
                let tag = "h\(min(level + 2, 6))"
                out += "<\(tag)>" + inline(String(line.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)) + "</\(tag)>\n"
                continue
            }
            if let item = listItem(line) {
                flushParagraph()
                if list == nil || list!.ordered != item.ordered { flushList(); list = (item.ordered, []) }
                list!.items.append(item.text)
                continue
            }
            flushList()
            paragraph.append(line)
        }
        flushParagraph(); flushList()
        return out
    }

    static func heading(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return (1...3).contains(hashes) && line.dropFirst(hashes).first == " " ? hashes : nil
    }

    static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return (true, String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    /// Escapes, then turns the inline marks into tags.
    static func inline(_ text: String) -> String {
        var s = Markup.escape(text)
        s = replace(s, #"\*\*([^*]+)\*\*"#) { "<strong>\($0[1])</strong>" }
        s = replace(s, #"\*([^*]+)\*"#) { "<em>\($0[1])</em>" }
        s = replace(s, #"`([^`]+)`"#) { "<code>\($0[1])</code>" }
        s = replace(s, #"\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s"]+)\)"#) { "<a href=\"\($0[2])\">\($0[1])</a>" }
        return s
    }

    static func replace(_ text: String, _ pattern: String, _ make: ([String]) -> String) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        var out = "", rest = text[...]
        while let match = rest.firstMatch(of: regex) {
            out += rest[..<match.range.lowerBound]
            let groups = match.output.map { $0.substring.map(String.init) ?? "" }
            out += make(groups)
            rest = rest[match.range.upperBound...]
        }
        return out + rest
    }
}
