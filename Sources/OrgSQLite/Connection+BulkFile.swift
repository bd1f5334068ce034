import CSQLite

/// Loading a chart into a file that holds none yet, writing each page once.
/// In WAL mode every page of a load is written twice: into the log at the
/// commit, then into the file by the checkpoint. With a rollback journal a
/// page past the file's size when the transaction began is never journaled
/// (there was nothing there to restore), so a load into an all but empty
/// file writes its pages straight into the file, once, and journals only
/// the few pages the file had. The load stays all or nothing: a rollback,
/// or the next connection to open the file after the process was killed
/// (the journal left beside it is then hot), puts back the pages the file
/// had and cuts it to its old size.
///
/// The journal mode can leave WAL only while no other connection has the
/// file open, so the connection takes the file for itself
/// (`locking_mode = EXCLUSIVE`) for the load; when another connection has
/// it open the load runs in WAL as before.
extension Connection {
    /// Runs `body` (which opens and commits its own transaction) with the
    /// file in rollback-journal mode and held by this connection alone,
    /// then puts it into WAL mode with normal locking. Runs `body` as it is
    /// when the file is in another mode or cannot leave WAL now.
    ///
    /// A process killed during `body` leaves the file in rollback mode: the
    /// next connection rolls the load back from the journal, and the file
    /// works as it is, in that mode, until the next call here puts it back
    /// into WAL.
    /// Returns whether the journal mode was switched, with `body`'s result.
    package func writingPagesOnce<T>(_ body: () throws -> T) throws -> (switched: Bool, result: T) {
        // A file in rollback mode is one whose load was killed part-way: the
        // journal put back the empty chart, and this load puts back WAL.
        guard !isInTransaction, let mode = try journalMode(), mode == "wal" || mode == "delete" else { return (false, try body()) }
        try execute(script: "PRAGMA locking_mode = EXCLUSIVE")
        // DELETE leaves no journal behind after the commit; with the file
        // held exclusively SQLite keeps (and empties) it instead, until the
        // switch back to WAL removes it.
        guard (try? statement("PRAGMA journal_mode = DELETE").first([], { $0.text(0) })) == "delete" else {
            try backToWAL()
            return (false, try body())
        }
        // A rollback journal is only safe with the commit synced: the
        // journal before the file's pages, the file before the journal goes.
        try execute(script: "PRAGMA synchronous = FULL")
        let result: T
        do {
            result = try body()
        } catch {
            try? backToWAL()
            throw error
        }
        // The load is committed: a failure to switch back must not report it
        // as failed. The file then stays in rollback mode, held by this
        // connection until it closes; the next writer puts WAL back.
        try? backToWAL()
        return (true, result)
    }

    /// The file's journal mode, in lower case.
    package func journalMode() throws -> String? {
        try statement("PRAGMA journal_mode").first([], { $0.text(0) })
    }

    /// Normal locking and WAL again, with the synchronous setting of a WAL
    /// connection. `locking_mode = NORMAL` lets the exclusive lock go only
    /// at the end of the next statement to use the file, here the switch to
    /// WAL itself, so no other connection can take the file while it is in
    /// rollback mode; and the log it opens uses shared memory as usual.
    private func backToWAL() throws {
        try execute(script: "PRAGMA locking_mode = NORMAL")
        let mode = try statement("PRAGMA journal_mode = WAL").first([], { $0.text(0) })
        try execute(script: commitsWithoutSync && mode == "wal" ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL")
    }
}
