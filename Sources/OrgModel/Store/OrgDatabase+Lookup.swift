import OrgSQLite

/// Finding roles and units by the keys people type.
extension OrgDatabase {
    /// A role's private row facts that writes need.
    struct RoleRow {
        let id: Int64
        let key: String
        let managerID: Int64?
        let path: String
        let depth: Int
    }

    /// The manager's and the unit's keys are scalar subqueries, not joins:
    /// over the chart as of a moment (``ChartOverlay``) the tables are
    /// views, and SQLite reads a view on the right of a LEFT JOIN whole.
    static let roleColumns = """
        r.key, r.title, r.holder, \(managerKey), \(unitKey), r.grade, r.salary_minor, r.currency, r.depth, r.unit_id, r.rung, r.assistant
        """
    /// The key of the manager of a role aliased `r`.
    static let managerKey = "(SELECT m.key FROM role m WHERE m.id = r.manager_id)"
    /// The key of the unit of a role aliased `r`.
    static let unitKey = "(SELECT u.key FROM unit u WHERE u.id = r.unit_id)"
    /// How many columns ``roleColumns`` selects; extra columns follow at this index.
    static let roleColumnCount: Int32 = 12
    /// ``roleColumns`` without the manager's and unit's keys (NULL in their
    /// places), for depth-first walks that know them without a join.
    static let streamedRoleColumns = """
        r.key, r.title, r.holder, NULL, NULL, r.grade, r.salary_minor, r.currency, r.depth, r.unit_id, r.rung, r.assistant
        """
    /// What ``roleColumns`` needs joined: nothing now (its keys are
    /// subqueries); kept so that every query states where its joins go.
    static let roleJoins = ""

    /// A ``Role`` from a row whose first columns are ``roleColumns``.
    func makeRole(_ row: Row, units: UnitDirectory) -> Role {
        makeRole(row, pmo: units.pmo(forUnitID: row.optionalInt(9)))
    }

    /// A ``Role`` from a row whose first columns are ``roleColumns``, in `pmo`.
    func makeRole(_ row: Row, pmo: PMOPlacement?) -> Role {
        Role(
            key: row.text(0), title: row.text(1), holder: row.optionalText(2),
            reportsTo: row.optionalText(3), unit: row.optionalText(4),
            grade: row.optionalInt(5).map { Int($0) },
            salary: row.optionalInt(6).map { Money(minorUnits: $0, currency: row.text(7)) },
            depth: Int(row.int(8)),
            pmo: pmo,
            explicitRung: row.optionalText(10).flatMap(Rung.init(rawValue:)),
            assistantTo: row.int(11) == 1 ? row.optionalText(3) : nil)
    }

    func roleRow(_ key: String) throws -> RoleRow {
        guard let found = try roleRow(where: "key", is: .text(Validation.nfc(key))) else {
            throw try unknown(key, expected: .role)
        }
        return found
    }

    func roleRow(id: Int64) throws -> RoleRow {
        guard let found = try roleRow(where: "id", is: .integer(id)) else { throw Self.vanished("role", id) }
        return found
    }

    private func roleRow(where column: String, is value: SQLValue) throws -> RoleRow? {
        try db.statement("SELECT id, key, manager_id, path, depth FROM role WHERE \(column) = ?").first([value]) { row in
            RoleRow(id: row.int(0), key: row.text(1), managerID: row.optionalInt(2), path: row.text(3), depth: Int(row.int(4)))
        }
    }

    /// A role's row facts and its reference (title, holder, unit's key) in
    /// one look-up: for a write that names the role in what it reports, such
    /// as a new role's manager, so that its summary and its answer need no
    /// second read.
    func namedRoleRow(_ key: String) throws -> (row: RoleRow, reference: RoleReference) {
        guard let found = try db.statement("""
            SELECT r.id, r.key, r.manager_id, r.path, r.depth, r.title, r.holder, \(Self.unitKey) FROM role r WHERE r.key = ?
            """).first([.text(Validation.nfc(key))], { row in
                (RoleRow(id: row.int(0), key: row.text(1), managerID: row.optionalInt(2), path: row.text(3), depth: Int(row.int(4))),
                 RoleReference(key: row.text(1), title: row.text(5), holder: row.optionalText(6), unit: row.optionalText(7)))
            })
        else { throw try unknown(key, expected: .role) }
        return found
    }

    /// A row the same transaction found a moment ago is gone: a fault, not a user error.
    static func vanished(_ what: String, _ id: Int64) -> OrgError {
        .internalError(detail: "\(what) \(id) vanished during the operation")
    }

    func unitID(_ key: String) throws -> Int64 {
        guard let id = try db.integer("SELECT id FROM unit WHERE key = ?", [.text(Validation.nfc(key))]) else {
            throw try unknown(key, expected: .unit)
        }
        return id
    }

    /// A unit's id and its key as stored (which may differ in case from `key`).
    func unitRow(_ key: String) throws -> (id: Int64, key: String) {
        guard let found = try db.statement("SELECT id, key FROM unit WHERE key = ?")
            .first([.text(Validation.nfc(key))], { ($0.int(0), $0.text(1)) })
        else { throw try unknown(key, expected: .unit) }
        return found
    }

    /// The role a key means where "a role or a unit" is accepted: a role by its
    /// key, or a unit by its head.
    func roleRow(roleOrUnit key: String) throws -> RoleRow {
        let normalised = Validation.nfc(key)
        if try db.integer("SELECT 1 FROM role WHERE key = ?", [.text(normalised)]) != nil {
            return try roleRow(normalised)
        }
        guard let unit = try db.statement("SELECT head_role_id, key FROM unit WHERE key = ?")
            .first([.text(normalised)], { ($0.optionalInt(0), $0.text(1)) })
        else { throw try unknown(key, expected: .roleOrUnit) }
        guard let head = unit.0 else { throw OrgError.unitHasNoHead(key: unit.1) }
        return try roleRow(id: head)
    }

    /// Which kind of thing, if any, already uses `key`.
    func owner(of key: String) throws -> OrgError.KeyKind? {
        try existing(key)?.kind
    }

    /// The key as stored and what it names, when `key` (in any case) is taken.
    func existing(_ key: String) throws -> (key: String, kind: OrgError.KeyKind)? {
        // One statement for both tables: a new key's check is one look-up in each.
        try db.statement("SELECT key, 0 FROM role WHERE key = ?1 UNION ALL SELECT key, 1 FROM unit WHERE key = ?1 LIMIT 1")
            .first([.text(key)], { ($0.text(0), $0.int(1) == 0 ? OrgError.KeyKind.role : .unit) })
    }

    /// Throws ``OrgError/duplicateKey(key:takenBy:)`` when `key` is taken.
    func refuseTaken(_ key: String) throws {
        if let taken = try existing(key) { throw OrgError.duplicateKey(key: taken.key, takenBy: taken.kind) }
    }

    /// The error for an unknown key, with the closest existing keys.
    func unknown(_ key: String, expected: OrgError.KeyKind) throws -> OrgError {
        if expected != .roleOrUnit, let other = try existing(Validation.nfc(key)), other.kind != expected {
            return .wrongKind(key: other.key, is: other.kind, expected: expected)
        }
        if let planned = try plannedOwner(Validation.nfc(key), expected: expected) { return planned }
        let named = try nameMatches(for: key, kind: expected)
        if !named.isEmpty { return .unknownKeyNamesMatch(key: key, expected: expected, matches: named) }
        return .unknownKey(key: key, expected: expected, suggestions: try suggestions(for: key, kind: expected))
    }

    /// Over the chart as of a moment, a key the stored chart has (a later
    /// change adds it) is planned: the error names that change and its date.
    private func plannedOwner(_ key: String, expected: OrgError.KeyKind) throws -> OrgError? {
        guard readsOverlay else { return nil }
        for (table, kind, sequence) in [("role", OrgError.KeyKind.role, "role_seq"), ("unit", .unit, "unit_seq")]
        where expected == .roleOrUnit || expected == kind {
            guard let (stored, id) = try db.statement("SELECT key, id FROM main.\(table) WHERE key = ?")
                .first([.text(key)], { ($0.text(0), $0.int(1)) }) else { continue }
            // The change that made the row: the first whose ids end at or past it.
            let sql = "SELECT id, effective_at FROM change WHERE \(sequence) < ?1 AND coalesce(\(sequence)_end, ?1) >= ?1 ORDER BY id LIMIT 1"
            guard let (change, from) = try db.statement(sql).first([.integer(id)], { ($0.int(0), Timestamp(stored: $0.text(1))) })
            else { return nil }
            return .plannedKey(key: stored, kind: kind, change: change, from: from)
        }
        return nil
    }

    /// Roles whose holder, or units whose name, the text is (whole, or each
    /// word beginning a word of it), when it is not a key: at most three.
    private func nameMatches(for text: String, kind: OrgError.KeyKind) throws -> [OrgError.NameMatch] {
        // Text longer than any name is no name; keep the search bounded.
        guard text.utf8.count <= 400 else { return [] }
        return try searchOwners(text, limit: 12)
            .filter { $0.match == .wholeName || $0.match == .name }
            .filter { kind == .roleOrUnit || (kind == .unit) == ($0.owner < 0) }
            .prefix(3)
            .compactMap { owner, _ in
                owner < 0
                    ? try db.statement("SELECT key, name FROM unit WHERE id = ?").first([.integer(-owner)]) {
                        OrgError.NameMatch(key: $0.text(0), name: $0.text(1), isUnit: true)
                    }
                    : try db.statement("SELECT key, holder FROM role WHERE id = ? AND holder IS NOT NULL").first([.integer(owner)]) {
                        OrgError.NameMatch(key: $0.text(0), name: $0.text(1), isUnit: false)
                    }
            }
    }

    private func suggestions(for key: String, kind: OrgError.KeyKind) throws -> [String] {
        let target = Array(key.lowercased().utf8)
        // No stored key is longer than a key may be, and comparing a huge
        // value with thousands of keys would take hours.
        guard target.count <= Validation.maxKeyLength * 2 else { return [] }
        // Compare against every key of a small chart; in a large one, only the
        // keys that share the first character, an index range.
        var candidates: [String] = []
        let tables = kind == .unit ? ["unit"] : kind == .role ? ["role"] : ["role", "unit"]
        for table in tables {
            // Counting stops past the limit: a full count of a million keys
            // would cost every unknown key a pass over the index.
            let total = try db.integer("SELECT count(*) FROM (SELECT 1 FROM \(table) LIMIT 20001)") ?? 0
            if total <= 20_000 || target.isEmpty {
                candidates += try db.statement("SELECT key FROM \(table) LIMIT 20000").map { $0.text(0) }
            } else {
                let first = String(decoding: target.prefix(1), as: UTF8.self)
                candidates += try db.statement("SELECT key FROM \(table) WHERE key >= ? AND key < ? LIMIT 20000")
                    .map([.text(first), .text(first + "~")]) { $0.text(0) }
            }
        }
        let limit = max(2, target.count / 3)
        return candidates
            .map { (key: $0, distance: EditDistance.between(target, Array($0.lowercased().utf8))) }
            .filter { $0.distance <= limit }
            .sorted { ($0.distance, $0.key) < ($1.distance, $1.key) }
            .prefix(3)
            .map(\.key)
    }
}
