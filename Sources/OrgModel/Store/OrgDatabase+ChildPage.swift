import OrgSQLite

/// One page of a role's direct reports, each with what a box on a chart
/// shows: its unit's name and its own report counts. A client that opens a
/// million-role chart a branch at a time asks for this on every click, so it
/// costs one statement over the manager index, whatever the chart's size.
public struct ChildPage: Sendable, Equatable {
    /// One direct report and the figures its box shows.
    public struct Child: Sendable, Equatable {
        /// The report.
        public let role: Role
        /// The name of the role's unit, when it has one.
        public let unitName: String?
        /// The PMO type of the role's unit, when the role heads that unit and it is a PMO.
        public let headedPMOType: PMOType?
        /// How many report to the role by a solid line.
        public let directReports: Int
        /// How many have a dotted line to the role.
        public let dottedReports: Int
    }

    /// The manager whose reports these are.
    public let manager: Role
    /// How many report to the manager by a solid line, on every page.
    public let total: Int
    /// The page: assistants first, then the others, in the order
    /// ``OrgDatabase/reports(to:all:maxDepth:includeDotted:)`` lists them.
    public let children: [Child]
}

extension OrgDatabase {
    /// The direct reports of the role `key` from `offset`, at most `limit`
    /// of them, or nil when no role has that key (a unit's key included).
    /// Unlike ``role(_:)``, a missing key costs no search for similar keys;
    /// over the chart as of a moment, a key a later change adds is still
    /// refused as planned.
    public func childPage(of key: String, offset: Int, limit: Int) throws(OrgError) -> ChildPage? {
        try read {
            let units = try units()
            guard let (manager, id) = try db.statement("SELECT \(Self.roleColumns), r.id FROM role r WHERE r.key = ?")
                .first([.text(Validation.nfc(key))], { (makeRole($0, units: units), $0.int(Self.roleColumnCount)) })
            else {
                // Only the chart as of a moment knows planned keys; the full
                // refusal then names the change that adds the key.
                try refusePlanned(key)
                return nil
            }
            let total = Int(try db.integer("SELECT count(*) FROM role WHERE manager_id = ?", [.integer(id)]) ?? 0)
            let children = try db.statement(Self.childPageSQL)
                .map([.integer(id), .integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))]) { row in
                    let role = makeRole(row, units: units)
                    let unit = row.optionalInt(9).flatMap { units.byID[$0]?.unit }
                    let heads = unit?.head.map { $0.lowercased() == role.key.lowercased() } ?? false
                    return ChildPage.Child(
                        role: role, unitName: unit?.name, headedPMOType: heads ? unit?.pmoType : nil,
                        directReports: Int(row.int(Self.roleColumnCount)), dottedReports: Int(row.int(Self.roleColumnCount + 1)))
                }
            return ChildPage(manager: manager, total: total, children: children)
        }
    }

    /// A page of one manager's reports with their counts: the manager index
    /// for the reports, and for each the manager index and the dotted lines'
    /// manager index for its counts. Only the manager's own reports are sorted.
    static let childPageSQL = """
        SELECT \(roleColumns),
               (SELECT count(*) FROM role c WHERE c.manager_id = r.id),
               (SELECT count(*) FROM dotted_line d WHERE d.manager_id = r.id)
        FROM role r WHERE r.manager_id = ?1 ORDER BY r.assistant DESC, r.path LIMIT ?2 OFFSET ?3
        """

    /// The role with `key`, or nil when no role has it (a unit's key
    /// included), without the search for similar keys that ``role(_:)``'s
    /// refusal carries; over the chart as of a moment, a key a later change
    /// adds is still refused as planned.
    public func roleIfPresent(_ key: String) throws(OrgError) -> Role? {
        try read {
            let pmos = PMOLookup(org: self)
            if let role = try db.statement("SELECT \(Self.roleColumns) FROM role r WHERE r.key = ?")
                .first([.text(Validation.nfc(key))], { try makeRole($0, pmos: pmos) }) {
                return role
            }
            try refusePlanned(key)
            return nil
        }
    }
}

extension OrgDatabase {
    /// Throws the planned-key refusal when `key` is no role now but a later
    /// change adds it (only a chart as of a moment can say so).
    fileprivate func refusePlanned(_ key: String) throws {
        guard readsOverlay else { return }
        let refusal = try unknown(key, expected: .role)
        if case .plannedKey = refusal { throw refusal }
    }
}

extension ChartSnapshot {
    /// A page of the direct reports of `key`, as ``OrgDatabase/childPage(of:offset:limit:)``.
    public func childPage(of key: String, offset: Int, limit: Int) throws(OrgError) -> ChildPage? {
        try database.childPage(of: key, offset: offset, limit: limit)
    }

    /// The role with `key`, or nil, as ``OrgDatabase/roleIfPresent(_:)``.
    public func roleIfPresent(_ key: String) throws(OrgError) -> Role? {
        try database.roleIfPresent(key)
    }
}

/// How many report to one role: by a solid line, and by a dotted line.
public struct ReportFigures: Sendable, Equatable {
    /// Direct reports by a solid line.
    public let solid: Int
    /// Roles with a dotted line to the role.
    public let dotted: Int
}

extension OrgDatabase {
    /// How many report to the role `key`, counted over the manager indexes
    /// without reading the reports themselves.
    public func reportTally(of key: String) throws(OrgError) -> ReportFigures {
        try read {
            guard let tally = try db.statement(Self.reportTallySQL).first([.text(Validation.nfc(key))], {
                ReportFigures(solid: Int($0.int(0)), dotted: Int($0.int(1)))
            }) else { throw try unknown(key, expected: .role) }
            return tally
        }
    }

    static let reportTallySQL = """
        SELECT (SELECT count(*) FROM role c WHERE c.manager_id = r.id),
               (SELECT count(*) FROM dotted_line d WHERE d.manager_id = r.id)
        FROM role r WHERE r.key = ?
        """
}

extension ChartSnapshot {
    /// How many report to `key`, as ``OrgDatabase/reportTally(of:)``.
    public func reportTally(of key: String) throws(OrgError) -> ReportFigures {
        try database.reportTally(of: key)
    }
}
