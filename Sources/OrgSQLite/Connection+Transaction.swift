import CSQLite

/// Transactions make the boundary of each write visible at the call site.
extension Connection {
    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken up
    /// front, so a concurrent writer waits (busy timeout) instead of failing
    /// half-way. Any error thrown by `body` rolls everything back. When it
    /// returns, the commit is durable (``makeCommitDurable()``). `committed`
    /// runs as soon as COMMIT succeeds, before the commit is made durable, so
    /// that a caller told of a later failure knows the change was made.
    package func write<T>(commit: Bool = true, committed: () -> Void = {}, _ body: () throws -> T) throws -> T {
        try execute(script: "BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
            // A rehearsal (a dry run) does all the work, then throws it away.
            try execute(script: commit ? "COMMIT" : "ROLLBACK")
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
        if commit {
            committed()
            try makeCommitDurable()
        }
        return result
    }

    /// Runs `body` inside a read transaction, so that every query it makes sees
    /// the same snapshot of the database. Inside a transaction already open
    /// (a snapshot pinned for its whole life) it joins that one.
    package func read<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        try execute(script: "BEGIN DEFERRED")
        defer { try? execute(script: "COMMIT") }
        return try body()
    }

    /// True while a transaction is open on the connection.
    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}
