import OrgSQLite

/// Everything about one role or one unit, for `show`.
extension OrgDatabase {
    /// The details of the role or unit with this key.
    public func details(of key: String) throws(OrgError) -> Details {
        try read {
            switch try owner(of: Validation.nfc(key)) {
            case .unit?: return .unit(try unitDetails(try unitID(key)))
            case .role?: return .role(try roleDetails(try roleRow(key)))
            default: throw try unknown(key, expected: .roleOrUnit)
            }
        }
    }

    private func roleDetails(_ row: RoleRow) throws -> RoleDetails {
        let id: [SQLValue] = [.integer(row.id)]
        let keys = { (sql: String) throws -> [String] in try self.db.statement(sql).map(id) { $0.text(0) } }
        return RoleDetails(
            role: try fetchRole(id: row.id),
            directReports: Int(try db.integer("SELECT count(*) FROM role WHERE manager_id = ?", id) ?? 0),
            allReports: Int(try db.integer("SELECT count(*) FROM role WHERE path > ? AND path < ?",
                                           [.text(row.path), .text(PathLabel.end(of: row.path))]) ?? 0),
            chain: try PathLabel.ids(in: row.path).dropLast().reversed().map { try roleRow(id: $0).key },
            dottedTo: try keys("SELECT m.key FROM dotted_line d JOIN role m ON m.id = d.manager_id WHERE d.role_id = ? ORDER BY m.key"),
            dottedReports: try keys("SELECT r.key FROM dotted_line d JOIN role r ON r.id = d.role_id WHERE d.manager_id = ? ORDER BY r.key"),
            heads: try keys("SELECT key FROM unit WHERE head_role_id = ? ORDER BY key"),
            assistants: try keys("SELECT key FROM role WHERE manager_id = ? AND assistant = 1 ORDER BY key"))
    }

    private func unitDetails(_ id: Int64) throws -> UnitDetails {
        let units = try units()
        let unit = try fetchUnit(id: id)
        let parents = units.lineage(of: id).dropFirst().compactMap { units.byID[$0]?.unit.key }
        let roleCount = Int(try db.integer("SELECT count(*) FROM role WHERE unit_id = ?", [.integer(id)]) ?? 0)
        let vacant = Int(try db.integer("SELECT count(*) FROM role WHERE unit_id = ? AND holder IS NULL", [.integer(id)]) ?? 0)
        return UnitDetails(
            unit: unit,
            within: parents,
            pmo: units.pmo(forUnitID: id),
            subUnits: units.byID.values.filter { $0.parentID == id }.map(\.unit.key).sorted(),
            head: try unit.head.map { try fetchRole(id: try roleRow($0).id) },
            roles: roleCount, vacantRoles: vacant,
            governs: try db.statement("SELECT u.key FROM governance g JOIN unit u ON u.id = g.unit_id WHERE g.pmo_id = ? ORDER BY u.key")
                .map([.integer(id)]) { $0.text(0) },
            governedBy: try db.statement("SELECT p.key FROM governance g JOIN unit p ON p.id = g.pmo_id WHERE g.unit_id = ?")
                .first([.integer(id)]) { $0.text(0) })
    }
}

/// What `details(of:)` found: a role or a unit.
public enum Details: Sendable, Equatable {
    case role(RoleDetails)
    case unit(UnitDetails)
}

/// Everything about one role.
public struct RoleDetails: Sendable, Equatable, Codable {
    /// The role itself.
    public var role: Role
    /// How many roles report directly (solid) to it.
    public var directReports: Int
    /// How many roles are in its reporting tree, at any depth.
    public var allReports: Int
    /// Its managers' keys, nearest first, up to the root.
    public var chain: [String]
    /// The roles it has a dotted line to.
    public var dottedTo: [String]
    /// The roles with a dotted line to it.
    public var dottedReports: [String]
    /// The units it heads.
    public var heads: [String]
    /// The roles that assist it (they report to it too, and are counted in
    /// ``directReports``).
    public var assistants: [String] = []
}

/// Everything about one unit.
public struct UnitDetails: Sendable, Equatable, Codable {
    /// The unit itself.
    public var unit: OrgUnit
    /// The units it sits in, nearest first.
    public var within: [String]
    /// The PMO it is, or the nearest PMO it sits in.
    public var pmo: PMOPlacement?
    /// The units directly inside it.
    public var subUnits: [String]
    /// The role heading it.
    public var head: Role?
    /// How many roles belong to it directly, and how many of them are vacant.
    public var roles: Int
    /// How many of ``roles`` are vacant.
    public var vacantRoles: Int
    /// For a PMO, the units it governs directly.
    public var governs: [String]
    /// The PMO that governs this unit directly, if any.
    public var governedBy: String?
}
