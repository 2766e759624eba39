import Foundation

/// The rule for a vintage's label, in one place: the archive command checks it before a long
/// run and the store again before writing, with the same words.
public enum VintageLabel {
    public static let maximumLength = 200

    /// The label as stored (trimmed), or a message saying what is wrong with it.
    public static func checked(_ raw: String) -> Result<String, Problem> {
        let label = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if label.isEmpty { return .failure(Problem(message: "the label is empty")) }
        if label.count > maximumLength {
            return .failure(Problem(message: "the label is \(label.count) characters long; at most \(maximumLength) are kept"))
        }
        // A label is printed by accuracy and the report: a control or bidi character would reach
        // the terminal or reorder the text on screen.
        if let bad = label.unicodeScalars.first(where: { $0.properties.generalCategory == .control
            || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
            return .failure(Problem(message: "the label holds a control character (U+\(String(format: "%04X", bad.value)))"))
        }
        return .success(label)
    }

    public struct Problem: Error, Sendable {
        public let message: String
        public let fix = "give a label such as --label \"Pupil Place Plan 2025\", or leave --label out"
    }
}
