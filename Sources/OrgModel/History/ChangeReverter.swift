import OrgSQLite

/// Reverts one recorded change, on whatever connection it is given: the live
/// database for `undo`, a private copy for the chart as of a moment.
///
/// Reverting undoes what the change itself did and nothing else. What it did
/// to a row is the difference between its image of the row (the row before
/// it) and the row as the change left it, which is the next change's image
/// of that row or, when no later change touched it, the row as it is now.
/// Only the fields the change altered are put back, so a later change to
/// other fields of the same row (a holder filled while a planned move is
/// pending) survives. The caller holds the transaction; foreign keys are
/// checked when it commits, since rows come back in no particular order.
struct ChangeReverter {
    let db: Connection

    /// The bounds of one change, as its record holds them.
    struct Bounds {
        let id: Int64
        let roleSeq: Int64, roleSeqEnd: Int64
        let unitSeq: Int64, unitSeqEnd: Int64
    }

    static let boundsColumns = "id, role_seq, coalesce(role_seq_end, role_seq), unit_seq, coalesce(unit_seq_end, unit_seq)"

    static func bounds(_ row: Row) -> Bounds {
        Bounds(id: row.int(0), roleSeq: row.int(1), roleSeqEnd: row.int(2), unitSeq: row.int(3), unitSeqEnd: row.int(4))
    }

    /// A table whose rows have before-images, and its fields in the groups
    /// that must change together (a salary and its currency; a kind and its PMO type).
    struct Table {
        let name: String
        let fields: [[String]]
        var columns: [String] { fields.flatMap { $0 } }

        static let role = Table(name: "role", fields: [["key"], ["title"], ["holder"], ["unit_id"], ["grade"],
                                                       ["salary_minor", "currency"], ["rung"], ["manager_id"], ["assistant"]])
        static let unit = Table(name: "unit", fields: [["key"], ["name"], ["kind", "pmo_type"], ["parent_id"], ["head_role_id"]])

        static func of(_ table: IdentifiedTable) -> Table { table == .role ? .role : .unit }
        /// Where a role's manager sits in a row of ``columns`` (groups are
        /// numbered as listed, so new columns go after it).
        static let managerColumn = Table.role.columns.firstIndex(of: "manager_id")!

        /// Where each group's values sit in a row of ``columns``.
        var groupRanges: [Range<Int>] {
            var start = 0
            return fields.map { group in
                defer { start += group.count }
                return start..<start + group.count
            }
        }
    }

    /// One row as the change found it, as it left it, and as it is now (nil: absent).
    private struct RowStates {
        let id: Int64
        let before: [SQLValue]?
        let after: [SQLValue]?
        let now: [SQLValue]?
    }

    /// Reverts `change`. Unless `relabelling` is false, the trees whose solid
    /// line changed get new path labels; either way their roots are returned,
    /// for a caller that labels them once after several changes.
    @discardableResult
    func revert(_ change: Bounds, relabelling: Bool = true) throws -> [Int64] {
        try db.execute(script: "PRAGMA defer_foreign_keys = ON")
        let c = SQLValue.integer(change.id)
        // Lines first find what to do; their deletions go before the rows
        // move, their insertions after the rows they join are back.
        let (linesToAdd, linesToDrop) = try dottedLineActions(c)
        let (governanceToSet, governanceToDrop) = try governanceActions(c)
        // Rows are read before anything is deleted: a deletion's ON DELETE SET
        // NULL would otherwise hide what the change left in a unit's head.
        let roles = try states(of: .role, c), units = try states(of: .unit, c)
        for (role, manager) in linesToDrop {
            try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(role), .integer(manager)])
        }
        for unit in governanceToDrop { try db.run("DELETE FROM governance WHERE unit_id = ?", [.integer(unit)]) }

        // Rows the change created above the old highest id go.
        try db.run("DELETE FROM role WHERE id > ? AND id <= ?", [.integer(change.roleSeq), .integer(change.roleSeqEnd)])
        try db.run("DELETE FROM unit WHERE id > ? AND id <= ?", [.integer(change.unitSeq), .integer(change.unitSeqEnd)])

        var relabel: [Int64] = []
        for row in roles where try restore(row, in: .role) { relabel.append(row.id) }
        for row in units { _ = try restore(row, in: .unit) }

        // A line, a governance or a head comes back only to rows still there:
        // one that a later change in force removed went with it, as its
        // ON DELETE action would have taken it.
        for (role, manager) in linesToAdd {
            try db.run("""
                INSERT OR IGNORE INTO dotted_line (role_id, manager_id) SELECT ?1, ?2
                WHERE EXISTS (SELECT 1 FROM role WHERE id = ?1) AND EXISTS (SELECT 1 FROM role WHERE id = ?2)
                """, [.integer(role), .integer(manager)])
        }
        for (unit, pmo) in governanceToSet {
            try db.run("DELETE FROM governance WHERE unit_id = ?", [.integer(unit)])
            try db.run("""
                INSERT INTO governance (unit_id, pmo_id) SELECT ?1, ?2
                WHERE EXISTS (SELECT 1 FROM unit WHERE id = ?1) AND EXISTS (SELECT 1 FROM unit WHERE id = ?2 AND kind = 'pmo')
                """, [.integer(unit), .integer(pmo)])
        }
        for row in units where row.before != nil {
            try db.run("""
                UPDATE unit SET head_role_id = NULL
                WHERE id = ? AND head_role_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM role r WHERE r.id = unit.head_role_id)
                """, [.integer(row.id)])
        }
        if relabelling { try relabelTrees(of: relabel) }
        return relabel
    }

    /// Every row the change has an image of, in its three states.
    private func states(of table: Table, _ change: SQLValue) throws -> [RowStates] {
        let columns = table.columns
        let list = { (alias: String) in columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        let width = Int32(columns.count)
        let values = { (row: Row, start: Int32) in (start..<start + width).map { row.value($0) } }
        return try db.statement("""
            SELECT w.id, w.existed, \(list("w")), n.change_id IS NOT NULL, n.existed, \(list("n")), r.id IS NOT NULL, \(list("r"))
            FROM \(table.name)_was w
            LEFT JOIN \(table.name)_was n ON n.id = w.id AND n.change_id =
                (SELECT min(x.change_id) FROM \(table.name)_was x WHERE x.id = w.id AND x.change_id > w.change_id)
            LEFT JOIN \(table.name) r ON r.id = w.id
            WHERE w.change_id = ?
            """).map([change]) { row in
            // Columns: id, existed, before…, has next, next existed, next…, exists now, now…
            let nextAt = 2 + width, nowAt = 4 + 2 * width
            let now = row.int(nowAt) == 1 ? values(row, nowAt + 1) : nil
            let after = row.int(nextAt) == 1 ? (row.int(nextAt + 1) == 1 ? values(row, nextAt + 2) : nil) : now
            return RowStates(id: row.int(0), before: row.int(1) == 1 ? values(row, 2) : nil, after: after, now: now)
        }
    }

    /// Undoes the change's effect on one row. Returns true when the row's
    /// solid line changed or the row came back, so its tree needs new labels.
    private func restore(_ row: RowStates, in table: Table) throws -> Bool {
        let id = SQLValue.integer(row.id)
        switch (row.before, row.after, row.now) {
        case (nil, _?, _?):
            // The change created it (reusing an old id): it goes.
            try db.run("DELETE FROM \(table.name) WHERE id = ?", [id])
            return false
        case (let before?, nil, nil):
            // The change removed it: it comes back, with a provisional label.
            var columns = ["id"] + table.columns
            var values = [id] + before
            if table.name == "role" {
                columns += ["path", "depth"]
                values += [.text("~\(row.id)"), .integer(before[Table.managerColumn] == .null ? 0 : 1)]
            }
            try db.run("INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))", values)
            return table.name == "role"
        case (let before?, let after?, let now?):
            // The change altered some fields: those go back, where they still
            // hold what it left (a later change in force keeps its own values).
            var assignments: [String] = [], values: [SQLValue] = []
            var offset = 0
            var moved = false
            for group in table.fields {
                defer { offset += group.count }
                let range = offset..<offset + group.count
                guard Array(before[range]) != Array(after[range]), Array(now[range]) == Array(after[range]) else { continue }
                for (column, index) in zip(group, range) {
                    assignments.append("\(column) = ?")
                    values.append(before[index])
                }
                if group == ["manager_id"] {
                    moved = true
                    // Depth must agree with having a manager at every moment.
                    assignments.append("depth = \(before[range.lowerBound] == .null ? "0" : "max(depth, 1)")")
                }
            }
            guard !assignments.isEmpty else { return false }
            try db.run("UPDATE \(table.name) SET \(assignments.joined(separator: ", ")) WHERE id = ?", values + [id])
            return moved
        default:
            // Gone since, or untouched in effect: a later change decides.
            return false
        }
    }

    /// Dotted lines the change added (to drop) and removed (to add back),
    /// where that was its effect on the line.
    private func dottedLineActions(_ change: SQLValue) throws -> (add: [(Int64, Int64)], drop: [(Int64, Int64)]) {
        var add: [(Int64, Int64)] = [], drop: [(Int64, Int64)] = []
        try db.statement("""
            SELECT w.role_id, w.manager_id, w.existed,
                   coalesce((SELECT n.existed FROM dotted_line_was n WHERE n.role_id = w.role_id AND n.manager_id = w.manager_id
                             AND n.change_id > w.change_id ORDER BY n.change_id LIMIT 1),
                            EXISTS (SELECT 1 FROM dotted_line d WHERE d.role_id = w.role_id AND d.manager_id = w.manager_id))
            FROM dotted_line_was w WHERE w.change_id = ?
            """).forEachRow([change]) { row in
            let (before, after) = (row.int(2) == 1, row.int(3) == 1)
            guard before != after else { return }
            if before { add.append((row.int(0), row.int(1))) } else { drop.append((row.int(0), row.int(1))) }
        }
        return (add, drop)
    }

    /// Governance the change set (to put back as it was) or removed.
    private func governanceActions(_ change: SQLValue) throws -> (set: [(Int64, Int64)], drop: [Int64]) {
        var set: [(Int64, Int64)] = [], drop: [Int64] = []
        try db.statement("""
            SELECT w.unit_id, CASE WHEN w.existed = 1 THEN w.pmo_id END,
                   CASE WHEN n.change_id IS NULL THEN (SELECT g.pmo_id FROM governance g WHERE g.unit_id = w.unit_id)
                        WHEN n.existed = 1 THEN n.pmo_id END
            FROM governance_was w
            LEFT JOIN governance_was n ON n.unit_id = w.unit_id AND n.change_id =
                (SELECT min(x.change_id) FROM governance_was x WHERE x.unit_id = w.unit_id AND x.change_id > w.change_id)
            WHERE w.change_id = ?
            """).forEachRow([change]) { row in
            let (before, after) = (row.optionalInt(1), row.optionalInt(2))
            guard before != after else { return }
            if let before { set.append((row.int(0), before)) } else { drop.append(row.int(0)) }
        }
        return (set, drop)
    }

    /// Gives the trees of `roots` (as they now hang) correct path labels and
    /// depths, top down. Only the topmost of nested roots is walked.
    func relabelTrees(of roots: [Int64]) throws {
        guard !roots.isEmpty else { return }
        let pending = Set(roots)
        let managerOf = try db.statement("SELECT manager_id FROM role WHERE id = ?")
        var tops: [Int64] = []
        for root in roots {
            var current = root, nested = false
            var above: Swift.Set<Int64> = [root]
            while let manager = try managerOf.first([.integer(current)], { $0.optionalInt(0) }) ?? nil {
                // Back at a role already passed: the restored lines make a loop.
                guard above.insert(manager).inserted else {
                    throw OrgError.internalError(detail: "restoring role #\(root) would make a reporting loop")
                }
                if pending.contains(manager) { nested = true; break }
                current = manager
            }
            if !nested { tops.append(root) }
        }
        let parentLabel = try db.statement("SELECT p.path, p.depth FROM role r JOIN role p ON p.id = r.manager_id WHERE r.id = ?")
        let children = try db.statement("SELECT id FROM role WHERE manager_id = ?")
        let update = try db.statement("UPDATE role SET path = ?, depth = ? WHERE id = ?")
        var seen = Set<Int64>()
        for top in tops {
            let (parentPath, parentDepth) = try parentLabel.first([.integer(top)]) { ($0.text(0), Int($0.int(1))) } ?? ("", -1)
            var queue = [(top, parentPath, parentDepth)]
            while let (id, abovePath, aboveDepth) = queue.popLast() {
                guard seen.insert(id).inserted else {
                    throw OrgError.internalError(detail: "a reporting loop was found while restoring role #\(id)")
                }
                let path = abovePath + PathLabel.segment(id)
                try update.run([.text(path), .integer(Int64(aboveDepth + 1)), .integer(id)])
                for child in try children.map([.integer(id)], { $0.int(0) }) {
                    queue.append((child, path, aboveDepth + 1))
                }
            }
        }
    }
}
