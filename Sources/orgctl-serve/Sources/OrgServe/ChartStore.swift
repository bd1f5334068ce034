import NIOConcurrencyHelpers
import NIOPosix
import OrgModel

/// The database file, shared by every request without sharing a connection
/// between threads: readers take a connection of their own from a small
/// pool, and every write goes through the one writer connection, in turn
/// (SQLite allows one writer at a time; the file is in WAL mode, so readers
/// never wait for it). The work runs on NIO's blocking thread pool, never on
/// an event loop.
final class ChartStore: @unchecked Sendable {
    let path: String
    private let lock = NIOLock()
    private var idleReaders: [OrgDatabase] = []
    private let writerLock = NIOLock()
    private var writer: OrgDatabase?
    /// Readers kept open between requests; more are opened under load and closed after.
    private let keptReaders = 4

    init(path: String) throws(OrgError) {
        self.path = path
        // Opened at once, so that a missing or foreign file stops the start.
        let first = try OrgDatabase(path: path, access: .read)
        idleReaders.append(first)
    }

    /// Runs `body` on a reader connection of its own.
    func read<T: Sendable>(_ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            let database = try takeReader()
            defer { giveBack(database) }
            return try body(database)
        }
    }

    /// Runs `body` on the writer connection, one write at a time.
    func write<T: Sendable>(_ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in
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
