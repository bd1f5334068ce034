import OrgSQLite

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
    static func begin(on db: Connection, intent: ChangeIntent, now: Timestamp = .now()) throws -> ChangeLog {
        let roleSeq = try highestID(in: .role, on: db), unitSeq = try highestID(in: .unit, on: db)
        try db.run("""
            INSERT INTO change (recorded_at, effective_at, command, role_seq, unit_seq) VALUES (?, ?, ?, ?, ?)
            """, [.text(now.description), .text((intent.effective ?? now).description), .text(intent.command),
                  .integer(roleSeq), .integer(unitSeq)])
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

extension ChangeLog {
    /// The highest id ever given in `table`, not just the highest in use: a
    /// removed row's id is never given again, so a row's images always
    /// belong to the one row. The newest change notes it (its starting mark
    /// while it is open, its end once closed).
    static func highestID(in table: IdentifiedTable, on db: Connection) throws -> Int64 {
        let inUse = try db.integer("SELECT coalesce(max(id), 0) FROM \(table.rawValue)") ?? 0
        let noted = try db.integer("""
            SELECT coalesce(\(table.rawValue)_seq_end, \(table.rawValue)_seq) FROM change ORDER BY id DESC LIMIT 1
            """) ?? 0
        return max(inUse, noted)
    }
}

extension OrgDatabase {
    /// The id for a new row, above every id ever given once history is kept.
    func nextID(in table: IdentifiedTable) throws -> Int64 {
        guard recordsHistory else { return (try db.integer("SELECT coalesce(max(id), 0) FROM \(table.rawValue)") ?? 0) + 1 }
        return try ChangeLog.highestID(in: table, on: db) + 1
    }
}
