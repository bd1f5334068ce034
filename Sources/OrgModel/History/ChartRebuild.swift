import OrgSQLite

/// The chart as of a moment, rebuilt in a private in-memory copy of the
/// database: every change that takes effect later is reverted in it, newest
/// recorded first. Queries then run on the copy as on the file.
struct ChartRebuild {
    /// The connection whose chart is copied, as it sees it (its own
    /// uncommitted writes included).
    let source: Connection
    let moment: Timestamp

    /// A reference in the rebuilt chart to a row that is not in it.
    struct Dangling {
        let key: String
        let field: String
        let missing: Int64
        let missingTable: IdentifiedTable
    }

    /// The copy, or an error when the chart then cannot be rebuilt.
    func rebuild() throws -> Connection {
        let copy = try Connection.inMemory()
        try copy.execute(script: "PRAGMA foreign_keys = ON")
        try source.copy(into: copy)
        // The copy is private: what is done to it needs no record.
        let triggers = try copy.statement("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'history_*'")
            .map([]) { $0.text(0) }
        for trigger in triggers {
            try copy.execute(script: "DROP TRIGGER \(trigger)")
        }
        try copy.write {
            let earliest = try revertLaterChanges(on: copy)
            if let dangling = try Self.dangling(in: copy) { throw try conflict(dangling, earliest: earliest) }
        }
        return copy
    }

    /// Rebuilds the chart in place, inside the source's open write
    /// transaction, and undoes it again: for checking a write before it
    /// commits (SQLite cannot copy a database its connection is writing).
    /// Returns what `inspect` finds, and the first dangling reference.
    func inPlace<T>(_ inspect: (Connection) throws -> T) throws -> (T, Dangling?) {
        try source.execute(script: "SAVEPOINT rebuild")
        let found: (T, Dangling?)
        do {
            try revertLaterChanges(on: source)
            found = (try inspect(source), try Self.dangling(in: source))
        } catch {
            try? source.execute(script: "ROLLBACK TO rebuild; RELEASE rebuild")
            throw error
        }
        // Not `try?`: a write must never commit with the rebuild still in it.
        try source.execute(script: "ROLLBACK TO rebuild; RELEASE rebuild")
        return found
    }

    /// Reverts, newest recorded first, every change that takes effect after
    /// the moment; returns the earliest one reverted (0 for none).
    @discardableResult
    func revertLaterChanges(on db: Connection) throws -> Int64 {
        try revertLaterChanges(on: db, relabelling: true).earliest
    }

    /// Reverts as above; with `relabelling` false, leaves the path labels of
    /// the trees whose solid line changed as they are and returns those
    /// trees' roots instead (a label depends only on the final lines).
    func revertLaterChanges(on db: Connection, relabelling: Bool) throws -> (earliest: Int64, unlabelled: [Int64]) {
        var unlabelled: [Int64] = []
        let changes = try db.statement("""
            SELECT \(ChangeReverter.boundsColumns) FROM change c WHERE \(Self.pendingAt) ORDER BY id DESC
            """).map([.text(moment.description)]) { ChangeReverter.bounds($0) }
        let reverter = ChangeReverter(db: db)
        var reverting: Int64 = 0
        do {
            for change in changes {
                reverting = change.id
                unlabelled += try reverter.revert(change, relabelling: relabelling)
            }
        } catch let error as SQLiteError where error.code == .constraint {
            throw OrgError.historyConflict(asOf: moment, change: reverting, detail: error.message)
        } catch OrgError.internalError(let detail) {
            throw OrgError.historyConflict(asOf: moment, change: reverting, detail: detail)
        }
        return (changes.last?.id ?? 0, unlabelled)
    }

    func conflict(_ dangling: Dangling, earliest: Int64) throws -> OrgError {
        let missing = try key(of: dangling.missing, in: dangling.missingTable) ?? "#\(dangling.missing)"
        return .historyConflict(asOf: moment, change: try bringer(of: dangling.missing, in: dangling.missingTable)?.id ?? earliest,
                                detail: "\(dangling.key)'s \(dangling.field) \(missing) is not in the chart then")
    }

    /// The changes not in force at a moment (?1): those that take effect
    /// later, except any that an undo in force by then has already taken
    /// back (reverting it again would change nothing).
    static let pendingAt = """
        c.effective_at > ?1 AND NOT EXISTS (SELECT 1 FROM change u WHERE u.undoes = c.id AND u.effective_at <= ?1)
        """

    /// The first reference the foreign keys would refuse, if any. Only
    /// references without an ON DELETE action can dangle.
    static func dangling(in db: Connection) throws -> Dangling? {
        guard db.deferredForeignKeyViolations > 0 else { return nil }
        return try db.statement("""
            SELECT r.key, 'manager', r.manager_id, 'role' FROM role r
            WHERE r.manager_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM role m WHERE m.id = r.manager_id)
            UNION ALL
            SELECT r.key, 'unit', r.unit_id, 'unit' FROM role r
            WHERE r.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = r.unit_id)
            UNION ALL
            SELECT u.key, 'parent unit', u.parent_id, 'unit' FROM unit u
            WHERE u.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit p WHERE p.id = u.parent_id)
            LIMIT 1
            """).first { Dangling(key: $0.text(0), field: $0.text(1), missing: $0.int(2), missingTable: $0.text(3) == "role" ? .role : .unit) }
    }

    /// A row's key as the source has it.
    func key(of id: Int64, in table: IdentifiedTable) throws -> String? {
        try source.statement("SELECT key FROM \(table.rawValue) WHERE id = ?").first([.integer(id)]) { $0.text(0) }
    }

    /// The change that created a row, when the row is one of those it created.
    func bringer(of id: Int64, in table: IdentifiedTable) throws -> (id: Int64, effective: Timestamp)? {
        try source.statement("""
            SELECT c.id, c.effective_at FROM change c WHERE ?1 > c.\(table.rawValue)_seq AND ?1 <= c.\(table.rawValue)_seq_end
            UNION ALL
            SELECT c.id, c.effective_at FROM \(table.rawValue)_was w JOIN change c ON c.id = w.change_id
            WHERE w.id = ?1 AND w.existed = 0
            ORDER BY 1 DESC LIMIT 1
            """).first([.integer(id)]) { ($0.int(0), Timestamp(stored: $0.text(1))) }
    }
}
