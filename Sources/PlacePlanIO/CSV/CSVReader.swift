/// A small RFC 4180 CSV reader that remembers the line each record starts on, so every error
/// can name it.
///
/// Handles: a UTF-8 byte-order mark, quoted fields with doubled quotes, commas and line breaks
/// inside quotes, LF, CRLF and lone CR line endings, and blank lines (skipped: they are not
/// records). A quote inside an unquoted field is kept as a literal character, as spreadsheets
/// write it; text after a closing quote and an unclosed quote are errors.
public struct CSVRecord: Equatable, Sendable {
    /// 1-based line of the file on which the record starts.
    public let line: Int
    public let fields: [String]
}

public enum CSVReader {
    public static func parse(_ bytes: [UInt8], file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = 0
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }

        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func decode(_ raw: [UInt8], line: Int) throws -> String {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw InputIssue(file: file, line: line, column: fields.count + 1,
                                 message: "this field is not valid UTF-8 text",
                                 fix: "save the file as UTF-8 (in Excel: \"CSV UTF-8\")")
            }
            return text
        }
        func endRecord() throws {
            fields.append(try decode(field, line: recordLine))
            field.removeAll(keepingCapacity: true)
            // A record that is one empty field is a blank line, not data.
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        var atFieldStart = true
        while index < count {
            let byte = bytes[index]
            if atFieldStart && byte == quote {
                // Quoted field: read to the closing quote, keeping line breaks and commas.
                let openedOn = line
                index += 1
                var closed = false
                while index < count {
                    let b = bytes[index]
                    if b == quote {
                        if index + 1 < count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if b == lf || (b == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                    field.append(b)
                    index += 1
                }
                guard closed else {
                    throw InputIssue(file: file, line: openedOn, column: fields.count + 1,
                                     message: "a quoted field is never closed",
                                     fix: "add the closing double quote (a quote inside a quoted field is written twice: \"\")")
                }
                if index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                    throw InputIssue(file: file, line: line, column: fields.count + 1,
                                     message: "text follows the closing quote of a quoted field",
                                     fix: "put the whole field inside the quotes, writing any quote inside it twice (\"\")")
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case comma:
                fields.append(try decode(field, line: recordLine))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                index += 1
            case lf, cr:
                try endRecord()
                index += (byte == cr && index + 1 < count && bytes[index + 1] == lf) ? 2 : 1
                line += 1
                recordLine = line
                atFieldStart = true
            default:
                field.append(byte)
                atFieldStart = false
                index += 1
            }
        }
        if !atFieldStart || !field.isEmpty || !fields.isEmpty { try endRecord() }
        return records
    }
}
