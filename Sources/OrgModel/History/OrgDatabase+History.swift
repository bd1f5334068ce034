import OrgSQLite

/// The recorded history: listing it, undoing it, and reading the chart as it
/// stood at another moment.
extension OrgDatabase {
    /// The recorded changes, newest first: all of them, those that touched
    /// `key` (a role or unit, present or gone: found from the rows each change
    /// wrote, not from its words), and those in effect from `since` on.
    ///
    /// ```swift
    /// for change in try org.history(of: "pm-payments") {
    ///     print("#\(change.id)", change.effectiveAt.readable, change.summary.joined(separator: "; "))
    /// }
    /// ```
    public func history(of key: String? = nil, since: Timestamp? = nil) throws(OrgError) -> [ChangeRecord] {
        guard recordsHistory else { return [] }
        let from = SQLValue.text((since ?? .beginning).description)
        return try read {
            guard let key else {
                return try db.statement("SELECT \(Self.recordColumns) FROM change c WHERE c.effective_at >= ?1 ORDER BY c.id DESC")
                    .map([from], Self.record)
            }
            return try db.statement(ChangeTouches.sql).map([from, .text(Validation.nfc(key))], Self.record)
        }
    }

    /// Reverts the most recent change not yet undone, in one transaction that
    /// is itself recorded. Undos are not undone in turn: repeated undos walk
    /// back through the history, as in an editor. Returns the new record.
    ///
    /// ```swift
    /// let record = try org.undo()
    /// print("undid #\(record.undoes!)")
    /// ```
    @discardableResult
    public func undo() throws(OrgError) -> ChangeRecord {
        guard recordsHistory else { throw .nothingToUndo(path: path) }
        guard recordsChanges else { throw .changesNotRecorded(path: path) }
        // The target is chosen inside the undo's own transaction (the open
        // change is the newest row, not yet closed), so no other writer can
        // come between. Every change after it is an undo of a change after
        // it, so the chart is exactly as the target left it.
        let (id, target): (Int64, Int64) = try write {
            guard let target = try db.statement("""
                SELECT \(ChangeReverter.boundsColumns) FROM change c
                WHERE c.role_seq_end IS NOT NULL AND c.undoes IS NULL
                  AND NOT EXISTS (SELECT 1 FROM change u WHERE u.undoes = c.id)
                ORDER BY c.id DESC LIMIT 1
                """).first([], { ChangeReverter.bounds($0) }) else { throw OrgError.nothingToUndo(path: path) }
            let id = try db.integer("SELECT max(id) FROM change") ?? 0
            try db.run("UPDATE change SET undoes = ? WHERE id = ?", [.integer(target.id), .integer(id)])
            try ChangeReverter(db: db).revert(target)
            return (id, target.id)
        }
        return try recordOfUndo(id, undoing: target)
    }

    /// Reverts change `change` alone, in one transaction that is itself
    /// recorded, when no later change touched the same fields of the same
    /// rows, the same lines or governance, or rows it added; otherwise
    /// refuses with ``OrgError/cannotUndo(change:reason:later:)`` naming those
    /// later changes. Returns the new record, whose summary is what the undo did.
    ///
    /// ```swift
    /// let record = try org.undo(change: 3)
    /// print(record.summary)
    /// ```
    @discardableResult
    public func undo(change target: Int64) throws(OrgError) -> ChangeRecord {
        try undo(change: target, allowedIf: {})
    }

    /// ``undo(change:)``, with `allowed` run first inside the undo's
    /// transaction, refusing by throwing before anything is reverted.
    func undo(change target: Int64, allowedIf allowed: () throws -> Void) throws(OrgError) -> ChangeRecord {
        guard recordsHistory else { throw .nothingToUndo(path: path) }
        guard recordsChanges else { throw .changesNotRecorded(path: path) }
        let id: Int64 = try write {
            try allowed()
            guard let bounds = try db.statement("SELECT \(ChangeReverter.boundsColumns), undoes FROM change WHERE id = ? AND role_seq_end IS NOT NULL")
                .first([.integer(target)], { (ChangeReverter.bounds($0), $0.optionalInt(5)) })
            else { throw OrgError.cannotUndo(change: target, reason: "no change #\(target) is recorded", later: []) }
            if let undone = bounds.1 {
                throw OrgError.cannotUndo(change: target, reason: "it is itself the undo of change #\(undone), and an undo is not undone", later: [])
            }
            if let by = try db.integer("SELECT id FROM change WHERE undoes = ?", [.integer(target)]) {
                throw OrgError.cannotUndo(change: target, reason: "change #\(by) already undid it", later: [])
            }
            let id = try db.integer("SELECT max(id) FROM change") ?? 0
            let later = try UndoConflicts(db: db, change: bounds.0).later().filter { $0 != id }
            if !later.isEmpty {
                throw OrgError.cannotUndo(change: target, reason: "later changes touched what it changed", later: later)
            }
            try db.run("UPDATE change SET undoes = ? WHERE id = ?", [.integer(target), .integer(id)])
            do {
                try ChangeReverter(db: db).revert(bounds.0)
            } catch OrgError.internalError(let detail) where detail.contains("reporting loop") {
                throw OrgError.cannotUndo(change: target, reason: "putting its lines back would make a reporting loop with lines drawn since", later: [])
            }
            return id
        }
        return try recordOfUndo(id, undoing: target)
    }

    static let recordColumns = "c.id, c.recorded_at, c.effective_at, c.command, c.summary, c.undoes"

    /// A change record from a row whose first columns are ``recordColumns``.
    static func record(_ row: Row) -> ChangeRecord {
        ChangeRecord(id: row.int(0), recordedAt: Timestamp(stored: row.text(1)), effectiveAt: Timestamp(stored: row.text(2)),
                     command: row.text(3), summary: row.text(4).split(separator: "\n").map(String.init), undoes: row.optionalInt(5))
    }

    /// How many changes the history holds, read as it stands (outside any
    /// transaction): for checks, such as the fuzzer's, that a refused write
    /// recorded nothing.
    func recordedChangeCount() throws -> Int64 {
        try db.integer("SELECT count(*) FROM change") ?? 0
    }

    /// True when some recorded change takes effect after `moment`, so that
    /// the chart then differs from the chart with every change applied.
    public func hasChanges(after moment: Timestamp) throws(OrgError) -> Bool {
        guard recordsHistory else { return false }
        return try read {
            try db.integer("SELECT EXISTS (SELECT 1 FROM change c WHERE \(ChartRebuild.pendingAt))", [.text(moment.description)]) == 1
        }
    }

    /// The chart as it stood at `moment`: this database itself when no change
    /// takes effect after it, otherwise the file with those changes reverted,
    /// newest recorded first, for this reader alone: only the rows they touch
    /// are kept apart, and the rest is read from the file as it stood when
    /// the chart was asked for (later commits by others are not seen). Every
    /// query works on it. Building it waits, like a write, for a write in
    /// progress to finish. Clients get it read-only, as a ``ChartSnapshot``;
    /// the library itself works writes out on it (``WriteAtItsMoment``).
    func asOf(_ moment: Timestamp) throws(OrgError) -> OrgDatabase {
        guard try hasChanges(after: moment) else { return self }
        do {
            if let overlaid = try overlay(at: moment) { return try OrgDatabase(snapshot: overlaid, of: self, overlaid: true) }
            return try OrgDatabase(snapshot: rebuiltCopy(at: moment), of: self)
        } catch let error as OrgError {
            throw error
        } catch {
            throw Self.translate(error, path: path)
        }
    }
}

extension OrgDatabase {
    /// A connection of its own to the file with the chart as of `moment`
    /// laid over it; nil where that cannot be (a database in memory, a file
    /// that cannot take even a transaction that is rolled back).
    func overlay(at moment: Timestamp) throws -> Connection? {
        guard !isInMemory && !readsUpgradedCopy else { return nil }
        let connection: Connection
        do {
            connection = try Self.connect(path: path, mode: .readWrite, busyTimeout: busyTimeoutMilliseconds)
            try ChartOverlay(connection: connection, path: path, moment: moment).build()
        } catch let error as SQLiteError where error.code == .readOnly || error.code == .cantOpen {
            return nil
        } catch let reference as ChartOverlay.DanglingReference {
            throw try ChartRebuild(source: db, moment: moment).conflict(reference.dangling, earliest: reference.earliest)
        }
        return connection
    }

    /// A private in-memory copy of the database with the changes that take
    /// effect after `moment` reverted: the chart as of then, the slow way.
    func rebuiltCopy(at moment: Timestamp) throws -> Connection {
        try read { try ChartRebuild(source: db, moment: moment).rebuild() }
    }
}

extension Timestamp {
    /// Earlier than any change: the chart before anything was recorded.
    public static let beginning = Timestamp(milliseconds: -62_135_596_800_000)

    /// A timestamp as the history table stores it.
    init(stored text: String) {
        self = Timestamp.parse(text, day: .start) ?? .beginning
    }
}

extension OrgDatabase {
    /// The record of undo `id`, found by its own id (another writer may have
    /// committed since) and the change it undid.
    fileprivate func recordOfUndo(_ id: Int64, undoing target: Int64) throws(OrgError) -> ChangeRecord {
        guard let record = try read({
            try db.statement("SELECT \(Self.recordColumns) FROM change c WHERE c.id = ? AND c.undoes = ?")
                .first([.integer(id), .integer(target)], Self.record)
        }) else {
            throw .internalError(detail: "the undo of change #\(target) was not recorded")
        }
        return record
    }
}
