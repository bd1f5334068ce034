import NIOConcurrencyHelpers
import NIOPosix
import OrgModel

/// The database file, shared by every request without sharing a connection
/// between threads: readers take a connection of their own from a small
/// pool, and every write goes through the one writer connection, in turn
/// (SQLite allows one writer at a time; the file is in WAL mode, so readers
/// never wait for it). Writes run on NIO's blocking thread pool, since they
/// may wait for the file's lock; reads, which never wait, run where the
/// request is answered (see ``ServeConfiguration/readsInline``).
final class ChartStore: @unchecked Sendable {
    let path: String
    private let lock = NIOLock()
    private var idleReaders: [OrgDatabase] = []
    private let writerLock = NIOLock()
    private var writer: OrgDatabase?
    /// Readers kept open between requests; more are opened under load and closed after.
    private let keptReaders = 4
    /// A connection kept only to ask whether anyone committed (see ``generation()``).
    private let watchLock = NIOLock()
    private let watch: OrgDatabase

    /// See ``ServeConfiguration/readsInline``.
    private let readsInline: Bool

    init(path: String, readsInline: Bool = true) throws(OrgError) {
        self.path = path
        self.readsInline = readsInline
        // Opened at once, so that a missing or foreign file stops the start.
        let first = try OrgDatabase(path: path, access: .read)
        idleReaders.append(first)
        watch = try OrgDatabase(path: path, access: .read)
    }

    /// A number that changes whenever anyone commits to the file, the
    /// server's writer and the command line alike: SQLite's
    /// `PRAGMA data_version` on a connection that never writes, a question
    /// of microseconds asked on every request. Whatever is kept in memory
    /// about the file (tokens, answers) is kept for one generation only;
    /// asked before a read begins, so that an answer never predates it.
    func generation() throws -> Int64 {
        try watchLock.withLock { try watch.commitCounter() }
    }

    /// Runs `body` on a reader connection of its own.
    func read<T: Sendable>(_ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        if readsInline {
            let database = try takeReader()
            defer { giveBack(database) }
            return try body(database)
        }
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            let database = try takeReader()
            defer { giveBack(database) }
            return try body(database)
        }
    }

    /// Runs `body` on the writer connection, one write at a time.
    func write<T: Sendable>(_ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            try writerLock.withLock {
                if writer == nil { writer = try OrgDatabase(path: path, access: .write, creating: false) }
                return try body(writer!)
            }
        }
    }

    private func takeReader() throws -> OrgDatabase {
        if let database = lock.withLock({ idleReaders.popLast() }) { return database }
        return try OrgDatabase(path: path, access: .read)
    }

    private func giveBack(_ database: OrgDatabase) {
        lock.withLock {
            if idleReaders.count < keptReaders { idleReaders.append(database) }
        }
    }
}
