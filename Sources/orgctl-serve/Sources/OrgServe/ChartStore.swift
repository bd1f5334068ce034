#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import NIOPosix
import OrgModel
import Synchronization

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
    /// The last commit counter read on `watch`: what ``generation()`` returns.
    private let published: Synchronization.Atomic<Int64>
    /// When the commit counter was last read (``uptimeNanoseconds()``).
    private let lastReading = Synchronization.Atomic<UInt64>(0)
    /// How old the last reading may be before ``generation()`` is unknown:
    /// many polls, and well within the second a command-line commit may take to be seen.
    private let staleAfterNanoseconds: UInt64
    /// Reads the commit counter every `pollMilliseconds` (see ``generation()``).
    private var poller: Task<Void, Never>?

    /// See ``ServeConfiguration/readsInline``.
    private let readsInline: Bool

    init(path: String, readsInline: Bool = true, pollMilliseconds: Int = 25, staleAfterMilliseconds: Int? = nil) throws(OrgError) {
        self.path = path
        self.readsInline = readsInline
        // Opened at once, so that a missing or foreign file stops the start.
        let first = try OrgDatabase(path: path, access: .read)
        idleReaders.append(first)
        watch = try OrgDatabase(path: path, access: .read)
        published = Synchronization.Atomic(try watch.commitCounter())
        staleAfterNanoseconds = UInt64(staleAfterMilliseconds ?? max(20 * pollMilliseconds, 500)) * 1_000_000
        lastReading.store(Self.uptimeNanoseconds(), ordering: .releasing)
        poller = Task.detached(priority: .high) { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(pollMilliseconds))
                guard let self else { return }
                _ = try? self.refreshGeneration()
            }
        }
    }

    deinit { poller?.cancel() }

    /// A number that changes whenever anyone commits to the file, the
    /// server's writer and the command line alike: SQLite's
    /// `PRAGMA data_version` on a connection that never writes. Whatever is
    /// kept in memory about the file (tokens, answers) is kept for one
    /// generation only. Asking SQLite on every request took a lock and a
    /// statement each, so the counter is read every `pollMilliseconds` (and
    /// by every write of the server's own, see ``refreshGeneration()``) and
    /// a request only loads the last reading: a commit from another program
    /// is seen within one poll. The reading precedes any read that loads it,
    /// so an answer never predates its generation.
    /// When no reading has succeeded for `staleAfter` (the file cannot be
    /// read, or the poller is starved), it is ``unknownGeneration``: nothing
    /// is found or kept, so a revoked token or a changed answer is never
    /// served from memory on an old reading.
    func generation() -> Int64 {
        let value = published.load(ordering: .acquiring)
        let age = Self.uptimeNanoseconds() &- lastReading.load(ordering: .acquiring)
        return age > staleAfterNanoseconds ? Self.unknownGeneration : value
    }

    /// A generation no cache holds or keeps (keeping needs a newer one than held).
    static let unknownGeneration = Int64.min

    /// Monotonic time, for the age of the last reading.
    static func uptimeNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// Reads the commit counter now and publishes it: the poller's tick, and
    /// a write of the server's own before and after it commits, so that the
    /// write's own requests see it at once. Never goes back: a slower reading
    /// cannot replace a newer one.
    @discardableResult
    func refreshGeneration() throws -> Int64 {
        try watchLock.withLock {
            let now = try watch.commitCounter()
            let newest = published.max(now, ordering: .acquiringAndReleasing).newValue
            lastReading.store(Self.uptimeNanoseconds(), ordering: .releasing)
            return newest
        }
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
                let result = try body(writer!)
                // The writer's client sees its commit in its next request, not a poll later.
                _ = try? refreshGeneration()
                return result
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
