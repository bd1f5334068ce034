import OrgSQLite

/// A change that takes effect before changes already recorded (a backdated
/// change, or any change while a planned one is pending) must make sense in
/// the chart as it will be at its moment: the rows it changes and the rows
/// it points to must be in force then. Otherwise the history could not
/// replay it, so the write is refused before it commits. Nor may it alter
/// what those later changes do, or a plan would no longer do at its date
/// what it was recorded to do.
struct EffectiveCheck {
    let db: Connection
    let change: Int64
    let effective: Timestamp
    let roleRange: ClosedRange<Int64>
    let unitRange: ClosedRange<Int64>

    func verify() throws {
        guard try db.integer("SELECT EXISTS (SELECT 1 FROM change WHERE id <> ? AND effective_at > ?)",
                             [.integer(change), .text(effective.description)]) == 1 else { return }
        try verifyPendingUnaltered()
        let needed = try rowsNeeded()
        let rebuild = ChartRebuild(source: db, moment: effective)
        let (absent, dangling) = try rebuild.inPlace { chart in
            try needed.first { table, id in
                try chart.integer("SELECT EXISTS (SELECT 1 FROM \(table.rawValue) WHERE id = ?)", [.integer(id)]) != 1
            }
        }
        if let (table, id) = absent { throw try notInForce(id, table, rebuild) }
        if let dangling { throw try notInForce(dangling.missing, dangling.missingTable, rebuild) }
    }

    /// The rows this change altered and left in place, and every row that
    /// what it wrote points to: the solid line and unit of a role, the
    /// parent and head of a unit, both ends of a dotted line it drew, the
    /// PMO of a governance it set.
    private func rowsNeeded() throws -> [(IdentifiedTable, Int64)] {
        let c = SQLValue.integer(change)
        let created: [SQLValue] = [.integer(roleRange.lowerBound), .integer(roleRange.upperBound),
                                   .integer(unitRange.lowerBound), .integer(unitRange.upperBound)]
        var needed: [(IdentifiedTable, Int64)] = []
        try db.statement("""
            SELECT 'role', w.id, r.manager_id, r.unit_id FROM role_was w JOIN role r ON r.id = w.id WHERE w.change_id = ?1
            UNION ALL
            SELECT 'unit', w.id, u.head_role_id, u.parent_id FROM unit_was w JOIN unit u ON u.id = w.id WHERE w.change_id = ?1
            """).forEachRow([c]) { row in
            let isRole = row.text(0) == "role"
            needed.append((isRole ? .role : .unit, row.int(1)))
            if let first = row.optionalInt(2) { needed.append((.role, first)) }
            if let second = row.optionalInt(3) { needed.append((.unit, second)) }
        }
        try db.statement("""
            SELECT w.role_id, w.manager_id FROM dotted_line_was w
            JOIN dotted_line d ON d.role_id = w.role_id AND d.manager_id = w.manager_id WHERE w.change_id = ?
            """).forEachRow([c]) { needed += [(.role, $0.int(0)), (.role, $0.int(1))] }
        try db.statement("""
            SELECT d.manager_id FROM dotted_line d WHERE d.role_id > ?1 AND d.role_id <= ?2
            UNION ALL SELECT u.head_role_id FROM unit u WHERE u.id > ?3 AND u.id <= ?4 AND u.head_role_id IS NOT NULL
            """).forEachRow(created) { needed.append((.role, $0.int(0))) }
        try db.statement("""
            SELECT g.pmo_id FROM governance_was w JOIN governance g ON g.unit_id = w.unit_id WHERE w.change_id = ?
            """).forEachRow([c]) { needed.append((.unit, $0.int(0))) }
        return needed
    }

    /// No pending change (recorded before this one, taking effect after
    /// it) loses any of what it did: this change leaves alone every field,
    /// dotted line and governance that a pending change set and that still
    /// holds what it set, and every row a pending change brings. Writes
    /// worked out at their own moment (``WriteAtItsMoment``) meet this by
    /// construction, except for what the schema's own rules took with a
    /// row they removed; this holds every write, undo and import included.
    private func verifyPendingUnaltered() throws {
        let pending = PendingChanges(db: db, writing: change, moment: effective)
        guard try pending.exist() else { return }
        let values = pending.parameters
        for table in [IdentifiedTable.role, .unit] {
            let seq = table.rawValue + "_seq"
            if let (id, bringer) = try db.statement("""
                WITH \(PendingChanges.table)
                SELECT w.id, c.id FROM \(table.rawValue)_was w JOIN change c ON c.id IN pending AND w.id > c.\(seq) AND w.id <= c.\(seq)_end
                WHERE w.change_id = ?2 ORDER BY c.id LIMIT 1
                """).first(values, { ($0.int(0), $0.int(1)) }) {
                let from = try db.statement("SELECT effective_at FROM change WHERE id = ?").first([.integer(bringer)]) { Timestamp(stored: $0.text(0)) }
                throw OrgError.notInForce(key: try pending.key(of: id, in: table), moment: effective, change: bringer, from: from)
            }
            let shape = ChangeReverter.Table.of(table)
            let width = Int32(shape.columns.count)
            let list = { (alias: String) in shape.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
            let values4 = { (row: Row, start: Int32) in (start..<start + width).map { row.value($0) } }
            let rows = try db.statement("""
                WITH \(PendingChanges.table)
                SELECT w.id, p.existed, \(list("p")), n.existed, \(list("n")), w.existed, \(list("w")), r.id IS NOT NULL, \(list("r"))
                FROM \(table.rawValue)_was w
                JOIN \(table.rawValue)_was p ON p.id = w.id AND p.change_id IN pending
                JOIN \(table.rawValue)_was n ON n.id = p.id AND n.change_id =
                    (SELECT min(x.change_id) FROM \(table.rawValue)_was x WHERE x.id = p.id AND x.change_id > p.change_id)
                LEFT JOIN \(table.rawValue) r ON r.id = w.id
                WHERE w.change_id = ?2
                """).map(values) { row -> (Int64, [[SQLValue]?]) in
                let state = { (flag: Int32) in row.int(flag) == 1 ? values4(row, flag + 1) : nil }
                return (row.int(0), [state(1), state(2 + width), state(3 + 2 * width), state(4 + 3 * width)])
            }
            for (id, states) in rows {
                let (planBefore, planAfter, before, after) = (states[0], states[1], states[2], states[3])
                for (group, range) in shape.groupRanges.enumerated() {
                    let slice = { (state: [SQLValue]?) in state.map { Array($0[range]) } }
                    guard slice(planBefore) != slice(planAfter), slice(planAfter) == slice(before), slice(before) != slice(after)
                    else { continue }
                    throw try (pending.changer(of: table, id: id, group: group) ?? pending.first()).error(at: effective)
                }
            }
        }
        if let (role, manager) = try db.statement("""
            WITH \(PendingChanges.table)
            SELECT w.role_id, w.manager_id FROM dotted_line_was w
            JOIN dotted_line_was p ON p.role_id = w.role_id AND p.manager_id = w.manager_id AND p.change_id IN pending
            JOIN dotted_line_was n ON n.role_id = p.role_id AND n.manager_id = p.manager_id AND n.change_id =
                (SELECT min(x.change_id) FROM dotted_line_was x WHERE x.role_id = p.role_id AND x.manager_id = p.manager_id
                 AND x.change_id > p.change_id)
            LEFT JOIN dotted_line d ON d.role_id = w.role_id AND d.manager_id = w.manager_id
            WHERE w.change_id = ?2 AND p.existed <> n.existed AND n.existed = w.existed AND w.existed <> (d.role_id IS NOT NULL)
            LIMIT 1
            """).first(values, { ($0.int(0), $0.int(1)) }) {
            throw try (pending.changer(ofLine: role, to: manager) ?? pending.first()).error(at: effective)
        }
        if let unit = try db.integer("""
            WITH \(PendingChanges.table)
            SELECT w.unit_id FROM governance_was w
            JOIN governance_was p ON p.unit_id = w.unit_id AND p.change_id IN pending
            JOIN governance_was n ON n.unit_id = p.unit_id AND n.change_id =
                (SELECT min(x.change_id) FROM governance_was x WHERE x.unit_id = p.unit_id AND x.change_id > p.change_id)
            LEFT JOIN governance g ON g.unit_id = w.unit_id
            WHERE w.change_id = ?2
              AND (CASE WHEN p.existed = 1 THEN p.pmo_id END) IS NOT (CASE WHEN n.existed = 1 THEN n.pmo_id END)
              AND (CASE WHEN n.existed = 1 THEN n.pmo_id END) IS (CASE WHEN w.existed = 1 THEN w.pmo_id END)
              AND (CASE WHEN w.existed = 1 THEN w.pmo_id END) IS NOT g.pmo_id
            LIMIT 1
            """, values) {
            throw try (pending.changer(ofGovernance: unit) ?? pending.first()).error(at: effective)
        }
    }

    private func notInForce(_ id: Int64, _ table: IdentifiedTable, _ rebuild: ChartRebuild) throws -> OrgError {
        let bringer = try rebuild.bringer(of: id, in: table)
        return .notInForce(key: try rebuild.key(of: id, in: table) ?? "#\(id)", moment: effective,
                           change: bringer?.id, from: bringer?.effective)
    }
}
