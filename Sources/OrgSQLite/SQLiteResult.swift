import CSQLite

/// A primary result code of SQLite, by name: what a caller matches a failure
/// on (`.busy`, `.constraint`, …) without the C constants.
package struct SQLiteResult: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C value (`SQLITE_BUSY`, …).
    package let rawValue: Int32

    package init(rawValue: Int32) { self.rawValue = rawValue }

    package static let ok = SQLiteResult(rawValue: SQLITE_OK)
    package static let error = SQLiteResult(rawValue: SQLITE_ERROR)
    package static let internalError = SQLiteResult(rawValue: SQLITE_INTERNAL)
    package static let permission = SQLiteResult(rawValue: SQLITE_PERM)
    package static let abort = SQLiteResult(rawValue: SQLITE_ABORT)
    package static let busy = SQLiteResult(rawValue: SQLITE_BUSY)
    package static let locked = SQLiteResult(rawValue: SQLITE_LOCKED)
    package static let noMemory = SQLiteResult(rawValue: SQLITE_NOMEM)
    package static let readOnly = SQLiteResult(rawValue: SQLITE_READONLY)
    package static let interrupt = SQLiteResult(rawValue: SQLITE_INTERRUPT)
    package static let ioError = SQLiteResult(rawValue: SQLITE_IOERR)
    package static let corrupt = SQLiteResult(rawValue: SQLITE_CORRUPT)
    package static let notFound = SQLiteResult(rawValue: SQLITE_NOTFOUND)
    package static let full = SQLiteResult(rawValue: SQLITE_FULL)
    package static let cantOpen = SQLiteResult(rawValue: SQLITE_CANTOPEN)
    package static let lockProtocol = SQLiteResult(rawValue: SQLITE_PROTOCOL)
    package static let schema = SQLiteResult(rawValue: SQLITE_SCHEMA)
    package static let tooBig = SQLiteResult(rawValue: SQLITE_TOOBIG)
    package static let constraint = SQLiteResult(rawValue: SQLITE_CONSTRAINT)
    package static let mismatch = SQLiteResult(rawValue: SQLITE_MISMATCH)
    package static let misuse = SQLiteResult(rawValue: SQLITE_MISUSE)
    package static let noLargeFileSupport = SQLiteResult(rawValue: SQLITE_NOLFS)
    package static let auth = SQLiteResult(rawValue: SQLITE_AUTH)
    package static let range = SQLiteResult(rawValue: SQLITE_RANGE)
    package static let notADatabase = SQLiteResult(rawValue: SQLITE_NOTADB)
    package static let row = SQLiteResult(rawValue: SQLITE_ROW)
    package static let done = SQLiteResult(rawValue: SQLITE_DONE)

    /// SQLite's English words for the code ("database is locked", …).
    package var description: String { String(cString: sqlite3_errstr(rawValue)) }
}

/// An extended result code of SQLite (`SQLITE_CONSTRAINT_FOREIGNKEY`, …): the
/// primary code in its low byte, the particular case above it.
package struct SQLiteExtendedResult: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C value.
    package let rawValue: Int32

    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code this one refines.
    package var primary: SQLiteResult { SQLiteResult(rawValue: rawValue & 0xFF) }

    // sqlite3.h defines these as expressions, which Swift does not import.

    package static let constraintForeignKey = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 3 << 8)
    package static let constraintUnique = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 8 << 8)
    package static let constraintPrimaryKey = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 6 << 8)
    package static let constraintNotNull = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 5 << 8)
    package static let constraintCheck = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 1 << 8)
    package static let constraintTrigger = SQLiteExtendedResult(rawValue: SQLITE_CONSTRAINT | 7 << 8)
    package static let readOnlyDatabaseMoved = SQLiteExtendedResult(rawValue: SQLITE_READONLY | 4 << 8)
    package static let busySnapshot = SQLiteExtendedResult(rawValue: SQLITE_BUSY | 2 << 8)

    /// The number, as SQLite reports it.
    package var description: String { String(rawValue) }
}
