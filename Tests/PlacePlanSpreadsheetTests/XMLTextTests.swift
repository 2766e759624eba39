import Foundation
import Testing
@testable import PlacePlanSpreadsheet

@Suite("XML text and numbers")
struct XMLTextTests {
    @Test("the five markup characters become entities")
    func markup() {
        #expect(XMLText.escape(#"<script>alert("x" & 'y')</script>"#)
                == "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;")
        #expect(XMLText.escape("plain text, 123") == "plain text, 123")
    }

    @Test("characters XML 1.0 cannot carry are dropped; tab, line feed and other scripts are kept")
    func invalidCharacters() {
        #expect(XMLText.escape("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "abcdefg")
        #expect(XMLText.escape("x\u{FFFE}y\u{FFFF}z") == "xyz")
        #expect(XMLText.escape("tab\there\nline") == "tab\there\nline")
        #expect(XMLText.escape("Ynys Môn · 東京 · 🏫") == "Ynys Môn · 東京 · 🏫")
        #expect(XMLText.escape("\u{7F}\u{85}") == "\u{7F}\u{85}")  // allowed by XML 1.0
    }

    @Test("a carriage return is written as a reference, which a parser keeps")
    func carriageReturn() {
        #expect(XMLText.escape("a\r\nb") == "a&#13;\nb")
    }

    @Test("escaped text parses back to the original, less the dropped characters")
    func parsesBack() throws {
        let texts = [
            #"Bristol, City of"#, "  leading and trailing  ", "<b>&amp;</b>", #"say "hi" & 'bye'"#,
            "line one\nline two\r\nline three\rend", "\ttabbed", "emoji 🏫 and 東京", "nul\u{0}and bell\u{7}",
            "]]> is fine in content",
        ]
        for text in texts {
            let root = try Node.parse("<t>" + XMLText.escape(text) + "</t>")
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter(XMLText.isAllowed)))
            #expect(root.text == expected, "\(text.debugDescription)")
        }
    }

    @Test("text that looks like Excel's _xHHHH_ escape has its underscore escaped")
    func excelEscapePattern() {
        #expect(XMLText.cellText("_x0041_") == "_x005F_x0041_")
        #expect(XMLText.cellText("a_x000D_b_x00ff_") == "a_x005F_x000D_b_x005F_x00ff_")
        #expect(XMLText.cellText("_x00G1_") == "_x00G1_")      // not hex
        #expect(XMLText.cellText("_X0041_") == "_X0041_")      // Excel's pattern has a lower-case x
        #expect(XMLText.cellText("_x0041") == "_x0041")        // no closing underscore
        #expect(XMLText.cellText("snake_case & co") == "snake_case &amp; co")
    }

    @Test("numbers: locale-free xsd:double text, whole numbers without .0, no negative zero")
    func numbers() {
        #expect(NumberText.xml(3) == "3")
        #expect(NumberText.xml(-3.5) == "-3.5")
        #expect(NumberText.xml(0.1) == "0.1")
        #expect(NumberText.xml(-0.0) == "0")
        #expect(NumberText.xml(1_234_567.25) == "1234567.25")
        #expect(NumberText.xml(1e16) == "1e+16")
        #expect(NumberText.xml(1.5e-7) == "1.5e-07")
        #expect(NumberText.xml(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
        #expect(NumberText.xml(.leastNonzeroMagnitude) == "5e-324")
    }

    @Test("every number's text reads back as the same Double")
    func numbersRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = NumberText.xml(value)
            #expect(Double(text) == value, "\(value) → \(text)")
            #expect(!text.contains(","))
        }
    }

    @Test("cells: integers and finite numbers are numbers; NaN and infinities become text")
    func cellStorage() {
        #expect(Cell.integer(-42).stored == .number("-42"))
        #expect(Cell.number(2.5).stored == .number("2.5"))
        #expect(Cell.number(.nan).stored == .text("NaN"))
        #expect(Cell.number(.infinity).stored == .text("Infinity"))
        #expect(Cell.number(-.infinity).stored == .text("-Infinity"))
        #expect(Cell.text("1").stored == .text("1"))
        #expect(Cell.empty.stored == .none)
        let literals: [Cell] = ["a", 1, 1.5]
        #expect(literals == [.text("a"), .integer(1), .number(1.5)])
    }
}
