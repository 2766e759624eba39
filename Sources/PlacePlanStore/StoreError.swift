import GRDB

/// A problem with the database a user can act on, in their words.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case newerSchema(Int)
        case notPlacePlan
        case notADatabase
        case missing
        case busy
        case cannotOpen
        case labelTaken
        /// A label that is empty, too long or holds a control character.
        case badLabel
        case unknownVintage
        /// A sealed vintage's cells no longer match the fingerprint taken when it was archived.
        case altered
        /// A vintage that cannot be re-run: archived before its files were kept, or by another engine.
        case cannotRerun
        case failed
    }

    public let kind: Kind
    public let path: String
    public let message: String
    public let fix: String

    public var description: String { "\(path): \(message)\n  fix: \(fix)" }

    static func newerSchema(_ version: Int, path: String) -> StoreError {
        StoreError(kind: .newerSchema(version), path: path,
                   message: "this database was written by a newer PlacePlan (schema \(version)); this PlacePlan knows "
                       + "schema \(Schema.version) at most, so it has not read or changed anything",
                   fix: "upgrade PlacePlan, or give another database with --db")
    }

    static func notPlacePlan(path: String) -> StoreError {
        StoreError(kind: .notPlacePlan, path: path,
                   message: "is an SQLite database, but not a PlacePlan one (it has tables PlacePlan did not make)",
                   fix: "give a PlacePlan database with --db, or a new file name to create one")
    }

    static func missing(path: String) -> StoreError {
        StoreError(kind: .missing, path: path, message: "no database here yet",
                   fix: "archive a forecast first (placeplan archive DIR), or give the database with --db")
    }

    /// Translates an SQLite error into a message a user can act on.
    static func from(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(kind: .busy, path: path,
                              message: "the database stayed busy: another PlacePlan process has been writing to it for too long",
                              fix: "wait for the other process to finish (or stop it), then run this again; nothing was written")
        case .SQLITE_NOTADB:
            return StoreError(kind: .notADatabase, path: path, message: "is not an SQLite database",
                              fix: "give a PlacePlan database with --db, or a new file name to create one")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR:
            return StoreError(kind: .cannotOpen, path: path,
                              message: "cannot be opened for writing (\(error.message ?? "\(error.resultCode)"))",
                              fix: "check that its folder exists and that you may write there, or choose another --db")
        case .SQLITE_CORRUPT:
            return StoreError(kind: .failed, path: path, message: "the database file is damaged (\(error.message ?? "corrupt"))",
                              fix: "restore it from a backup; PlacePlan has not changed it")
        default:
            return StoreError(kind: .failed, path: path, message: "the database refused the change (\(error.message ?? "\(error.resultCode)")); nothing was written",
                              fix: "report this with the command you ran")
        }
    }
}
