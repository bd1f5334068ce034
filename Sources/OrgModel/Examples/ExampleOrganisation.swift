/// Ready-made organisations for trying orgctl and for tests.
public enum ExampleOrganisation: String, Sendable, CaseIterable {
    /// A company with an enterprise PMO under the CEO and a directive, a
    /// controlling and a supportive PMO in three divisions, each with its
    /// project managers placed as that PMO type implies.
    case enterprisePMO = "enterprise-pmo"

    var content: ExampleContent {
        switch self {
        case .enterprisePMO: .enterprisePMO
        }
    }
}

/// The units, roles and dotted lines of an example, in an order that loads.
struct ExampleContent {
    var units: [UnitDraft]
    var roles: [RoleDraft]
    var heads: [(unit: String, role: String)]
    var dottedLines: [(role: String, manager: String)]
    var governance: [(pmo: String, unit: String)]
}

extension OrgDatabase {
    /// Makes this database ready for use: refuses one that already holds an
    /// organisation, and fills it with `example` when one is given.
    public func initialise(with example: ExampleOrganisation? = nil) throws(OrgError) {
        try write {
            guard try db.integer("SELECT (SELECT count(*) FROM role) + (SELECT count(*) FROM unit)") == 0 else {
                throw OrgError.databaseNotEmpty(path: path)
            }
            guard let content = example?.content else { return }
            for unit in content.units { try insertUnit(unit) }
            for role in content.roles { try insertRole(role) }
            for (unit, role) in content.heads {
                try db.run("UPDATE unit SET head_role_id = (SELECT id FROM role WHERE key = ?) WHERE key = ?",
                           [.text(role), .text(unit)])
            }
            for (role, manager) in content.dottedLines {
                try refuseCycle(adding: try roleRow(role).id, reportingTo: try roleRow(manager), skipping: nil)
                try db.run("INSERT INTO dotted_line (role_id, manager_id) SELECT r.id, m.id FROM role r, role m WHERE r.key = ? AND m.key = ?",
                           [.text(role), .text(manager)])
            }
            for (pmo, unit) in content.governance {
                try db.run("INSERT INTO governance (unit_id, pmo_id) SELECT u.id, p.id FROM unit u, unit p WHERE u.key = ? AND p.key = ?",
                           [.text(unit), .text(pmo)])
            }
            cachedUnits = nil
        }
    }
}
