import OrgSQLite

/// A write takes effect at its own moment: now, or its effective date. The
/// file holds every recorded change applied, including changes that take
/// effect later (a plan) or that a backdated write comes before. So a
/// write whose moment has such changes pending is worked out on the chart
/// as of that moment (rebuilt in place, inside the write's transaction):
/// what it checks, counts and decides is what the chart then says. What it
/// did there, row by row, is then made on the file, where every row it
/// changes must still be as it was at its moment. If a pending change has
/// changed one (or points at a row the write removes), the write would
/// alter what that change does, and is refused, naming it.
extension OrgDatabase {
    /// Runs `body` as one write transaction taking effect at its own moment.
    func writeAtItsMoment<T>(_ body: () throws -> T) throws(OrgError) -> T {
        try writeAtItsMomentKnowingPlans { _ in try body() }
    }

    /// The same, for a write that gives way to the plans: `body` is told,
    /// before the chart is rebuilt at its moment, which rows and fields the
    /// pending changes set, so that it can leave them to those changes
    /// rather than be refused. With `commit` false everything is worked out
    /// and then rolled back (a dry run).
    func writeAtItsMomentKnowingPlans<T>(commit: Bool = true, _ body: (PlannedRows) throws -> T) throws(OrgError) -> T {
        try write(commit: commit) { try WriteAtItsMoment(org: self).run(body) }
    }
}

struct WriteAtItsMoment {
    let org: OrgDatabase
    var db: Connection { org.db }

    func run<T>(_ body: (PlannedRows) throws -> T) throws -> T {
        // The usual write: no change takes effect after its moment, so none is pending.
        if org.openChange?.nothingLater == true { return try body(PlannedRows()) }
        guard org.recordsHistory, org.recordsChanges, let open = try db.statement("""
            SELECT id, effective_at, role_seq, unit_seq FROM change WHERE id = (SELECT max(id) FROM change) AND role_seq_end IS NULL
            """).first([], { (id: $0.int(0), moment: Timestamp(stored: $0.text(1)), roleSeq: $0.int(2), unitSeq: $0.int(3)) })
        else { return try body(PlannedRows()) }
        let pending = PendingChanges(db: db, writing: open.id, moment: open.moment)
        guard try pending.exist() else { return try body(PlannedRows()) }
        let planned = try pending.plannedRows()

        var result: T?
        let effect: WriteEffect
        do {
            (effect, _) = try ChartRebuild(source: db, moment: open.moment).inPlace { _ in
                // The rebuild's own writes were recorded as this change's images.
                for table in ["role_was", "unit_was", "dotted_line_was", "governance_was"] {
                    try db.run("DELETE FROM \(table) WHERE change_id = ?", [.integer(open.id)])
                }
                org.cachedUnits = nil
                defer { org.cachedUnits = nil }
                result = try body(planned)
                if let dangling = try ChartRebuild.dangling(in: db) {
                    throw OrgError.historyConflict(asOf: open.moment, change: try pending.first().change,
                                                   detail: "\(dangling.key)'s \(dangling.field) would be missing")
                }
                return try WriteEffect(db: db, change: open.id, roleSeq: open.roleSeq, unitSeq: open.unitSeq)
            }
        } catch let OrgError.unknownKey(key, expected, suggestions) {
            // A key the file has only from a pending change: say which, and when.
            if let brought = try pending.bringer(ofKey: key) {
                throw OrgError.notInForce(key: brought.key, moment: open.moment, change: brought.change, from: brought.effective)
            }
            throw OrgError.unknownKey(key: key, expected: expected, suggestions: suggestions)
        }
        org.cachedUnits = nil
        defer { org.cachedUnits = nil }
        try effect.replay(on: org, pending: pending)
        guard let result else { throw OrgError.internalError(detail: "a write at its moment returned nothing") }
        return result
    }
}

/// What one write did to the chart, row by row: each row it created,
/// changed or removed (before and after, in ``ChangeReverter/Table``
/// columns), each dotted line and governance it drew or ended. What a
/// removal took with it by the schema's own rules (its dotted lines and
/// governance, the heads it held) is left to those rules on the file.
struct WriteEffect {
    struct RowChange {
        let table: IdentifiedTable
        let id: Int64
        var before: [SQLValue]?
        let after: [SQLValue]?
    }

    private(set) var rows: [RowChange] = []
    private(set) var lines: [(role: Int64, manager: Int64, drawn: Bool)] = []
    private(set) var governance: [(unit: Int64, before: Int64?, after: Int64?)] = []

    /// Reads what the open change `change` did, from its images and the
    /// rows above the ids it started from.
    init(db: Connection, change: Int64, roleSeq: Int64, unitSeq: Int64) throws {
        for (table, seq) in [(IdentifiedTable.role, roleSeq), (.unit, unitSeq)] {
            let shape = ChangeReverter.Table.of(table)
            let width = Int32(shape.columns.count)
            let list = { (alias: String) in shape.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
            let values = { (row: Row, start: Int32) in (start..<start + width).map { row.value($0) } }
            try db.statement("""
                SELECT w.id, w.existed, \(list("w")), r.id IS NOT NULL, \(list("r"))
                FROM \(table.rawValue)_was w LEFT JOIN \(table.rawValue) r ON r.id = w.id WHERE w.change_id = ? ORDER BY w.id
                """).forEachRow([.integer(change)]) { row in
                rows.append(RowChange(table: table, id: row.int(0), before: row.int(1) == 1 ? values(row, 2) : nil,
                                      after: row.int(2 + width) == 1 ? values(row, 3 + width) : nil))
            }
            try db.statement("SELECT id, \(list(table == .role ? "r" : "u")) FROM \(table.rawValue) \(table == .role ? "r" : "u") WHERE id > ? ORDER BY id")
                .forEachRow([.integer(seq)]) { row in
                    rows.append(RowChange(table: table, id: row.int(0), before: nil, after: values(row, 1)))
                }
        }
        let removedRoles = Set(rows.filter { $0.table == .role && $0.before != nil && $0.after == nil }.map(\.id))
        let removedUnits = Set(rows.filter { $0.table == .unit && $0.before != nil && $0.after == nil }.map(\.id))
        // A head that went with the role removed is the schema's doing.
        let head = ChangeReverter.Table.unit.columns.firstIndex(of: "head_role_id")!
        for index in rows.indices where rows[index].table == .unit {
            guard var before = rows[index].before, let after = rows[index].after,
                  case .integer(let role) = before[head], after[head] == .null, removedRoles.contains(role) else { continue }
            before[head] = .null
            rows[index].before = before
        }
        try db.statement("""
            SELECT w.role_id, w.manager_id, w.existed, d.role_id IS NOT NULL FROM dotted_line_was w
            LEFT JOIN dotted_line d ON d.role_id = w.role_id AND d.manager_id = w.manager_id
            WHERE w.change_id = ?1 AND w.existed <> (d.role_id IS NOT NULL)
            UNION ALL
            SELECT role_id, manager_id, 0, 1 FROM dotted_line WHERE role_id > ?2 OR manager_id > ?2
            """).forEachRow([.integer(change), .integer(roleSeq)]) { row in
            let (role, manager, drawn) = (row.int(0), row.int(1), row.int(3) == 1)
            if !drawn && (removedRoles.contains(role) || removedRoles.contains(manager)) { return }
            lines.append((role, manager, drawn))
        }
        try db.statement("""
            SELECT w.unit_id, CASE WHEN w.existed = 1 THEN w.pmo_id END, g.pmo_id FROM governance_was w
            LEFT JOIN governance g ON g.unit_id = w.unit_id
            WHERE w.change_id = ?1 AND (CASE WHEN w.existed = 1 THEN w.pmo_id END) IS NOT g.pmo_id
            UNION ALL
            SELECT unit_id, NULL, pmo_id FROM governance WHERE unit_id > ?2 OR pmo_id > ?2
            """).forEachRow([.integer(change), .integer(unitSeq)]) { row in
            let (unit, before, after) = (row.int(0), row.optionalInt(1), row.optionalInt(2))
            if after == nil && (removedUnits.contains(unit) || before.map(removedUnits.contains) == true) { return }
            governance.append((unit, before, after))
        }
    }

    // MARK: - Making it on the file

    /// Makes the same changes on the file, refusing (naming the pending
    /// change) wherever the file does not hold what the write found.
    func replay(on org: OrgDatabase, pending: PendingChanges) throws {
        let db = org.db
        try db.execute(script: "PRAGMA defer_foreign_keys = ON")
        try checkUnchanged(db, pending)
        try checkReferences(db, pending)

        for line in lines where !line.drawn {
            try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(line.role), .integer(line.manager)])
        }
        for change in governance where change.before != nil {
            try db.run("DELETE FROM governance WHERE unit_id = ?", [.integer(change.unit)])
        }
        var relabel: [Int64] = []
        for row in rows {
            let shape = ChangeReverter.Table.of(row.table)
            let id = SQLValue.integer(row.id)
            switch (row.before, row.after) {
            case (nil, let after?):
                var columns = ["id"] + shape.columns, values = [id] + after
                if row.table == .role {
                    columns += ["path", "depth"]
                    values += [.text("~\(row.id)"), .integer(after[ChangeReverter.Table.managerColumn] == .null ? 0 : 1)]
                    relabel.append(row.id)
                }
                try db.run("INSERT INTO \(row.table.rawValue) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))", values)
            case (let before?, let after?):
                var assignments: [String] = [], values: [SQLValue] = []
                for (group, range) in zip(shape.fields, shape.groupRanges) where Array(before[range]) != Array(after[range]) {
                    for (column, index) in zip(group, range) {
                        assignments.append("\(column) = ?")
                        values.append(after[index])
                    }
                    if group == ["manager_id"] {
                        // Depth must agree with having a manager at every statement.
                        assignments.append("depth = \(after[range.lowerBound] == .null ? "0" : "max(depth, 1)")")
                        relabel.append(row.id)
                    }
                }
                guard !assignments.isEmpty else { continue }
                try db.run("UPDATE \(row.table.rawValue) SET \(assignments.joined(separator: ", ")) WHERE id = ?", values + [id])
            default:
                continue
            }
        }
        // Removals last, once the rows that pointed at them have moved.
        for row in rows.reversed() where row.before != nil && row.after == nil {
            try db.run("DELETE FROM \(row.table.rawValue) WHERE id = ?", [.integer(row.id)])
        }
        for line in lines where line.drawn {
            try db.run("INSERT INTO dotted_line (role_id, manager_id) VALUES (?, ?)", [.integer(line.role), .integer(line.manager)])
        }
        for change in governance {
            guard let pmo = change.after else { continue }
            try db.run("INSERT INTO governance (unit_id, pmo_id) VALUES (?, ?)", [.integer(change.unit), .integer(pmo)])
        }
        org.cachedUnits = nil
        try relabelAndCheckLoops(org, relabel, pending)
        try checkNothingLeftPointingAtRemovedRows(db, pending)
    }

    /// Every field the write changes holds, on the file, what it held at
    /// the write's moment; a row the write removes is there unchanged.
    private func checkUnchanged(_ db: Connection, _ pending: PendingChanges) throws {
        for row in rows {
            let shape = ChangeReverter.Table.of(row.table)
            let stored = try Self.values(of: row.id, in: row.table, db)
            guard let before = row.before else {
                // A new row's key must be free on the file too.
                let key = row.after?[0] ?? .null
                if try db.integer("SELECT EXISTS (SELECT 1 FROM role WHERE key = ?1 UNION ALL SELECT 1 FROM unit WHERE key = ?1)", [key]) == 1,
                   case .text(let text) = key {
                    throw try (pending.bringer(ofKey: text) ?? pending.first()).error(at: pending.moment)
                }
                continue
            }
            let changed = shape.groupRanges.indices.filter { group in
                row.after.map { Array($0[shape.groupRanges[group]]) != Array(before[shape.groupRanges[group]]) } ?? true
            }
            guard !changed.isEmpty else { continue }
            guard let stored else { throw try (pending.changer(of: row.table, id: row.id) ?? pending.first()).error(at: pending.moment) }
            for group in changed where Array(stored[shape.groupRanges[group]]) != Array(before[shape.groupRanges[group]]) {
                throw try (pending.changer(of: row.table, id: row.id, group: group) ?? pending.first()).error(at: pending.moment)
            }
        }
        for line in lines {
            let exists = try db.integer("SELECT EXISTS (SELECT 1 FROM dotted_line WHERE role_id = ? AND manager_id = ?)",
                                        [.integer(line.role), .integer(line.manager)]) == 1
            if exists == line.drawn {
                throw try (pending.changer(ofLine: line.role, to: line.manager) ?? pending.first()).error(at: pending.moment)
            }
        }
        for change in governance {
            let stored = try db.integer("SELECT pmo_id FROM governance WHERE unit_id = ?", [.integer(change.unit)])
            if stored != change.before {
                throw try (pending.changer(ofGovernance: change.unit) ?? pending.first()).error(at: pending.moment)
            }
        }
    }

    /// Every row the write points at (a manager, a unit, a parent, a head,
    /// the ends of a line, a governing PMO) is on the file, as it was then.
    private func checkReferences(_ db: Connection, _ pending: PendingChanges) throws {
        let created = Set(rows.filter { $0.before == nil }.map { "\($0.table.rawValue) \($0.id)" })
        var targets: [(IdentifiedTable, Int64)] = []
        for row in rows {
            guard let after = row.after else { continue }
            let shape = ChangeReverter.Table.of(row.table)
            let references: [(String, IdentifiedTable)] = row.table == .role
                ? [("manager_id", .role), ("unit_id", .unit)] : [("parent_id", .unit), ("head_role_id", .role)]
            for (column, table) in references {
                guard case .integer(let id) = after[shape.columns.firstIndex(of: column)!] else { continue }
                // Unchanged references were there before the write as well.
                if let before = row.before, before[shape.columns.firstIndex(of: column)!] == after[shape.columns.firstIndex(of: column)!] {
                    continue
                }
                targets.append((table, id))
            }
        }
        for line in lines where line.drawn { targets += [(.role, line.role), (.role, line.manager)] }
        for change in governance { if let pmo = change.after { targets += [(.unit, change.unit), (.unit, pmo)] } }
        for (table, id) in targets where !created.contains("\(table.rawValue) \(id)") {
            if try db.integer("SELECT EXISTS (SELECT 1 FROM \(table.rawValue) WHERE id = ?)", [.integer(id)]) != 1 {
                throw try (pending.changer(of: table, id: id) ?? pending.first()).error(at: pending.moment)
            }
        }
        for change in governance {
            guard let pmo = change.after, try db.integer("SELECT kind = 'pmo' FROM unit WHERE id = ?", [.integer(pmo)]) == 0 else { continue }
            throw try (pending.changer(of: .unit, id: pmo, group: 2) ?? pending.first()).error(at: pending.moment)
        }
    }

    /// New path labels for the roles that moved or came; and no loop, of
    /// solid lines or of solid and dotted lines, on the file either.
    private func relabelAndCheckLoops(_ org: OrgDatabase, _ moved: [Int64], _ pending: PendingChanges) throws {
        do {
            try ChangeReverter(db: org.db).relabelTrees(of: moved)
        } catch OrgError.internalError {
            throw try loopClash(org.db, from: moved, pending)
        }
        for id in moved {
            guard let manager = try org.db.integer("SELECT manager_id FROM role WHERE id = ?", [.integer(id)]) else { continue }
            do {
                try org.refuseCycle(adding: id, reportingTo: org.roleRow(id: manager), skipping: nil)
            } catch OrgError.cycle {
                throw try loopClash(org.db, from: [id], pending)
            }
        }
        for line in lines where line.drawn {
            if try org.db.integer("SELECT manager_id FROM role WHERE id = ?", [.integer(line.role)]) == line.manager {
                throw try (pending.changer(of: .role, id: line.role, group: 7) ?? pending.first()).error(at: pending.moment)
            }
            do {
                try org.refuseCycle(adding: line.role, reportingTo: org.roleRow(id: line.manager), skipping: nil)
            } catch OrgError.cycle {
                throw try loopClash(org.db, from: [line.role, line.manager], pending)
            }
        }
        // A role moved onto a manager it has a dotted line to on the file.
        for id in moved {
            if try org.db.integer("""
                SELECT EXISTS (SELECT 1 FROM dotted_line d JOIN role r ON r.id = d.role_id AND r.manager_id = d.manager_id WHERE r.id = ?)
                """, [.integer(id)]) == 1 {
                let manager = try org.db.integer("SELECT manager_id FROM role WHERE id = ?", [.integer(id)]) ?? 0
                throw try (pending.changer(ofLine: id, to: manager) ?? pending.first()).error(at: pending.moment)
            }
        }
        for row in rows where row.table == .unit && row.after != nil {
            try checkUnitLoop(org.db, from: row.id, pending)
        }
    }

    /// The pending change that moved a role found on the way up from `roots`.
    private func loopClash(_ db: Connection, from roots: [Int64], _ pending: PendingChanges) throws -> OrgError {
        var seen = Set<Int64>()
        var frontier = roots
        while let id = frontier.popLast() {
            guard seen.insert(id).inserted else { continue }
            if !roots.contains(id), let clash = try pending.changer(of: .role, id: id, group: 7) { return clash.error(at: pending.moment) }
            frontier += try db.statement("""
                SELECT manager_id FROM role WHERE id = ?1 AND manager_id IS NOT NULL UNION SELECT manager_id FROM dotted_line WHERE role_id = ?1
                """).map([.integer(id)]) { $0.int(0) }
        }
        for root in roots {
            if let clash = try pending.changer(of: .role, id: root, group: 7) { return clash.error(at: pending.moment) }
        }
        return try pending.first().error(at: pending.moment)
    }

    private func checkUnitLoop(_ db: Connection, from unit: Int64, _ pending: PendingChanges) throws {
        var chain: [Int64] = [unit]
        while let above = try db.integer("SELECT parent_id FROM unit WHERE id = ?", [.integer(chain.last!)]) {
            guard above != unit else {
                for member in chain.dropFirst() {
                    if let clash = try pending.changer(of: .unit, id: member, group: 3) { throw clash.error(at: pending.moment) }
                }
                throw try pending.first().error(at: pending.moment)
            }
            guard !chain.contains(above) else { return }
            chain.append(above)
        }
    }

    /// No row on the file still points at a row the write removed: one a
    /// pending change placed there would be stranded.
    private func checkNothingLeftPointingAtRemovedRows(_ db: Connection, _ pending: PendingChanges) throws {
        guard let dangling = try ChartRebuild.dangling(in: db) else { return }
        let (table, group): (IdentifiedTable, Int) = switch dangling.field {
        case "manager": (.role, 7)
        case "unit": (.role, 3)
        default: (.unit, 3)
        }
        let id = try db.integer("SELECT id FROM \(table.rawValue) WHERE key = ?", [.text(dangling.key)]) ?? 0
        throw try (pending.changer(of: table, id: id, group: group) ?? pending.changer(of: table, id: id) ?? pending.first())
            .error(at: pending.moment)
    }

    private static func values(of id: Int64, in table: IdentifiedTable, _ db: Connection) throws -> [SQLValue]? {
        let shape = ChangeReverter.Table.of(table)
        let width = Int32(shape.columns.count)
        return try db.statement("SELECT \(shape.columns.joined(separator: ", ")) FROM \(table.rawValue) WHERE id = ?")
            .first([.integer(id)]) { row in (0..<width).map { row.value($0) } }
    }
}
