import OrgSQLite
import Synchronization

/// An organisation stored in one SQLite file: the façade every client talks to.
///
/// Each public operation is one transaction and throws only ``OrgError``.
public final class OrgDatabase {
    /// The schema version this build writes and understands.
    public static let schemaVersion = 7
    /// The oldest schema version whose tables and columns are this version's:
    /// the sections after it add indexes only, which queries do without (more
    /// slowly), so a reader reads such a file itself, not a copy in memory.
    static let sameTablesSince = 6
    /// The `PRAGMA application_id` that marks a file as ours ("ORGM").
    public static let applicationID: Int64 = 0x4F52_474D

    /// The path the database was opened from, as given.
    public let path: String
    /// True for a private in-memory database, which has no file.
    let isInMemory: Bool
    /// What a message about a damaged file advises after saying so: how
    /// to find out what is damaged. Nil: restore the file from a backup.
    public var damageHint: String?
    private(set) var db: Connection
    let busyTimeoutMilliseconds: Int32
    var cachedUnits: UnitDirectory?
    /// The change the write under way records, while it runs.
    var openChange: ChangeLog?
    /// False for a database of schema version 1, read before its first write
    /// upgrades it: it has no history to consult.
    private(set) var recordsHistory = true
    /// True for an older schema opened for writing, until a write commits.
    private var upgradePending = false
    /// True when an older file is read through an upgraded copy in memory.
    private(set) var readsUpgradedCopy = false
    /// Whether the file recorded history before any pending upgrade (from
    /// version 2 on): what a write that did not commit its upgrade goes back to.
    private var recordedHistoryWhenOpened = true
    /// What the next writes are recorded as in the history.
    public var intent = ChangeIntent()
    /// Whether writes are recorded in the history. Off only to measure what
    /// recording costs: the history then no longer explains the chart.
    public var recordsChanges = true
    private var cachedUnitsVersion: Int64 = -1
    /// Names a write read of rows it left as they were, for the answer that
    /// follows it (``references(for:)``), while no other connection commits.
    var keptNames: KeptNames?
    /// True when the file is known to have the name index (its version at
    /// opening, or after this connection upgraded it), so that a write's
    /// refresh of the index need not ask; false when unknown.
    private var hasSearchIndex = false
    private static let committed = Atomic<Bool>(false)

    /// True when this connection found the file without a schema and made
    /// it: nothing else has been kept in the file yet.
    private(set) var createdSchema = false

    /// True once a database file opened in this process has committed a
    /// write (creating its schema included), so that a caller whose report of
    /// the write then fails can tell its user the change was made all the same.
    public static var hasCommittedInThisProcess: Bool { committed.load(ordering: .acquiring) }

    private func noteCommit() {
        if path != ":memory:" { Self.committed.store(true, ordering: .releasing) }
    }

    /// Whether the caller means to read or to write.
    public enum Access: Sendable {
        /// Never creates or changes the file.
        case read
        /// Like `read`, and a write-ahead log or rollback journal left beside
        /// the file stays as it is, not folded into the file or rolled back:
        /// for examining a file that may be damaged without touching it.
        case inspect
        /// Creates the file and its schema if needed.
        case write
    }

    /// Opens the database at `path`, checking that it is an OrgModel database
    /// this version can use, and creating it when `access` is `.write`
    /// unless `creating` is false (for a write that only makes sense on an
    /// existing chart, such as an undo). Every path names a file, taken
    /// literally (`:memory:` is a file of that name; see ``inMemory()``);
    /// an empty path is refused. `damageHint` is what a message about a
    /// damaged file advises.
    public init(path: String, access: Access, creating: Bool = true, busyTimeoutMilliseconds: Int32 = 5_000,
                damageHint: String? = nil) throws(OrgError) {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.damageHint = damageHint
        isInMemory = false
        guard !path.isEmpty else {
            throw .invalidValue(field: "database path", value: path, hint: "give the path of a file, such as org.db")
        }
        let reading = access != .write
        if (reading || !creating) && !FileSystem.exists(path) { throw .databaseMissing(path: path) }
        do {
            do {
                // A reader opens read-write where it may (SQLite falls back to
                // read-only by itself) but with query_only on: it changes
                // nothing, yet as the last connection to close it can tidy
                // away the -wal and -shm files, which a read-only one leaves.
                let mode: Connection.Mode = switch access {
                case .read: .readWrite
                // Read-only, SQLite leaves side files it finds alone, but
                // also leaves behind the empty ones it makes; so only then.
                case .inspect: FileSystem.exists(path + "-wal") || FileSystem.exists(path + "-journal") ? .readOnly : .readWrite
                case .write: .readWriteCreate
                }
                db = try Self.connect(path: path, mode: mode, busyTimeout: busyTimeoutMilliseconds)
                if reading { try db.execute(script: "PRAGMA query_only = ON") }
                try prepareSchema(access: access)
                if access == .write {
                    // A first import killed part-way leaves the file in
                    // rollback mode (see `writingPagesOnceIfEmpty`): the
                    // next writer puts it back into WAL.
                    if try db.journalMode() == "delete" { try switchToWAL() }
                    // Each write checkpoints its own commit, syncing three times, not five.
                    try db.commitWithoutSyncInWAL()
                }
            } catch let error as SQLiteError where reading && (error.code == .cantOpen || error.code == .readOnly) {
                // A WAL database in a place this user cannot write (a read-only
                // mount, another user's folder) cannot get its shared-memory
                // file; nobody can be writing it there, so read it as immutable.
                // Read as immutable, a file with the journal of an interrupted
                // write beside it would show that write's half.
                if FileSystem.exists(path + "-journal") {
                    throw OrgError.storage(path: path, detail: "the journal of an interrupted write is beside it (\(path)-journal); open the file once for writing, which rolls that write back, then read it")
                }
                db = try Self.connect(path: path, mode: .immutable, busyTimeout: busyTimeoutMilliseconds)
                try prepareSchema(access: access)
            }
        } catch let error as OrgError {
            throw error
        } catch {
            throw Self.translate(error, path: path, access: access, opening: true, damageHint: damageHint)
        }
    }

    /// A private in-memory database with the schema applied; `path` reads `:memory:`.
    private init() throws(OrgError) {
        path = ":memory:"
        busyTimeoutMilliseconds = 5_000
        isInMemory = true
        do {
            db = try Connection.inMemory()
            try db.execute(script: Self.connectionSettings)
            try prepareSchema(access: .write)
        } catch let error as OrgError {
            throw error
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// True for the chart as of a moment laid over the live file
    /// (``ChartOverlay``): its touched tables are views, which take no
    /// index hints.
    private(set) var readsOverlay = false

    /// A database on `connection`: a private copy of `original`'s file, or
    /// (`overlaid`) a connection to it with a ``ChartOverlay`` built.
    init(snapshot connection: Connection, of original: OrgDatabase, overlaid: Bool = false) throws {
        readsOverlay = overlaid
        path = original.path
        busyTimeoutMilliseconds = original.busyTimeoutMilliseconds
        isInMemory = true
        damageHint = original.damageHint
        db = connection
        intent = original.intent
    }

    /// Set on every connection to a file. cell_size_check makes SQLite check
    /// each page's cells as it reads the page, so that damage on a page a
    /// command touches stops the command (a corrupt-database error) instead of being
    /// read, or written over, as if it were data.
    static let connectionSettings = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cell_size_check = ON;"

    static func connect(path: String, mode: Connection.Mode, busyTimeout: Int32) throws -> Connection {
        let connection = try Connection(path: path, mode: mode)
        connection.setBusyTimeout(milliseconds: busyTimeout)
        try connection.execute(script: connectionSettings)
        return connection
    }

    /// For a process that runs one short command on this thread and exits
    /// (orgctl's point commands): SQLite's small allocations come from a
    /// pool kept for this thread, not malloc. Call it before the first
    /// database opens; afterwards it changes nothing.
    package static func allocateForOneShortCommand() {
        Connection.allocateFromPoolOnThisThread()
    }

    /// A private in-memory database with the schema applied, for tests and trials.
    public static func inMemory() throws(OrgError) -> OrgDatabase {
        try OrgDatabase()
    }

    /// The schema as embedded from `schema.sql` at build time.
    public static var schemaSQL: String { String(decoding: PackageResources.schema_sql, as: UTF8.self) }

    // MARK: - Schema

    private func prepareSchema(access: Access) throws {
        // One snapshot, so that another process creating the schema at the
        // same moment is seen either not at all or completely.
        let (version, application, tables) = try db.read {
            let application = try db.integer("PRAGMA application_id") ?? 0
            // Only a file not marked as ours has its tables counted (none: a new file).
            return (try db.integer("PRAGMA user_version") ?? 0, application,
                    application == Self.applicationID ? 0 : try db.integer("SELECT count(*) FROM sqlite_schema") ?? 0)
        }
        if application != Self.applicationID && (application != 0 || tables > 0) {
            throw OrgError.notAnOrgDatabase(path: path, problem: .otherApplication)
        }
        if version > Self.schemaVersion {
            throw OrgError.newerSchema(path: path, version: Int(version), supported: Self.schemaVersion)
        }
        recordsHistory = version >= 2
        recordedHistoryWhenOpened = recordsHistory
        hasSearchIndex = version >= SearchIndex.since
        guard version < Self.schemaVersion else { return }
        guard access == .write else {
            // An older database is read as it is; only writing upgrades it.
            if version == 0 { throw OrgError.notAnOrgDatabase(path: path, problem: .emptyFile) }
            // Queries name this version's columns, so a reader reads a
            // private copy brought to this version in memory (`inspect`, for
            // verify, reads the file itself).
            if access == .read && version < Self.sameTablesSince { try readUpgradedCopy(from: Int(version)) }
            return
        }
        guard version == 0 else {
            // An older schema is upgraded inside the first write's own
            // transaction, so a write that is refused leaves the file as it was.
            upgradePending = true
            return
        }
        if !isInMemory { try switchToWAL() }
        try db.write { try upgradeSchema() }
        noteCommit()
        createdSchema = true
        recordsHistory = true
        hasSearchIndex = true
    }

    /// Reads from now on a copy of the file in memory, upgraded from
    /// `version`: the file stays as it is. It costs the file's size in
    /// memory, once, until a write upgrades the file itself.
    private func readUpgradedCopy(from version: Int) throws {
        let copy = try Connection.inMemory()
        try db.copy(into: copy)
        try copy.execute(script: Self.connectionSettings)
        try copy.execute(script: "BEGIN;\n" + SchemaScript.upgrade(from: version) + "\nCOMMIT;")
        try copy.execute(script: "PRAGMA query_only = ON")
        db = copy
        readsUpgradedCopy = true
    }

    /// Brings the schema to this version, inside the caller's write transaction.
    private func upgradeSchema() throws {
        // Another process may have created or upgraded the schema while we
        // waited for the lock.
        let current = try db.integer("PRAGMA user_version") ?? 0
        guard current < Self.schemaVersion else { return }
        try db.execute(script: SchemaScript.upgrade(from: Int(current)))
    }

    /// `PRAGMA journal_mode` does not wait for a busy database the way
    /// statements do, so wait for it here, up to the same timeout.
    private func switchToWAL() throws {
        var waited: Int32 = 0
        while true {
            do {
                try db.execute(script: "PRAGMA journal_mode = WAL")
                return
            } catch let error as SQLiteError where error.isBusy && waited < busyTimeoutMilliseconds {
                Platform.sleep(microseconds: 10_000)
                waited += 10
            }
        }
    }

    // MARK: - Transactions

    /// Runs `body` as one write transaction, recorded in the history as one
    /// change, translating failures for people.
    func write<T>(commit: Bool = true, _ body: () throws -> T) throws(OrgError) -> T {
        // A write may change units, so the directory is read afresh after it;
        // it may change the rows whose names an earlier write kept.
        defer { cachedUnits = nil }
        keptNames = nil
        let upgrading = upgradePending
        do {
            let result = try db.write(commit: commit, committed: noteCommit) {
                if upgrading {
                    try upgradeSchema()
                    recordsHistory = true
                }
                openChange = recordsHistory && recordsChanges ? try ChangeLog.begin(on: db, intent: intent) : nil
                defer { openChange = nil }
                let result = try body()
                // The name index follows every write in the same transaction.
                try SearchIndex(db: db).refresh(knownToExist: hasSearchIndex || upgrading,
                                                created: openChange?.createdRole.map { ($0.id, $0.state.holder, $0.state.title) })
                // The open change, as the write may have told it what it did.
                try openChange?.finish()
                return result
            }
            if upgrading && commit {
                upgradePending = false
                hasSearchIndex = true
            } else if upgrading {
                recordsHistory = recordedHistoryWhenOpened
            }
            return result
        } catch let error as OrgError {
            if upgrading { recordsHistory = recordedHistoryWhenOpened }
            throw error
        } catch {
            if upgrading { recordsHistory = recordedHistoryWhenOpened }
            throw Self.translate(error, path: path, damageHint: damageHint)
        }
    }

    /// Runs `body` on one consistent snapshot, translating failures for people.
    func read<T>(_ body: () throws -> T) throws(OrgError) -> T {
        do {
            return try db.read(body)
        } catch let error as OrgError {
            throw error
        } catch {
            throw Self.translate(error, path: path, damageHint: damageHint)
        }
    }

    /// `error` for people. `opening`: it came from recognising the file, when
    /// a file SQLite rejects may be any kind of file, judged by its first bytes.
    static func translate(_ error: any Error, path: String, access: Access = .write, opening: Bool = false,
                          damageHint: String? = nil) -> OrgError {
        guard let error = error as? SQLiteError else {
            return .internalError(detail: "\(error)")
        }
        switch error.code {
        case .busy, .locked: return .busy(path: path)
        case .constraint: return .constraintViolated(path: path, detail: error.message)
        case .readOnly: return .readOnly(path: path)
        case .full: return .storage(path: path, detail: "the disk is full; free some space and try again")
        case .notADatabase where opening, .corrupt where opening:
            return .notAnOrgDatabase(path: path, problem: FileSystem.problem(with: path))
        case .notADatabase, .corrupt:
            // SQLite has read the file as its own; a page it now rejects is
            // damage, whatever the file's first bytes say.
            return .damageFound(path: path, detail: error.message, hint: damageHint)
        case .cantOpen:
            if access == .write && !FileSystem.folderExists(of: path) {
                return .storage(path: path, detail: "its folder does not exist; create it first")
            }
            return access == .write ? .readOnly(path: path)
                : .storage(path: path, detail: "it cannot be opened; check its permissions")
        case .ioError: return .storage(path: path, detail: "an input/output error (\(error.message)); check the device")
        case .permission, .auth: return .readOnly(path: path)
        default: return .internalError(detail: error.message)
        }
    }

    // MARK: - Unit directory cache

    /// All units, loaded once and kept until this connection writes or
    /// another connection commits (`PRAGMA data_version` changes).
    func units() throws -> UnitDirectory {
        let version = try db.integer("PRAGMA data_version") ?? 0
        if let cachedUnits, version == cachedUnitsVersion { return cachedUnits }
        let loaded = try UnitDirectory(db: db)
        cachedUnits = loaded
        cachedUnitsVersion = version
        return loaded
    }

    /// True when the database holds no roles and no units.
    public func isEmpty() throws(OrgError) -> Bool {
        try read { try db.integer("SELECT (SELECT count(*) FROM role) + (SELECT count(*) FROM unit)") == 0 }
    }
}
