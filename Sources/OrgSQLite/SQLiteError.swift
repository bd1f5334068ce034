import CSQLite

/// A failure reported by SQLite, with the codes callers match on and the words
/// SQLite gave. OrgModel's façade translates these into its `OrgError` for people.
package struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`.constraint`, `.busy`, …).
    package let code: SQLiteResult
    /// The extended result code (`.constraintForeignKey`, …).
    package let extendedCode: SQLiteExtendedResult
    /// SQLite's own message.
    package let message: String
    /// The statement that failed, when there was one.
    package let sql: String?

    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        self.extendedCode = SQLiteExtendedResult(rawValue: connection.map { sqlite3_extended_errcode($0) } ?? code)
        self.code = SQLiteResult(rawValue: code & 0xFF)
        self.message = connection.map { String(cString: sqlite3_errmsg($0)) }
            ?? String(cString: sqlite3_errstr(code))
        self.sql = sql
    }

    package var description: String {
        "SQLite error \(extendedCode): \(message)" + (sql.map { " in \($0)" } ?? "")
    }

    /// True for `.busy` and `.locked`: another process holds the lock.
    package var isBusy: Bool { code == .busy || code == .locked }
    /// True for any constraint violation.
    package var isConstraint: Bool { code == .constraint }
}
