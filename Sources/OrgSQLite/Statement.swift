import CSQLite

/// The values a statement binds and reads.
package enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)
    case real(Double)
}

/// A prepared statement. It owns its C handle and finalizes it when released;
/// the connection's cache keeps hot statements prepared for reuse.
package final class Statement {
    let handle: OpaquePointer
    let sql: String
    unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            throw SQLiteError(code: rc, connection: connection.handle, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    package func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, Int32(v.utf8.count), SQLITE_TRANSIENT)
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: connection.handle, sql: sql) }
        }
    }

    // Binding one parameter at a time, for loops that run a statement a
    // million times and should not build an array of values for each run.
    // Parameters are numbered from 1; each keeps its value until bound again.

    package func bindNull(_ index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    package func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a copy of `text`.
    package func bind(_ index: Int32, _ text: String) throws {
        try check(sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), SQLITE_TRANSIENT))
    }

    /// Binds UTF-8 `bytes` without copying them: they must stay in place
    /// until the statement has run, and be bound again before it runs again.
    package func bind(_ index: Int32, borrowing bytes: UnsafeBufferPointer<UInt8>) throws {
        // A null base address would bind NULL, not an empty text.
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return try check(sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT))
        }
        try check(sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_STATIC))
    }

    /// Runs the statement with the parameters as bound, ignoring any rows,
    /// and makes it ready to be bound and run again.
    package func runBound() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Forgets every bound value, such as bytes bound by borrowing.
    package func clearBindings() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: connection.handle, sql: sql) }
    }

    /// Advances to the next row; false when the statement is done.
    package func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(code: rc, connection: connection.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// The row the last `step()` that returned true stands on.
    package var currentRow: Row { Row(handle: handle) }

    /// Runs the statement to completion, ignoring any rows, and leaves it
    /// reset: a cached statement left stepped would refuse the next
    /// one-at-a-time bind (SQLITE_MISUSE).
    package func run(_ values: [SQLValue] = []) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Calls `body` with each row the statement produces.
    package func forEachRow(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        try scan(values, while: { row in
            try body(row)
            return true
        })
    }

    /// Calls `body` with each row the statement produces until it returns false.
    package func scan(_ values: [SQLValue] = [], while body: (Row) throws -> Bool) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step(), try body(Row(handle: handle)) {}
    }

    /// The rows the statement produces, each mapped by `transform`.
    package func map<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try transform($0)) }
        return result
    }

    /// The first row mapped by `transform`, or nil when there is none.
    package func first<T>(_ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? transform(Row(handle: handle)) : nil
    }
}

/// A view of the current row of a statement; valid only inside the callback.
package struct Row {
    let handle: OpaquePointer

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    package func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    package func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }
    package func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
    package func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    /// The column as whatever type it holds.
    package func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(int(column))
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
        default: .text(text(column))
        }
    }
}

// SQLite's "copy this buffer now" destructor, which the C macro spells as -1.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
// SQLite's "the buffer stays put" destructor, which the C macro spells as 0.
let SQLITE_STATIC = unsafeBitCast(0, to: sqlite3_destructor_type.self)
