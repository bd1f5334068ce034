import CSQLite

/// A failure reported by SQLite, with the codes callers match on and the words
/// SQLite gave. The façade translates these into ``OrgError`` for people.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY`, …).
    public let extendedCode: Int32
    /// SQLite's own message.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        self.extendedCode = connection.map { sqlite3_extended_errcode($0) } ?? code
        self.code = code & 0xFF
        self.message = connection.map { String(cString: sqlite3_errmsg($0)) }
            ?? String(cString: sqlite3_errstr(code))
        self.sql = sql
    }

    public var description: String {
        "SQLite error \(extendedCode): \(message)" + (sql.map { " in \($0)" } ?? "")
    }

    /// True for `SQLITE_BUSY` and `SQLITE_LOCKED`: another process holds the lock.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// True for any constraint violation.
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }
}
