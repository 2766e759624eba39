import Foundation
import Testing

/// What `HardeningTests` and `AdversarialTests` share: a malformed-input case (one file of a copy
/// of a bundled plan changed, one command that must refuse it with a located message), the ways
/// to change a file, and how a case is run.
protocol MalformedInputSuite {}

/// A change to one file of a copy of a bundled plan, and the command that must refuse it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let plan: String
    /// The file changed, in the plan folder (created if it is not there, e.g. yields.csv).
    let file: String
    let change: @Sendable (String) -> String
    /// The command, then its arguments after the plan folder.
    let arguments: [String]
    /// Words the error must hold (its file and line, and what is wrong).
    let expect: [String]
    /// Then, bytes no String can hold (invalid UTF-8) put in place of a marker.
    var bytes: (@Sendable (Data) -> Data)? = nil
    var testDescription: String { name }
}

extension MalformedInputSuite {
    static func replacing(_ old: String, _ new: String, first: Bool = true) -> @Sendable (String) -> String {
        { text in
            guard let range = text.range(of: old) else { return text + "\n# MISSING: \(old)" }
            return first ? text.replacingCharacters(in: range, with: new) : text.replacingOccurrences(of: old, with: new)
        }
    }

    static func appending(_ more: String) -> @Sendable (String) -> String { { $0 + more } }

    /// The whole file replaced (or created).
    static func writing(_ whole: String) -> @Sendable (String) -> String { { _ in whole } }

    /// Every line holding `part` removed.
    static func droppingLines(containing part: String) -> @Sendable (String) -> String {
        { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.filter { !$0.contains(part) }
            return kept.count == lines.count ? text + "\n# MISSING: \(part)" : kept.joined(separator: "\n")
        }
    }

    /// The file as it is: the case is in the command's flags.
    static var unchanged: @Sendable (String) -> String { { $0 } }

    /// The first `marker` replaced by raw bytes.
    static func raw(_ marker: String, _ replacement: [UInt8]) -> @Sendable (Data) -> Data {
        { data in
            let all = [UInt8](data), find = [UInt8](marker.utf8)
            guard all.count >= find.count,
                  let at = (0...(all.count - find.count)).first(where: { all[$0..<($0 + find.count)].elementsEqual(find) })
            else { return data + Data("\n# MISSING: \(marker)".utf8) }
            var bytes = Array(all[..<at])
            bytes += replacement
            bytes += all[(at + find.count)...]
            return Data(bytes)
        }
    }

    /// Runs a case: a located error, exit 1, never a signal.
    static func check(_ c: MalformedCase) throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent(c.plan)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/\(c.plan)"), to: plan)
        try? FileManager.default.removeItem(at: plan.appendingPathComponent("placeplan.sqlite"))
        let file = plan.appendingPathComponent(c.file)
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var data = Data(c.change(text).utf8)
        if let bytes = c.bytes { data = bytes(data) }
        #expect(!String(decoding: data, as: UTF8.self).contains("# MISSING"), "the case's text is not in \(c.file)")
        try data.write(to: file)
        let result = try CLI.run([c.arguments[0], plan.path] + c.arguments.dropFirst())
        #expect(!result.signalled, "\(c.name): killed by a signal")
        #expect(result.status == 1, "\(c.name): exit \(result.status)\n\(result.stdout.prefix(300))")
        for words in c.expect { #expect(result.stderr.contains(words), "\(c.name): no '\(words)' in\n\(result.stderr.prefix(600))") }
    }
}
