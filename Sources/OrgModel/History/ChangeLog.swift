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

    /// Whether no recorded change took effect after this one's moment when
    /// it began: then nothing is pending at its moment, and neither the
    /// write worked out at its moment nor the check at its end need look.
    let nothingLater: Bool

    /// The role the write created, when it says that is all it did
    /// (``ChangeSummary/CreatedRole``).
    var createdRole: ChangeSummary.CreatedRole?

    /// Starts recording a change; it must be the first thing the transaction writes.
    static func begin(on db: Connection, intent: ChangeIntent, now: Timestamp = .now()) throws -> ChangeLog {
        let effective = intent.effective ?? now
        // The ids in use through the statement nextID and finish run again
        // (prepared once), the newest change's marks and the look for later
        // changes through one short statement: on a small write, preparing
        // statements is most of the work.
        let inUse = try highestInUse(on: db)
        let moment = SQLValue.text(effective.description)
        let newest = try db.statement(Self.newestMarks).first([moment]) {
            (role: $0.int(0), unit: $0.int(1), later: $0.int(2) == 1)
        }
        let roleSeq = max(inUse.role, newest?.role ?? 0), unitSeq = max(inUse.unit, newest?.unit ?? 0)
        let nothingLater = newest?.later != true
        try db.run("""
            INSERT INTO change (recorded_at, effective_at, command, role_seq, unit_seq) VALUES (?, ?, ?, ?, ?)
            """, [intent.effective == nil ? moment : .text(now.description), moment, .text(intent.command),
                  .integer(roleSeq), .integer(unitSeq)])
        return ChangeLog(db: db, id: db.lastInsertedRowID, roleSeq: roleSeq, unitSeq: unitSeq, effective: effective,
                         nothingLater: nothingLater)
    }

    /// ?1 the new change's moment: the newest change's marks (its end once
    /// closed), and whether any change takes effect after ?1; no row when
    /// there is no change yet.
    static let newestMarks = """
        SELECT coalesce(role_seq_end, role_seq), coalesce(unit_seq_end, unit_seq),
               EXISTS (SELECT 1 FROM change WHERE effective_at > ?1)
        FROM change ORDER BY id DESC LIMIT 1
        """

    /// Closes the record: notes the ids the change created and its summary,
    /// or drops the record when the write changed nothing. Then refuses the
    /// change if it cannot stand at its effective moment.
    func finish() throws {
        let inUse = try Self.highestInUse(on: db)
        let roleSeqEnd = max(roleSeq, inUse.role), unitSeqEnd = max(unitSeq, inUse.unit)
        let summary = try ChangeSummary(db: db, change: id, roleRange: roleSeq...roleSeqEnd, unitRange: unitSeq...unitSeqEnd,
                                        createdRole: createdRole).lines(limit: Self.summaryLimit)
        if summary.isEmpty {
            try db.run("DELETE FROM change WHERE id = ?", [.integer(id)])
            for table in ["role_was", "unit_was", "dotted_line_was", "governance_was"] {
                try db.run("DELETE FROM \(table) WHERE change_id = ?", [.integer(id)])
            }
            return
        }
        try db.run("UPDATE change SET role_seq_end = ?, unit_seq_end = ?, summary = ? WHERE id = ?",
                   [.integer(roleSeqEnd), .integer(unitSeqEnd), .text(Self.lines(summary)), .integer(id)])
        // Nothing took effect later when the change began, and a write adds no other change.
        guard !nothingLater else { return }
        try EffectiveCheck(db: db, change: id, effective: effective,
                           roleRange: roleSeq...roleSeqEnd, unitRange: unitSeq...unitSeqEnd).verify()
    }
}

extension ChangeLog {
    /// The lines as one text, joined by hand: the generic `joined(separator:)`
    /// looks up its element type at run time, a search of every protocol
    /// conformance on each write.
    static func lines(_ lines: [String]) -> String {
        var text = lines.first ?? ""
        for line in lines.dropFirst() { text += "\n" + line }
        return text
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
        try db.integer("SELECT \(highestIDExpression(table))") ?? 0
    }

    /// The highest role and unit ids in use, in one statement.
    static func highestInUse(on db: Connection) throws -> (role: Int64, unit: Int64) {
        try db.statement("SELECT (SELECT coalesce(max(id), 0) FROM role), (SELECT coalesce(max(id), 0) FROM unit)")
            .first([], { ($0.int(0), $0.int(1)) }) ?? (0, 0)
    }

    /// The id for a new row in `table` while this change is open: above
    /// every id in use and its starting mark, which is the newest change's
    /// (``highestID(in:on:)``), through the statement ``finish()`` runs too.
    func nextID(in table: IdentifiedTable) throws -> Int64 {
        let inUse = try Self.highestInUse(on: db)
        return table == .role ? max(inUse.role, roleSeq) + 1 : max(inUse.unit, unitSeq) + 1
    }

    /// ``highestID(in:on:)`` as one SQL expression: the larger of the
    /// highest id in use and the newest change's mark.
    static func highestIDExpression(_ table: IdentifiedTable) -> String {
        let name = table.rawValue
        return """
            max((SELECT coalesce(max(id), 0) FROM \(name)), \
            coalesce((SELECT coalesce(\(name)_seq_end, \(name)_seq) FROM change ORDER BY id DESC LIMIT 1), 0))
            """
    }
}

extension OrgDatabase {
    /// The id for a new row, above every id ever given once history is kept.
    func nextID(in table: IdentifiedTable) throws -> Int64 {
        guard recordsHistory else { return (try db.integer("SELECT coalesce(max(id), 0) FROM \(table.rawValue)") ?? 0) + 1 }
        if let openChange { return try openChange.nextID(in: table) }
        return try ChangeLog.highestID(in: table, on: db) + 1
    }
}
