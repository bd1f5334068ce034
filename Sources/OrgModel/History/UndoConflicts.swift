import OrgSQLite

/// Which later changes stand in the way of undoing one change on its own:
/// those that altered a field (or a line, or a governance) the change
/// altered, or that touched a row it added or built on one (a report to a
/// role it added, a role in a unit it added).
struct UndoConflicts {
    let db: Connection
    let change: ChangeReverter.Bounds

    /// The ids of the later changes in the way, oldest first.
    func later() throws -> [Int64] {
        var found = Swift.Set<Int64>()
        try fieldConflicts(.role, into: &found)
        try fieldConflicts(.unit, into: &found)
        let c = SQLValue.integer(change.id)
        for table in ["dotted_line_was", "governance_was"] {
            let key = table == "dotted_line_was" ? "role_id = w.role_id AND n.manager_id = w.manager_id" : "unit_id = w.unit_id"
            try db.statement("""
                SELECT DISTINCT n.change_id FROM \(table) w JOIN \(table) n ON n.\(key) AND n.change_id > w.change_id
                WHERE w.change_id = ?
                """).forEachRow([c]) { found.insert($0.int(0)) }
        }
        try dependants(into: &found)
        return found.sorted()
    }

    /// Later changes that altered a field group of a row this change altered.
    private func fieldConflicts(_ which: IdentifiedTable, into found: inout Swift.Set<Int64>) throws {
        let table = ChangeReverter.Table.of(which)
        let width = Int32(table.columns.count)
        let list = { (alias: String) in table.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        // Every image of each row the change has one of, from the change's on,
        // in order; then the row as it is now (or nothing, when gone).
        var images: [Int64: [(change: Int64, state: [SQLValue]?)]] = [:]
        try db.statement("""
            SELECT w.id, w.change_id, w.existed, \(list("w")) FROM \(which.rawValue)_was w
            WHERE w.id IN (SELECT id FROM \(which.rawValue)_was WHERE change_id = ?1) AND w.change_id >= ?1
            ORDER BY w.id, w.change_id
            """).forEachRow([.integer(change.id)]) { row in
            let state = row.int(2) == 1 ? (3..<3 + width).map { row.value($0) } : nil
            images[row.int(0), default: []].append((row.int(1), state))
        }
        let now = try db.statement("SELECT \(table.columns.joined(separator: ", ")) FROM \(which.rawValue) WHERE id = ?")
        for (id, history) in images where history.count > 1 {
            let current = try now.first([.integer(id)]) { row in (0..<width).map { row.value($0) } }
            let states = history.map(\.state) + [current]
            let mine = altered(states[0], states[1], table)
            for index in 1..<history.count where !mine.isDisjoint(with: altered(states[index], states[index + 1], table)) {
                found.insert(history[index].change)
            }
        }
    }

    /// The field groups (by index) that differ between two states of a row;
    /// every group when the row came or went.
    private func altered(_ before: [SQLValue]?, _ after: [SQLValue]?, _ table: ChangeReverter.Table) -> Swift.Set<Int> {
        guard let before, let after else { return before == nil && after == nil ? [] : Swift.Set(table.fields.indices) }
        return Swift.Set(table.groupRanges.indices.filter { Array(before[table.groupRanges[$0]]) != Array(after[table.groupRanges[$0]]) })
    }

    /// Later changes to rows that now depend on a row this change added.
    private func dependants(into found: inout Swift.Set<Int64>) throws {
        guard change.roleSeqEnd > change.roleSeq || change.unitSeqEnd > change.unitSeq else { return }
        let values: [SQLValue] = [.integer(change.roleSeq), .integer(change.roleSeqEnd),
                                  .integer(change.unitSeq), .integer(change.unitSeqEnd), .integer(change.id)]
        let added = { (column: String, low: Int, high: Int) in "(\(column) > ?\(low) AND \(column) <= ?\(high))" }
        let rows = try db.statement("""
            SELECT 'role', id FROM role WHERE (\(added("manager_id", 1, 2)) OR \(added("unit_id", 3, 4))) AND NOT \(added("id", 1, 2))
            UNION ALL
            SELECT 'unit', id FROM unit WHERE (\(added("parent_id", 3, 4)) OR \(added("head_role_id", 1, 2))) AND NOT \(added("id", 3, 4))
            """).map(Array(values.prefix(4))) { ($0.text(0), $0.int(1)) }
        for (table, id) in rows {
            if let latest = try db.integer("SELECT max(change_id) FROM \(table)_was WHERE id = ? AND change_id > ?",
                                           [.integer(id), .integer(change.id)]) {
                found.insert(latest)
            } else if let creator = try db.integer(
                "SELECT id FROM change WHERE id > ?2 AND ?1 > \(table)_seq AND ?1 <= \(table)_seq_end ORDER BY id DESC LIMIT 1",
                [.integer(id), .integer(change.id)]) {
                // A row a later change added and nothing touched since: that change builds on this one.
                found.insert(creator)
            }
        }
        try db.statement("""
            SELECT DISTINCT change_id FROM dotted_line_was
            WHERE change_id > ?5 AND (\(added("role_id", 1, 2)) OR \(added("manager_id", 1, 2)))
            UNION SELECT DISTINCT change_id FROM governance_was
            WHERE change_id > ?5 AND (\(added("unit_id", 3, 4)) OR \(added("pmo_id", 3, 4)))
            """).forEachRow(values) { found.insert($0.int(0)) }
    }
}
