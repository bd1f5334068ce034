import OrgSQLite

/// What a long-running reader (a server, a watcher) polls to learn that the
/// file changed, without reading the chart.
extension OrgDatabase {
    /// A number that changes whenever another connection commits to the file
    /// (this one's own writes leave it as it is): a cheap question to ask
    /// many times a second on a connection kept for the purpose.
    public func commitCounter() throws(OrgError) -> Int64 {
        // One statement reads the file as it is now on its own: a BEGIN and
        // COMMIT around it would triple the cost of a question asked per request.
        do {
            return try db.integer("PRAGMA data_version") ?? 0
        } catch {
            throw Self.translate(error, path: path, damageHint: damageHint)
        }
    }

    /// The number of the newest recorded change (an undo included), or nil
    /// when none is recorded: it changes on every recorded write, whichever
    /// connection made it. One look-up at the end of the change table's key.
    public func newestChangeID() throws(OrgError) -> Int64? {
        guard recordsHistory else { return nil }
        return try read { try db.integer("SELECT max(id) FROM change") }
    }
}
