import GRDB
import GRDBSQLite

/// Rows read with SQLite's own calls, for the reads that run to millions of rows (a national
/// vintage's cells, every actual of some years): decoding each value through GRDB's `Row` cost
/// more than the read.
struct RawRow {
    fileprivate let handle: OpaquePointer

    /// A text column (`nil` for NULL).
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// A text column's bytes, without a copy: valid only until the next row (none for NULL).
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let bytes = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A text column's bytes, or `nil` for NULL.
    func optionalBytes(_ column: Int32) -> UnsafeRawBufferPointer? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : bytes(column)
    }

    func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// A real column that may be NULL.
    func optionalReal(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }
}

/// A text's UTF-8 bytes as SQLite binds them (`sqlite3_bind_text` with no copy, SQLITE_STATIC):
/// valid only inside `body`, so a statement's step must be done there.
func withSQLiteText<T>(_ text: String, _ body: (UnsafePointer<CChar>, Int32) throws -> T) rethrows -> T {
    var text = text
    return try text.withUTF8 { utf8 in
        try utf8.withMemoryRebound(to: CChar.self) { chars in
            // An empty text may have no address: a zero-length one from a literal.
            guard let start = chars.baseAddress else { return try body("", 0) }
            return try body(start, Int32(chars.count))
        }
    }
}

extension Database {
    /// Steps through `sql` with whole-number arguments, handing each row to `body`.
    func forEachRawRow(_ sql: String, arguments: [Int64], _ body: (RawRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        for (i, value) in arguments.enumerated() { sqlite3_bind_int64(handle, Int32(i + 1), value) }
        defer { sqlite3_reset(handle) }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { throw sqliteError(step, sql: sql) }
            try body(RawRow(handle: handle))
        }
    }

    /// Runs the prepared statement `sql` once for each of `rows`, with SQLite's own calls:
    /// binding millions of values through GRDB's `StatementArguments` cost more than the
    /// inserts. `bindAndStep` binds a row's values (its texts without a copy, through
    /// `withSQLiteText`, so it must step inside their scope) and returns `sqlite3_step`'s code.
    /// A failed step is thrown as GRDB would; no row's texts stay bound after.
    func stepEach<Rows: Sequence>(_ sql: String, _ rows: Rows, _ bindAndStep: (OpaquePointer, Rows.Element) -> Int32) throws {
        let statement = try makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for row in rows {
            sqlite3_reset(handle)
            let code = bindAndStep(handle, row)
            guard code == SQLITE_DONE else { throw sqliteError(code, sql: sql) }
        }
    }

    /// What a failed `sqlite3_step` means, as GRDB would have said it.
    func sqliteError(_ code: Int32, sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
    }
}
