import OrgSQLite

/// The first import into a new file writes each
/// page once, straight into the file, instead of into the write-ahead log
/// and then again into the file at the checkpoint. See
/// `Connection.writingPagesOnce`: the import is as all-or-nothing as ever;
/// other connections, readers included, wait for the file up to their busy
/// timeout while it loads, since there is nothing in it to read yet.
///
/// Only a file whose schema this connection made qualifies (for a tool
/// run once per command, the file the import itself created): the switch of journal
/// modes rewrites counters in the file's header, so a refused import would
/// leave an older empty file's bytes changed, if not its chart. A file
/// left in rollback mode by such an import killed part-way (its journal
/// has put the empty chart back) is put back into WAL by the next writer
/// to open it, and loaded through the log.
extension OrgDatabase {
    /// Runs `load` (one write) with the file's pages written once when the
    /// load is to be kept into an empty chart of a file whose schema this
    /// connection made; as it is otherwise.
    func writingPagesOnceIfEmpty<T>(commit: Bool, _ load: () throws(OrgError) -> T) throws(OrgError) -> T {
        guard commit, !isInMemory, !readsOverlay, !readsUpgradedCopy, try isEmpty() else { return try load() }
        do {
            guard createdSchema else { return try load() }
            return try db.writingPagesOnce { () throws(OrgError) -> T in try load() }.result
        } catch let error as OrgError {
            throw error
        } catch {
            throw Self.translate(error, path: path, damageHint: damageHint)
        }
    }
}
