import Foundation
import GRDB
import PlacePlanCore

/// The SQLite database of a plan: archived forecasts (vintages) and actual counts.
///
/// - Every change is one transaction, begun IMMEDIATE (the write lock is taken before anything
///   is read), so a crash, Ctrl-C or kill leaves the database as it was, and two processes
///   never decide on the same stale view.
/// - WAL journal with a busy timeout: several processes may use one database at once; a writer
///   waits for another to finish rather than fail.
/// - A database from a newer PlacePlan (higher schema version, or a migration this one does
///   not know) is refused before anything is read or written.
public final class PlanStore {
    public enum OpenMode: Sendable {
        /// Create the database (and its schema) when the file does not exist.
        case createIfMissing
        /// The database must exist already, and is only read (accuracy, the report). One this
        /// user may not write (a read-only file or folder) is read from a private copy: SQLite
        /// cannot open a WAL database there without leaving files beside it.
        case existing
    }

    public let path: String
    let queue: DatabaseQueue
    /// The file opened: `path`, or the private copy read in its place.
    let openedPath: String
    /// The folder of the private copy read in place of a database this user may not write.
    let privateCopy: URL?

    /// The schema version this program writes.
    public static var schemaVersion: Int { Schema.version }

    /// How long a writer waits for another process's transaction to finish.
    public static let busyTimeout: TimeInterval = 60

    public init(path: String, mode: OpenMode) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            if mode == .existing { throw StoreError.missing(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw StoreError(kind: .cannotOpen, path: path, message: "cannot be created: the folder \(folder) does not exist",
                                 fix: "create the folder first, or choose another --db path")
            }
        }
        let opened: String
        if mode == .existing && !Self.writable(path) {
            privateCopy = try Self.copyForReading(path)
            opened = privateCopy!.appendingPathComponent("placeplan.sqlite").path
        } else {
            privateCopy = nil
            opened = path
        }
        openedPath = opened
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.label = "placeplan"
        do {
            // A file that is there is looked at read-only first, so that one that is not ours (or
            // is from a newer PlacePlan) is refused before anything — even its journal mode — changes.
            if exists { try Self.probe(opened, reportedAs: path) }
            queue = try DatabaseQueue(path: opened, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // Durable commits: an import reported as done survives a power cut, not only a crash.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Self.checkVersion(queue, path: path)
            try Self.migrate(queue)
        } catch {
            if let privateCopy { try? FileManager.default.removeItem(at: privateCopy) }
            throw (error as? StoreError) ?? StoreError.from(error, path: path)
        }
    }

    /// Opens an existing file read-only, as it is, and refuses it if it is not a PlacePlan
    /// database this program may write.
    static func probe(_ opened: String, reportedAs path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "placeplan-probe"
        do {
            let queue = try DatabaseQueue(path: opened, configuration: configuration)
            try checkVersion(queue, path: path)
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    deinit {
        if let privateCopy { try? FileManager.default.removeItem(at: privateCopy) }
    }

    /// Whether this user may change the database: the file, and its folder (for the journal).
    static func writable(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return FileManager.default.isWritableFile(atPath: path) && FileManager.default.isWritableFile(atPath: folder)
    }

    /// Copies a database (and its write-ahead log, which may hold committed changes) into a new
    /// temporary folder, returned; the copy is this process's alone and removed when it closes.
    static func copyForReading(_ path: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeplan-read-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            for suffix in ["", "-wal"] where suffix.isEmpty || FileManager.default.fileExists(atPath: path + suffix) {
                let copy = folder.appendingPathComponent("placeplan.sqlite" + suffix).path
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy)
                // The copy keeps the original's read-only mode; SQLite needs to write its own copy.
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
            }
            return folder
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw StoreError(kind: .cannotOpen, path: path, message: "cannot be read: \(error.localizedDescription)",
                             fix: "check that you may read the file, and that there is room in the temporary folder")
        }
    }

    /// Refuses databases this program must not write: newer schemas and non-PlacePlan files.
    static func checkVersion(_ queue: DatabaseQueue, path: String) throws {
        try queue.read { db in
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let migrator = Schema.migrator
            let applied = try migrator.appliedIdentifiers(db)
            let superseded = try migrator.hasBeenSuperseded(db)
            if userVersion > Schema.version || superseded {
                throw StoreError.newerSchema(max(userVersion, applied.count), path: path)
            }
            if applied.isEmpty {
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if !tables.isEmpty && tables != ["grdb_migrations"] { throw StoreError.notPlacePlan(path: path) }
            }
        }
    }

    /// Applies the migrations this database lacks. Two processes may find a new database at once:
    /// each migration is its own transaction, so the one that comes second fails harmlessly on
    /// the tables the first made, and then sees the schema complete.
    static func migrate(_ queue: DatabaseQueue) throws {
        let migrator = Schema.migrator
        if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
        var attempts = 0
        while true {
            do {
                try migrator.migrate(queue)
                return
            } catch {
                attempts += 1
                if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
                if attempts >= 5 { throw error }
            }
        }
    }

    /// Runs `body` in one IMMEDIATE transaction. It is committed when `body` returns
    /// `commit: true`, rolled back when it returns `false` or throws.
    func write<T>(_ body: (Database) throws -> (value: T, commit: Bool)) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let outcome = try body(db)
                    result = outcome.value
                    return outcome.commit ? .commit : .rollback
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in a read transaction of a read-only connection of its own to `opened`, for
    /// reading on another core than the store's connection.
    static func readOnly<T>(_ opened: String, reportedAs path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "placeplan-reader"
        // Pages mapped rather than copied in by a read call each: a national vintage is a
        // few hundred megabytes of them.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        return try reading(path) {
            let queue = try DatabaseQueue(path: opened, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read(body)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.reading(path) { try queue.read(body) }
    }

    /// `body`'s errors as a `StoreError` of the database at `path`.
    static func reading<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw error } catch {
            throw StoreError.from(error, path: path)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: - Checks

    /// `PRAGMA integrity_check`: `["ok"]` for a sound database.
    public func integrityCheck() throws -> [String] {
        try read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// Rows in a table of the schema (`vintage`, `vintage_year`, `actual_year`, `actual_revision` …);
    /// the views `vintage_cell` and `actual` count cells (a row per cell).
    public func count(_ table: String) throws -> Int {
        precondition(["vintage", "vintage_year", "vintage_cell", "actual", "actual_year", "actual_import", "actual_revision"].contains(table))
        return try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    public func storedSchemaVersion() throws -> Int {
        try read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    }
}
