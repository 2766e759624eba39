import PlacePlanCore

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
    /// Every record as strings: for small files read whole (a workbook of tables, tests).
    public static func parse(_ bytes: [UInt8], file: String) throws -> [CSVRecord] {
        let fields = try scan(bytes, file: file)
        return (0..<fields.count).map { r in
            CSVRecord(line: fields.line(r), fields: (0..<fields.fieldCount(r)).map { fields.string(r, $0) })
        }
    }

    /// Every record's fields, back to back in one buffer (`CSVFields`): a file of a million
    /// rows is read without a string or an array per row, and a field becomes a `String` only
    /// when it is asked for.
    /// - Parameter parts: how many pieces the file is read in at once (by default one per core for
    ///   a file of 4 MB or more); the fields, lines and errors are the same whatever it is.
    public static func scan(_ bytes: [UInt8], file: String, parts: Int? = nil) throws -> CSVFields {
        guard bytes.count < Int(Int32.max) else {
            throw InputIssue(file: file, message: "is larger than 2 GB, more than any plan's file",
                             fix: "split the file, or check that it is the right one")
        }
        let out = try scanInPieces(bytes, file: file, parts: parts ?? (bytes.count >= 4 << 20 ? Parallel.threads : 1))
        // Valid UTF-8 as a whole is valid field by field (separators are ASCII); only a file
        // that is not is searched field by field, to say where.
        if !isUTF8(bytes), let (r, f) = out.firstInvalidField() {
            throw InputIssue(file: file, line: out.line(r), column: f + 1, message: "this field is not valid UTF-8 text",
                             fix: "save the file as UTF-8 (in Excel: \"CSV UTF-8\")")
        }
        return out
    }

    /// The file read in `parts` pieces at once, each starting after a line feed, then put
    /// together. A piece is a run of whole records only if the one before it ends outside
    /// quotes: it then ends cleanly, while a line feed inside a quoted field leaves the piece
    /// before it unclosed. Any piece that fails (so, also, a real error) sends the whole file
    /// through one pass, which reports the first problem as it always has.
    private static func scanInPieces(_ bytes: [UInt8], file: String, parts: Int) throws -> CSVFields {
        func whole() throws -> CSVFields {
            var out = CSVFields()
            out.text.reserveCapacity(bytes.count)
            out.fieldEnds.reserveCapacity(bytes.count / 4)
            _ = try bytes.withUnsafeBufferPointer { buffer in try scan(buffer, fileStart: true, file: file, into: &out) }
            return out
        }
        // Each piece from just after a line feed at or past its share of the bytes.
        var starts = [0]
        for p in 1..<max(1, parts) {
            var at = max(starts.last!, p * bytes.count / parts)
            while at < bytes.count, bytes[at] != UInt8(ascii: "\n") { at += 1 }
            if at + 1 < bytes.count, at + 1 > starts.last! { starts.append(at + 1) }
        }
        guard starts.count > 1 else { return try whole() }
        let ends = Array(starts.dropFirst()) + [bytes.count]
        let pieces = Parallel.map(starts.count, infallible: { [starts] p -> (fields: CSVFields, lineBreaks: Int)? in
            var out = CSVFields()
            out.text.reserveCapacity(ends[p] - starts[p])
            out.fieldEnds.reserveCapacity((ends[p] - starts[p]) / 4)
            let lines = try? bytes.withUnsafeBufferPointer { buffer in
                try scan(UnsafeBufferPointer(rebasing: buffer[starts[p]..<ends[p]]), fileStart: p == 0, file: file, into: &out)
            }
            return lines.map { (out, $0 - 1) }
        })
        guard pieces.allSatisfy({ $0 != nil }) else { return try whole() }
        var out = CSVFields()
        // Room for every piece at once: growing a national file's field ends piece by piece
        // copied them over and over.
        out.text.reserveCapacity(bytes.count)
        out.fieldEnds.reserveCapacity(pieces.reduce(0) { $0 + $1!.fields.fieldEnds.count })
        out.recordStarts.reserveCapacity(pieces.reduce(1) { $0 + $1!.fields.count })
        out.lines.reserveCapacity(pieces.reduce(0) { $0 + $1!.fields.count })
        var lineBreaks = 0
        for piece in pieces {
            out.append(piece!.fields, linesBefore: lineBreaks)
            lineBreaks += piece!.lineBreaks
        }
        return out
    }

    /// Whether `bytes` are UTF-8 text. Most plan files are plain ASCII, which is UTF-8 and is
    /// seen eight bytes at a time without a copy; only a file with other bytes is decoded (into a
    /// `String` the size of the file, which for a national census was a tenth of its reading).
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let ascii = bytes.withUnsafeBytes { raw -> Bool in
            var high: UInt64 = 0
            let words = raw.count / 8
            for w in 0..<words { high |= raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) }
            for i in (words * 8)..<raw.count { high |= UInt64(raw[i]) }
            return high & 0x8080_8080_8080_8080 == 0
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }

    /// Reads `bytes` (the whole file, or a piece starting after a line feed) into `out`, and
    /// returns the line it ended on.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, fileStart: Bool, file: String, into out: inout CSVFields) throws -> Int {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = bytes.count
        var index = 0, line = 1, recordLine = 1, fieldsInRecord = 0
        if fileStart, count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }

        func endField() {
            out.fieldEnds.append(Int32(out.text.count))
            fieldsInRecord += 1
        }
        func endRecord() {
            endField()
            // A record that is one empty field is a blank line, not data.
            let ends = out.fieldEnds, n = ends.count
            let start = n >= 2 ? ends[n - 2] : 0
            if fieldsInRecord == 1 && ends[n - 1] == start {
                out.fieldEnds.removeLast()
            } else {
                out.recordStarts.append(Int32(out.fieldEnds.count))
                out.lines.append(Int32(recordLine))
            }
            fieldsInRecord = 0
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
                            out.text.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if b == lf || (b == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                    out.text.append(b)
                    index += 1
                }
                guard closed else {
                    throw InputIssue(file: file, line: openedOn, column: fieldsInRecord + 1,
                                     message: "a quoted field is never closed",
                                     fix: "add the closing double quote (a quote inside a quoted field is written twice: \"\")")
                }
                if index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                    throw InputIssue(file: file, line: line, column: fieldsInRecord + 1,
                                     message: "text follows the closing quote of a quoted field",
                                     fix: "put the whole field inside the quotes, writing any quote inside it twice (\"\")")
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case comma:
                endField()
                atFieldStart = true
                index += 1
            case lf, cr:
                endRecord()
                index += (byte == cr && index + 1 < count && bytes[index + 1] == lf) ? 2 : 1
                line += 1
                recordLine = line
                atFieldStart = true
            default:
                // The rest of an unquoted field in one copy.
                var end = index + 1
                while end < count, bytes[end] != comma, bytes[end] != lf, bytes[end] != cr { end += 1 }
                out.text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                atFieldStart = false
                index = end
            }
        }
        if !atFieldStart || fieldsInRecord > 0 { endRecord() }
        return line
    }
}

/// A file's records with their fields, unquoted, back to back in one byte buffer.
public struct CSVFields: Sendable {
    /// The fields' bytes, one after another.
    var text: [UInt8] = []
    /// Where each field ends in `text` (it starts where the one before ends).
    var fieldEnds: [Int32] = []
    /// Each record's first field in `fieldEnds`, and one past the last record's.
    var recordStarts: [Int32] = [0]
    /// The 1-based line each record starts on.
    var lines: [Int32] = []

    /// `other`'s records after these: a later piece of the same file, whose lines are counted
    /// from 1 after `linesBefore` line breaks.
    mutating func append(_ other: CSVFields, linesBefore: Int) {
        let textOffset = Int32(text.count), fieldOffset = Int32(fieldEnds.count), lineOffset = Int32(linesBefore)
        text += other.text
        Self.append(other.fieldEnds[...], adding: textOffset, to: &fieldEnds)
        Self.append(other.recordStarts.dropFirst(), adding: fieldOffset, to: &recordStarts)
        Self.append(other.lines[...], adding: lineOffset, to: &lines)
    }

    /// `source` + `offset`, element by element, after `target`'s own (in one tight loop over
    /// both buffers: millions of field ends).
    private static func append(_ source: ArraySlice<Int32>, adding offset: Int32, to target: inout [Int32]) {
        let start = target.count
        target += source
        target.withUnsafeMutableBufferPointer { buffer in
            for i in start..<buffer.count { buffer[i] &+= offset }
        }
    }

    /// How many records (the header counts as one).
    public var count: Int { lines.count }
    public func line(_ record: Int) -> Int { Int(lines[record]) }
    public func fieldCount(_ record: Int) -> Int { Int(recordStarts[record + 1] - recordStarts[record]) }

    /// The bytes of field `f` of record `r` (the field must exist).
    func range(_ r: Int, _ f: Int) -> Range<Int> {
        let i = Int(recordStarts[r]) + f
        return (i == 0 ? 0 : Int(fieldEnds[i - 1]))..<Int(fieldEnds[i])
    }

    /// Field `f` of record `r` as text (the file was checked to be UTF-8 when it was read).
    public func string(_ r: Int, _ f: Int) -> String {
        let bytes = range(r, f)
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes]), as: UTF8.self) }
    }

    /// Whether field `f` of record `r` is empty or starts and ends with a visible ASCII byte
    /// (no space or tab to trim), decided from its bytes without making a `String`.
    func isTrimmed(_ r: Int, _ f: Int) -> Bool {
        let bytes = range(r, f)
        guard let first = bytes.first else { return true }
        func plain(_ b: UInt8) -> Bool { b > 32 && b < 127 }
        return plain(text[first]) && plain(text[bytes.upperBound - 1])
    }

    /// Whether any field could hold a control character or a bidirectional override: bytes
    /// below 32 but tab, DEL, and the lead bytes of U+0080–U+009F (C2) and U+2000–U+2FFF (E2).
    /// Almost every file has none, and is then cleared in one pass.
    var mayHoldControlCharacters: Bool {
        // Plain ASCII with no byte below 32 and no DEL, eight bytes at a time (a national
        // rolls file is 30 MB): such text has none. Anything else is looked at byte by byte.
        let clear = text.withUnsafeBytes { raw -> Bool in
            let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
            var flagged: UInt64 = 0
            let words = raw.count / 8
            for w in 0..<words {
                let x = raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self)
                let del = x ^ (0x7F &* ones)
                // A byte's high bit set in: x (not ASCII), x − 32 (below 32), del − 1 (equal to 127).
                flagged |= x | ((x &- 0x20 &* ones) & ~x) | ((del &- ones) & ~del)
            }
            for i in (words * 8)..<raw.count where raw[i] < 32 || raw[i] >= 0x7F { return false }
            return flagged & high == 0
        }
        return !clear && text.contains { ($0 < 32 && $0 != 9) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
    }

    /// The first field, in file order, that is not UTF-8.
    func firstInvalidField() -> (record: Int, field: Int)? {
        for r in 0..<count {
            for f in 0..<fieldCount(r) where String(validating: text[range(r, f)], as: UTF8.self) == nil { return (r, f) }
        }
        return nil
    }
}
