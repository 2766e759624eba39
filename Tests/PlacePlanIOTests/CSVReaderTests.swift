import Foundation
import Testing
import TestSupport
@testable import PlacePlanIO

private func parse(_ text: String) throws -> [CSVRecord] { try CSVReader.parse(Array(text.utf8), file: "t.csv") }

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("plain rows, with the line each starts on")
    func plain() throws {
        let records = try parse("a,b\n1,2\n3,4\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test("a byte-order mark, CRLF and a missing final newline")
    func bomAndCRLF() throws {
        let records = try CSVReader.parse([0xEF, 0xBB, 0xBF] + Array("year,area\r\n2019,X\r\n2020,Y".utf8), file: "t.csv")
        #expect(records.map(\.fields) == [["year", "area"], ["2019", "X"], ["2020", "Y"]])
    }

    @Test("quoted fields with commas, doubled quotes and line breaks; lines still counted")
    func quoted() throws {
        let records = try parse("name,n\n\"Bristol, City of\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\nlast,4\n")
        #expect(records[1].fields == ["Bristol, City of", "1"])
        #expect(records[2].fields == ["say \"hi\"", "2"])
        #expect(records[3].fields == ["two\nlines", "3"])
        #expect(records[3].line == 4)
        #expect(records[4].line == 6)
    }

    @Test("blank lines are not records; empty fields are kept")
    func blanks() throws {
        let records = try parse("a,b\n\n1,\n,2\n\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", ""], ["", "2"]])
        #expect(records.map(\.line) == [1, 3, 4])
    }

    @Test("an unclosed quote names the line it opened on")
    func unclosed() {
        #expect(throws: InputIssue.self) { try parse("a,b\n1,\"open\n2,3\n") }
        do { _ = try parse("a,b\n1,\"open\n2,3\n") } catch let issue as InputIssue {
            #expect(issue.line == 2 && issue.column == 2)
            #expect(issue.description.contains("never closed"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("text after a closing quote is an error")
    func textAfterQuote() {
        #expect(throws: InputIssue.self) { try parse("a,b\n\"x\"y,1\n") }
    }

    @Test("invalid UTF-8 is reported with its line")
    func invalidUTF8() {
        do { _ = try CSVReader.parse(Array("a,b\n1,".utf8) + [0xFF, 0xFE] + Array("\n".utf8), file: "t.csv") } catch let issue as InputIssue {
            #expect(issue.line == 2)
            #expect(issue.message.contains("UTF-8"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("UTF-8 check: plain ASCII of any length passes word by word; a byte over 127 anywhere is decoded")
    func utf8Check() {
        for length in 0..<40 {
            let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(CSVReader.isUTF8(ascii))
            // A lone continuation byte, and a valid two-byte "é", at every position: in a word or in the tail.
            for at in 0..<length {
                var bad = ascii
                bad[at] = 0x80
                #expect(!CSVReader.isUTF8(bad), "0x80 at \(at) of \(length)")
                var good = ascii
                good.replaceSubrange(at..<at + 1, with: [0xC3, 0xA9])
                #expect(CSVReader.isUTF8(good), "é at \(at) of \(length)")
            }
        }
        #expect(!CSVReader.isUTF8([0xC0, 0xAF]) && !CSVReader.isUTF8(Array("abcdefgh".utf8) + [0xFF]))
    }

    @Test("control-character check: plain text passes word by word; a control byte, DEL or a suspect lead byte anywhere is caught")
    func controlCharacterCheck() {
        func check(_ text: [UInt8]) -> Bool {
            var fields = CSVFields()
            fields.text = text
            return fields.mayHoldControlCharacters
        }
        let suspect: Set<UInt8> = Set((0..<32).filter { $0 != 9 }).union([0x7F, 0xC2, 0xE2])
        for length in 0..<40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(!check(plain))
            for at in 0..<length {
                for byte: UInt8 in [0, 1, 9, 10, 27, 31, 32, 0x7E, 0x7F, 0xC2, 0xC3, 0xE2, 0xFF] {
                    var text = plain
                    text[at] = byte
                    #expect(check(text) == suspect.contains(byte), "\(byte) at \(at) of \(length)")
                }
            }
        }
    }

    @Test("scan in parts: a large file read in pieces at line breaks gives the fields and lines of one pass, quotes across a break or not")
    func scanInParts() throws {
        // Without line breaks inside quotes every piece is taken as read; with them, a piece
        // may start inside a quoted field, and the file is then read in one pass.
        for breaksInQuotes in [false, true] {
            var text = "year,school,name,pupils\r\n"
            for i in 0..<3_000 {
                let name = i % 7 == 0 ? "\"St Mary's,\(breaksInQuotes ? "\n" : " ")line \(i)\"" : i % 11 == 0 ? "\"said \"\"hi\"\"\"" : "School \(i)"
                text += "2020,S\(i),\(name),\(i % 90)" + (i % 5 == 0 ? "\r\n" : "\n") + (i % 13 == 0 ? "\n" : "")
            }
            let bytes = Array(text.utf8)
            let whole = try CSVReader.scan(bytes, file: "t.csv", parts: 1)
            #expect(whole.count == 3_001)
            for parts in [2, 3, 7, 64] {
                let split = try CSVReader.scan(bytes, file: "t.csv", parts: parts)
                #expect(split.count == whole.count && (0..<whole.count).allSatisfy { r in
                    split.line(r) == whole.line(r) && split.fieldCount(r) == whole.fieldCount(r)
                        && (0..<whole.fieldCount(r)).allSatisfy { split.string(r, $0) == whole.string(r, $0) }
                }, "\(parts) parts")
            }
            // An error is the one a single pass reports, wherever the pieces fall.
            let broken = Array((text + "2020,S9,\"x\"y,1\n" + text).utf8)
            for parts in [1, 2, 5] {
                do { _ = try CSVReader.scan(broken, file: "t.csv", parts: parts); Issue.record("accepted") } catch let issue as InputIssue {
                    #expect(issue.message == "text follows the closing quote of a quoted field" && issue.line == whole.line(3_000) + 1, "\(parts) parts")
                }
            }
        }
    }

    @Test("scan: fields and lines in one buffer, as parse reads them; invalid UTF-8 located to its field")
    func scanBuffer() throws {
        let fields = try CSVReader.scan(Array("a,b\n\n\"x,\"\"y\"\"\",\n,2\n".utf8), file: "t.csv")
        #expect(fields.count == 3 && (0..<3).map(fields.line) == [1, 3, 4])
        #expect(fields.fieldCount(1) == 2 && fields.string(1, 0) == "x,\"y\"" && fields.string(1, 1) == "")
        #expect(fields.string(2, 0) == "" && fields.string(2, 1) == "2")
        do { _ = try CSVReader.scan(Array("a,b,c\n1,2,3\n4,".utf8) + [0xC3] + Array(",6\n".utf8), file: "t.csv") } catch let issue as InputIssue {
            #expect(issue.line == 3 && issue.column == 2)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("fuzz: any table written with any quoting and line endings reads back exactly")
    func roundTrip() throws {
        var random = SeededRandom(seed: 2024)
        let alphabet: [String] = ["a", "Z", "0", "9", " ", ",", "\"", "\n", "\r\n", "é", "–", "£", "x"]
        for _ in 0..<500 {
            let columns = Int.random(in: 1...5, using: &random)
            let rows = Int.random(in: 1...6, using: &random)
            let table: [[String]] = (0..<rows).map { _ in
                (0..<columns).map { _ in (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
            }
            let newline = Bool.random(using: &random) ? "\n" : "\r\n"
            var text = Bool.random(using: &random) ? "\u{FEFF}" : ""
            for row in table {
                text += row.map { field -> String in
                    let mustQuote = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
                    // A row that is one empty field would be a blank line: always quote it.
                    let quoteIt = mustQuote || (columns == 1 && field.isEmpty) || Bool.random(using: &random)
                    return quoteIt ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                }.joined(separator: ",") + newline
            }
            let records = try parse(text)
            // A single quoted empty field reads as a blank line, so such rows vanish by design.
            let expected = table.filter { !($0.count == 1 && $0[0].isEmpty) }
            #expect(records.map(\.fields) == expected, "\(text.debugDescription)")
        }
    }

    @Test("fuzz: random bytes either parse or raise an InputIssue, and never crash")
    func randomBytes() {
        var random = SeededRandom(seed: 99)
        let bytes: [UInt8] = Array("ab,\"\r\n 1".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        for _ in 0..<3000 {
            let input = (0..<Int.random(in: 0...40, using: &random)).map { _ in bytes.randomElement(using: &random)! }
            do {
                let records = try CSVReader.parse(input, file: "f.csv")
                #expect(records.allSatisfy { $0.line >= 1 })
            } catch is InputIssue {
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }
}

@Suite("Messages stay readable")
struct IssueClippingTests {
    @Test("a huge quoted value is cut in the message, saying how much was left out")
    func clipped() {
        let name = String(repeating: "N", count: 1_000_000)
        let issue = InputIssue(file: "rolls.csv", line: 3, message: "area X is called '\(name)'", fix: "give each area one name")
        #expect(issue.description.count < 600)
        #expect(issue.description.contains("… (999619 more characters)"))
        #expect(InputIssue(file: "f", message: "short", fix: "x").description == "f: short\n  fix: x")
    }

    @Test("the quick paths read numbers, years and trimmed fields as the general ones do")
    func quickPaths() throws {
        for raw in ["0", "7", "58", "000123", "123456789012345", "1234567890123456", "12.5", "1e3", "-3", "", "1 2", "0x10", "12a"] {
            let general: Double? = raw.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69 })
                && raw.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) ? Double(raw) : nil
            #expect(StrictNumber.parse(raw) == general, "\(raw)")
        }
        #expect(StrictNumber.fourDigits("2019") == 2019)
        #expect(StrictNumber.fourDigits("201") == nil && StrictNumber.fourDigits("20190") == nil && StrictNumber.fourDigits("2019/20") == nil)
        let table = try CSVTable(bytes: Array("year,Area ,pupils\n2019, P1 ,5\n2019/20,P2,6\n201920,\tP3,7\n".utf8), file: "t.csv")
        #expect(table.rows.map { table.text($0, "area") } == ["P1", "P2", "P3"])
        let years = table.rows.map { try? table.academicYear($0, "year", in: 1900...2200, what: "the year").get() }
        #expect(years == [2019, 2019, 2019])
        #expect(table.number("pupils") == 3 && table.number("area") == 2 && !table.has("school"))
    }

    @Test("column positions: found by name, renamed, and removed")
    func columnPositions() {
        var positions = ColumnPositions()
        positions["year"] = 0
        positions["nc_year"] = 2
        #expect(positions["year"] == 0 && positions["nc_year"] == 2 && positions["pupils"] == nil)
        positions["nc_year"] = nil
        positions["year_group"] = 2
        positions["year"] = 1
        #expect(positions["nc_year"] == nil && positions["year_group"] == 2 && positions["year"] == 1)
    }
}
