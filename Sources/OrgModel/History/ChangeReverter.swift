/// Reverts one recorded change by applying its before-images, on whatever
/// connection it is given: the live database for `undo`, a private copy for
/// the chart as of a date. The caller holds the transaction; foreign keys are
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

    /// Puts every row the change touched back as it was before it.
    func revert(_ change: Bounds) throws {
        try db.execute(script: "PRAGMA defer_foreign_keys = ON")
        let c = SQLValue.integer(change.id)
        // Roles whose solid line the revert changes, or which come back: their
        // trees need new path labels once every row is back.
        let relabel = try db.statement("""
            SELECT w.id FROM role_was w LEFT JOIN role r ON r.id = w.id
            WHERE w.change_id = ? AND w.existed = 1 AND (r.id IS NULL OR r.manager_id IS NOT w.manager_id)
            """).map([c]) { $0.int(0) }

        // What the change created goes. Lines and governance first, so that
        // cascades do not record them twice.
        try db.run("""
            DELETE FROM dotted_line WHERE (role_id, manager_id) IN
                (SELECT role_id, manager_id FROM dotted_line_was WHERE change_id = ? AND existed = 0)
            """, [c])
        try db.run("DELETE FROM governance WHERE unit_id IN (SELECT unit_id FROM governance_was WHERE change_id = ? AND existed = 0)", [c])
        try db.run("""
            DELETE FROM role WHERE id > ?2 AND id <= ?3
               OR id IN (SELECT id FROM role_was WHERE change_id = ?1 AND existed = 0)
            """, [c, .integer(change.roleSeq), .integer(change.roleSeqEnd)])
        try db.run("""
            DELETE FROM unit WHERE id > ?2 AND id <= ?3
               OR id IN (SELECT id FROM unit_was WHERE change_id = ?1 AND existed = 0)
            """, [c, .integer(change.unitSeq), .integer(change.unitSeqEnd)])

        // What it changed or removed comes back as it was. Depth and path are
        // provisional until the relabelling below; the depth only has to agree
        // with whether there is a manager.
        try db.run("""
            UPDATE role SET key = w.key, title = w.title, holder = w.holder, unit_id = w.unit_id, grade = w.grade,
                            salary_minor = w.salary_minor, currency = w.currency, rung = w.rung, manager_id = w.manager_id,
                            depth = CASE WHEN w.manager_id IS NULL THEN 0 ELSE max(role.depth, 1) END
            FROM role_was w WHERE w.change_id = ? AND w.existed = 1 AND role.id = w.id
            """, [c])
        try db.run("""
            INSERT INTO role (id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id, path, depth)
            SELECT w.id, w.key, w.title, w.holder, w.unit_id, w.grade, w.salary_minor, w.currency, w.rung, w.manager_id,
                   '~' || w.id, w.manager_id IS NOT NULL
            FROM role_was w WHERE w.change_id = ? AND w.existed = 1 AND NOT EXISTS (SELECT 1 FROM role r WHERE r.id = w.id)
            """, [c])
        try db.run("""
            UPDATE unit SET key = w.key, name = w.name, kind = w.kind, pmo_type = w.pmo_type,
                            parent_id = w.parent_id, head_role_id = w.head_role_id
            FROM unit_was w WHERE w.change_id = ? AND w.existed = 1 AND unit.id = w.id
            """, [c])
        try db.run("""
            INSERT INTO unit (id, key, name, kind, pmo_type, parent_id, head_role_id)
            SELECT w.id, w.key, w.name, w.kind, w.pmo_type, w.parent_id, w.head_role_id
            FROM unit_was w WHERE w.change_id = ? AND w.existed = 1 AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = w.id)
            """, [c])
        try db.run("""
            INSERT OR IGNORE INTO dotted_line (role_id, manager_id)
            SELECT role_id, manager_id FROM dotted_line_was WHERE change_id = ? AND existed = 1
            """, [c])
        // Not INSERT OR REPLACE: its implicit delete would go unrecorded.
        try db.run("DELETE FROM governance WHERE unit_id IN (SELECT unit_id FROM governance_was WHERE change_id = ? AND existed = 1)", [c])
        try db.run("INSERT INTO governance (unit_id, pmo_id) SELECT unit_id, pmo_id FROM governance_was WHERE change_id = ? AND existed = 1", [c])

        try relabelTrees(of: relabel)
    }

    /// Gives the trees of `roots` (as they now hang) correct path labels and
    /// depths, top down. Only the topmost of nested roots is walked.
    private func relabelTrees(of roots: [Int64]) throws {
        guard !roots.isEmpty else { return }
        let pending = Set(roots)
        let managerOf = try db.statement("SELECT manager_id FROM role WHERE id = ?")
        var tops: [Int64] = []
        for root in roots {
            var current = root, steps = 0, nested = false
            while let manager = try managerOf.first([.integer(current)], { $0.optionalInt(0) }) ?? nil {
                if pending.contains(manager) { nested = true; break }
                current = manager
                steps += 1
                if steps > 100_000 { throw OrgError.internalError(detail: "a reporting loop was found while restoring role #\(root)") }
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
