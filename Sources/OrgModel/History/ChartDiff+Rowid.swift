import OrgSQLite

/// The roles and dotted lines that differ between two charts, found by
/// reading both files in storage (rowid) order, the way SQLite's `sqldiff`
/// does: sequential reads, rows compared column by column where SQLite holds
/// them, no join and no look-up per row.
///
/// Charts are compared by key, but a copy of a file keeps its ids, so where
/// an id names the same key on both sides an id in a column names the same
/// role or unit too. The ids that do not (a role on one side only, an id
/// reused for another key) are collected, and every row that refers to one is
/// compared by key as well. Only the keys that may differ are held, and the
/// changes come out in key order as ``OrgDatabase/differences(to:)`` lists
/// them. When more keys than ``limit`` may differ (two unrelated charts), it
/// gives up and the caller merges the charts in key order instead.
struct RowidDiff {
    /// Beyond this many keys to compare, the key-order merge is cheaper in memory.
    static let limit = 100_000

    /// The role keys that may have changed, folded to lower case (keys are ASCII).
    private(set) var roleKeys: Set<String> = []
    /// The dotted lines, as (role key, manager key), that may have changed.
    private(set) var lineKeys: [String: (role: String, manager: String)] = [:]

    /// The role columns compared, in the order ``sameRole(_:_:)`` reads them.
    static let roleColumns = "id, key, title, holder, unit_id, manager_id, grade, salary_minor, currency, rung, assistant"

    /// `columns` of every row of `table` in storage order. Over the as-of
    /// overlay the table is a view, which SQLite can only sort whole (in
    /// memory: a million roles took 150 MB); there main's untouched rows,
    /// already in order, and the kept ones are read as two ordered scans
    /// that SQLite merges as they go.
    static func scan(_ columns: String, of table: String, order: String, overlaid: Bool) -> String {
        guard overlaid, let kept = ChartOverlay.Overlaid.all.first(where: { $0.name == table }) else {
            return "SELECT \(columns) FROM \(table) ORDER BY \(order)"
        }
        return """
            SELECT \(columns) FROM main.\(table) live
            WHERE NOT EXISTS (SELECT 1 FROM temp.\(kept.hidden) h WHERE \(kept.matching("h", "live")))
            UNION ALL SELECT \(columns) FROM temp.\(kept.rows) ORDER BY \(order)
            """
    }

    /// True when two rows of ``roleColumns`` with the same id and key agree in
    /// every other column: title, holder, unit, manager, grade, salary,
    /// currency, rung, assistant.
    private static func sameRole(_ l: Row, _ r: Row) -> Bool {
        l.sameInteger(5, as: r, 5) && l.sameText(3, as: r, 3) && l.sameText(2, as: r, 2) && l.sameInteger(4, as: r, 4)
            && l.sameInteger(6, as: r, 6) && l.sameInteger(7, as: r, 7) && l.sameText(8, as: r, 8) && l.sameText(9, as: r, 9)
            && l.sameInteger(10, as: r, 10)
    }

    /// The keys found some other way (``RangeDiff``).
    init(roleKeys: Set<String>, lineKeys: [String: (role: String, manager: String)]) {
        self.roleKeys = roleKeys
        self.lineKeys = lineKeys
    }

    /// Nil when too many keys may differ. `overlaid`: which sides read the
    /// as-of overlay (``OrgDatabase/readsOverlay``).
    init?(_ left: Connection, _ right: Connection, overlaid: (left: Bool, right: Bool) = (false, false)) throws {
        let sides = (left: left, right: right, overlaid: overlaid)
        var unstableRoles: Set<Int64> = [], unstableUnits: Set<Int64> = []
        var tooMany = false
        try Self.mergeByID(sides, Self.roleColumns, of: "role") { l, r in
            switch (l, r) {
            case let (l?, r?):
                if !l.sameText(1, as: r, 1) {
                    unstableRoles.insert(l.int(0))
                    roleKeys.insert(l.text(1).lowercased())
                    roleKeys.insert(r.text(1).lowercased())
                } else if !Self.sameRole(l, r) {
                    roleKeys.insert(l.text(1).lowercased())
                }
            case let (only?, nil), let (nil, only?):
                unstableRoles.insert(only.int(0))
                roleKeys.insert(only.text(1).lowercased())
            case (nil, nil):
                break
            }
            tooMany = roleKeys.count + unstableRoles.count > Self.limit
            return !tooMany
        }
        if tooMany { return nil }
        try Self.mergeByID(sides, "id, key", of: "unit") { l, r in
            if let l, let r, l.sameText(1, as: r, 1) { return true }
            unstableUnits.insert((l ?? r)!.int(0))
            return true
        }
        // A role whose manager or unit id names another key on the other
        // side is compared by key.
        for db in [left, right] {
            let reports = try db.statement("SELECT key FROM role WHERE manager_id = ?")
            for id in unstableRoles { try reports.forEachRow([.integer(id)]) { roleKeys.insert($0.text(0).lowercased()) } }
            let members = try db.statement("SELECT key FROM role WHERE unit_id = ?")
            for id in unstableUnits { try members.forEachRow([.integer(id)]) { roleKeys.insert($0.text(0).lowercased()) } }
            if roleKeys.count > Self.limit { return nil }
        }
        try collectLines(sides, unstableRoles)
        if lineKeys.count > Self.limit { return nil }
    }

    /// The dotted lines on one side only by id, and every line at either end
    /// of an unstable id, by their keys.
    private mutating func collectLines(_ sides: Sides, _ unstable: Set<Int64>) throws {
        let (left, right) = (sides.left, sides.right)
        var candidates: [(Connection, Int64, Int64)] = []
        try Self.mergeByID(sides, "role_id, manager_id", of: "dotted_line", keyColumns: 2) { l, r in
            switch (l, r) {
            case let (l?, nil): candidates.append((left, l.int(0), l.int(1)))
            case let (nil, r?): candidates.append((right, r.int(0), r.int(1)))
            default: break
            }
            return candidates.count <= Self.limit
        }
        for db in [left, right] {
            let ends = try db.statement("""
                SELECT role_id, manager_id FROM dotted_line WHERE role_id = ?1
                UNION ALL SELECT role_id, manager_id FROM dotted_line WHERE manager_id = ?1
                """)
            for id in unstable { try ends.forEachRow([.integer(id)]) { candidates.append((db, $0.int(0), $0.int(1))) } }
        }
        let keyOf = [ObjectIdentifier(left): try left.statement("SELECT key FROM role WHERE id = ?"),
                     ObjectIdentifier(right): try right.statement("SELECT key FROM role WHERE id = ?")]
        for (db, role, manager) in candidates {
            let statement = keyOf[ObjectIdentifier(db)]!
            guard let roleKey = try statement.first([.integer(role)], { $0.text(0) }),
                  let managerKey = try statement.first([.integer(manager)], { $0.text(0) }) else { continue }
            lineKeys[(roleKey + " " + managerKey).lowercased()] = (roleKey, managerKey)
        }
    }

    /// The two connections compared, and which of them read the overlay.
    typealias Sides = (left: Connection, right: Connection, overlaid: (left: Bool, right: Bool))

    /// Steps both sides' ``scan(_:of:order:overlaid:)`` of `columns` (whose
    /// first `keyColumns` are the integer identity) together, calling `body`
    /// with the rows of each id, either missing on one side; `body` returns
    /// false to stop.
    private static func mergeByID(_ sides: Sides, _ columns: String, of table: String, keyColumns: Int32 = 1,
                                  _ body: (Row?, Row?) throws -> Bool) throws {
        let order = keyColumns == 1 ? "id" : "role_id, manager_id"
        let l = try sides.left.statement(scan(columns, of: table, order: order, overlaid: sides.overlaid.left))
        let r = try sides.right.statement(scan(columns, of: table, order: order, overlaid: sides.overlaid.right))
        try l.bind([])
        try r.bind([])
        var hasLeft = try l.step(), hasRight = try r.step()
        while hasLeft || hasRight {
            var order = 0
            if !hasLeft { order = 1 } else if !hasRight { order = -1 } else {
                for column in 0..<keyColumns where order == 0 {
                    let a = l.currentRow.int(column), b = r.currentRow.int(column)
                    order = a < b ? -1 : (a > b ? 1 : 0)
                }
            }
            let more = try body(order <= 0 ? l.currentRow : nil, order >= 0 ? r.currentRow : nil)
            if !more { return }
            if order <= 0 { hasLeft = try l.step() }
            if order >= 0 { hasRight = try r.step() }
        }
    }
}

extension OrgDatabase {
    /// The role and dotted-line part of ``forEachDifference(to:_:)`` from a
    /// ``RowidDiff``: each candidate compared by key on both sides, in key order.
    func rowidDifferences(_ found: RowidDiff, _ other: OrgDatabase, _ body: (ChartChange) -> Void) throws {
        let sql = "SELECT \(RoleState.columns) FROM role r \(Self.roleJoins) WHERE r.key = ?"
        let before = try db.statement(sql), after = try other.db.statement(sql)
        for key in found.roleKeys.sorted() {
            RoleState.changes(before: try before.first([.text(key)], { RoleState(row: $0) }),
                              after: try after.first([.text(key)], { RoleState(row: $0) })).forEach(body)
        }
        let line = """
            SELECT 1 FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
            WHERE r.key = ? AND m.key = ?
            """
        let left = try db.statement(line), right = try other.db.statement(line)
        for folded in found.lineKeys.keys.sorted() {
            let keys = found.lineKeys[folded]!
            let values: [SQLValue] = [.text(keys.role), .text(keys.manager)]
            switch (try left.first(values, { _ in true }) ?? false, try right.first(values, { _ in true }) ?? false) {
            case (true, false): body(ChartChange(kind: .dottedLineRemoved, key: keys.role, to: keys.manager))
            case (false, true): body(ChartChange(kind: .dottedLineAdded, key: keys.role, to: keys.manager))
            default: break
            }
        }
    }
}
