#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import OrgModel
import Synchronization

/// The database file, shared by every request without sharing a connection
/// between threads: readers take a connection of their own from a small
/// pool, and every write goes through the one writer connection, in turn
/// (SQLite allows one writer at a time; the file is in WAL mode, so readers
/// never wait for it). Reads and writes run on threads of their own, never
/// on Swift's few concurrency threads, which run the router's requests (an
/// answer kept in memory is written before the router, on the connection's
/// event loop: ``KeptAnswerHandler``): a read that takes milliseconds (a
/// search at a million roles) or a write waiting for the disk would hold up
/// every request queued behind it.
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
    /// Set while a write of the server's own carries kept answers over
    /// (``OwnWrite``): the poller then publishes nothing, so that no request
    /// sees the write's generation before the answers it left valid are known.
    private let ownWriteInFlight = Synchronization.Atomic<Bool>(false)
    /// How old the last reading may be before ``generation()`` is unknown:
    /// many polls, and well within the second a command-line commit may take to be seen.
    private let staleAfterNanoseconds: UInt64
    /// Tells the poller's thread to stop (see ``GenerationPoller``).
    private let poller: GenerationPoller

    /// The threads reads run on, apart from the writes' (which wait for the
    /// disk) and from Swift's (which answer requests).
    private static let readThreads: NIOThreadPool = {
        // More than the cores: a read as of a date may wait, like a write, for a write in progress.
        let pool = NIOThreadPool(numberOfThreads: max(4, System.coreCount))
        pool.start()
        return pool
    }()

    init(path: String, pollMilliseconds: Int = 25, staleAfterMilliseconds: Int? = nil) throws(OrgError) {
        self.path = path
        // Opened at once, so that a missing or foreign file stops the start.
        let first = try OrgDatabase(path: path, access: .read)
        idleReaders.append(first)
        watch = try OrgDatabase(path: path, access: .read)
        published = Synchronization.Atomic(try watch.commitCounter())
        staleAfterNanoseconds = UInt64(staleAfterMilliseconds ?? max(20 * pollMilliseconds, 500)) * 1_000_000
        lastReading.store(Self.uptimeNanoseconds(), ordering: .releasing)
        poller = GenerationPoller(milliseconds: pollMilliseconds)
        poller.start { [weak self] in
            guard let self else { return false }
            self.poll()
            return true
        }
    }

    deinit { poller.stop() }

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
    /// every write of the server's own once it is done, so that the write's
    /// own client sees it in its next request. Never goes back: a slower
    /// reading cannot replace a newer one.
    @discardableResult
    func refreshGeneration() throws -> Int64 {
        try watchLock.withLock { try readAndPublish() }
    }

    /// The poller's tick. While a write of the server's own is carrying
    /// kept answers over it publishes nothing newer (the write publishes its
    /// generation itself), but a reading that finds nothing committed still
    /// counts as recent: a long write does not make the generation unknown,
    /// and a commit of another program meanwhile still makes it so in time.
    private func poll() {
        watchLock.withLock {
            guard ownWriteInFlight.load(ordering: .acquiring) else {
                _ = try? readAndPublish()
                return
            }
            guard let now = try? watch.commitCounter(), now == published.load(ordering: .acquiring) else { return }
            lastReading.store(Self.uptimeNanoseconds(), ordering: .releasing)
        }
    }

    private func readAndPublish() throws -> Int64 {
        let now = try watch.commitCounter()
        let newest = published.max(now, ordering: .acquiringAndReleasing).newValue
        lastReading.store(Self.uptimeNanoseconds(), ordering: .releasing)
        return newest
    }

    /// The generation a write of the server's own starts from, published;
    /// from now until ``endOwnWrite(_:)`` nothing newer is published.
    func beginOwnWrite() throws -> Int64 {
        try watchLock.withLock {
            let from = try readAndPublish()
            ownWriteInFlight.store(true, ordering: .releasing)
            return from
        }
    }

    /// Reads the generation the write left (nil when it cannot be read),
    /// lets `carry` move the kept answers to it, and only then publishes it.
    func endOwnWrite(_ carry: (Int64?) -> Void) {
        watchLock.withLock {
            carry(try? watch.commitCounter())
            ownWriteInFlight.store(false, ordering: .releasing)
            _ = try? readAndPublish()
        }
    }

    /// Runs `body` on a reader connection of its own, on the read threads.
    func read<T: Sendable>(_ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        try await Self.readThreads.runIfActive { [self] in
            let database = try takeReader()
            defer { giveBack(database) }
            return try body(database)
        }
    }

    /// Runs `body` on the writer connection, one write at a time. Unless
    /// `body` publishes the generation it left itself (`publishing`, as a
    /// write carrying kept answers over does in ``endOwnWrite(_:)``), it is
    /// read and published after `body`.
    func write<T: Sendable>(publishing: Bool = false, _ body: @escaping @Sendable (OrgDatabase) throws -> T) async throws -> T {
        return try await NIOThreadPool.singleton.runIfActive { [self] in
            try writerLock.withLock {
                if writer == nil { writer = try OrgDatabase(path: path, access: .write, creating: false) }
                let result = try body(writer!)
                // The writer's client sees its commit in its next request, not a poll later.
                if !publishing { _ = try? refreshGeneration() }
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
