import OrgSQLite

/// What the PMO rules need to know about units, worked out once in memory:
/// which units each PMO contains, which PMO governs each unit, and the
/// managers (unit heads) that governance reaches.
struct PMOContext {
    /// A PMO with what it contains and governs.
    struct PMO {
        let id: Int64
        let unit: OrgUnit
        let type: PMOType
        let headID: Int64?
        /// The PMO unit and every unit inside it.
        let memberUnitIDs: Set<Int64>
    }

    /// A unit head reached by a PMO's governance: a project's manager.
    struct GovernedManager {
        let roleID: Int64
        let unitKey: String
        let pmoID: Int64
    }

    let pmos: [Int64: PMO]
    let governedManagers: [GovernedManager]

    init(units: UnitDirectory, db: Connection) throws {
        let governance = Dictionary(uniqueKeysWithValues: try db.statement("SELECT unit_id, pmo_id FROM governance")
            .map { ($0.int(0), $0.int(1)) })
        let heads = Dictionary(uniqueKeysWithValues: try db.statement("SELECT id, head_role_id FROM unit WHERE head_role_id IS NOT NULL")
            .map { ($0.int(0), $0.int(1)) })
        var pmos: [Int64: PMO] = [:]
        for entry in units.byID.values {
            guard let type = entry.unit.pmoType else { continue }
            // A PMO's staff are the roles in it and in the units inside it,
            // except the projects and programmes it governs there: those are
            // overseen by the PMO, not part of it.
            let members = Set(units.byID.keys.filter { id in
                units.nearest(from: id) { unit in
                    unit == entry.id ? true : (governance[unit] != nil ? false : nil)
                } == true
            })
            pmos[entry.id] = PMO(id: entry.id, unit: entry.unit, type: type, headID: heads[entry.id], memberUnitIDs: members)
        }
        self.pmos = pmos
        // A unit inherits governance from its nearest governed ancestor, so a
        // PMO governing a programme reaches the projects inside it.
        var managers: [GovernedManager] = []
        for (id, entry) in units.byID.sorted(by: { $0.value.unit.key < $1.value.unit.key }) {
            guard let head = heads[id], let pmoID = units.nearest(from: id, where: { governance[$0] })
            else { continue }
            if pmos[pmoID]?.headID == head { continue }
            managers.append(GovernedManager(roleID: head, unitKey: entry.unit.key, pmoID: pmoID))
        }
        governedManagers = managers
    }

    /// True when role `unitID` (a role's unit) places the role inside PMO `pmo`.
    func isMember(roleID: Int64, unitID: Int64?, of pmo: PMO) -> Bool {
        roleID == pmo.headID || unitID.map(pmo.memberUnitIDs.contains) == true
    }
}
