import OrgSQLite

/// What one recorded change did, worked out from its before-images and the
/// rows as they are when it ends, in the same plain words as `orgctl diff`.
struct ChangeSummary {
    let db: Connection
    let change: Int64
    let roleRange: ClosedRange<Int64>
    let unitRange: ClosedRange<Int64>

    /// The role the change created, when the write says that is all it did.
    var createdRole: CreatedRole?

    /// Above this many created roles or units, a summary counts them instead of listing them.
    static let listLimit: Int64 = 20

    /// A role a write created, as it inserted it, with the names its summary
    /// needs (its own and its manager's): a write that is this insert alone
    /// (``OrgDatabase/addRole(_:)``) is summarised from them. Reading the
    /// row, its images and the names back would be four statements to
    /// prepare, most of a small write's work, to learn what the write knew.
    struct CreatedRole {
        let id: Int64
        let state: RoleState
        let names: References
    }

    /// The summary as lines, at most `limit` of them.
    func lines(limit: Int) throws -> [String] {
        var lines = Lines(limit: limit)
        // The created role is taken as told only when it is the one id the
        // change gave and no unit came: anything else is read as usual.
        if let createdRole, roleRange == createdRole.id - 1...createdRole.id,
           unitRange.lowerBound == unitRange.upperBound {
            lines += RoleState.changes(before: nil, after: createdRole.state)
            return try lines.text { _ in (createdRole.names, createdRole.names) }
        }
        let images = try Images(db: db, values: values(3))
        try unitChanges(&lines, images: images)
        try roleChanges(&lines, images: images)
        try dottedLineChanges(&lines, images: images)
        return try lines.text { try names($0, images: images) }
    }

    /// Which tables hold before-images of the change, read at once: a query
    /// over the images of a table that holds none finds nothing, and most
    /// writes touch one or two tables, so the others' queries (each a
    /// statement to prepare, the largest of a small write's work) are left out.
    struct Images {
        let ofRoles: Bool
        let ofUnits: Bool
        let ofDottedLines: Bool
        /// Whether a dotted line starts or ends at a role the change created.
        let linesOfCreatedRoles: Bool

        /// `values`: the change, and the role ids it created (after the first, up to the second).
        init(db: Connection, values: [SQLValue]) throws {
            (ofRoles, ofUnits, ofDottedLines, linesOfCreatedRoles) = try db.statement("""
                SELECT EXISTS (SELECT 1 FROM role_was WHERE change_id = ?1),
                       EXISTS (SELECT 1 FROM unit_was WHERE change_id = ?1)
                           OR EXISTS (SELECT 1 FROM governance_was WHERE change_id = ?1),
                       EXISTS (SELECT 1 FROM dotted_line_was WHERE change_id = ?1),
                       ?2 < ?3 AND (EXISTS (SELECT 1 FROM dotted_line WHERE role_id > ?2 AND role_id <= ?3)
                                    OR EXISTS (SELECT 1 FROM dotted_line WHERE manager_id > ?2 AND manager_id <= ?3))
                """).first(values) { ($0.int(0) == 1, $0.int(1) == 1, $0.int(2) == 1, $0.int(3) == 1) } ?? (true, true, true, true)
        }
    }

    /// Names for the keys the summary mentions: as the change found them
    /// (its images) for what was, as it leaves them for what is.
    private func names(_ keys: [String], images: Images) throws -> (before: References, after: References) {
        guard let array = OrgDatabase.keyArray(keys) else { return (References(), References()) }
        var before = References()
        if images.ofRoles {
            try db.statement("""
                SELECT w.key, w.title, w.holder FROM role_was w
                WHERE w.change_id = ?2 AND w.existed = 1 AND w.key IN (SELECT value FROM json_each(?1))
                """).forEachRow([array, .integer(change)]) { row in
                before.add(RoleReference(key: row.text(0), title: row.text(1), holder: row.optionalText(2)))
            }
        }
        if images.ofUnits {
            try db.statement("""
                SELECT w.key, w.name FROM unit_was w
                WHERE w.change_id = ?2 AND w.existed = 1 AND w.key IN (SELECT value FROM json_each(?1))
                """).forEachRow([array, .integer(change)]) { row in
                before.add(UnitReference(key: row.text(0), name: row.text(1)))
            }
        }
        let after = try OrgDatabase.references(array, on: db)
        return (before.filled(from: after), after)
    }

    /// Lines up to a limit; past it, changes are only counted, so that a
    /// change to a million rows does not spell out a million lines.
    struct Lines {
        let limit: Int
        /// A line kept as text, or as a change to be worded once its keys have names.
        private enum Line {
            case text(String)
            case change(ChartChange)
        }
        private var kept: [Line] = []
        private(set) var more = 0

        init(limit: Int) { self.limit = limit }

        mutating func append(_ line: @autoclosure () -> String) {
            if kept.count < limit - 1 { kept.append(.text(line())) } else { more += 1 }
        }

        mutating func append(_ change: ChartChange) {
            if kept.count < limit - 1 { kept.append(.change(change)) } else { more += 1 }
        }

        static func += (lines: inout Lines, changes: [ChartChange]) {
            for change in changes { lines.append(change) }
        }

        /// The lines, each change named through one look-up of every key they
        /// mention, the last line saying how many more there were.
        func text(naming names: ([String]) throws -> (before: References, after: References)) throws -> [String] {
            // Repeats are left in: the look-up's key list drops them.
            var keys: [String] = []
            for case .change(let change) in kept { keys += change.mentionedKeys }
            let (before, after) = try names(keys)
            let lines = kept.map { line -> String in
                switch line {
                case .text(let text): return text
                case .change(var change):
                    change.name(before: before, after: after)
                    return change.description
                }
            }
            return more == 0 ? lines : lines + ["… and \(more) more"]
        }
    }

    /// The parameters every query takes its first few of: ?1 the change,
    /// ?2 and ?3 the role ids it created, ?4 and ?5 the unit ids it created.
    private func values(_ count: Int) -> [SQLValue] {
        Array([.integer(change), .integer(roleRange.lowerBound), .integer(roleRange.upperBound),
               .integer(unitRange.lowerBound), .integer(unitRange.upperBound)].prefix(count))
    }

    /// A role id's key as it was before the change, or is now.
    private static func roleKeyThen(_ id: String) -> String {
        "coalesce((SELECT x.key FROM role_was x WHERE x.change_id = ?1 AND x.id = \(id) AND x.existed = 1), (SELECT x.key FROM role x WHERE x.id = \(id)))"
    }
    /// A unit id's key as it was before the change, or is now.
    private static func unitKeyThen(_ id: String) -> String {
        "coalesce((SELECT x.key FROM unit_was x WHERE x.change_id = ?1 AND x.id = \(id) AND x.existed = 1), (SELECT x.key FROM unit x WHERE x.id = \(id)))"
    }

    private func roleChanges(_ lines: inout Lines, images: Images) throws {
        // Ids above the range's start were created by the change; none when
        // it ends where it starts. A range no wider than the list limit is
        // listed without counting it first.
        let span = roleRange.upperBound - roleRange.lowerBound
        let created = span <= Self.listLimit ? span
            : try db.integer("SELECT count(*) FROM role WHERE id > ?2 AND id <= ?3", values(3)) ?? 0
        if created > Self.listLimit {
            lines.append("added \(created) roles")
        } else if created > 0 {
            try db.statement("""
                SELECT \(RoleState.columns) FROM role r
                \(OrgDatabase.roleJoins)
                WHERE r.id > ?2 AND r.id <= ?3 ORDER BY r.path
                """).forEachRow(values(3)) { row in
                lines += RoleState.changes(before: nil, after: RoleState(row: row))
            }
        }
        guard images.ofRoles else { return }
        try db.statement("""
            SELECT w.existed, r.id IS NOT NULL,
                   w.key, w.title, w.holder, \(Self.unitKeyThen("w.unit_id")), \(Self.roleKeyThen("w.manager_id")),
                   w.grade, w.salary_minor, w.currency, w.rung, w.assistant,
                   \(RoleState.columns)
            FROM role_was w LEFT JOIN role r ON r.id = w.id
            \(OrgDatabase.roleJoins)
            WHERE w.change_id = ?1 ORDER BY coalesce(r.path, w.key)
            """).forEachRow(values(1)) { row in
            let before = row.int(0) == 1 ? RoleState(row: row, from: 2) : nil
            let after = row.int(1) == 1 ? RoleState(row: row, from: 12) : nil
            lines += RoleState.changes(before: before, after: after)
        }
    }

    private func unitChanges(_ lines: inout Lines, images: Images) throws {
        let span = unitRange.upperBound - unitRange.lowerBound
        let created = span <= Self.listLimit ? span
            : try db.integer("SELECT count(*) FROM unit WHERE id > ?4 AND id <= ?5", values(5)) ?? 0
        if created > Self.listLimit {
            lines.append("added \(created) units")
        } else if created > 0 {
            try db.statement("""
                SELECT \(UnitState.columns) FROM unit u \(UnitState.joins)
                WHERE u.id > ?4 AND u.id <= ?5 ORDER BY u.key
                """).forEachRow(values(5)) { row in
                lines += UnitState.changes(before: nil, after: UnitState(row: row))
            }
        }
        // Governance is its own table, so its images are joined to the unit's:
        // a unit may have one, the other or both.
        guard images.ofUnits else { return }
        try db.statement("""
            WITH touched(id) AS (SELECT id FROM unit_was WHERE change_id = ?1
                                 UNION SELECT unit_id FROM governance_was WHERE change_id = ?1)
            SELECT CASE WHEN w.id IS NOT NULL THEN w.existed = 1 ELSE u.id IS NOT NULL END, u.id IS NOT NULL,
                   coalesce(w.key, u.key), coalesce(w.name, u.name), coalesce(w.kind, u.kind),
                   CASE WHEN w.id IS NULL THEN u.pmo_type ELSE w.pmo_type END,
                   CASE WHEN w.id IS NULL THEN p.key ELSE \(Self.unitKeyThen("w.parent_id")) END,
                   CASE WHEN w.id IS NULL THEN h.key ELSE \(Self.roleKeyThen("w.head_role_id")) END,
                   CASE WHEN gw.unit_id IS NULL THEN g.key WHEN gw.existed = 1 THEN \(Self.unitKeyThen("gw.pmo_id")) END,
                   \(UnitState.columns)
            FROM touched t LEFT JOIN unit_was w ON w.change_id = ?1 AND w.id = t.id
            LEFT JOIN governance_was gw ON gw.change_id = ?1 AND gw.unit_id = t.id
            LEFT JOIN unit u ON u.id = t.id \(UnitState.joins)
            ORDER BY 3
            """).forEachRow(values(1)) { row in
            let before = row.int(0) == 1 && !row.isNull(2) ? UnitState(row: row, from: 2) : nil
            let after = row.int(1) == 1 ? UnitState(row: row, from: 9) : nil
            lines += UnitState.changes(before: before, after: after)
        }
    }

    private func dottedLineChanges(_ lines: inout Lines, images: Images) throws {
        if images.ofDottedLines {
            try db.statement("""
                SELECT w.existed, d.role_id IS NOT NULL, \(Self.roleKeyThen("w.role_id")), \(Self.roleKeyThen("w.manager_id"))
                FROM dotted_line_was w
                LEFT JOIN dotted_line d ON d.role_id = w.role_id AND d.manager_id = w.manager_id
                WHERE w.change_id = ?1 ORDER BY 3, 4
                """).forEachRow(values(1)) { row in
                let (existed, exists) = (row.int(0) == 1, row.int(1) == 1)
                guard existed != exists else { return }
                lines.append(ChartChange(kind: exists ? .dottedLineAdded : .dottedLineRemoved, key: row.text(2), to: row.text(3)))
            }
        }
        let created = roleRange.upperBound - roleRange.lowerBound
        guard created > 0, created <= Self.listLimit, images.linesOfCreatedRoles else { return }
        try db.statement("""
            SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
            WHERE d.role_id > ?2 AND d.role_id <= ?3 OR d.manager_id > ?2 AND d.manager_id <= ?3
            ORDER BY 1, 2
            """).forEachRow(values(3)) { row in
            lines.append(ChartChange(kind: .dottedLineAdded, key: row.text(0), to: row.text(1)))
        }
    }
}

extension RoleState {
    /// A role's state as the summary reads it from its row (``columns``).
    init(_ role: Role) {
        key = role.key
        title = role.title
        holder = role.holder
        unit = role.unit
        manager = role.reportsTo
        grade = role.grade.map { Int64($0) }
        salary = role.salary.map { "\($0.amount) \($0.currency)" }
        rung = role.explicitRung?.rawValue
        assistantTo = role.assistantTo
    }
}
