import OrgSQLite

/// Adding, changing and removing roles.
extension OrgDatabase {
    /// Adds a role, placing it under its manager when one is named.
    ///
    /// ```swift
    /// try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "Amara Okafor"))
    /// try org.addRole(RoleDraft(key: "pm-payments", title: "Project Manager", reportsTo: "ceo"))  // vacant
    /// ```
    @discardableResult
    public func addRole(_ draft: RoleDraft) throws(OrgError) -> Role {
        try writeAtItsMoment { try insertRole(draft, summarised: true) }
    }

    /// Changes the fields of a role; its reporting lines stay as they are.
    @discardableResult
    public func updateRole(_ key: String, _ changes: RoleChanges) throws(OrgError) -> Role {
        try writeAtItsMoment {
            let role = try roleRow(key)
            if let title = changes.title {
                try db.run("UPDATE role SET title = ? WHERE id = ?",
                           [.text(try Validation.text(title, field: "title")), .integer(role.id)])
            }
            switch changes.holder {
            case .holder(let name)?:
                try db.run("UPDATE role SET holder = ? WHERE id = ?",
                           [.text(try Validation.text(name, field: "holder")), .integer(role.id)])
            case .vacate?:
                try db.run("UPDATE role SET holder = NULL WHERE id = ?", [.integer(role.id)])
            case nil:
                break
            }
            if let unit = changes.unit {
                try db.run("UPDATE role SET unit_id = ? WHERE id = ?", [.integer(try unitID(unit)), .integer(role.id)])
            }
            if let grade = changes.grade {
                try db.run("UPDATE role SET grade = ? WHERE id = ?", [.integer(Int64(try Validation.grade(grade))), .integer(role.id)])
            }
            if let rung = changes.rung {
                try db.run("UPDATE role SET rung = ? WHERE id = ?", [.text(rung.rawValue), .integer(role.id)])
            }
            if let salary = changes.salary {
                try db.run("UPDATE role SET salary_minor = ?, currency = ? WHERE id = ?",
                           [.integer(salary.minorUnits), .text(salary.currency), .integer(role.id)])
            }
            if let amount = changes.salaryAmount {
                // The currency the role is paid in stays: only the amount was given.
                guard let currency = try db.statement("SELECT currency FROM role WHERE id = ?")
                    .first([.integer(role.id)], { $0.optionalText(0) }) ?? nil
                else {
                    throw OrgError.invalidValue(field: "salary", value: amount,
                                                hint: "\(role.key) has no salary yet, so its currency must be given too")
                }
                let salary = try Money(amount: amount, currency: currency)
                try db.run("UPDATE role SET salary_minor = ? WHERE id = ?", [.integer(salary.minorUnits), .integer(role.id)])
            }
            try clear(changes.clearing, of: role)
            if let assistant = changes.assistant { try setAssistant(assistant, of: role) }
            return try fetchRole(id: role.id)
        }
    }

    /// Makes `role` the assistant of another role, moving it (with its tree)
    /// under that role first when it reports elsewhere, or an ordinary report.
    private func setAssistant(_ change: RoleChanges.AssistantChange, of role: RoleRow) throws {
        switch change {
        case .assistantTo(let key):
            let assisted = try roleRow(key)
            if assisted.id == role.id { throw OrgError.selfAssistant(key: role.key) }
            if assisted.id != role.managerID {
                _ = try performMove(role, to: assisted)
            }
            try db.run("UPDATE role SET assistant = 1 WHERE id = ?", [.integer(role.id)])
        case .none:
            try db.run("UPDATE role SET assistant = 0 WHERE id = ?", [.integer(role.id)])
        }
    }

    /// Empties the fields asked for, each in the statement that keeps its columns consistent.
    private func clear(_ fields: Swift.Set<RoleChanges.ClearableField>, of role: RoleRow) throws {
        for field in RoleChanges.ClearableField.allCases where fields.contains(field) {
            let columns = switch field {
            case .unit: "unit_id = NULL"
            case .grade: "grade = NULL"
            case .salary: "salary_minor = NULL, currency = NULL"
            case .rung: "rung = NULL"
            }
            try db.run("UPDATE role SET \(columns) WHERE id = ?", [.integer(role.id)])
        }
    }

    /// Removes a role. Its direct reports move to `reassignTo`, or by default
    /// to the removed role's own manager; a root with reports needs `reassignTo`.
    @discardableResult
    public func removeRole(_ key: String, reassignTo: String? = nil) throws(OrgError) -> RemovalReport {
        try writeAtItsMoment {
            let role = try roleRow(key)
            let reports = try directReportIDs(of: role.id)
            let target: RoleRow? = try reassignTo.map { try roleRow($0) }
                ?? role.managerID.map { try roleRow(id: $0) }
            if let target {
                if target.id == role.id { throw OrgError.selfReport(key: role.key) }
                if target.path.hasPrefix(role.path) {
                    throw OrgError.reassignInsideSubtree(key: role.key, target: target.key)
                }
                for report in reports {
                    try refuseCycle(adding: report, reportingTo: target, skipping: role.id)
                }
            } else if !reports.isEmpty {
                throw OrgError.wouldOrphan(key: role.key, reports: reports.count)
            }
            let removed = try fetchRole(id: role.id)
            let headless = try db.statement("SELECT key FROM unit WHERE head_role_id = ? ORDER BY key")
                .map([.integer(role.id)]) { $0.text(0) }
            var reassigned: [String] = []
            if let target, !reports.isEmpty {
                try refuseDeepening(treeAt: role.path, by: target.depth - role.depth, includingTop: false)
                reassigned = try reports.map { try roleRow(id: $0).key }
                try db.run("DELETE FROM dotted_line WHERE manager_id = ? AND role_id IN (SELECT id FROM role WHERE manager_id = ?)",
                           [.integer(target.id), .integer(role.id)])
                // The removed role's assistants become ordinary reports of their new manager.
                try db.run("UPDATE role SET manager_id = ?, assistant = 0 WHERE manager_id = ?", [.integer(target.id), .integer(role.id)])
                try relabel(treeAt: role.path, newPrefix: target.path, depthChange: target.depth - role.depth)
            }
            try db.run("DELETE FROM role WHERE id = ?", [.integer(role.id)])
            return RemovalReport(removed: removed, reassignedTo: reports.isEmpty ? nil : target?.key,
                                 reassigned: reassigned, unitsWithoutHead: headless)
        }
    }

    // MARK: - Shared by single writes and bulk loads

    /// Inserts a role. `summarised`: the write is this insert alone (an
    /// `addRole`), so its change is worded from the values inserted and the
    /// manager's look-up, and that look-up is kept for the answer's names
    /// (``keepNames(_:)``), instead of reading them all back.
    @discardableResult
    func insertRole(_ draft: RoleDraft, summarised: Bool = false) throws -> Role {
        let key = try Validation.key(draft.key)
        let title = try Validation.text(draft.title, field: "title")
        let holder = try draft.holder.map { name throws(OrgError) in try Validation.text(name, field: "holder") }
        try refuseTaken(key)
        if let assists = draft.assistantTo, Validation.nfc(assists).lowercased() == key.lowercased() {
            throw OrgError.selfAssistant(key: key)
        }
        let assisted = try draft.assistantTo.map { try namedRoleRow($0) }
        var manager = try draft.reportsTo.map { try namedRoleRow($0) }
        if let assisted {
            if let manager, manager.row.id != assisted.row.id {
                throw OrgError.assistantReportsElsewhere(key: key, assists: assisted.row.key, reportsTo: manager.row.key)
            }
            manager = assisted
        }
        let unit = try draft.unit.map { try unitRow($0) }
        let depth = (manager?.row.depth ?? -1) + 1
        try refuseDepth(depth, of: key)
        let grade = try draft.grade.map { grade throws(OrgError) in try Validation.grade(grade) }
        let id = try nextID(in: .role)
        let path = (manager?.row.path ?? "") + PathLabel.segment(id)
        try db.run("""
            INSERT INTO role (id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id, path, depth, assistant)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .integer(id), .text(key), .text(title), holder.map(SQLValue.text) ?? .null,
                unit.map { .integer($0.id) } ?? .null, grade.map { .integer(Int64($0)) } ?? .null,
                draft.salary.map { .integer($0.minorUnits) } ?? .null,
                draft.salary.map { .text($0.currency) } ?? .null, draft.rung.map { .text($0.rawValue) } ?? .null,
                manager.map { .integer($0.row.id) } ?? .null, .text(path), .integer(Int64(depth)),
                .integer(assisted == nil ? 0 : 1),
            ])
        // The row holds what was bound, and no trigger changes it: the role
        // is what was inserted, not read back.
        let role = Role(key: key, title: title, holder: holder, reportsTo: manager?.row.key, unit: unit?.key, grade: grade,
                        salary: draft.salary, depth: depth, pmo: try PMOLookup(org: self).pmo(forUnitID: unit?.id),
                        explicitRung: draft.rung, assistantTo: assisted?.row.key)
        // Worked out on the chart as of an earlier moment, the write is made
        // again on the file later (WriteAtItsMoment): only a write made as it
        // is says what it did.
        guard summarised, openChange?.nothingLater ?? true else { return role }
        var names = References()
        if let manager {
            names.add(manager.reference)
            try keepNames(names)
        }
        names.add(RoleReference(key: key, title: title, holder: holder, unit: unit?.key))
        openChange?.createdRole = ChangeSummary.CreatedRole(id: id, state: RoleState(role), names: names)
        return role
    }

    func directReportIDs(of id: Int64) throws -> [Int64] {
        try db.statement("SELECT id FROM role WHERE manager_id = ? ORDER BY path").map([.integer(id)]) { $0.int(0) }
    }

    /// Rewrites the paths of the tree at `oldPath` so that they start with
    /// `newPrefix` instead, and shifts their depths by `depthChange`: one
    /// set-based statement for the roles below, then one for the top when it
    /// moves too (`movingTop`, its id and new manager). Without `movingTop`
    /// the top keeps its path: it is being removed and only the roles below move.
    func relabel(treeAt oldPath: String, newPrefix: String, depthChange: Int,
                 movingTop: (id: Int64, manager: Int64?)? = nil) throws {
        // Only path and depth are assigned to the roles below: assigning
        // manager_id as well, even unchanged, makes SQLite rewrite each row's
        // manager-index entry and check its foreign key, about ten times the
        // pages written for a large branch.
        try db.run("UPDATE role SET path = ?1 || substr(path, ?2), depth = depth + ?3 WHERE path > ?4 AND path < ?5",
                   [.text(newPrefix), .integer(Int64(oldPath.utf8.count + 1)), .integer(Int64(depthChange)),
                    .text(oldPath), .text(PathLabel.end(of: oldPath))])
        guard let movingTop else { return }
        // The top's path, depth and manager change in one statement: the
        // schema's per-row check that only a role without a manager has
        // depth 0 would refuse any of them changed alone. A role assists its
        // manager only, so a move ends that.
        try db.run("UPDATE role SET path = ?1, depth = depth + ?2, manager_id = ?3, assistant = 0 WHERE id = ?4",
                   [.text(newPrefix), .integer(Int64(depthChange)), movingTop.manager.map(SQLValue.integer) ?? .null,
                    .integer(movingTop.id)])
    }
}

/// What a removal did, so it can be told to the user.
public struct RemovalReport: Sendable, Equatable, Codable {
    /// The role as it was before removal.
    public var removed: Role
    /// The manager who took over the direct reports, if there were any.
    public var reassignedTo: String?
    /// The keys of the direct reports that moved.
    public var reassigned: [String]
    /// Units the removed role headed, which now have no head.
    public var unitsWithoutHead: [String]
}
