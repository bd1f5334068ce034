/// Opens and closes the record of a change inside a write transaction. The
/// schema's triggers fill in the before-images between the two.
struct ChangeLog {
    let db: Connection
    let id: Int64
    let roleSeq: Int64
    let unitSeq: Int64
    let effective: Timestamp

    /// How many plain-words lines a change keeps; a bigger change is counted.
    static let summaryLimit = 1_000

    /// Starts recording a change; it must be the first thing the transaction writes.
    static func begin(on db: Connection, intent: ChangeIntent, undoing: Int64?, now: Timestamp = .now()) throws -> ChangeLog {
        // The highest ids ever given, not just those in use: an id is never
        // given twice, so a row's images always belong to the one row.
        let last = try db.statement("SELECT role_seq_end, unit_seq_end FROM change WHERE role_seq_end IS NOT NULL ORDER BY id DESC LIMIT 1")
            .first { ($0.int(0), $0.int(1)) } ?? (0, 0)
        let roleSeq = max(last.0, try db.integer("SELECT coalesce(max(id), 0) FROM role") ?? 0)
        let unitSeq = max(last.1, try db.integer("SELECT coalesce(max(id), 0) FROM unit") ?? 0)
        try db.run("""
            INSERT INTO change (recorded_at, effective_at, command, undoes, role_seq, unit_seq)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(now.description), .text((intent.effective ?? now).description), .text(intent.command),
                  undoing.map(SQLValue.integer) ?? .null, .integer(roleSeq), .integer(unitSeq)])
        return ChangeLog(db: db, id: db.lastInsertedRowID, roleSeq: roleSeq, unitSeq: unitSeq, effective: intent.effective ?? now)
    }

    /// Closes the record: notes the ids the change created and its summary,
    /// or drops the record when the write changed nothing. Then refuses the
    /// change if it cannot stand at its effective moment.
    func finish() throws {
        let roleSeqEnd = max(roleSeq, try db.integer("SELECT coalesce(max(id), 0) FROM role") ?? 0)
        let unitSeqEnd = max(unitSeq, try db.integer("SELECT coalesce(max(id), 0) FROM unit") ?? 0)
        let summary = try ChangeSummary(db: db, change: id, roleRange: roleSeq...roleSeqEnd,
                                        unitRange: unitSeq...unitSeqEnd).lines(limit: Self.summaryLimit)
        if summary.isEmpty {
            try db.run("DELETE FROM change WHERE id = ?", [.integer(id)])
            for table in ["role_was", "unit_was", "dotted_line_was", "governance_was"] {
                try db.run("DELETE FROM \(table) WHERE change_id = ?", [.integer(id)])
            }
            return
        }
        try db.run("UPDATE change SET role_seq_end = ?, unit_seq_end = ?, summary = ? WHERE id = ?",
                   [.integer(roleSeqEnd), .integer(unitSeqEnd), .text(summary.joined(separator: "\n")), .integer(id)])
        try EffectiveCheck(db: db, change: id, effective: effective,
                           roleRange: roleSeq...roleSeqEnd, unitRange: unitSeq...unitSeqEnd).verify()
    }
}

/// The tables whose rows get ids from ``OrgDatabase/nextID(in:)``.
enum IdentifiedTable: String {
    case role, unit
}

extension OrgDatabase {
    /// The id for a new row: above every id in use and, once history is
    /// recorded, above every id ever given, so that no id names two rows.
    func nextID(in table: IdentifiedTable) throws -> Int64 {
        let inUse = try db.integer("SELECT coalesce(max(id), 0) FROM \(table.rawValue)") ?? 0
        guard recordsHistory else { return inUse + 1 }
        // The open change's starting mark, or the last closed change's end.
        let given = try db.integer("""
            SELECT coalesce(\(table.rawValue)_seq_end, \(table.rawValue)_seq) FROM change ORDER BY id DESC LIMIT 1
            """) ?? 0
        return max(inUse, given) + 1
    }
}
