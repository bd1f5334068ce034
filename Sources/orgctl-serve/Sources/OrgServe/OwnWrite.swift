import OrgModel

/// Carrying kept answers over a write of the server's own.
///
/// `PRAGMA data_version` on the writer connection changes only when another
/// connection commits; on the watch connection (``ChartStore/generation()``)
/// it changes with every commit. Read in this order, under the writer lock:
/// the writer's version, the generation before, the write, the generation
/// after, the writer's version again. When the writer's two readings are
/// equal, nobody else committed from the first reading to the last, so the
/// generation after is exactly the generation before plus this write, and
/// what the write changed is all that differs. Otherwise (or when the write
/// fails) the caches are left to empty themselves at the next generation, as
/// for a commit from the command line.
///
/// Requests load the generation the poller published (``ChartStore/generation()``).
/// The write reads the generation afresh instead, both times
/// (``ChartStore/beginOwnWrite()``, ``ChartStore/endOwnWrite(_:)``), and
/// from the first reading until the caches have moved on nobody publishes a
/// newer one: no request sees the write's generation while the caches still
/// hold the one before, which would make it miss, compute the answer again
/// and fail to keep it. Its own client sees the write in its next request.
/// A commit of another program that the poller has not yet seen is in
/// `from`, which then differs from the cache's generation:
/// ``GenerationCache/advance(from:to:dropping:)`` empties it.
extension ChartStore {
    /// Runs `body` on the writer connection, as ``write(publishing:_:)`` does; when
    /// `body` says which roles' own fields it changed, `caches` keep every
    /// answer that shows none of them.
    func write<T: Sendable>(carrying caches: [any GenerationCache],
                            _ body: @escaping @Sendable (OrgDatabase) throws -> (T, WrittenRoles?)) async throws -> T {
        // endOwnWrite publishes the generation the write left, failed or not.
        try await write(publishing: true) { database in
            let othersBefore = try database.commitCounter()
            let from = try self.beginOwnWrite()
            for cache in caches { cache.beginTransition(from: from) }
            let outcome: Result<(T, WrittenRoles?), any Error> = Result { try body(database) }
            self.endOwnWrite { to in
                let othersAfter = try? database.commitCounter()
                if case .success((_, let written?)) = outcome, let to, othersAfter == othersBefore, to != from {
                    for cache in caches { cache.advance(from: from, to: to, dropping: written) }
                } else {
                    for cache in caches { cache.cancelTransition() }
                }
            }
            return try outcome.get().0
        }
    }
}
