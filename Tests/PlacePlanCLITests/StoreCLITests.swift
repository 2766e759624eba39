import Foundation
import GRDB
import PlacePlanCore
@testable import PlacePlanStore
import Testing

/// A temporary copy of the England plan as it stood in 2016: rolls up to 2016/17 and births
/// keyed up to 2016 only (what a planner knew then), plus the real rolls of 2017, 2018 and
/// 2019 as separate census files, as they would have arrived.
struct England2016 {
    let root: URL
    var plan: URL { root.appendingPathComponent("england-2016") }
    var database: URL { plan.appendingPathComponent("placeplan.sqlite") }
    func census(_ year: Int) -> URL { root.appendingPathComponent("census-\(year).csv") }

    init() throws {
        root = try CLI.temporaryFolder()
        let source = CLI.root.appendingPathComponent("Data/england")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("england-2016"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.appendingPathComponent("plan.toml"), to: plan.appendingPathComponent("plan.toml"))
        let rolls = try String(contentsOf: source.appendingPathComponent("rolls.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let births = try String(contentsOf: source.appendingPathComponent("births.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        func year(_ line: Substring) -> Int { Int(line.prefix { $0 != "," })! }
        func write(_ lines: [Substring], to url: URL) throws {
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try write([rolls[0]] + rolls.dropFirst().filter { year($0) <= 2016 }, to: plan.appendingPathComponent("rolls.csv"))
        try write([births[0]] + births.dropFirst().filter { year($0) <= 2016 }, to: plan.appendingPathComponent("births.csv"))
        for y in 2017...2019 { try write([rolls[0]] + rolls.dropFirst().filter { year($0) == y }, to: census(y)) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// `year,area,year_group → pupils` from a CSV whose first two columns are year and area and
    /// last two year_group and pupils (area names, which may hold quoted commas, sit between).
    static func cells(_ csv: String) -> [String: Double] {
        let lines = csv.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        precondition(header.first == "year" && header[1] == "area" && header.suffix(2) == ["year_group", "pupils"])
        var cells: [String: Double] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells["\(f[0]),\(f[1]),\(f[f.count - 2])"] = Double(f[f.count - 1])!
        }
        return cells
    }
}

/// The JSON output of `placeplan accuracy`.
struct AccuracyJSON {
    let document: [String: Any]
    init(_ text: String) throws { document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }
    var vintages: [[String: Any]] { document["vintages"] as! [[String: Any]] }
    func scores(vintage: Int = 0) -> [[String: Any]] { vintages[vintage]["scores"] as! [[String: Any]] }
    func error(level: String, code: String, measure: String, horizon: Int) -> Double? {
        scores().first {
            $0["level"] as? String == level && $0["code"] as? String == code && $0["measure"] as? String == measure
                && $0["horizon"] as? Int == horizon
        }?["pct_error"] as? Double
    }
    var horizons: Set<Int> { Set(scores().compactMap { $0["horizon"] as? Int }) }
}

@Suite("placeplan archive, actuals import, accuracy", .serialized)
struct StoreCLITests {
    @Test("a 2016 vintage is scored as the 2017, 2018 and 2019 censuses arrive, and matches a hand computation")
    func vintageScoredYearByYear() throws {
        let england = try England2016()
        defer { england.remove() }
        let archive = try CLI.run(["archive", england.plan.path, "--label", "Pupil Place Plan 2016", "--horizon", "3"])
        #expect(archive.status == 0, "\(archive.stderr)")
        #expect(archive.stdout.contains("Archived vintage 1 (\"Pupil Place Plan 2016\""))
        #expect(archive.stdout.contains("forecast from 2016/17 (last census) for 3 years"))
        #expect(FileManager.default.fileExists(atPath: england.database.path))

        // Nothing known yet: nothing scored, everything waiting.
        let before = try CLI.run(["accuracy", england.plan.path])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("Nothing to score yet"))
        #expect(before.stdout.contains("6,342 area cells are waiting (2017/18–2019/20)"))

        let imported = try CLI.run(["actuals", "import", england.census(2017).path, "--plan", england.plan.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("read       2,114"))
        #expect(imported.stdout.contains("added      2,114"))

        // The hand computation: forecast rows from `placeplan forecast` (one decimal), actual
        // rows from the real rolls.csv; error = (forecast − actual) / actual.
        let forecastRun = try CLI.run(["forecast", england.plan.path, "--horizon", "3", "--format", "csv"])
        #expect(forecastRun.status == 0)
        let forecast = England2016.cells(forecastRun.stdout)
        let actual = England2016.cells(try String(contentsOf: england.census(2017), encoding: .utf8))
        let area = "E08000025"  // Birmingham
        let areaR = (forecast["2017,\(area),R"]! - actual["2017,\(area),R"]!) / actual["2017,\(area),R"]!
        let primary = Ladder.england.yearGroups.prefix(7).map(\.name)
        let areaPrimaryForecast = primary.reduce(0) { $0 + forecast["2017,\(area),\($1)"]! }
        let areaPrimaryActual = primary.reduce(0) { $0 + actual["2017,\(area),\($1)"]! }
        let areaPrimary = (areaPrimaryForecast - areaPrimaryActual) / areaPrimaryActual
        let rKeys = actual.keys.filter { $0.hasSuffix(",R") }
        #expect(rKeys.count == 151)
        let authorityR = (rKeys.reduce(0) { $0 + forecast[$1]! } - rKeys.reduce(0) { $0 + actual[$1]! }) / rKeys.reduce(0) { $0 + actual[$1]! }
        let y7Keys = actual.keys.filter { $0.hasSuffix(",Y7") }
        let authorityY7 = (y7Keys.reduce(0) { $0 + forecast[$1]! } - y7Keys.reduce(0) { $0 + actual[$1]! }) / y7Keys.reduce(0) { $0 + actual[$1]! }

        let json1 = try CLI.run(["accuracy", england.plan.path, "--format", "json"])
        #expect(json1.status == 0, "\(json1.stderr)")
        let scored1 = try AccuracyJSON(json1.stdout)
        #expect(scored1.horizons == [1])
        // Forecast rows are rounded to 0.1 pupil: allow that rounding (0.05 a cell), and no more.
        func close(_ measured: Double?, _ expected: Double, cells: Int, actual: Double) -> Bool {
            guard let measured else { return false }
            return abs(measured / 100 - expected) <= Double(cells) * 0.05 / actual + 1e-12
        }
        let authorityRActual = rKeys.reduce(0) { $0 + actual[$1]! }, authorityY7Actual = y7Keys.reduce(0) { $0 + actual[$1]! }
        #expect(close(scored1.error(level: "area", code: area, measure: "R intake", horizon: 1), areaR,
                      cells: 1, actual: actual["2017,\(area),R"]!))
        #expect(close(scored1.error(level: "area", code: area, measure: "primary", horizon: 1), areaPrimary,
                      cells: 7, actual: areaPrimaryActual))
        #expect(close(scored1.error(level: "authority", code: "authority", measure: "R intake", horizon: 1), authorityR,
                      cells: 151, actual: authorityRActual))
        #expect(close(scored1.error(level: "authority", code: "authority", measure: "Y7 intake", horizon: 1), authorityY7,
                      cells: 151, actual: authorityY7Actual))
        #expect(areaR != 0 && authorityR != 0)
        #expect(scored1.vintages[0]["waiting_cells"] as? Int == 2 * 151 * 14)

        // The table says the same, to two decimals, with the sign.
        let table1 = try CLI.run(["accuracy", england.plan.path, "--vintage", "Pupil Place Plan 2016"])
        #expect(table1.status == 0, "\(table1.stderr)")
        let authorityLine = table1.stdout.split(separator: "\n").first { $0.hasPrefix("R intake") && $0.contains("2017/18") }
        #expect(authorityLine?.hasSuffix(String(format: "%+.2f%%", authorityR * 100)) == true, "\(table1.stdout)")
        #expect(table1.stdout.contains("waiting for actuals: 4,228 more (2018/19–2019/20)"))

        // A year later, and the year after: horizons 2 and 3 appear, horizon 1 is unchanged.
        for (year, horizons) in [(2018, Set([1, 2])), (2019, Set([1, 2, 3]))] {
            let result = try CLI.run(["actuals", "import", england.census(year).path, "--plan", england.plan.path])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try AccuracyJSON(try CLI.run(["accuracy", england.plan.path, "--format", "json"]).stdout)
            #expect(json.horizons == horizons)
            #expect(json.error(level: "authority", code: "authority", measure: "R intake", horizon: 1)
                    == scored1.error(level: "authority", code: "authority", measure: "R intake", horizon: 1))
            #expect(json.error(level: "authority", code: "authority", measure: "secondary", horizon: horizons.max()!) != nil)
        }
        let table = try CLI.run(["accuracy", england.plan.path])
        #expect(table.stdout.contains("Track record: authority error (signed)"))
        #expect(table.stdout.contains("Track record: median absolute error across areas"))
        #expect(table.stdout.contains("none waiting"))
        let track = table.stdout.split(separator: "\n").filter { $0.hasPrefix("1 \"Pupil Place Plan 2016\"") }
        #expect(track.count == 2 * 3, "\(table.stdout)")  // two blocks × three horizons

        // CSV: one row per level, code, measure and year.
        let csv = try CLI.run(["accuracy", england.plan.path, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "vintage,label,origin,level,code,measure,kind,year,horizon,forecast,actual,pct_error")
        #expect(lines.contains { $0.hasPrefix("1,Pupil Place Plan 2016,2016,area,\(area),R intake,intake,2017,1,") })
    }

    @Test("archiving the same inputs again writes nothing, names the vintage and exits 0")
    func archiveTwice() throws {
        let plan = try CLI.copyOfEngland()
        defer { try? FileManager.default.removeItem(at: plan.deletingLastPathComponent()) }
        let db = plan.deletingLastPathComponent().appendingPathComponent("store.sqlite").path
        let first = try CLI.run(["archive", plan.path, "--horizon", "2", "--label", "PPP 2019", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["archive", plan.path, "--horizon", "2", "--label", "Another", "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Already archived as vintage 1 (\"PPP 2019\", "))
        #expect(second.stdout.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: plan.appendingPathComponent("placeplan.sqlite").path))
        // A changed input is a new vintage.
        let rolls = plan.appendingPathComponent("rolls.csv")
        try (String(contentsOf: rolls, encoding: .utf8).replacingOccurrences(of: "2019,E06000001,Hartlepool,R,1060",
                                                                             with: "2019,E06000001,Hartlepool,R,1061"))
            .write(to: rolls, atomically: true, encoding: .utf8)
        let third = try CLI.run(["archive", plan.path, "--horizon", "2", "--db", db])
        #expect(third.status == 0 && third.stdout.contains("Archived vintage 2"), "\(third.stdout)\(third.stderr)")
        let label = try CLI.run(["archive", plan.path, "--horizon", "3", "--label", "PPP 2019", "--db", db])
        #expect(label.status != 0 && label.stderr.contains("already vintage 1"), "\(label.stderr)")
        let store = try PlanStore(path: db, mode: .existing)
        #expect(try store.count("vintage") == 2)
    }

    @Test("import: bad rows are all reported with file, line and column; nothing is written; exit 1")
    func importRejects() throws {
        let england = try England2016()
        defer { england.remove() }
        let bad = england.root.appendingPathComponent("bad.csv")
        try "year,area,year_group,pupils\n2017,E06000001,R,1000\n2017,E99999999,R,5\n2017,E06000001,Y14,5\n2017,E06000002,R,many\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["actuals", "import", bad.path, "--plan", england.plan.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("3 of 4 rows rejected; nothing was written"), "\(result.stderr)")
        #expect(result.stderr.contains("bad.csv, line 3, column 2 (area): area E99999999 is not one of the plan's areas"))
        #expect(result.stderr.contains("bad.csv, line 4, column 3 (year_group): 'Y14' is not a year group"))
        #expect(result.stderr.contains("bad.csv, line 5, column 4 (pupils): 'many' is not a number"))
        #expect(result.stderr.contains("fix:"))
        #expect(!FileManager.default.fileExists(atPath: england.database.path))

        // A conflicting value needs --replace; the refusal names line and column and writes nothing.
        #expect(try CLI.run(["actuals", "import", england.census(2017).path, "--plan", england.plan.path]).status == 0)
        let revised = england.root.appendingPathComponent("census-2017-revised.csv")
        try String(contentsOf: england.census(2017), encoding: .utf8)
            .replacingOccurrences(of: "2017,E06000001,Hartlepool,Y3,", with: "2017,E06000001,Hartlepool,Y3,1")
            .write(to: revised, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["actuals", "import", revised.path, "--plan", england.plan.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("1 row differs from the actuals already stored; nothing was written"), "\(refused.stderr)")
        #expect(refused.stderr.contains("census-2017-revised.csv, line 5, column 5 (pupils): E06000001, 2017/18, Y3: the database holds"))
        #expect(refused.stderr.contains("--replace"))
        let replaced = try CLI.run(["actuals", "import", revised.path, "--plan", england.plan.path, "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("replaced       1") && replaced.stdout.contains("unchanged  2,113"), "\(replaced.stdout)")
        let store = try PlanStore(path: england.database.path, mode: .existing)
        #expect(try store.revisions().map(\.code) == ["E06000001"])
        #expect(try store.count("actual") == 2114)
    }

    @Test("a database from a newer PlacePlan is refused by every command, and left alone")
    func newerDatabase() throws {
        let england = try England2016()
        defer { england.remove() }
        #expect(try CLI.run(["archive", england.plan.path, "--horizon", "1"]).status == 0)
        // What a future PlacePlan would leave behind: a migration this one does not know.
        let store = try PlanStore(path: england.database.path, mode: .existing)
        let future = PlanStore.schemaVersion + 1
        try store.queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v\(future): the future'); PRAGMA user_version = \(future)") }
        for arguments in [["archive", england.plan.path, "--horizon", "2"],
                          ["actuals", "import", england.census(2017).path, "--plan", england.plan.path],
                          ["accuracy", england.plan.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("this database was written by a newer PlacePlan (schema \(future)); "), "\(result.stderr)")
            #expect(result.stderr.contains("upgrade PlacePlan"))
        }
        #expect(try store.count("vintage") == 1 && store.count("actual") == 0)
    }

    @Test("accuracy reads a database its user may not write (read-only file and folder) and leaves nothing beside it")
    func readOnlyDatabase() throws {
        let england = try England2016()
        defer {
            chmod(england.plan.path, 0o755)
            england.remove()
        }
        #expect(try CLI.run(["archive", england.plan.path, "--horizon", "2"]).status == 0)
        #expect(try CLI.run(["actuals", "import", england.census(2017).path, "--plan", england.plan.path]).status == 0)
        let expected = try CLI.run(["accuracy", england.plan.path, "--format", "csv"])
        #expect(expected.status == 0 && expected.stdout.split(separator: "\n").count > 100)
        func beside() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: england.plan.path).filter { $0.contains("sqlite-") } }
        #expect(try beside().isEmpty, "a writer leaves its journal files behind")

        chmod(england.database.path, 0o444)
        chmod(england.plan.path, 0o555)
        // Its own temporary folder, to see that the private copy it reads is removed.
        let temporary = england.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        chmod(temporary.path, 0o777)
        let result = try CLI.runAsOtherUser(["accuracy", england.plan.path, "--format", "csv"], copyingExecutableTo: england.root,
                                            environment: ["TMPDIR": temporary.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
        let left = try beside()
        #expect(left.isEmpty, "files left beside a read-only database: \(left)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the private copy was not removed")
    }

    @Test("accuracy without a database says how to make one")
    func accuracyWithoutDatabase() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["accuracy", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no database here yet") && result.stderr.contains("placeplan archive"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("none.sqlite").path))
    }

    @Test("four processes at once on a new database: two importers and two archivers; none corrupts it")
    func concurrentProcesses() throws {
        let england = try England2016()
        defer { england.remove() }
        let db = england.root.appendingPathComponent("shared.sqlite").path
        let runs: [[String]] = [
            ["actuals", "import", england.census(2017).path, "--plan", england.plan.path, "--db", db],
            ["archive", england.plan.path, "--horizon", "3", "--db", db],
            ["actuals", "import", england.census(2018).path, "--plan", england.plan.path, "--db", db],
            ["archive", england.plan.path, "--horizon", "3", "--db", db],
        ]
        let results = try CLI.runConcurrently(runs)
        for (arguments, result) in zip(runs, results) { #expect(result.status == 0, "\(arguments): \(result.stderr)") }
        #expect(results[1].stdout.contains("Archived vintage 1") != results[3].stdout.contains("Archived vintage 1"))
        #expect((results[1].stdout + results[3].stdout).contains("Already archived as vintage 1"))
        let store = try PlanStore(path: db, mode: .existing)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.count("vintage") == 1)
        #expect(try store.count("vintage_cell") == 3 * 152 * 14)
        #expect(try store.count("actual") == 2 * 2114)
    }

    @Test("an import killed mid-write (kill -9, Ctrl-C) loses nothing and corrupts nothing: none of its rows are kept",
          arguments: [SIGKILL, SIGINT])
    func killedImport(signal: Int32) throws {
        let england = try England2016()
        defer { england.remove() }
        #expect(try CLI.run(["actuals", "import", england.census(2017).path, "--plan", england.plan.path]).status == 0)

        // 270 years × 151 areas × 14 year groups = 570,780 rows: 7 MB of the database, well
        // over the 2 MB of pages SQLite keeps in memory, so that its uncommitted pages spill
        // into the WAL file before it commits.
        let areas = Array(Set(try String(contentsOf: england.census(2017), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",")[1] })).sorted()
        var text = "year,area,year_group,pupils\n"
        for year in Array(1900..<2000) + Array(2030..<2200) {
            for area in areas {
                for (g, group) in Ladder.england.yearGroups.enumerated() { text += "\(year),\(area),\(group.name),\((year + g * 7) % 500)\n" }
            }
        }
        let big = england.root.appendingPathComponent("big.csv")
        try text.write(to: big, atomically: true, encoding: .utf8)
        let rows = 270 * areas.count * 14
        #expect(rows == 570_780)

        // Started as a shell starts a command, with SIGINT at its default action (a test runner
        // may ignore it, and children inherit that), so Ctrl-C really interrupts it.
        let child = try SpawnedCLI(["actuals", "import", big.path, "--plan", england.plan.path])
        // Wait until it says it is writing (inside its transaction), then until its uncommitted
        // pages are spilling into the WAL file (over 1 MB), then stop it: mid-write.
        var said = ""
        while !said.contains("in one transaction") {
            let data = child.stderr.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        let wal = england.database.path + "-wal"
        func walSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }
        let deadline = Date().addingTimeInterval(30)
        while walSize() < 1_000_000 && Date() < deadline { usleep(5_000) }
        let walAtKill = walSize()
        kill(child.pid, signal)
        let ended = child.wait()
        #expect(said.contains("Writing 570,780 rows"), "\(said)")
        #expect(ended == .signal(signal), "the import was not stopped by the signal: \(ended)")
        #expect(walAtKill >= 1_000_000, "stopped before any uncommitted page reached the disk (\(walAtKill) bytes)")

        let store = try PlanStore(path: england.database.path, mode: .existing)
        #expect(try store.integrityCheck() == ["ok"])
        let count = try store.count("actual")
        #expect(count == 2114 || count == 2114 + rows, "a part of the import was kept: \(count) rows")
        #expect(count == 2114)

        // Run to the end, it imports every row.
        let finished = try CLI.run(["actuals", "import", big.path, "--plan", england.plan.path])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("added      570,780"), "\(finished.stdout)")
        #expect(try store.count("actual") == 2114 + rows)
        #expect(try store.integrityCheck() == ["ok"])
    }
}

extension CLI {
    /// Runs `placeplan` as a user who owns none of the test's files: as root (who may write
    /// anything) through `setpriv` as `nobody`, from a copy of the executable in `folder` (the
    /// build folder may not be readable by `nobody`); as anyone else, directly.
    static func runAsOtherUser(_ arguments: [String], copyingExecutableTo folder: URL, environment: [String: String]) throws -> Result {
        let process = Process()
        if getuid() == 0 {
            let copy = folder.appendingPathComponent("placeplan")
            try FileManager.default.copyItem(at: executable, to: copy)
            chmod(copy.path, 0o755)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err).finish()
    }

    /// Starts every command at once and waits for all of them.
    static func runConcurrently(_ runs: [[String]], in directory: URL = root) throws -> [Result] {
        try runs.map { try start($0, in: directory) }.map { $0.finish() }
    }
}

/// A `placeplan` child process started with posix_spawn, with SIGINT and SIGQUIT at their
/// default actions and no signal blocked, standard output to /dev/null and standard error to a
/// pipe. (Foundation's `Process` passes on signals the parent ignores.)
struct SpawnedCLI {
    enum End: Equatable { case exit(Int32), signal(Int32) }

    let pid: pid_t
    let stderr: FileHandle

    init(_ arguments: [String]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = ([CLI.executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, CLI.executable.path, &actions, &attributes, argv, environ)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        self.pid = pid
        self.stderr = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
    }

    /// Waits for the child to end and says how.
    func wait() -> End {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? .exit((status >> 8) & 0xFF) : .signal(signal)
    }
}

