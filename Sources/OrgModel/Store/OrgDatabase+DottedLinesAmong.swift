import OrgSQLite

/// One dotted (matrix) reporting line, by its ends' keys.
public struct DottedLineEnds: Sendable, Equatable, Hashable {
    /// The role that reports along the line.
    public var role: String
    /// The role it reports to.
    public var manager: String

    /// A line from `role` to `manager`.
    init(role: String, manager: String) {
        self.role = role
        self.manager = manager
    }
}

/// The dotted lines among a set of roles: what a picture of those roles
/// draws between them.
extension OrgDatabase {
    /// The dotted lines whose both ends are among `keys` (keys naming no role
    /// are ignored), ordered by role key then manager key; one statement
    /// however many keys, each line found from its reporting end's id.
    ///
    /// ```swift
    /// for line in try org.dottedLines(among: ["pmo-it-director", "cpo", "cio"]) {
    ///     print(line.role, "┈>", line.manager)
    /// }
    /// ```
    public func dottedLines(among keys: some Sequence<String>) throws(OrgError) -> [DottedLineEnds] {
        guard let array = Self.keyArray(keys) else { return [] }
        return try read {
            try db.statement(Self.dottedLinesAmongSQL).map([array]) { DottedLineEnds(role: $0.text(0), manager: $0.text(1)) }
        }
    }

    static let dottedLinesAmongSQL = """
        SELECT r.key, (SELECT m.key FROM role m WHERE m.id = d.manager_id) AS manager
        FROM role r JOIN dotted_line d ON d.role_id = r.id
        WHERE r.key IN (SELECT value FROM json_each(?1))
          AND d.manager_id IN (SELECT m.id FROM role m WHERE m.key IN (SELECT value FROM json_each(?1)))
        ORDER BY r.key, manager
        """
}

extension ChartSnapshot {
    /// The dotted lines among `keys` at the snapshot's moment, as ``OrgDatabase/dottedLines(among:)``.
    public func dottedLines(among keys: some Sequence<String>) throws(OrgError) -> [DottedLineEnds] {
        try database.dottedLines(among: keys)
    }
}
