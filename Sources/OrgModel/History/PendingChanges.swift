import OrgSQLite

/// The changes still to take effect at the moment a write takes effect:
/// recorded before it, taking effect after it, and not undone by then.
/// Rows in the file hold what these changes did, though the chart at the
/// write's moment does not have it yet; a write must neither read it as
/// the chart then nor alter it, so that a plan never leaks into the chart
/// before its date and does at its date what it was recorded to do.
struct PendingChanges {
    let db: Connection
    /// The write's own change, still open.
    let writing: Int64
    let moment: Timestamp

    /// The pending changes as a common table `pending(id)`, for a statement
    /// whose parameters ?1 and ?2 are ``parameters``.
    static let table = "pending(id) AS (SELECT c.id FROM change c WHERE c.id < ?2 AND \(ChartRebuild.pendingAt))"

    var parameters: [SQLValue] { [.text(moment.description), .integer(writing)] }

    func exist() throws -> Bool {
        try db.integer("WITH \(Self.table) SELECT EXISTS (SELECT 1 FROM pending)", parameters) == 1
    }

    /// What a pending change does that a write clashes with, in plain words.
    struct Clash {
        let change: Int64
        let effective: Timestamp
        let key: String
        /// Such as "puts pm-crm under cfo".
        let detail: String

        func error(at moment: Timestamp) -> OrgError {
            .plannedChangeConflict(key: key, moment: moment, change: change, from: effective, detail: detail)
        }
    }

    // MARK: - Which pending change did it

    /// The latest pending change that changed `group` of a row (any group
    /// when nil), or created or removed it.
    func changer(of table: IdentifiedTable, id: Int64, group: Int? = nil) throws -> Clash? {
        let shape = ChangeReverter.Table.of(table)
        let ranges = shape.groupRanges
        let width = Int32(shape.columns.count)
        let list = { (alias: String) in shape.columns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        let values = { (row: Row, start: Int32) in (start..<start + width).map { row.value($0) } }
        let rows = try db.statement("""
            WITH \(Self.table)
            SELECT p.change_id, p.existed, \(list("p")), n.change_id IS NOT NULL, n.existed, \(list("n")), r.id IS NOT NULL, \(list("r"))
            FROM \(table.rawValue)_was p
            LEFT JOIN \(table.rawValue)_was n ON n.id = p.id AND n.change_id =
                (SELECT min(x.change_id) FROM \(table.rawValue)_was x WHERE x.id = p.id AND x.change_id > p.change_id)
            LEFT JOIN \(table.rawValue) r ON r.id = p.id
            WHERE p.id = ?3 AND p.change_id IN pending ORDER BY p.change_id DESC
            """).map(parameters + [.integer(id)]) { row -> (Int64, [SQLValue]?, [SQLValue]?) in
            let nextAt = 2 + width, nowAt = 4 + 2 * width
            let now = row.int(nowAt) == 1 ? values(row, nowAt + 1) : nil
            let after = row.int(nextAt) == 1 ? (row.int(nextAt + 1) == 1 ? values(row, nextAt + 2) : nil) : now
            return (row.int(0), row.int(1) == 1 ? values(row, 2) : nil, after)
        }
        for (change, before, after) in rows {
            let changed = group.map { [$0] } ?? Array(ranges.indices)
            guard let index = changed.first(where: { group in
                before.map { Array($0[ranges[group]]) } != after.map { Array($0[ranges[group]]) }
            }) else { continue }
            return try clash(change, key: key(of: id, in: table), detail: describe(table, id, group: index, after: after, fields: shape))
        }
        return try creator(of: table, id: id)
    }

    /// The pending change that created a row, if one did.
    func creator(of table: IdentifiedTable, id: Int64) throws -> Clash? {
        let seq = table.rawValue + "_seq"
        guard let creator = try db.integer("""
            WITH \(Self.table) SELECT max(c.id) FROM change c WHERE c.id IN pending AND ?3 > c.\(seq) AND ?3 <= c.\(seq)_end
            """, parameters + [.integer(id)]) else { return nil }
        let name = try key(of: id, in: table)
        return try clash(creator, key: name, detail: table == .role ? "adds \(name)" : "adds unit \(name)")
    }

    /// The latest pending change that drew or removed a dotted line.
    func changer(ofLine role: Int64, to manager: Int64) throws -> Clash? {
        guard let (change, after) = try db.statement("""
            WITH \(Self.table)
            SELECT p.change_id, coalesce(
                (SELECT n.existed FROM dotted_line_was n WHERE n.role_id = p.role_id AND n.manager_id = p.manager_id
                 AND n.change_id > p.change_id ORDER BY n.change_id LIMIT 1),
                EXISTS (SELECT 1 FROM dotted_line d WHERE d.role_id = p.role_id AND d.manager_id = p.manager_id))
            FROM dotted_line_was p WHERE p.role_id = ?3 AND p.manager_id = ?4 AND p.change_id IN pending AND p.existed <> coalesce(
                (SELECT n.existed FROM dotted_line_was n WHERE n.role_id = p.role_id AND n.manager_id = p.manager_id
                 AND n.change_id > p.change_id ORDER BY n.change_id LIMIT 1),
                EXISTS (SELECT 1 FROM dotted_line d WHERE d.role_id = p.role_id AND d.manager_id = p.manager_id))
            ORDER BY p.change_id DESC LIMIT 1
            """).first(parameters + [.integer(role), .integer(manager)], { ($0.int(0), $0.int(1) == 1) }) else {
            return try changer(of: .role, id: max(role, manager))
        }
        let (from, to) = (try key(of: role, in: .role), try key(of: manager, in: .role))
        return try clash(change, key: from, detail: "\(after ? "draws" : "removes") the dotted line from \(from) to \(to)")
    }

    /// The latest pending change that set or ended a unit's governance.
    func changer(ofGovernance unit: Int64) throws -> Clash? {
        guard let (change, before, after) = try db.statement("""
            WITH \(Self.table)
            SELECT p.change_id, CASE WHEN p.existed = 1 THEN p.pmo_id END,
                   CASE WHEN n.change_id IS NULL THEN (SELECT g.pmo_id FROM governance g WHERE g.unit_id = p.unit_id)
                        WHEN n.existed = 1 THEN n.pmo_id END
            FROM governance_was p
            LEFT JOIN governance_was n ON n.unit_id = p.unit_id AND n.change_id =
                (SELECT min(x.change_id) FROM governance_was x WHERE x.unit_id = p.unit_id AND x.change_id > p.change_id)
            WHERE p.unit_id = ?3 AND p.change_id IN pending ORDER BY p.change_id DESC
            """).map(parameters + [.integer(unit)], { ($0.int(0), $0.optionalInt(1), $0.optionalInt(2)) })
            .first(where: { $0.1 != $0.2 }) else {
            return try changer(of: .unit, id: unit)
        }
        let governed = try key(of: unit, in: .unit)
        let detail = try after.map { "makes \(try key(of: $0, in: .unit)) govern \(governed)" }
            ?? "ends \(try before.map { try key(of: $0, in: .unit) } ?? "its PMO")'s governance of \(governed)"
        return try clash(change, key: governed, detail: detail)
    }

    /// The pending change that brings a row with this key: the one that
    /// created it, else the latest that changed it.
    func bringer(ofKey key: String) throws -> Clash? {
        for table in [IdentifiedTable.role, .unit] {
            if let id = try db.integer("SELECT id FROM \(table.rawValue) WHERE key = ?", [.text(key)]),
               let found = try creator(of: table, id: id) ?? changer(of: table, id: id) {
                return found
            }
        }
        return nil
    }

    /// The pending change taking effect first, when none can be named more closely.
    func first() throws -> Clash {
        guard let change = try db.integer("""
            WITH \(Self.table) SELECT c.id FROM change c WHERE c.id IN pending ORDER BY c.effective_at, c.id LIMIT 1
            """, parameters) else {
            throw OrgError.internalError(detail: "no change is pending at \(moment)")
        }
        return try clash(change, key: "", detail: "is recorded before it")
    }

    private func clash(_ change: Int64, key: String, detail: String) throws -> Clash {
        let effective = try db.statement("SELECT effective_at FROM change WHERE id = ?").first([.integer(change)]) { $0.text(0) }
        return Clash(change: change, effective: Timestamp(stored: effective ?? ""), key: key, detail: detail)
    }

    // MARK: - Words

    /// A row's key: as it is now, else as its latest image has it.
    func key(of id: Int64, in table: IdentifiedTable) throws -> String {
        let found = try db.statement("""
            SELECT coalesce((SELECT key FROM \(table.rawValue) WHERE id = ?1),
                            (SELECT key FROM \(table.rawValue)_was WHERE id = ?1 AND existed = 1 ORDER BY change_id DESC LIMIT 1))
            """).first([.integer(id)]) { $0.optionalText(0) }
        return (found ?? nil) ?? "#\(id)"
    }

    /// What a change that left the row as `after` did to `group` of it.
    private func describe(_ table: IdentifiedTable, _ id: Int64, group: Int, after: [SQLValue]?,
                          fields shape: ChangeReverter.Table) throws -> String {
        let name = try key(of: id, in: table)
        guard let after else { return table == .role ? "removes \(name)" : "removes unit \(name)" }
        let range = shape.groupRanges[group]
        let value = after[range.lowerBound]
        let reference = { (table: IdentifiedTable) throws -> String? in
            if case .integer(let target) = value { return try self.key(of: target, in: table) }
            return nil
        }
        switch (table, shape.fields[group].first ?? "") {
        case (.role, "manager_id"):
            return try reference(.role).map { "puts \(name) under \($0)" } ?? "puts \(name) at the top"
        case (.role, "unit_id"):
            return try reference(.unit).map { "puts \(name) in unit \($0)" } ?? "takes \(name) out of its unit"
        case (.role, "assistant"):
            return value == .integer(1) ? "makes \(name) an assistant of its manager" : "makes \(name) no longer an assistant"
        case (.role, "holder"):
            return Self.text(value).map { "makes \($0) the holder of \(name)" } ?? "leaves \(name) vacant"
        case (.role, "salary_minor"):
            if case .integer(let minor) = value, case .text(let currency) = after[range.lowerBound + 1] {
                return "sets \(name)'s salary to \(Money(minorUnits: minor, currency: currency).amount) \(currency)"
            }
            return "clears \(name)'s salary"
        case (.unit, "parent_id"):
            return try reference(.unit).map { "puts unit \(name) inside \($0)" } ?? "puts unit \(name) at the top"
        case (.unit, "head_role_id"):
            return try reference(.role).map { "makes \($0) the head of \(name)" } ?? "leaves \(name) without a head"
        case (.unit, "kind"):
            let kind = Self.text(value) ?? "", type = Self.text(after[range.lowerBound + 1])
            return "makes \(name) a \(kind)" + (type.map { " of type \($0)" } ?? "")
        case (_, let column):
            let field = String(column.map { $0 == "_" ? " " : $0 })
            return Self.text(value).map { "sets \(name)'s \(field) to \($0)" } ?? "clears \(name)'s \(field)"
        }
    }

    private static func text(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }
}
