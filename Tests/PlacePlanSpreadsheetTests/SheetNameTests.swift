import Testing
@testable import PlacePlanSpreadsheet

@Suite("Sheet names")
struct SheetNameTests {
    @Test("names Excel accepts", arguments: [
        "authority", "Areas & schools", "A", String(repeating: "x", count: 31), "Ynys Môn", "it's", "2019-20 (forecast)",
    ])
    func allowed(name: String) {
        #expect(SheetName.problem(with: name) == nil)
    }

    @Test("names Excel refuses, each with a reason", arguments: [
        "", String(repeating: "x", count: 32), "a:b", #"a\b"#, "a/b", "a?b", "a*b", "[a", "a]",
        "'quoted", "quoted'", "History", "HISTORY",
        String(repeating: "🏫", count: 16),  // 16 characters, but 32 UTF-16 code units as Excel counts
        "[\u{301}accented bracket",
    ])
    func refused(name: String) {
        #expect(SheetName.problem(with: name) != nil)
    }

    @Test("control characters are refused too")
    func controlCharacters() {
        for name in ["tab\there", "line\nbreak", "nul\u{0}", "\u{7F}delete", "next\u{85}line"] {
            #expect(SheetName.problem(with: name) == "it contains a control character", "\(name.debugDescription)")
        }
    }

    @Test("a workbook with a bad name throws, naming the sheet and the reason")
    func workbookThrows() {
        let workbook = Workbook(sheets: [Sheet(name: "areas/schools", columns: ["a"])])
        #expect(throws: SpreadsheetError.invalidSheetName("areas/schools", reason: #"it contains "/"; Excel does not allow any of : \ / ? * [ ]"#)) {
            try workbook.data()
        }
    }

    @Test("names differing only in case clash, as they do in Excel")
    func duplicates() {
        let workbook = Workbook(sheets: [Sheet(name: "Areas", columns: ["a"]), Sheet(name: "AREAS", columns: ["a"])])
        #expect(throws: SpreadsheetError.duplicateSheetName("AREAS", clashesWith: "Areas")) { try workbook.data() }
        let distinct = Workbook(sheets: [Sheet(name: "Areas", columns: ["a"]), Sheet(name: "Areas 2", columns: ["a"])])
        #expect(throws: Never.self) { try distinct.data() }
    }

    @Test("sanitising keeps valid names, repairs bad ones and avoids clashes")
    func sanitized() {
        #expect(SheetName.sanitized("authority") == "authority")
        #expect(SheetName.sanitized("a/b:c?d*e[f]g\\h") == "a_b_c_d_e_f_g_h")
        #expect(SheetName.sanitized("") == "Sheet")
        #expect(SheetName.sanitized("''") == "Sheet")
        #expect(SheetName.sanitized("'Hartlepool'") == "Hartlepool")
        #expect(SheetName.sanitized("line\nbreak") == "linebreak")
        #expect(SheetName.sanitized("a[\u{301}b") == "a_\u{301}b")
        #expect(SheetName.sanitized("history") == "history (sheet)")
        #expect(SheetName.sanitized(String(repeating: "x", count: 40)) == String(repeating: "x", count: 31))
        #expect(SheetName.sanitized("Areas", avoiding: ["areas"]) == "Areas (2)")
        #expect(SheetName.sanitized("Areas", avoiding: ["areas", "AREAS (2)"]) == "Areas (3)")
        let long = String(repeating: "y", count: 31)
        #expect(SheetName.sanitized(long, avoiding: [long]) == String(repeating: "y", count: 27) + " (2)")
        // An apostrophe left at the end by truncation is cut too.
        #expect(SheetName.sanitized(String(repeating: "z", count: 30) + "'a") == String(repeating: "z", count: 30))
        // Emoji are cut whole, never leaving half a surrogate pair.
        #expect(SheetName.sanitized(String(repeating: "🏫", count: 20)) == String(repeating: "🏫", count: 15))
    }

    @Test("sanitised names always pass the rules and never clash, whatever goes in")
    func sanitizedAlwaysValid() {
        let awkward: [Character] = ["a", "Z", " ", "'", ":", "\\", "/", "?", "*", "[", "]", "\u{0}", "\u{1F}", "é", "🏫", "\u{FFFE}"]
        var generator = SystemRandomNumberGenerator()
        var taken: [String] = []
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...45, using: &generator)
            let proposed = String((0..<length).map { _ in awkward.randomElement(using: &generator)! })
            let name = SheetName.sanitized(proposed, avoiding: taken)
            #expect(SheetName.problem(with: name) == nil, "\(proposed.debugDescription) → \(name.debugDescription)")
            #expect(!taken.contains { $0.lowercased() == name.lowercased() }, "\(name.debugDescription) clashes")
            taken.append(name)
            if taken.count > 50 { taken.removeFirst(25) }
        }
    }
}
