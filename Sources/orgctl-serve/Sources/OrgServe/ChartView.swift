import OrgModel

/// The chart as one caller may see it: as of the asked date, and limited to
/// the caller's branch. A role outside the branch is answered exactly as a
/// key that does not exist.
struct ChartView {
    let chart: ChartSnapshot
    let caller: Caller

    /// The role with `key`, or not_found when there is none or the caller may not see it.
    func role(_ key: String) throws -> Role {
        // Looked up without OrgModel's suggestions of similar keys: they cost
        // a scan of keys and could name roles outside the branch.
        guard let role = try chart.roleIfPresent(key), try contains(role.key) else { throw APIError.notFound(key) }
        return role
    }

    /// True when the caller may see the role `key` (which exists).
    func contains(_ key: String) throws -> Bool {
        guard let branch = caller.branch else { return true }
        return try Self.chain(of: key, in: chart).contains { $0.key.lowercased() == branch.lowercased() }
    }

    /// True when `key` is a role the caller may see; false for units and unknown keys.
    func containsRole(_ key: String) -> Bool {
        guard (try? chart.kind(of: key)) == .role else { return false }
        return (try? contains(key)) ?? false
    }

    /// True for OrgModel's "no such role".
    static func isMissing(_ error: OrgError) -> Bool {
        switch error {
        case .unknownKey, .wrongKind, .unknownKeyNamesMatch: true
        default: false
        }
    }

    static func chain(of key: String, in chart: ChartSnapshot) throws -> [Role] {
        try chart.chain(of: key)
    }

    /// A RoleNode for `role`.
    func node(_ role: Role) throws -> [(String, JSON)] {
        let tally = try chart.reportTally(of: role.key)
        return try Shapes.roleNode(role, counts: ReportCount(solid: tally.solid, dotted: tally.dotted), in: chart)
    }

    /// RoleRefs for `keys`, leaving out those the caller may not see.
    func references(_ keys: [String]) throws -> [JSON] {
        let visible = try keys.filter { try contains($0) }
        let names = try chart.references(for: visible)
        return visible.compactMap { key in names.role(key).map(Shapes.roleRef) }
    }
}
