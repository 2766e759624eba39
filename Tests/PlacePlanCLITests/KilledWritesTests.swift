import Foundation
import GRDB
@testable import PlacePlanStore
import Testing

/// The write paths beside `actuals import` (tested in StoreCLITests): archiving a vintage,
/// writing a report and writing the plan's tables. Each is stopped by kill -9 at many moments
/// from start to finish; whatever the moment, what is on disk is the old state or the new one,
/// never a part of either.
@Suite("kill -9 at any moment of a write leaves the old state or the new, never a part", .serialized)
struct KilledWritesTests {
    /// Moments to stop a command at, from just after it starts to after it would have finished.
    static let moments: [TimeInterval] = [0.005, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9]

    /// Starts `arguments` and kills it with SIGKILL after `delay`; true when it was killed
    /// (rather than finishing first).
    static func kill(_ arguments: [String], after delay: TimeInterval) throws -> Bool {
        let child = try SpawnedCLI(arguments)
        usleep(useconds_t(delay * 1_000_000))
        Foundation.kill(child.pid, SIGKILL)
        return child.wait() == .signal(SIGKILL)
    }

    @Test("archive: the database stays sound, holds the vintage whole or not at all, and accuracy verifies every seal")
    func killedArchive() throws {
        let folder = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        #expect(try CLI.run(["archive", folder.path, "--horizon", "1", "--label", "first"]).status == 0)
        let database = folder.appendingPathComponent("placeplan.sqlite").path
        var killed = 0, kept = 0
        for (index, moment) in Self.moments.enumerated() {
            // A new horizon each time, so every run has a new vintage to write.
            if try Self.kill(["archive", folder.path, "--horizon", "\(index + 2)", "--label", "run \(index)"], after: moment) { killed += 1 }
            let store = try PlanStore(path: database, mode: .existing)
            #expect(try store.integrityCheck() == ["ok"])
            // Scoring verifies each vintage's seal (its cells' fingerprint) and throws if one fails.
            let vintages = try store.score()
            func cells(_ id: Int64) throws -> Int {
                try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vintage_cell WHERE vintage_id = ?", arguments: [id]) ?? 0 }
            }
            let perYear = try cells(vintages[0].vintage.id)  // the first vintage forecasts one year
            #expect(perYear > 2000)
            for scored in vintages.dropFirst() {
                // A vintage is there only whole: every area, year group and year of its horizon.
                #expect(try cells(scored.vintage.id) == perYear * scored.vintage.horizon, "\(scored.vintage.label ?? "")")
            }
            kept = vintages.count - 1
        }
        #expect(killed >= 3, "too few runs were stopped mid-way (\(killed)); the moments need to be earlier")
        let accuracy = try CLI.run(["accuracy", folder.path])
        #expect(accuracy.status == 0, "\(accuracy.stderr)")
        #expect(accuracy.stdout.contains("Vintage 1 \"first\""))
        #expect(kept < Self.moments.count, "no archive was stopped before it committed")
    }

    @Test("report --out: the file is the old report or the whole new one")
    func killedReport() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("borough")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: plan)
        let target = root.appendingPathComponent("report.html")
        #expect(try CLI.run(["report", plan.path, "--horizon", "5", "--out", target.path]).status == 0)
        let old = try Data(contentsOf: target)
        let reference = root.appendingPathComponent("reference.html")
        #expect(try CLI.run(["report", plan.path, "--out", reference.path]).status == 0)
        let new = try Data(contentsOf: reference)
        #expect(Self.untimed(old) != Self.untimed(new))
        var killed = 0
        for moment in Self.moments {
            if try Self.kill(["report", plan.path, "--out", target.path], after: moment) { killed += 1 }
            let now = try Data(contentsOf: target)
            #expect([Self.untimed(old), Self.untimed(new)].contains(Self.untimed(now)),
                    "a part-written report after kill -9 at \(moment) s (\(now.count) bytes)")
        }
        #expect(killed >= 3, "too few runs were stopped mid-way (\(killed))")
    }

    /// A report with its "generated" time (to the minute) blanked: runs a minute apart differ there only.
    static func untimed(_ report: Data) -> String {
        String(decoding: report, as: UTF8.self)
            .replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d UTC"#, with: "TIME", options: .regularExpression)
    }

    @Test("plan --out FOLDER: every table is the old one or the whole new one")
    func killedPlanTables() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = root.appendingPathComponent("borough")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Data/borough"), to: plan)
        let target = root.appendingPathComponent("tables"), reference = root.appendingPathComponent("reference")
        #expect(try CLI.run(["plan", plan.path, "--horizon", "5", "--out-dir", target.path]).status == 0)
        #expect(try CLI.run(["plan", plan.path, "--out-dir", reference.path]).status == 0)
        func tables(_ folder: URL) throws -> [String: Data] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") && !$0.hasPrefix(".") }
            return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
        }
        let old = try tables(target), new = try tables(reference)
        #expect(old.keys.sorted() == new.keys.sorted() && old.count >= 6)
        var killed = 0
        for moment in Self.moments {
            if try Self.kill(["plan", plan.path, "--out-dir", target.path], after: moment) { killed += 1 }
            for (name, data) in try tables(target) {
                #expect(data == old[name] || data == new[name], "\(name) is part-written after kill -9 at \(moment) s")
            }
        }
        #expect(killed >= 3, "too few runs were stopped mid-way (\(killed))")
    }
}
