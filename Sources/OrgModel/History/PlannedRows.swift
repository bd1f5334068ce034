import OrgSQLite

/// What the changes pending at a write's moment do to roles, read from the
/// file before the chart is rebuilt at that moment: the fields each sets,
/// the roles each removes, and the roles each adds. A write from a source
/// that knows nothing of the plans (an HR export) leaves these to the plans
/// instead of being refused, and says so.
struct PlannedRows {
    /// A field of a role that a pending change sets, as it leaves it.
    struct Field {
        let change: Int64
        let effective: Timestamp
        /// The field's values as the change leaves them, in
        /// ``ChangeReverter/Table/role`` columns of its group; nil when the
        /// change removes the role.
        let value: [SQLValue]?
    }

    /// By role id, then by group of ``ChangeReverter/Table/role`` (the
    /// latest pending change for each); a removal is under every group.
    var fields: [Int64: [Int: Field]] = [:]
    /// Roles a pending change adds, by lowercased key.
    var added: [String: Field] = [:]
    /// Keys of the rows the fields name (managers, units), by id, as the file has them.
    var roleKeys: [Int64: String] = [:]
    var unitKeys: [Int64: String] = [:]

    var isEmpty: Bool { fields.isEmpty && added.isEmpty }

    /// The planned field of `group` of role `id`, if a pending change sets it.
    func field(_ group: Int, of id: Int64) -> Field? { fields[id]?[group] }
}

extension PendingChanges {
    /// Every role field and role the pending changes set, add or remove.
    func plannedRows() throws -> PlannedRows {
        var planned = PlannedRows()
        let shape = ChangeReverter.Table.role
        let width = Int32(shape.columns.count)
        let list = { (alias: String) in shape.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        let values = { (row: Row, start: Int32) in (start..<start + width).map { row.value($0) } }
        let effective = try db.statement("WITH \(Self.table) SELECT c.id, c.effective_at FROM change c WHERE c.id IN pending")
            .map(parameters) { ($0.int(0), Timestamp(stored: $0.text(1))) }
        let dates = Dictionary(effective, uniquingKeysWith: { first, _ in first })
        try db.statement("""
            WITH \(Self.table)
            SELECT p.id, p.change_id, p.existed, \(list("p")), n.change_id IS NOT NULL, n.existed, \(list("n")), r.id IS NOT NULL, \(list("r"))
            FROM role_was p
            LEFT JOIN role_was n ON n.id = p.id AND n.change_id =
                (SELECT min(x.change_id) FROM role_was x WHERE x.id = p.id AND x.change_id > p.change_id)
            LEFT JOIN role r ON r.id = p.id
            WHERE p.change_id IN pending ORDER BY p.change_id DESC
            """).forEachRow(parameters) { row in
            let id = row.int(0), change = row.int(1)
            let nextAt = 3 + width, nowAt = 5 + 2 * width
            let before = row.int(2) == 1 ? values(row, 3) : nil
            let now = row.int(nowAt) == 1 ? values(row, nowAt + 1) : nil
            let after = row.int(nextAt) == 1 ? (row.int(nextAt + 1) == 1 ? values(row, nextAt + 2) : nil) : now
            for (group, range) in shape.groupRanges.enumerated() {
                guard before.map({ Array($0[range]) }) != after.map({ Array($0[range]) }),
                      planned.fields[id]?[group] == nil else { continue }
                planned.fields[id, default: [:]][group] = PlannedRows.Field(
                    change: change, effective: dates[change] ?? moment, value: after.map { Array($0[range]) })
            }
        }
        try db.statement("""
            WITH \(Self.table)
            SELECT r.key, c.id FROM change c JOIN role r ON r.id > c.role_seq AND r.id <= c.role_seq_end WHERE c.id IN pending
            """).forEachRow(parameters) { row in
            let change = row.int(1)
            planned.added[row.text(0).lowercased()] = PlannedRows.Field(change: change, effective: dates[change] ?? moment, value: nil)
        }
        for groups in planned.fields.values {
            if case .integer(let manager)? = groups[7]?.value?.first, planned.roleKeys[manager] == nil {
                planned.roleKeys[manager] = try key(of: manager, in: .role)
            }
            if case .integer(let unit)? = groups[3]?.value?.first, planned.unitKeys[unit] == nil {
                planned.unitKeys[unit] = try key(of: unit, in: .unit)
            }
        }
        return planned
    }
}
