import Foundation
import PlacePlanCore
import TOMLKit

/// One `[[section]]` table of a scenario file: its keys, where it is, and what every change
/// reads first (its cost, and for a candidate project its latest start).
struct ScenarioEntry {
    let section: String
    /// The line of its `[[section]]` header (nil when the change is written inline).
    let here: Int?
    /// The table's line as other changes' conflict messages quote it (0 when written inline).
    let line: Int?
    let table: TOMLSection
    /// The census year: the years a change names must come after it.
    let base: Int
    /// `file, line N`, for the change's messages when the scenario runs.
    let source: String
    var cost: Double? = nil
    var latest: Int? = nil

    subscript(key: String) -> TOMLValueConvertible? { table[key] }

    /// A problem with `key` (the whole change when nil), as `[[section]]: message`.
    func issue(_ key: String?, _ message: String, fix: String) { table.issue(key, message, fix: fix) }

    // MARK: Values, each with an example of a good one. A required key that is missing is
    // reported at the table's header, since it has no line of its own.

    /// Whether `key` is given; when not and `required`, says so, with `fix`.
    private func given(_ key: String, required: Bool, fix: @autoclosure () -> String) -> Bool {
        if table[key] != nil { return true }
        if required { issue(nil, "\(key) is missing", fix: fix()) }
        return false
    }

    func int(_ key: String, required: Bool = true, range: ClosedRange<Int>, example: String) -> Int? {
        guard given(key, required: required, fix: "add \(key) = \(example)") else { return nil }
        return table.wholeNumber(key, in: range, message: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                                 fix: "e.g. \(key) = \(example)")
    }

    func number(_ key: String, required: Bool = true, example: String) -> Double? {
        guard given(key, required: required, fix: "add \(key) = \(example)") else { return nil }
        return table.number(key, valid: \.isFinite, message: "\(key) must be a number", fix: "e.g. \(key) = \(example)")
    }

    /// Text without spaces around it, not empty.
    func text(_ key: String, required: Bool = true, example: String) -> String? {
        guard given(key, required: required, fix: "add \(key) = \"\(example)\"") else { return nil }
        return table.text(key, trimmed: true, message: "\(key) must be text", fix: "e.g. \(key) = \"\(example)\"")
    }

    /// An academic year after the census year: a scenario changes the future.
    func year(_ key: String, required: Bool = true) -> Int? {
        guard let y = int(key, required: required, range: 1900...2200, example: "\(base + 2)") else { return nil }
        if y <= base {
            issue(key, "\(key) = \(y) is not after the census year \(base) (\(AcademicYear.text(base))): a scenario changes the future",
                  fix: "give a year after the census year \(base) (\(AcademicYear.text(base))), e.g. \(base + 2)")
            return nil
        }
        return y
    }

    /// `change` as a candidate project, startable up to `latest` (as a scenario change when there
    /// is no `latest`); nil, reported, when `latest` comes before its earliest start.
    func candidate(_ change: ScenarioChange) -> ScenarioChange? {
        guard let latest else { return change }
        guard latest >= change.start else {
            issue("latest", "latest = \(latest) is before the earliest start, \(change.start)", fix: "give latest = \(change.start) or later")
            return nil
        }
        return ScenarioChange(change.kind, cost: change.cost, source: change.source, latest: latest)
    }
}
