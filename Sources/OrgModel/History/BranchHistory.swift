/// Which recorded changes lie wholly inside one branch of the chart, judged
/// by where the roles are now: what a client limited to that branch may see
/// of the history, and undo.
///
/// A change lies inside the branch under a role when it touched at least one
/// role, and every role it touched is inside the branch now, and so is every
/// manager it gave a role or took one from, and every role at either end of a
/// dotted line it drew or removed. A role that no longer exists counts as
/// inside when the manager it last had is, and a role the change created
/// only when the manager it was created under is inside too (its first
/// image records it, once the role is gone). A change that wrote a unit or a
/// unit's governance is never inside: units are not part of any branch. So a
/// move into or out of the branch, an addition above it, a line to a role
/// outside it, are not shown at all: their summaries would name roles outside.
///
/// Set-based: the change table is walked newest first by its id, and each
/// change is tested through the index ranges of its own images (the primary
/// keys of `role_was` and `dotted_line_was` begin with the change), the rows
/// it created (an id range of `role`) and the branch's range of the path
/// index; the walk stops at the limit. No role's history is read.
enum BranchHistory {
    /// The changes inside the branch whose path labels run from ?1 up to ?2,
    /// with ids below ?3, newest first, at most ?4, with
    /// ``OrgDatabase/recordColumns`` first.
    static let sql = """
        SELECT \(OrgDatabase.recordColumns) FROM change c
        WHERE c.id < ?3 AND \(inside)
        ORDER BY c.id DESC LIMIT ?4
        """

    /// 1 when change ?3 lies inside the branch whose path labels run from ?1 up to ?2.
    static let containsSQL = "SELECT EXISTS (SELECT 1 FROM change c WHERE c.id = ?3 AND \(inside))"

    /// The test on change `c`.
    private static let inside = """
        c.role_seq_end IS NOT NULL
          AND (EXISTS (SELECT 1 FROM role_was w WHERE w.change_id = c.id)
               OR EXISTS (SELECT 1 FROM dotted_line_was d WHERE d.change_id = c.id)
               OR c.role_seq_end > c.role_seq)
          AND coalesce(c.unit_seq_end, c.unit_seq) = c.unit_seq
          AND NOT EXISTS (SELECT 1 FROM unit_was u WHERE u.change_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM governance_was g WHERE g.change_id = c.id)
          AND NOT EXISTS (
              SELECT 1 FROM role_was w WHERE w.change_id = c.id
                AND (NOT \(placed("w.id"))
                     OR (\(managerBefore) IS NOT \(managerAfter)
                         AND ((\(managerBefore) IS NOT NULL AND NOT \(placed(managerBefore)))
                              OR (\(managerAfter) IS NOT NULL AND NOT \(placed(managerAfter)))))))
          AND NOT EXISTS (
              SELECT 1 FROM role k WHERE k.id > c.role_seq AND k.id <= c.role_seq_end
                AND (NOT \(placed("k.id"))
                     OR (\(createdManager) IS NOT NULL AND NOT \(placed(createdManager)))))
          AND NOT EXISTS (
              SELECT 1 FROM role_was k WHERE k.id > c.role_seq AND k.id <= c.role_seq_end
                AND k.existed = 1 AND NOT \(placed("k.id")))
          AND NOT EXISTS (
              SELECT 1 FROM role_was k WHERE k.id > c.role_seq AND k.id <= c.role_seq_end
                AND k.change_id = (SELECT min(n.change_id) FROM role_was n WHERE n.id = k.id)
                AND k.existed = 1 AND k.manager_id IS NOT NULL AND NOT \(placed("k.manager_id")))
          AND NOT EXISTS (
              SELECT 1 FROM dotted_line_was d WHERE d.change_id = c.id
                AND (NOT \(placed("d.role_id")) OR NOT \(placed("d.manager_id"))))
          \(bornLinesInside)
        """

    /// The dotted lines that came with a role the change created, still
    /// there or since removed, held from both ends: the other end must be
    /// inside the branch too.
    private static let bornLinesInside = [("dotted_line", "role_id", "manager_id"), ("dotted_line", "manager_id", "role_id"),
                                          ("dotted_line_was", "role_id", "manager_id"), ("dotted_line_was", "manager_id", "role_id")]
        .map { table, created, other in
            """
            AND NOT EXISTS (
                  SELECT 1 FROM \(table) d WHERE d.\(created) > c.role_seq AND d.\(created) <= c.role_seq_end
                    AND \(bornWith("d")) AND NOT \(placed("d.\(other)")))
            """
        }
        .joined(separator: "\n")

    /// The manager in image `w`: the row before the change (NULL when the change inserted it).
    private static let managerBefore = "(CASE WHEN w.existed = 1 THEN w.manager_id END)"

    /// The manager of `w`'s row as the change left it: in the row's next
    /// image, or the row as it is now when no later change wrote it.
    private static let managerAfter = """
        (CASE WHEN EXISTS (SELECT 1 FROM role_was n WHERE n.id = w.id AND n.change_id > w.change_id)
              THEN (SELECT CASE WHEN n.existed = 1 THEN n.manager_id END FROM role_was n
                    WHERE n.id = w.id AND n.change_id > w.change_id ORDER BY n.change_id LIMIT 1)
              ELSE (SELECT r.manager_id FROM role r WHERE r.id = w.id) END)
        """

    /// The manager the change gave role `k`, which it created: in the
    /// role's first image, or the role as it is now when none wrote it since.
    private static let createdManager = """
        coalesce((SELECT n.manager_id FROM role_was n WHERE n.id = k.id ORDER BY n.change_id LIMIT 1),
                 k.manager_id)
        """

    /// True when the dotted line `d` came with a role a change created (an
    /// import's lines), which no image records: its first image, if any,
    /// finds it already there. (A line drawn later has a first image that
    /// finds it absent.)
    private static func bornWith(_ d: String) -> String {
        """
        coalesce((SELECT x.existed FROM dotted_line_was x WHERE x.role_id = \(d).role_id AND x.manager_id = \(d).manager_id
                  ORDER BY x.change_id LIMIT 1), 1) = 1
        """
    }

    /// True when the role with id `id` is inside the branch now, or, gone,
    /// had last a manager inside it. A role's path label is read by its id,
    /// then held to the branch's range.
    private static func placed(_ id: String) -> String {
        """
        (EXISTS (SELECT 1 FROM role p WHERE p.id = \(id) AND p.path >= ?1 AND p.path < ?2)
         OR (NOT EXISTS (SELECT 1 FROM role p WHERE p.id = \(id))
             AND EXISTS (SELECT 1 FROM role p WHERE p.path >= ?1 AND p.path < ?2 AND p.id =
                 (SELECT x.manager_id FROM role_was x WHERE x.id = \(id) AND x.existed = 1
                  ORDER BY x.change_id DESC LIMIT 1))))
        """
    }
}
