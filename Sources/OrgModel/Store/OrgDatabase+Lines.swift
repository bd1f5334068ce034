/// Dotted (matrix) reporting lines. Solid lines are set by adding and moving roles.
extension OrgDatabase {
    /// Adds a dotted line from `role` to `manager`, refusing one that would
    /// close a loop with the existing lines.
    public func addDottedLine(from role: String, to manager: String) throws(OrgError) {
        try writeAtItsMoment { try insertDottedLine(from: try roleRow(role), to: try roleRow(manager)) }
    }

    /// Adds the dotted line inside the caller's transaction, after the checks.
    func insertDottedLine(from report: RoleRow, to boss: RoleRow) throws {
        if report.id == boss.id { throw OrgError.selfReport(key: report.key) }
        if report.managerID == boss.id { throw OrgError.lineExists(role: report.key, manager: boss.key, solid: true) }
        if try db.integer("SELECT 1 FROM dotted_line WHERE role_id = ? AND manager_id = ?",
                          [.integer(report.id), .integer(boss.id)]) != nil {
            throw OrgError.lineExists(role: report.key, manager: boss.key, solid: false)
        }
        try refuseCycle(adding: report.id, reportingTo: boss, skipping: nil)
        try db.run("INSERT INTO dotted_line (role_id, manager_id) VALUES (?, ?)", [.integer(report.id), .integer(boss.id)])
    }

    /// Removes the dotted line from `role` to `manager`.
    public func removeDottedLine(from role: String, to manager: String) throws(OrgError) {
        try writeAtItsMoment {
            let report = try roleRow(role)
            let boss = try roleRow(manager)
            try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(report.id), .integer(boss.id)])
            if db.changes == 0 { throw OrgError.noSuchLine(role: report.key, manager: boss.key) }
        }
    }
}
