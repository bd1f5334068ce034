/// Which units each PMO governs.
extension OrgDatabase {
    /// Makes the PMO `pmo` govern `unit` (a project, programme or any unit).
    public func addGovernance(pmo: String, unit: String) throws(OrgError) {
        try write {
            let pmoUnit = try fetchUnit(id: try unitID(pmo))
            guard pmoUnit.kind == .pmo else { throw OrgError.notAPMO(unit: pmoUnit.key, kind: pmoUnit.kind) }
            let governed = try fetchUnit(id: try unitID(unit))
            if governed.key == pmoUnit.key {
                throw OrgError.invalidValue(field: "governed unit", value: unit, hint: "a PMO cannot govern itself; name a project, programme or other unit")
            }
            if let current = try db.statement("SELECT p.key FROM governance g JOIN unit p ON p.id = g.pmo_id JOIN unit u ON u.id = g.unit_id WHERE u.key = ?")
                .first([.text(governed.key)], { $0.text(0) }) {
                throw OrgError.alreadyGoverned(unit: governed.key, by: current)
            }
            try db.run("INSERT INTO governance (unit_id, pmo_id) SELECT u.id, p.id FROM unit u, unit p WHERE u.key = ? AND p.key = ?",
                       [.text(governed.key), .text(pmoUnit.key)])
        }
    }

    /// Ends the PMO `pmo`'s governance of `unit`.
    public func removeGovernance(pmo: String, unit: String) throws(OrgError) {
        try write {
            let pmoID = try unitID(pmo)
            let unitID = try unitID(unit)
            try db.run("DELETE FROM governance WHERE unit_id = ? AND pmo_id = ?", [.integer(unitID), .integer(pmoID)])
            if db.changes == 0 {
                throw OrgError.notGoverned(unit: try fetchUnit(id: unitID).key, by: try fetchUnit(id: pmoID).key)
            }
        }
    }

    /// The keys of the units `pmo` governs directly.
    public func governedUnits(by pmo: String) throws(OrgError) -> [String] {
        try read {
            try db.statement("SELECT u.key FROM governance g JOIN unit u ON u.id = g.unit_id WHERE g.pmo_id = ? ORDER BY u.key")
                .map([.integer(try unitID(pmo))]) { $0.text(0) }
        }
    }
}
