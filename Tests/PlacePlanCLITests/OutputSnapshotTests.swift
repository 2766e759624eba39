import Crypto
import Foundation
import Testing

/// The figures the commands write, pinned byte for byte: work on speed (the byte-level CSV
/// reader and writer, the reused apportioning buffers, positions instead of codes) must leave
/// every forecast and table exactly as it was. `Snapshots/outputs.sha256` holds the SHA-256 of
/// each output as the engine wrote it before that work; a deliberate change to the model is
/// recorded by running the tests once with `PLACEPLAN_UPDATE_SNAPSHOTS=1`.
@Suite("Output snapshots: the commands' figures unchanged")
struct OutputSnapshotTests {
    static let snapshotFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/outputs.sha256")

    /// Output name → the command that writes it to standard output.
    static let forecasts: [(name: String, arguments: [String])] = [
        ("borough-school.csv", ["forecast", "Data/borough", "--level", "school", "--horizon", "15", "--format", "csv"]),
        ("borough-area.csv", ["forecast", "Data/borough", "--level", "area", "--horizon", "15", "--format", "csv"]),
        ("borough-authority.csv", ["forecast", "Data/borough", "--level", "authority", "--horizon", "15", "--format", "csv"]),
        ("england-area.csv", ["forecast", "Data/england", "--level", "area", "--horizon", "15", "--format", "csv"]),
        ("england-authority.csv", ["forecast", "Data/england", "--level", "authority", "--horizon", "15", "--format", "csv"]),
    ]

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    @Test("forecasts at every level and the borough's place-plan tables hash as before")
    func unchanged() throws {
        var hashes: [(String, String)] = []
        for (name, arguments) in Self.forecasts {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            hashes.append((name, Self.sha256(Data(result.stdout.utf8))))
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = try CLI.run(["plan", "Data/borough", "--out-dir", out.path])
        #expect(plan.status == 0, "\(plan.stderr)")
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() {
            hashes.append(("borough-plan/\(file)", Self.sha256(try Data(contentsOf: out.appendingPathComponent(file)))))
        }
        let written = hashes.map { "\($0.1)  \($0.0)" }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["PLACEPLAN_UPDATE_SNAPSHOTS"] == "1" {
            try Data(written.utf8).write(to: Self.snapshotFile, options: .atomic)
            return
        }
        let expected = try String(contentsOf: Self.snapshotFile, encoding: .utf8)
        let pinned = Dictionary(uniqueKeysWithValues: expected.split(separator: "\n").map { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            return (String(parts[1]), String(parts[0]))
        })
        #expect(Set(pinned.keys) == Set(hashes.map(\.0)), "the outputs written are not the ones pinned")
        for (name, hash) in hashes {
            #expect(pinned[name] == hash, "\(name) differs from its snapshot: a figure changed")
        }
    }
}
