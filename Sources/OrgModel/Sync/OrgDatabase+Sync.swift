import OrgSQLite

/// Making the chart match its source (an HR export, a directory): one write.
extension OrgDatabase {
    /// Compares the chart, as of the write's own moment, with `source`, and
    /// makes it match: roles the source has are added, moved and updated as
    /// it says; roles the chart has in `options.scope` and the source does
    /// not are leavers, handled as `options.leavers` says. What a change
    /// planned for later sets is left to it and reported as a conflict.
    /// Without `options.apply` everything is worked out, then rolled back.
    ///
    /// ```swift
    /// let source = try ImportSource.csv(roles: bytes, file: "hr.csv", options: ImportOptions())
    /// let plan = try org.sync(source, options: SyncOptions(leavers: .vacate))
    /// if !plan.isInStep { try org.sync(source, options: SyncOptions(leavers: .vacate, apply: true)) }
    /// ```
    @discardableResult
    public func sync(_ source: ImportSource, options: SyncOptions = SyncOptions()) throws(OrgError) -> SyncPlan {
        var importOptions = ImportOptions(update: true)
        importOptions.dryRun = !options.apply
        importOptions.createUnits = true
        return try writeAtItsMomentKnowingPlans(commit: options.apply) { planned in
            try db.execute(script: "PRAGMA defer_foreign_keys = ON")
            let scope = try options.scope.map { try roleRow($0) }
            // The import gives its new roles higher ids than any there now.
            let lastID = try db.integer("SELECT max(id) FROM role") ?? 0
            var importer = try ChartImporter(org: self, source: source, options: importOptions, planned: planned)
            let report = try importer.run()
            var plan = SyncPlan()
            plan.conflicts = report.plannedConflicts
            plan.leaverPolicy = options.leavers
            let leavers = SyncLeavers(org: self, named: importer.namedRoleIDs, lastID: lastID, scope: scope, planned: planned)
            let left = try leavers.handle(options.leavers, plan: &plan)
            plan.steps = try SyncPlanReader(db: db).steps(leavers: left)
            plan.applied = options.apply
            return plan
        }
    }
}

/// The roles in scope that the source does not name, and what becomes of them.
struct SyncLeavers {
    let org: OrgDatabase
    /// The ids of the roles the source names: every other role with an id
    /// up to `lastID` (the rest are the source's new roles) is a leaver.
    let named: IDSet
    let lastID: Int64
    let scope: OrgDatabase.RoleRow?
    let planned: PlannedRows
    var db: Connection { org.db }

    /// Handles the leavers; returns the ids of those vacated or removed.
    func handle(_ policy: LeaverPolicy, plan: inout SyncPlan) throws -> Set<Int64> {
        // The import matched every key of the source with the chart's: the
        // leavers are the ids it did not name. One read of the ids in scope
        // (the table's rowids, or the path index's range) and a look at
        // each id's bit find them; only the leavers' rows are read whole.
        var leaverIDs: [Int64] = []
        try db.statement(Self.rolesInScopeSQL).forEachRow(
            [.integer(lastID), scope.map { .text($0.path) } ?? .null, scope.map { .text(PathLabel.end(of: $0.path)) } ?? .null]
        ) { row in
            let id = row.int(0)
            if !named.contains(id) { leaverIDs.append(id) }
        }
        let read = try db.statement(Self.leaverSQL)
        var leavers = try leaverIDs.compactMap { id in
            try read.first([.integer(id)]) {
                (id: $0.int(0), name: SyncPlan.RoleName(key: $0.text(1), holder: $0.optionalText(2), title: $0.optionalText(4)), depth: $0.int(3))
            }
        }
        leavers.sort { ($1.depth, $0.name.key.lowercased()) < ($0.depth, $1.name.key.lowercased()) }
        var handled = Set<Int64>()
        guard policy != .keep else {
            plan.leaversKept = leavers.map(\.name).sorted { $0.key < $1.key }
            return handled
        }
        leavers.removeAll { leaver in
            guard let groups = planned.fields[leaver.id] else { return false }
            // A plan changes this role later: it keeps what it has until then.
            let plan0 = groups[2] ?? groups[0] ?? groups.values.first!
            plan.conflicts.append(PlannedChangeConflict(key: leaver.name.key, field: "role", sourceValue: nil,
                                                        plannedValue: plan0.value == nil ? "removed" : "changed",
                                                        change: plan0.change, effective: plan0.effective))
            plan.leaversKept.append(leaver.name)
            return true
        }
        for leaver in leavers {
            if policy == .remove, try remove(leaver.id) {
                handled.insert(leaver.id)
                continue
            }
            if leaver.name.holder != nil {
                try db.run("UPDATE role SET holder = NULL WHERE id = ?", [.integer(leaver.id)])
                handled.insert(leaver.id)
            }
        }
        return handled
    }

    /// The ids of the roles in the scope (?2: its path, ?3: the end of its
    /// branch; NULL for the whole chart) that were there before the import.
    static let rolesInScopeSQL = """
        SELECT id FROM role WHERE id <= ?1 AND (?2 IS NULL OR path = ?2 OR (path > ?2 AND path < ?3))
        """
    static let leaverSQL = "SELECT id, key, holder, depth, title FROM role WHERE id = ?"

    /// Removes a role, its direct reports moving to its manager; false,
    /// removing nothing, for a top role with reports (it is vacated instead).
    private func remove(_ id: Int64) throws -> Bool {
        let role = try org.roleRow(id: id)
        let reports = try org.directReportIDs(of: id)
        if let managerID = role.managerID {
            if !reports.isEmpty {
                let target = try org.roleRow(id: managerID)
                try db.run("DELETE FROM dotted_line WHERE manager_id = ? AND role_id IN (SELECT id FROM role WHERE manager_id = ?)",
                           [.integer(target.id), .integer(id)])
                try db.run("UPDATE role SET manager_id = ? WHERE manager_id = ?", [.integer(target.id), .integer(id)])
                try org.relabel(treeAt: role.path, newPrefix: target.path, depthChange: target.depth - role.depth)
            }
        } else if !reports.isEmpty {
            return false
        }
        try db.run("DELETE FROM role WHERE id = ?", [.integer(id)])
        return true
    }
}

/// The plan read from what the open change did: its images against the rows now.
struct SyncPlanReader {
    let db: Connection

    func steps(leavers: Set<Int64>) throws -> [SyncPlan.Step] {
        guard let (change, roleSeq, unitSeq) = try db.statement("""
            SELECT id, role_seq, unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL
            """).first([], { ($0.int(0), $0.int(1), $0.int(2)) }) else { return [] }
        let c = SQLValue.integer(change)
        let nameNow = try db.statement("SELECT key, holder, title FROM role WHERE id = ?")
        let nameThen = try db.statement("SELECT key, holder, title FROM role_was WHERE change_id = ?1 AND id = ?2 AND existed = 1")
        func name(_ id: Int64?, before: Bool) throws -> SyncPlan.RoleName? {
            guard let id else { return nil }
            let read = { (row: Row) in SyncPlan.RoleName(key: row.text(0), holder: row.optionalText(1), title: row.optionalText(2)) }
            if before, let then = try nameThen.first([c, .integer(id)], read) { return then }
            return try nameNow.first([.integer(id)], read) ?? nameThen.first([c, .integer(id)], read)
        }
        var moves: [SyncPlan.Step] = [], left: [SyncPlan.Step] = [], joins: [SyncPlan.Step] = []
        var changes: [SyncPlan.Step] = [], lines: [SyncPlan.Step] = [], units: [SyncPlan.Step] = []
        let fields = ["title", "holder", "unit", "grade", "salary", "rung"]
        try db.statement("""
            SELECT w.id, r.id IS NOT NULL, w.manager_id, r.manager_id,
                   w.title, r.title, w.holder, r.holder, wu.key, ru.key, w.grade, r.grade,
                   w.salary_minor, w.currency, r.salary_minor, r.currency, w.rung, r.rung, w.key, w.assistant, r.assistant
            FROM role_was w LEFT JOIN role r ON r.id = w.id
            LEFT JOIN unit wu ON wu.id = w.unit_id LEFT JOIN unit ru ON ru.id = r.unit_id
            WHERE w.change_id = ? AND w.existed = 1 ORDER BY w.key
            """).forEachRow([c]) { row in
            let id = row.int(0)
            let was = SyncPlan.RoleName(key: row.text(18), holder: row.optionalText(6), title: row.optionalText(4))
            guard row.int(1) == 1 else {
                left.append(.leaves(was, removed: true))
                return
            }
            let now = SyncPlan.RoleName(key: was.key, holder: row.optionalText(7), title: row.optionalText(5))
            if row.optionalInt(2) != row.optionalInt(3) {
                moves.append(.moves(now, from: try name(row.optionalInt(2), before: true), to: try name(row.optionalInt(3), before: false)))
            }
            if leavers.contains(id) {
                left.append(.leaves(was, removed: false))
                return
            }
            func text(_ at: Int32) -> String? {
                switch row.value(at) {
                case .text(let text): text
                case .integer(let number): String(number)
                default: nil
                }
            }
            func money(_ at: Int32) -> String? {
                guard case .integer(let minor) = row.value(at), let currency = row.optionalText(at + 1) else { return nil }
                return "\(Money(minorUnits: minor, currency: currency).amount) \(currency)"
            }
            let pairs: [(String?, String?)] = [(text(4), text(5)), (text(6), text(7)), (text(8), text(9)), (text(10), text(11)),
                                               (money(12), money(14)), (text(16), text(17))]
            for (field, (before, after)) in zip(fields, pairs) where before != after {
                changes.append(.changes(now, field: field, from: before, to: after))
            }
            if row.int(19) != row.int(20) {
                // Becoming an assistant is to the manager now; stopping, to the one before.
                let becomes = row.int(20) == 1
                let assisted = becomes ? try name(row.optionalInt(3), before: false) : try name(row.optionalInt(2), before: true)
                changes.append(.assistant(now, to: assisted, becomes: becomes))
            }
        }
        try db.statement("SELECT id, manager_id, assistant FROM role WHERE id > ? ORDER BY key").forEachRow([.integer(roleSeq)]) { row in
            if let joiner = try name(row.int(0), before: false) {
                let manager = try name(row.optionalInt(1), before: false)
                joins.append(.joins(joiner, under: manager))
                if row.int(2) == 1 { joins.append(.assistant(joiner, to: manager, becomes: true)) }
            }
        }
        try db.statement("""
            SELECT w.role_id, w.manager_id, d.role_id IS NOT NULL FROM dotted_line_was w
            LEFT JOIN dotted_line d ON d.role_id = w.role_id AND d.manager_id = w.manager_id
            WHERE w.change_id = ?1 AND w.existed <> (d.role_id IS NOT NULL) AND w.role_id <= ?2
            """).forEachRow([c, .integer(roleSeq)]) { row in
            guard let from = try name(row.int(0), before: false), let to = try name(row.int(1), before: false) else { return }
            lines.append(.dottedLine(from, to: to, drawn: row.int(2) == 1))
        }
        try db.statement("SELECT key, name FROM unit WHERE id > ? ORDER BY key").forEachRow([.integer(unitSeq)]) { row in
            units.append(.unitAdded(key: row.text(0), name: row.text(1)))
        }
        return moves + left + joins + changes + lines + units
    }
}
