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
            var importer = try ChartImporter(org: self, source: source, options: importOptions, planned: planned)
            let report = try importer.run()
            var plan = SyncPlan()
            plan.conflicts = report.plannedConflicts
            plan.leaverPolicy = options.leavers
            let leavers = SyncLeavers(org: self, source: importer.source, scope: scope, planned: planned)
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
    let source: ImportSource
    let scope: OrgDatabase.RoleRow?
    let planned: PlannedRows
    var db: Connection { org.db }

    /// Handles the leavers; returns the ids of those vacated or removed.
    func handle(_ policy: LeaverPolicy, plan: inout SyncPlan) throws -> Set<Int64> {
        // The source's keys in a temporary table: one set-based look-up
        // finds the leavers, however large the chart.
        try db.execute(script: """
            CREATE TEMP TABLE IF NOT EXISTS sync_key (key TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID;
            DELETE FROM temp.sync_key;
            """)
        defer { try? db.execute(script: "DROP TABLE IF EXISTS temp.sync_key") }
        let insert = try db.statement("INSERT OR IGNORE INTO temp.sync_key (key) VALUES (?)")
        for index in source.roles.indices {
            guard let key = source.roles[index][.key] else { continue }
            try insert.run([.text(key.trimmingSpaces())])
        }
        var leavers = try db.statement("""
            SELECT r.id, r.key, r.holder, r.depth FROM role r
            WHERE NOT EXISTS (SELECT 1 FROM temp.sync_key k WHERE k.key = r.key)
              AND (?1 IS NULL OR r.path = ?1 OR (r.path > ?1 AND r.path < ?2))
            ORDER BY r.depth DESC, r.key
            """).map([scope.map { .text($0.path) } ?? .null, scope.map { .text(PathLabel.end(of: $0.path)) } ?? .null]) {
            (id: $0.int(0), name: SyncPlan.RoleName(key: $0.text(1), holder: $0.optionalText(2)))
        }
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
        let nameNow = try db.statement("SELECT key, holder FROM role WHERE id = ?")
        let nameThen = try db.statement("SELECT key, holder FROM role_was WHERE change_id = ?1 AND id = ?2 AND existed = 1")
        func name(_ id: Int64?, before: Bool) throws -> SyncPlan.RoleName? {
            guard let id else { return nil }
            let read = { (row: Row) in SyncPlan.RoleName(key: row.text(0), holder: row.optionalText(1)) }
            if before, let then = try nameThen.first([c, .integer(id)], read) { return then }
            return try nameNow.first([.integer(id)], read) ?? nameThen.first([c, .integer(id)], read)
        }
        var moves: [SyncPlan.Step] = [], left: [SyncPlan.Step] = [], joins: [SyncPlan.Step] = []
        var changes: [SyncPlan.Step] = [], lines: [SyncPlan.Step] = [], units: [SyncPlan.Step] = []
        let fields = ["title", "holder", "unit", "grade", "salary", "rung"]
        try db.statement("""
            SELECT w.id, r.id IS NOT NULL, w.manager_id, r.manager_id,
                   w.title, r.title, w.holder, r.holder, wu.key, ru.key, w.grade, r.grade,
                   w.salary_minor, w.currency, r.salary_minor, r.currency, w.rung, r.rung, w.key
            FROM role_was w LEFT JOIN role r ON r.id = w.id
            LEFT JOIN unit wu ON wu.id = w.unit_id LEFT JOIN unit ru ON ru.id = r.unit_id
            WHERE w.change_id = ? AND w.existed = 1 ORDER BY w.key
            """).forEachRow([c]) { row in
            let id = row.int(0)
            let was = SyncPlan.RoleName(key: row.text(18), holder: row.optionalText(6))
            guard row.int(1) == 1 else {
                left.append(.leaves(was, removed: true))
                return
            }
            let now = SyncPlan.RoleName(key: was.key, holder: row.optionalText(7))
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
        }
        try db.statement("SELECT id, manager_id FROM role WHERE id > ? ORDER BY key").forEachRow([.integer(roleSeq)]) { row in
            if let joiner = try name(row.int(0), before: false) {
                joins.append(.joins(joiner, under: try name(row.optionalInt(1), before: false)))
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
