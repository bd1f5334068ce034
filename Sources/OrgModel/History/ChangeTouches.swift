/// Which recorded changes touched a role or unit: those that wrote its row
/// or one of its lines. Found from the before-images and the id ranges the
/// changes created, never from the words of their summaries, so a holder
/// or a title that happens to spell a key does not count.
///
/// A change touched a role when it created, changed or removed the role's
/// row; drew or removed a dotted line from or to it; moved a report to it
/// or away from it (a solid line into it changed, by a move, an addition
/// or a removal of the report); or made it or stopped it being a unit's
/// head. A change touched a unit when it created, changed or removed the
/// unit's row; put a role in it or took one out; put a unit under it or
/// took one away; or changed its governance, as the governed unit or the
/// governing PMO.
///
/// A key names every row that ever had it: the row that has it now and
/// any row whose before-image has it (a role removed, or renamed since).
enum ChangeTouches {
    /// The query for the touched changes in force from ?1 on, for the key
    /// ?2, newest first, with ``OrgDatabase/recordColumns`` first.
    static let sql: String = {
        var parts: [String] = [
            // Its own row: written, or created.
            "SELECT change_id FROM role_was WHERE id IN rid",
            "SELECT change_id FROM unit_was WHERE id IN uid",
            created(.role, "rid"),
            created(.unit, "uid"),
            // Its dotted lines and governance, as either end.
            "SELECT change_id FROM dotted_line_was WHERE role_id IN rid OR manager_id IN rid",
            governanceWritten,
            linesBorn,
            governanceBorn,
        ]
        // Lines from other rows into it: a report's manager, a role's unit,
        // a unit's parent, a unit's head.
        for (table, column, targets) in [(IdentifiedTable.role, "manager_id", "rid"), (.role, "unit_id", "uid"),
                                         (.unit, "parent_id", "uid"), (.unit, "head_role_id", "rid")] {
            parts += references(table, column, targets)
        }
        return """
            WITH rid(id) AS MATERIALIZED (
                     SELECT id FROM role WHERE key = ?2 UNION SELECT id FROM role_was WHERE key = ?2 AND existed = 1),
                 uid(id) AS MATERIALIZED (
                     SELECT id FROM unit WHERE key = ?2 UNION SELECT id FROM unit_was WHERE key = ?2 AND existed = 1),
                 touched(id) AS (
                     \(parts.joined(separator: "\n        UNION "))
                 )
            SELECT \(OrgDatabase.recordColumns) FROM change c
            WHERE c.effective_at >= ?1 AND c.id IN touched ORDER BY c.id DESC
            """
    }()

    /// The changes that created one of `targets`: the id is in their range.
    private static func created(_ table: IdentifiedTable, _ targets: String) -> String {
        let seq = table.rawValue + "_seq"
        return "SELECT c.id FROM change c JOIN \(targets) t ON t.id > c.\(seq) AND t.id <= coalesce(c.\(seq)_end, c.\(seq))"
    }

    /// The changes whose effect on a row of `table` moved its `column` to
    /// or from one of `targets`: from a before-image to the row as the
    /// change left it (the next image of the row, or the row as it is now),
    /// and from nothing to the row as its creator left it.
    private static func references(_ table: IdentifiedTable, _ column: String, _ targets: String) -> [String] {
        let name = table.rawValue, seq = table.rawValue + "_seq"
        let before = "(CASE WHEN w.existed = 1 THEN w.\(column) END)"
        let after = "(CASE WHEN n.change_id IS NULL THEN r.\(column) WHEN n.existed = 1 THEN n.\(column) END)"
        return [
            """
            SELECT w.change_id FROM \(name)_was w
            LEFT JOIN \(name)_was n ON n.id = w.id AND n.change_id =
                (SELECT min(x.change_id) FROM \(name)_was x WHERE x.id = w.id AND x.change_id > w.change_id)
            LEFT JOIN \(name) r ON r.id = w.id
            WHERE w.id IN (SELECT id FROM \(name)_was WHERE \(column) IN \(targets)
                           UNION SELECT id FROM \(name) WHERE \(column) IN \(targets))
              AND \(before) IS NOT \(after) AND (\(before) IN \(targets) OR \(after) IN \(targets))
            """,
            // A created row never changed since: as it is now. The index on
            // the column, whose entries end with the id, finds it per change.
            """
            SELECT c.id FROM change c WHERE EXISTS (
                SELECT 1 FROM \(name) r WHERE r.\(column) IN \(targets)
                  AND r.id > c.\(seq) AND r.id <= coalesce(c.\(seq)_end, c.\(seq))
                  AND NOT EXISTS (SELECT 1 FROM \(name)_was x WHERE x.id = r.id))
            """,
            // A created row changed since: as its first image has it.
            """
            SELECT c.id FROM \(name)_was w JOIN change c ON w.id > c.\(seq) AND w.id <= coalesce(c.\(seq)_end, c.\(seq))
            WHERE w.\(column) IN \(targets) AND w.existed = 1
              AND w.change_id = (SELECT min(x.change_id) FROM \(name)_was x WHERE x.id = w.id)
            """,
        ]
    }

    /// Governance written: the governed unit, or the PMO before or after.
    private static let governanceWritten = """
        SELECT w.change_id FROM governance_was w
        LEFT JOIN governance_was n ON n.unit_id = w.unit_id AND n.change_id =
            (SELECT min(x.change_id) FROM governance_was x WHERE x.unit_id = w.unit_id AND x.change_id > w.change_id)
        LEFT JOIN governance g ON g.unit_id = w.unit_id
        WHERE w.unit_id IN uid OR (w.existed = 1 AND w.pmo_id IN uid)
           OR (CASE WHEN n.change_id IS NULL THEN g.pmo_id WHEN n.existed = 1 THEN n.pmo_id END) IN uid
        """

    /// Lines that came with a role a change created (an import's dotted
    /// lines), which no image records: a line whose first image, if any,
    /// finds it already there was drawn by the change that created its
    /// newer end. (A line drawn later has an image that finds it absent.)
    private static let linesBorn = """
        SELECT c.id FROM (
            SELECT role_id, manager_id FROM dotted_line WHERE role_id IN rid OR manager_id IN rid
            UNION SELECT role_id, manager_id FROM dotted_line_was WHERE role_id IN rid OR manager_id IN rid
        ) l JOIN change c ON max(l.role_id, l.manager_id) > c.role_seq
                         AND max(l.role_id, l.manager_id) <= coalesce(c.role_seq_end, c.role_seq)
        WHERE coalesce((SELECT x.existed FROM dotted_line_was x WHERE x.role_id = l.role_id AND x.manager_id = l.manager_id
                        ORDER BY x.change_id LIMIT 1), 1) = 1
        """

    /// Governance that came with a unit a change created, likewise (a
    /// unit has one governance row, so its first image must also name the
    /// same PMO).
    private static let governanceBorn = """
        SELECT c.id FROM (
            SELECT unit_id, pmo_id FROM governance WHERE unit_id IN uid OR pmo_id IN uid
            UNION SELECT unit_id, pmo_id FROM governance_was WHERE existed = 1 AND (unit_id IN uid OR pmo_id IN uid)
        ) g JOIN change c ON max(g.unit_id, g.pmo_id) > c.unit_seq
                         AND max(g.unit_id, g.pmo_id) <= coalesce(c.unit_seq_end, c.unit_seq)
        WHERE coalesce((SELECT x.existed = 1 AND x.pmo_id = g.pmo_id FROM governance_was x WHERE x.unit_id = g.unit_id
                        ORDER BY x.change_id LIMIT 1), 1) = 1
        """
}
