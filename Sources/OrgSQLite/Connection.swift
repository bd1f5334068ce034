import CSQLite

/// One open SQLite database. It owns the C handle, closes it when released, and
/// keeps a cache of prepared statements keyed by their SQL.
package final class Connection {
    let handle: OpaquePointer
    private var cache = StatementCache()
    /// What the statement trace and the progress handler call, kept alive
    /// while SQLite holds pointers to them.
    var hooks = Hooks()
    /// Set by ``commitWithoutSyncInWAL()``: each commit is made durable after it.
    var commitsWithoutSync = false

    /// How a connection may use its file.
    package enum Mode: Sendable {
        case readOnly
        case readWrite
        case readWriteCreate
        /// Read-only, trusting that nobody changes the file meanwhile: for
        /// files where SQLite cannot create its shared-memory file.
        case immutable
    }

    /// Opens the file at `path`, taken literally: SQLite never reads it as
    /// `:memory:`, as an empty name (a temporary database) or as a `file:`
    /// URI with options, whatever characters it holds. An empty path is
    /// refused. For a private in-memory database, use ``inMemory()``.
    package convenience init(path: String, mode: Mode) throws {
        // SQLite would open an empty name as a private temporary database,
        // which stores nothing where the caller looks for it.
        guard !path.isEmpty else { throw SQLiteError(code: SQLITE_CANTOPEN, connection: nil) }
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let name: String
        switch mode {
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY
            name = Self.literalFileName(path)
        case .readWrite:
            flags |= SQLITE_OPEN_READWRITE
            name = Self.literalFileName(path)
        case .readWriteCreate:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            name = Self.literalFileName(path)
        case .immutable:
            // Only a URI can say immutable; its path is escaped so that it
            // decodes to exactly the literal file name and nothing after it.
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            let file = Self.literalFileName(path)
            // "file://" with an empty authority keeps an absolute path that
            // starts with "//" from being read as a host name.
            name = (file.hasPrefix("/") ? "file://" : "file:") + Self.uriEscaped(file) + "?immutable=1"
        }
        try self.init(name: name, flags: flags)
    }

    /// A private in-memory database, gone when the connection closes.
    package static func inMemory() throws -> Connection {
        try Connection(name: ":memory:", flags: SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READWRITE
                       | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY)
    }

    private init(name: String, flags: Int32) throws {
        _ = Self.processSettings
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(name, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = SQLiteError(code: rc, connection: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
    }

    /// SQLite's settings for the whole process, made once before its first
    /// connection opens. Its memory statistics, which nothing here reads,
    /// cost every allocation and free a global mutex and counters (Debian's
    /// library is built without lookaside, so every parsed schema object and
    /// statement is an allocation): about a sixth of a small write's
    /// instructions.
    private static let processSettings: Void = { _ = orgsqlite_disable_memory_statistics() }()

    /// Makes SQLite take its small allocations from a pool kept for the
    /// calling thread (`orgsqlite_use_pool_on_this_thread` in `CSQLite/shim.h`),
    /// for a process that runs one short command and exits: parsing the
    /// schema at open and freeing it at close is thousands of allocations,
    /// which malloc and free made about a sixth of a small write. Other
    /// threads allocate through malloc as before. Must run before the first
    /// connection opens; afterwards it changes nothing and returns false.
    @discardableResult
    package static func allocateFromPoolOnThisThread() -> Bool {
        orgsqlite_use_pool_on_this_thread() == SQLITE_OK
    }

    /// `path` as a name SQLite cannot read as special. Names SQLite treats
    /// specially (`:memory:`, and `file:` URIs, which Debian's library
    /// accepts even without SQLITE_OPEN_URI because it is built with
    /// SQLITE_USE_URI=1) never start with "/" or "./", and "./" names the
    /// same file as the relative path without it.
    static func literalFileName(_ path: String) -> String {
        path.hasPrefix("/") ? path : "./" + path
    }

    /// `path` with the characters that mean something in a URI escaped.
    private static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            default:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The cached prepared statement for `sql`, prepared on first use.
    package func statement(_ sql: String) throws -> Statement {
        if let cached = cache.statement(for: sql) { return cached }
        let statement = try Statement(connection: self, sql: sql)
        cache.insert(statement)
        return statement
    }

    /// Runs one or more statements that take no parameters (schema, pragmas).
    package func execute(script sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: handle, sql: sql) }
    }

    /// Runs a cached statement with `values`, ignoring rows.
    package func run(_ sql: String, _ values: [SQLValue] = []) throws {
        try statement(sql).run(values)
    }

    /// The first column of the first row of `sql` as an integer, or nil.
    package func integer(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        try statement(sql).first(values) { $0.optionalInt(0) } ?? nil
    }

    /// The rowid of the most recent successful insert.
    package var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows the most recent statement changed.
    package var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Sets how long a statement waits for another process's lock before failing.
    package func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }
}

extension Connection {
    /// Copies this whole database, page by page, into `target` (SQLite's
    /// online backup), replacing what `target` held.
    package func copy(into target: Connection) throws {
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(target.handle), connection: target.handle)
        }
        let rc = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw SQLiteError(code: rc, connection: target.handle) }
    }
}
