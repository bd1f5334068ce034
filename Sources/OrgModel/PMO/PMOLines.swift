import OrgSQLite

/// How one role is connected to one PMO: through its solid chain, through a
/// dotted line, or not at all.
struct PMOLines {
    /// Someone above the role on its solid chain is in the PMO.
    let solidInto: Bool
    /// The role has a dotted line to someone in the PMO.
    let dottedInto: Bool
    /// Its dotted managers, for callers that need them.
    let dottedManagerIDs: [Int64]

    var any: Bool { solidInto || dottedInto }

    init(of role: RoleFacts, in pmo: PMOContext.PMO, context: PMOContext, roles: RoleFactsCache, db: Connection) throws {
        solidInto = try role.chainIDs.contains { id in
            let facts = try roles.facts(id)
            return context.isMember(roleID: id, unitID: facts.unitID, of: pmo)
        }
        dottedManagerIDs = try db.statement("SELECT manager_id FROM dotted_line WHERE role_id = ? ORDER BY manager_id")
            .map([.integer(role.id)]) { $0.int(0) }
        dottedInto = try dottedManagerIDs.contains { id in
            context.isMember(roleID: id, unitID: try roles.facts(id).unitID, of: pmo)
        }
    }
}
