import CSQLite

/// Commits that are durable with fewer syncs. In WAL mode with
/// `synchronous = FULL` a small write syncs the log five times (its header,
/// its directory, the commit, then the log again and the file at the
/// checkpoint when the last connection closes). With `synchronous = NORMAL`
/// a commit syncs nothing, and the checkpoint run straight after it syncs
/// the log (and its directory, when the log is new) once before copying the
/// pages into the file, and the file once after: three syncs, and the
/// change is in the file itself before the write returns.
extension Connection {
    /// Lets commits on a file in WAL mode skip their own sync; each commit
    /// of ``write(commit:_:)`` is then made durable by ``makeCommitDurable()``.
    /// A file in any other journal mode keeps syncing at each commit.
    package func commitWithoutSyncInWAL() throws {
        guard try statement("PRAGMA journal_mode").first([], { $0.text(0) }) == "wal" else { return }
        try execute(script: "PRAGMA synchronous = NORMAL")
        commitsWithoutSync = true
    }

    /// Makes the commit just made survive a power cut, on a connection whose
    /// commits do not sync: a passive checkpoint copies the log into the file
    /// and syncs both; when readers of older snapshots keep it from copying
    /// every page (another process holding the file open), the log itself is
    /// synced, so that the change is safe in the log until a later checkpoint.
    package func makeCommitDurable() throws {
        guard commitsWithoutSync else { return }
        var logged: Int32 = 0, copied: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_PASSIVE, &logged, &copied)
        if rc == SQLITE_OK && copied == logged { return }
        // Whatever kept the checkpoint from copying everything (readers, a
        // checkpoint elsewhere, a full disk), the commit is already made:
        // syncing the log is what makes it durable, and only that may fail it.
        try syncLog()
    }

    /// Syncs the write-ahead log, as a commit with `synchronous = FULL` would.
    private func syncLog() throws {
        var pointer: UnsafeMutableRawPointer?
        var rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &pointer)
        guard rc == SQLITE_OK, let file = pointer?.assumingMemoryBound(to: sqlite3_file.self),
              let sync = file.pointee.pMethods?.pointee.xSync
        else {
            // No log open: nothing was written to one.
            return
        }
        rc = sync(file, SQLITE_SYNC_NORMAL)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: handle) }
    }
}
