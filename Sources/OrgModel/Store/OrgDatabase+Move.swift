/// Moving a role, with its whole tree, to a new manager.
extension OrgDatabase {
    /// Moves `key` and everyone below it under `manager`, or makes it a root
    /// when `manager` is nil. A dotted line to the new manager becomes the solid line.
    ///
    /// ```swift
    /// let report = try org.move("pm-payments", to: "pmo-it-director")
    /// print(report.from ?? "top", "→", report.to ?? "top", report.movedCount)
    /// try org.move("cto", to: nil)  // now a root
    /// ```
    @discardableResult
    public func move(_ key: String, to manager: String?) throws(OrgError) -> MoveReport {
        try writeAtItsMoment { try performMove(try roleRow(key), to: try manager.map { try roleRow($0) }) }
    }

    /// The move itself, inside the caller's transaction.
    func performMove(_ role: RoleRow, to target: RoleRow?) throws -> MoveReport {
        let from = try role.managerID.map { try roleRow(id: $0).key }
        let movedCount = Int(try db.integer("SELECT count(*) FROM role WHERE path >= ? AND path < ?",
                                            [.text(role.path), .text(PathLabel.end(of: role.path))]) ?? 1)
        if target?.id == role.managerID {
            return MoveReport(key: role.key, from: from, to: target?.key, movedCount: 0, dottedLineReplaced: false)
        }
        if let target { try refuseCycle(adding: role.id, reportingTo: target, skipping: nil) }
        let dottedReplaced = try rehang(role, under: target)
        return MoveReport(key: role.key, from: from, to: target?.key, movedCount: movedCount,
                          dottedLineReplaced: dottedReplaced)
    }

    /// Hangs `role`'s tree under `target` (a root when nil) once any cycle
    /// has been refused: refuses a chart deeper than the limit, turns a dotted
    /// line to the target into the solid line, and relabels the tree.
    /// Returns true when a dotted line was replaced.
    func rehang(_ role: RoleRow, under target: RoleRow?) throws -> Bool {
        let depthChange = (target?.depth ?? -1) + 1 - role.depth
        try refuseDeepening(treeAt: role.path, by: depthChange)
        var dottedReplaced = false
        if let target {
            try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(role.id), .integer(target.id)])
            dottedReplaced = db.changes > 0
        }
        try relabel(treeAt: role.path, newPrefix: (target?.path ?? "") + PathLabel.segment(role.id), depthChange: depthChange,
                    movingTop: (role.id, target?.id))
        return dottedReplaced
    }

    /// Throws ``OrgError/cycle(path:)`` when `manager` sits in `role`'s own
    /// tree, judging by solid lines alone: enough for a caller that checks
    /// the dotted lines afterwards, all at once.
    func refuseSolidCycle(adding role: RoleRow, reportingTo manager: RoleRow) throws {
        if manager.id == role.id { throw OrgError.selfReport(key: manager.key) }
        if manager.path.hasPrefix(role.path) { throw try cycle(role: role, through: [manager.id]) }
    }

    /// Throws ``OrgError/cycle(path:)`` when a line from role `id` up to
    /// `manager` would close a loop of solid and dotted lines, that is when the
    /// manager already reports, through any chain of lines, to the role or to
    /// anyone below it. The role with id `skipping` is treated as already gone
    /// (it is being removed).
    func refuseCycle(adding id: Int64, reportingTo manager: RoleRow, skipping: Int64?) throws {
        if manager.id == id { throw OrgError.selfReport(key: manager.key) }
        let role = try roleRow(id: id)
        if try db.integer("SELECT EXISTS (SELECT 1 FROM dotted_line)") == 0 {
            // Solid lines only: the manager's path is its whole chain.
            if manager.path.hasPrefix(role.path) { throw try cycle(role: role, through: [manager.id]) }
            return
        }
        // Walk upwards from the manager across both kinds of line, breadth
        // first, remembering how each role was reached.
        var cameFrom: [Int64: Int64] = [manager.id: manager.id]
        var frontier = [manager]
        let up = try db.statement("""
            SELECT manager_id FROM role WHERE id = ?1 AND manager_id IS NOT NULL
            UNION SELECT manager_id FROM dotted_line WHERE role_id = ?1
            """)
        while !frontier.isEmpty {
            var next: [RoleRow] = []
            for current in frontier {
                if current.path.hasPrefix(role.path) {
                    var walked = [current.id]
                    while walked.last != manager.id { walked.append(cameFrom[walked.last!]!) }
                    throw try cycle(role: role, through: walked.reversed())
                }
                for above in try up.map([.integer(current.id)], { $0.int(0) })
                where cameFrom[above] == nil && above != skipping {
                    cameFrom[above] = current.id
                    next.append(try roleRow(id: above))
                }
            }
            frontier = next
        }
    }

    /// The cycle error for `role` reporting up through `walked` (manager
    /// first), which ends inside the role's own tree, then back up to the role.
    private func cycle(role: RoleRow, through walked: [Int64]) throws -> OrgError {
        let end = try roleRow(id: walked.last!)
        let backUp = PathLabel.ids(in: end.path).drop { $0 != role.id }.dropFirst().dropLast().reversed()
        let ids = walked.last == role.id ? walked : walked + backUp + [role.id]
        return .cycle(path: [role.key] + (try ids.map { try roleRow(id: $0).key }))
    }
}

/// What a move did, so it can be told to the user.
public struct MoveReport: Sendable, Equatable, Codable {
    /// The role that moved.
    public var key: String
    /// Its manager before the move; nil when it was a root.
    public var from: String?
    /// Its manager after the move; nil when it is now a root.
    public var to: String?
    /// How many roles moved: the role and everyone below it (0 when nothing changed).
    public var movedCount: Int
    /// True when a dotted line to the new manager was replaced by the solid line.
    public var dottedLineReplaced: Bool
}
