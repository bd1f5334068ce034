import OrgSQLite

/// The whole chart, or one branch of it, as a stream of rows in depth-first order.
extension OrgDatabase {
    /// Calls `visit` with every role in the tree below `root` (every tree when
    /// nil), depth first, in one sequential scan of the path index (which
    /// skips what a depth limit cuts off): the chart is never held in memory,
    /// so a million roles stream in constant space.
    /// - Parameters:
    ///   - root: the role (or unit head) at the top of the walk; nil for every tree.
    ///   - maxDepth: how many levels below the top to include (0 is the top only).
    ///   - includeDotted: after each manager, also visit the roles with a dotted
    ///     line to it, as leaves marked ``ReportEntry/Line/dotted``.
    ///   - visit: called once per row, in order; an error it throws ends the walk.
    public func walkTree(root: String? = nil, maxDepth: Int? = nil, includeDotted: Bool = false,
                         _ visit: (TreeNode) throws -> Void) throws(OrgError) {
        try read {
            let top = try root.map { try roleRow(roleOrUnit: $0) }
            let base = top?.depth ?? 0
            let lowest = Int64(BranchScan.deepest(below: base, levels: maxDepth))
            let units = try units()
            let dottedExist = try includeDotted && db.integer("SELECT EXISTS (SELECT 1 FROM dotted_line)") == 1
            let dotted = try db.statement("""
                SELECT \(Self.roleColumns) FROM dotted_line d JOIN role r ON r.id = d.role_id \(Self.roleJoins)
                WHERE d.manager_id = ? ORDER BY r.path
                """)
            let below = try db.statement("SELECT count(*) FROM role WHERE path > ? AND path < ?")
            var managers = DepthFirstKeys(topDepth: base, aboveTop: try top?.managerID.map { try roleRow(id: $0).key })
            let lower = top?.path ?? ""
            let upper = top.map { PathLabel.end(of: $0.path) } ?? PathLabel.upperBound
            // For the whole chart, every manager's report count comes from one
            // pass over the manager index, cheaper than a look-up per role.
            let reportCounts = top != nil || maxDepth != nil ? nil : try ReportCounts(db: db)
            // Assistants come first under their manager, each with its own
            // branch, so the walk visits them when it reaches the manager and
            // skips them where path order would put them. Charts without
            // assistants (most) pay one index probe for this.
            let assistantsExist = try db.integer("SELECT EXISTS (SELECT 1 FROM role WHERE assistant = 1)") == 1
            let assistantsOf = try db.statement("SELECT path FROM role WHERE manager_id = ? AND assistant = 1 ORDER BY path")
            // One statement per level of nested assistants' branches: a
            // statement cannot serve a scan inside its own scan.
            func walk(_ level: Int) throws -> Statement {
                try db.statement("""
                    SELECT \(Self.streamedRoleColumns), r.id,
                           \(reportCounts == nil ? "(SELECT count(*) FROM role c WHERE c.manager_id = r.id)" : "0"),
                           \(dottedExist ? "(SELECT count(*) FROM dotted_line x WHERE x.manager_id = r.id)" : "0"), r.path
                    FROM role r
                    WHERE r.path >= ?1 AND r.path < ?2 AND r.depth <= ?3
                    ORDER BY r.path
                    """ + (level == 0 ? "" : " -- assistants' branch, level \(level)"))
            }
            func scan(from lower: String, below upper: String, topDepth: Int, level: Int) throws {
                try BranchScan.forEachRow(try walk(level), from: lower, below: upper, deepest: lowest) { row in
                    let path = row.text(Self.roleColumnCount + 3)
                    let depth = Int(row.int(8))
                    // Visited already, first under its manager.
                    if assistantsExist && row.int(11) == 1 && depth > topDepth { return path }
                    var role = makeRole(row, units: units)
                    role.reportsTo = managers.visit(key: role.key, depth: role.depth)
                    if row.int(11) == 1 { role.assistantTo = role.reportsTo }
                    role.unit = row.optionalInt(9).flatMap { units.byID[$0]?.unit.key }
                    let atBottom = Int64(role.depth) >= lowest
                    let reports = reportCounts.map { $0[row.int(Self.roleColumnCount)] } ?? row.int(Self.roleColumnCount + 1)
                    let solidChildren = atBottom ? 0 : Int(reports)
                    let dottedChildren = atBottom ? 0 : Int(row.int(Self.roleColumnCount + 2))
                    // At the depth limit, say how many roles the cut hides.
                    let hidden = atBottom && reports > 0
                        ? Int(try below.first([.text(path), .text(PathLabel.end(of: path))]) { $0.int(0) } ?? 0)
                        : 0
                    try visit(TreeNode(role: role, depth: role.depth - base, childCount: solidChildren + dottedChildren,
                                       line: .solid, hiddenBelow: hidden))
                    if assistantsExist && solidChildren > 0 {
                        for assistant in try assistantsOf.map([.integer(row.int(Self.roleColumnCount))], { $0.text(0) }) {
                            try scan(from: assistant, below: PathLabel.end(of: assistant), topDepth: depth + 1, level: level + 1)
                        }
                    }
                    if dottedChildren > 0 {
                        try dotted.forEachRow([.integer(row.int(Self.roleColumnCount))]) { dottedRow in
                            try visit(TreeNode(role: makeRole(dottedRow, units: units), depth: role.depth - base + 1,
                                               childCount: 0, line: .dotted, hiddenBelow: 0))
                        }
                    }
                    return hidden > 0 ? path : nil
                }
            }
            try scan(from: lower, below: upper, topDepth: base, level: 0)
        }
    }
}

/// One row of a depth-first walk of the chart.
public struct TreeNode: Sendable, Equatable {
    /// The role on this row.
    public var role: Role
    /// Levels below the top of the walk (0 for the top).
    public var depth: Int
    /// How many rows the walk will visit directly below this one: solid
    /// reports, plus dotted ones when they are included. A renderer uses it to
    /// know which child is the last.
    public var childCount: Int
    /// A dotted row is a role with a dotted line to the row above it; its own
    /// reports appear under its solid manager, not here.
    public var line: ReportEntry.Line
    /// How many roles below this one a depth limit leaves out (0 when none).
    public var hiddenBelow: Int = 0
}
