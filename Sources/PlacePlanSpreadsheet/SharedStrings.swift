/// The workbook's shared-strings table: each distinct text once, cells referring to it by index.
/// It is the form Excel itself writes, and every reader understands it; repeated labels (area
/// names, year groups) are stored once.
struct SharedStrings {
    private(set) var strings: [String] = []
    /// Keyed by the UTF-8 bytes, not the String: Swift's String equality treats canonically
    /// equivalent texts (a precomposed "é" and "e" + accent) as equal, and each should come back
    /// exactly as it was given.
    private var index: [[UInt8]: Int] = [:]
    /// Cells referring to the table (the `count` attribute Excel expects alongside `uniqueCount`).
    private(set) var references = 0

    /// The index of `text`, adding it if new.
    mutating func add(_ text: String) -> Int {
        references += 1
        let key = Array(text.utf8)
        if let i = index[key] { return i }
        strings.append(text)
        index[key] = strings.count - 1
        return strings.count - 1
    }

    var isEmpty: Bool { strings.isEmpty }

    func xml() -> String {
        var out = XMLPart.declaration
        out += #"<sst xmlns="\#(XMLPart.spreadsheetML)" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for text in strings {
            out += #"<si><t xml:space="preserve">"# + XMLText.cellText(text) + "</t></si>"
        }
        out += "</sst>"
        return out
    }
}
