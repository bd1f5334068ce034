import OrgSQLite

/// The PMO that a role's unit is, or sits inside, found unit by unit: for
/// answers about a few roles (a chain, a manager's direct reports, one role
/// after a write), which then read only their own units' lineages instead
/// of every unit in the chart (``UnitDirectory``, with a look-up of each
/// unit's head). Past ``directoryThreshold`` distinct units it reads the
/// directory after all, so that a long answer costs one read of the units.
final class PMOLookup {
    private let org: OrgDatabase
    /// The units looked up so far and their PMOs: a handful, so an array
    /// (a dictionary's first use costs the runtime a search of the conformances).
    private var known: [(unitID: Int64, pmo: PMOPlacement?)] = []
    private var directory: UnitDirectory?

    /// How many distinct units are looked up one by one before the whole directory is read.
    static let directoryThreshold = 16

    init(org: OrgDatabase) { self.org = org }

    /// The PMO unit `id` is, or sits inside; nil for no unit or no PMO.
    func pmo(forUnitID id: Int64?) throws -> PMOPlacement? {
        guard let id else { return nil }
        if let directory { return directory.pmo(forUnitID: id) }
        if let found = known.first(where: { $0.unitID == id }) { return found.pmo }
        guard known.count < Self.directoryThreshold else {
            let all = try org.units()
            directory = all
            return all.pmo(forUnitID: id)
        }
        let pmo = try org.db.statement(Self.nearestPMO).first([.integer(id)]) { row in
            PMOType(rawValue: row.text(2)).map { PMOPlacement(key: row.text(0), name: row.text(1), type: $0) }
        } ?? nil
        known.append((id, pmo))
        return pmo
    }

    /// Unit ?1 and the units it sits in, up to the first PMO; that PMO, if
    /// any. UNION (not UNION ALL) ends the walk at a unit met twice, in a
    /// file whose parents were edited by hand into a loop. The schema allows
    /// a type on PMOs alone, so the one typed unit is the nearest PMO.
    static let nearestPMO = """
        WITH RECURSIVE lineage(id) AS (
            SELECT ?1
            UNION
            SELECT u.parent_id FROM lineage l JOIN unit u ON u.id = l.id
            WHERE u.pmo_type IS NULL AND u.parent_id IS NOT NULL
        )
        SELECT u.key, u.name, u.pmo_type FROM lineage l JOIN unit u ON u.id = l.id WHERE u.pmo_type IS NOT NULL
        """
}

extension OrgDatabase {
    /// A ``Role`` from a row whose first columns are ``roleColumns``, its
    /// PMO found through `pmos`.
    func makeRole(_ row: Row, pmos: PMOLookup) throws -> Role {
        makeRole(row, pmo: try pmos.pmo(forUnitID: row.optionalInt(9)))
    }
}
