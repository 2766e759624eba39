import Foundation
import TOMLKit

/// One table of a TOML file, read key by key. Each checked reader returns the value when it is
/// good; otherwise it reports the problem (at the key's line, with what to do) into the file's
/// `TOMLReader` and returns nil, so the caller just skips what it could not read.
struct TOMLSection {
    let reader: TOMLReader
    let table: TOMLTable
    /// The line of a key, or of the section itself for `nil`. plan.toml and scenario files
    /// locate keys differently (see `TOMLLines`), so the file's parser says how.
    let locate: (String?) -> Int?
    /// Put before every message, e.g. `[[expansion]]: `, to say which change of a list it is.
    var prefix = ""

    subscript(key: String) -> TOMLValueConvertible? { table[key] }

    /// A problem with `key` (the whole section when nil).
    func issue(_ key: String?, _ message: String, fix: String) {
        reader.issue(line: locate(key), key: key, prefix + message, fix: fix)
    }

    /// The table under `key` as a section of its own, its problems located as this one's; nil
    /// when absent, or when it is not a table, which is reported with `message` if there is one.
    func section(_ key: String, notATable message: String? = nil, fix: String = "") -> TOMLSection? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else {
            if let message { issue(key, message, fix: fix) }
            return nil
        }
        return TOMLSection(reader: reader, table: inner, locate: locate, prefix: prefix)
    }

    // MARK: Unknown keys: a typo must not be silently ignored.

    static func useOneOf<Names: Sequence<String>>(_ names: Names) -> String {
        "use one of: \(names.sorted().joined(separator: ", "))"
    }

    /// Reports `key` as unknown; `section` names the table in the message (`in [costs]`).
    func unknownKey(_ key: String, in section: String? = nil, fix: String) {
        issue(key, "unknown key '\(key)'" + (section.map { " in [\($0)]" } ?? ""), fix: fix)
    }

    /// Reports every key not in `allowed`, in the table's order; the fix lists `allowed` unless given.
    func unknownKeys(allowed: Set<String>, in section: String? = nil, fix: String? = nil) {
        for key in table.keys where !allowed.contains(key) {
            unknownKey(key, in: section, fix: fix ?? Self.useOneOf(allowed))
        }
    }

    // MARK: Values. Absent keys are nil and not reported: whether a key is required, and what
    // its default is, is the caller's business.

    /// `key` as a number, a TOML float or integer (`5` and `5.0` alike); nil when absent or not a number.
    /// `key` as a finite number (TOML's `inf` and `nan` are never a count, rate or cost).
    func number(_ key: String) -> Double? {
        guard let value = table[key], let n = value.double ?? value.int.map(Double.init), n.isFinite else { return nil }
        return n
    }

    /// `key` as a number that `valid` accepts; any other value is reported with `message` and `fix`.
    func number(_ key: String, valid: (Double) -> Bool, message: @autoclosure () -> String,
                fix: @autoclosure () -> String) -> Double? {
        guard table[key] != nil else { return nil }
        if let n = number(key), valid(n) { return n }
        issue(key, message(), fix: fix())
        return nil
    }

    /// `key` as a percentage from 0 to 100 (not divided by 100).
    func percentage(_ key: String, message: @autoclosure () -> String, fix: @autoclosure () -> String) -> Double? {
        number(key, valid: { (0...100).contains($0) }, message: message(), fix: fix())
    }

    /// `key` as a whole number (a TOML integer, not `2.0`) in `range`.
    func wholeNumber(_ key: String, in range: ClosedRange<Int>, message: @autoclosure () -> String,
                     fix: @autoclosure () -> String) -> Int? {
        guard let value = table[key] else { return nil }
        if let n = value.int, range.contains(n) { return n }
        issue(key, message(), fix: fix())
        return nil
    }

    /// `key` as text; with `trimmed`, without spaces around it. Empty text is refused (after
    /// trimming) unless `emptyAllowed`.
    func text(_ key: String, trimmed: Bool = false, emptyAllowed: Bool = false, message: @autoclosure () -> String,
              fix: @autoclosure () -> String) -> String? {
        guard let value = table[key] else { return nil }
        if let raw = value.string {
            let text = trimmed ? raw.trimmingCharacters(in: .whitespaces) : raw
            if emptyAllowed || !text.isEmpty { return text }
        }
        issue(key, message(), fix: fix())
        return nil
    }

    /// `key` as one of a setting's named values (`charge_rule = "peak"`); anything else is
    /// reported with the names allowed and what each means (`meanings`).
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, example: String, meanings: String) -> Value?
        where Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        guard let text = text(key, message: "\(key) must be one of \(names.joined(separator: ", "))", fix: "e.g. \(key) = \"\(example)\"") else { return nil }
        if let value = Value(rawValue: text) { return value }
        issue(key, "\(key) '\(text)' is not one of \(names.joined(separator: ", ")): use \(names.joined(separator: " or "))", fix: meanings)
        return nil
    }

    /// `key` as true or false.
    func bool(_ key: String, message: @autoclosure () -> String, fix: @autoclosure () -> String) -> Bool? {
        guard let value = table[key] else { return nil }
        if let flag = value.bool { return flag }
        issue(key, message(), fix: fix())
        return nil
    }
}
