/// A change that takes effect before changes already recorded (a backdated
/// change, or any change while a planned one is pending) must make sense in
/// the chart as it will be at its moment: the rows it changes and the rows
/// it points to must be in force then. Otherwise the history could not
/// replay it, so the write is refused before it commits.
struct EffectiveCheck {
    let db: Connection
    let change: Int64
    let effective: Timestamp
    let roleRange: ClosedRange<Int64>
    let unitRange: ClosedRange<Int64>

    func verify() throws {
        guard try db.integer("SELECT EXISTS (SELECT 1 FROM change WHERE id <> ? AND effective_at > ?)",
                             [.integer(change), .text(effective.description)]) == 1 else { return }
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

    private func notInForce(_ id: Int64, _ table: IdentifiedTable, _ rebuild: ChartRebuild) throws -> OrgError {
        let bringer = try rebuild.bringer(of: id, in: table)
        return .notInForce(key: try rebuild.key(of: id, in: table) ?? "#\(id)", moment: effective,
                           change: bringer?.id, from: bringer?.effective)
    }
}
