import OrgSQLite

/// Questions about one role or unit, and about who reports to whom.
extension OrgDatabase {
    /// The role with this key.
    public func role(_ key: String) throws(OrgError) -> Role {
        try read { try fetchRole(id: try roleRow(key).id) }
    }

    /// The unit with this key.
    public func unit(_ key: String) throws(OrgError) -> OrgUnit {
        try read { try fetchUnit(id: try unitID(key)) }
    }

    /// Whether `key` names a role, a unit, or nothing.
    public func kind(of key: String) throws(OrgError) -> OrgError.KeyKind? {
        try read { try owner(of: Validation.nfc(key)) }
    }

    /// The reporting chain from the role (or unit head) `key` up to its root,
    /// starting with the role itself.
    ///
    /// ```swift
    /// let keys = try org.chain(of: "pm-payments").map(\.key)  // ["pm-payments", "pmo-it-director", "cio", "ceo"]
    /// ```
    public func chain(of key: String) throws(OrgError) -> [Role] {
        try read {
            let start = try roleRow(roleOrUnit: key)
            let pmos = PMOLookup(org: self)
            let ids = PathLabel.ids(in: start.path)
            // One point lookup per level: a chain is as long as the chart is deep.
            let lookup = try db.statement("SELECT \(Self.roleColumns) FROM role r \(Self.roleJoins) WHERE r.id = ?")
            return try ids.reversed().map { id in
                try lookup.first([.integer(id)]) { try makeRole($0, pmos: pmos) }!
            }
        }
    }

    /// The people who report to the role (or unit head) `key`; each role's
    /// assistants come first among its reports.
    /// - Parameters:
    ///   - key: the manager's role, or a unit standing for its head.
    ///   - all: everyone in the tree below, not only direct reports.
    ///   - maxDepth: with `all`, how many levels down to go (1 means direct reports).
    ///   - includeDotted: also list roles with a dotted line to the role (or,
    ///     with `all`, to anyone in its tree), marked as dotted.
    ///
    /// ```swift
    /// for entry in try org.reports(to: "cio", all: true, maxDepth: 2).reports {
    ///     print(String(repeating: "  ", count: entry.depth - 1) + entry.role.key)
    /// }
    /// ```
    public func reports(to key: String, all: Bool = false, maxDepth: Int? = nil,
                        includeDotted: Bool = false) throws(OrgError) -> ReportList {
        try read {
            let manager = try roleRow(roleOrUnit: key)
            let pmos = PMOLookup(org: self)
            let lowest = BranchScan.deepest(below: manager.depth, levels: all ? maxDepth : 1)
            func entry(_ row: Row) throws -> ReportEntry {
                ReportEntry(role: try makeRole(row, pmos: pmos), depth: Int(row.int(8)) - manager.depth, line: .solid, dottedTo: nil)
            }
            var entries: [ReportEntry] = []
            if all {
                // A role on the depth limit with reports of its own has its branch skipped.
                let below = try db.statement("""
                    SELECT \(Self.roleColumns), r.path,
                           r.depth = ?3 AND EXISTS (SELECT 1 FROM role c WHERE c.manager_id = r.id)
                    FROM role r \(Self.roleJoins) WHERE r.path > ?1 AND r.path < ?2 AND r.depth <= ?3 ORDER BY r.path
                    """)
                try BranchScan.forEachRow(below, from: manager.path, below: PathLabel.end(of: manager.path), deepest: Int64(lowest)) { row in
                    entries.append(try entry(row))
                    return row.int(Self.roleColumnCount + 1) == 1 ? row.text(Self.roleColumnCount) : nil
                }
            } else {
                // Direct reports come from the manager index: a range of the path
                // index would read the whole tree below only to keep one level.
                entries = try db.statement("""
                    SELECT \(Self.roleColumns) FROM role r \(Self.roleJoins) WHERE r.manager_id = ? ORDER BY r.path
                    """).map([.integer(manager.id)], entry)
            }
            entries = AssistantsFirst.ordered(entries)
            guard includeDotted else { return ReportList(manager: try fetchRole(id: manager.id), reports: entries) }
            // Dotted reports of the manager (or, with `all`, of anyone in its
            // tree), each listed right after the role it has the line to.
            let scope = all ? "b.path >= ? AND b.path < ? AND b.depth < ?" : "b.id = ?"
            var dottedBy: [String: [ReportEntry]] = [:]
            try db.statement("""
                SELECT \(Self.roleColumns), b.key, b.depth FROM dotted_line d
                JOIN role b ON b.id = d.manager_id
                JOIN role r ON r.id = d.role_id \(Self.roleJoins)
                WHERE \(scope) ORDER BY b.path, r.path
                """).forEachRow(all ? [.text(manager.path), .text(PathLabel.end(of: manager.path)), .integer(Int64(lowest))]
                                      : [.integer(manager.id)]) { row in
                let boss = row.text(Self.roleColumnCount)
                dottedBy[boss, default: []].append(ReportEntry(
                    role: try makeRole(row, pmos: pmos), depth: Int(row.int(Self.roleColumnCount + 1)) + 1 - manager.depth,
                    line: .dotted, dottedTo: boss))
            }
            let top = try fetchRole(id: manager.id)
            var merged = dottedBy[top.key] ?? []
            for entry in entries {
                merged.append(entry)
                merged += dottedBy[entry.role.key] ?? []
            }
            return ReportList(manager: top, reports: merged)
        }
    }

    /// How many roles report to `key`: directly, or with `all` at any depth
    /// (down to `maxDepth` levels). One range count over the path index, or with
    /// a depth limit one scan of the levels it keeps.
    public func countReports(to key: String, all: Bool = false, maxDepth: Int? = nil) throws(OrgError) -> Int {
        try read {
            let manager = try roleRow(roleOrUnit: key)
            if !all { return Int(try db.integer("SELECT count(*) FROM role WHERE manager_id = ?", [.integer(manager.id)]) ?? 0) }
            if let maxDepth {
                // Counted row by row, so that the branches the limit cuts are skipped, not read.
                var count = 0
                let rows = try db.statement("""
                    SELECT r.path, r.depth = ?3 AND EXISTS (SELECT 1 FROM role c WHERE c.manager_id = r.id)
                    FROM role r WHERE r.path > ?1 AND r.path < ?2 AND r.depth <= ?3 ORDER BY r.path
                    """)
                try BranchScan.forEachRow(rows, from: manager.path, below: PathLabel.end(of: manager.path),
                                          deepest: Int64(BranchScan.deepest(below: manager.depth, levels: maxDepth))) { row in
                    count += 1
                    return row.int(1) == 1 ? row.text(0) : nil
                }
                return count
            }
            return Int(try db.integer("SELECT count(*) FROM role WHERE path > ? AND path < ?",
                                      [.text(manager.path), .text(PathLabel.end(of: manager.path))]) ?? 0)
        }
    }

    // MARK: - Row fetching shared by queries and writes

    func fetchRole(id: Int64) throws -> Role {
        let pmos = PMOLookup(org: self)
        guard let role = try db.statement("SELECT \(Self.roleColumns) FROM role r \(Self.roleJoins) WHERE r.id = ?")
            .first([.integer(id)], { try makeRole($0, pmos: pmos) })
        else { throw Self.vanished("role", id) }
        return role
    }

    func fetchUnit(id: Int64) throws -> OrgUnit {
        // From the directory kept per file version (as fetchRole does): at a
        // million roles a role's answer names its unit, and loading every
        // unit for each took a twentieth of a busy server's time. A unit added
        // since the directory was loaded is read afresh.
        guard let entry = try units().byID[id] ?? UnitDirectory(db: db).byID[id] else {
            throw Self.vanished("unit", id)
        }
        return entry.unit
    }
}

/// The people reporting to one manager.
public struct ReportList: Sendable, Equatable, Codable {
    /// The manager asked about.
    public var manager: Role
    /// Their reports depth first; dotted ones right after the role they have the line to.
    public var reports: [ReportEntry]
}

/// One role in a list of reports.
public struct ReportEntry: Sendable, Equatable, Codable {
    /// Which kind of line connects a report to its manager.
    public enum Line: String, Sendable, Codable {
        /// The report's line manager.
        case solid
        /// A matrix, functional or advisory line.
        case dotted
    }

    /// The report.
    public var role: Role
    /// Levels below the manager asked about (1 for a direct report).
    public var depth: Int
    /// Whether the role reports on a solid or a dotted line.
    public var line: Line
    /// For a dotted report, the key of the role it has the dotted line to.
    public var dottedTo: String?
}
