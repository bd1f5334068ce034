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
/// Requests load the generation the poller published (``ChartStore/generation()``),
/// which may lag the file by one poll; the write reads it afresh instead
/// (``ChartStore/refreshGeneration()``), both times, and publishes it, so the
/// argument above holds as it did, and the write's own client sees it in its
/// next request. A request that loaded an older generation finds the cache
/// at a newer one: it misses and keeps nothing (an older generation never
/// replaces a newer one). A commit of another program that the poller has
/// not yet seen is in `from`, which then differs from the cache's
/// generation: ``GenerationCache/advance(from:to:dropping:)`` empties it.
extension ChartStore {
    /// Runs `body` on the writer connection, as ``write(_:)`` does; when
    /// `body` says which roles' own fields it changed, `caches` keep every
    /// answer that shows none of them.
    func write<T: Sendable>(carrying caches: [any GenerationCache],
                            _ body: @escaping @Sendable (OrgDatabase) throws -> (T, WrittenRoles?)) async throws -> T {
        try await write { database in
            let othersBefore = try database.commitCounter()
            let from = try self.refreshGeneration()
            for cache in caches { cache.beginTransition(from: from) }
            do {
                let (result, written) = try body(database)
                let to = try self.refreshGeneration()
                let othersAfter = try database.commitCounter()
                if let written, othersAfter == othersBefore, to != from {
                    for cache in caches { cache.advance(from: from, to: to, dropping: written) }
                } else {
                    for cache in caches { cache.cancelTransition() }
                }
                return result
            } catch {
                for cache in caches { cache.cancelTransition() }
                throw error
            }
        }
    }
}
