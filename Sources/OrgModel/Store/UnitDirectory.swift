import OrgSQLite

/// Every unit in memory, with each unit's nearest enclosing PMO worked out once.
/// Organisations have thousands of units at most, against up to millions of
/// roles, so a role's PMO is looked up here instead of joined in SQL.
struct UnitDirectory {
    struct Entry {
        let id: Int64
        let unit: OrgUnit
        let parentID: Int64?
    }

    private(set) var byID: [Int64: Entry] = [:]
    private var pmoByUnitID: [Int64: PMOPlacement] = [:]

    init(db: Connection) throws {
        let sql = """
            SELECT u.id, u.key, u.name, u.kind, u.pmo_type, u.parent_id,
                   (SELECT p.key FROM unit p WHERE p.id = u.parent_id), (SELECT h.key FROM role h WHERE h.id = u.head_role_id)
            FROM unit u
            """
        try db.statement(sql).forEachRow { row in
            let unit = OrgUnit(
                key: row.text(1), name: row.text(2),
                kind: UnitKind(rawValue: row.text(3)) ?? .team,
                pmoType: row.optionalText(4).flatMap(PMOType.init(rawValue:)),
                parent: row.optionalText(6), head: row.optionalText(7))
            byID[row.int(0)] = Entry(id: row.int(0), unit: unit, parentID: row.optionalInt(5))
        }
        for id in byID.keys { pmoByUnitID[id] = nearestPMO(from: id) }
    }

    /// The PMO that unit `id` is, or sits inside; nil when none.
    func pmo(forUnitID id: Int64?) -> PMOPlacement? {
        id.flatMap { pmoByUnitID[$0] }
    }

    private func nearestPMO(from start: Int64) -> PMOPlacement? {
        nearest(from: start) { id in
            byID[id].flatMap { entry in
                entry.unit.pmoType.map { PMOPlacement(key: entry.unit.key, name: entry.unit.name, type: $0) }
            }
        }
    }

    /// Unit `id` and the units it sits in, nearest first. Parents never form a
    /// loop (writes refuse one); the bound only guards a file edited by hand.
    func lineage(of id: Int64) -> [Int64] {
        var result: [Int64] = []
        var current: Int64? = id
        while let unit = current, byID[unit] != nil, result.count <= byID.count {
            result.append(unit)
            current = byID[unit]?.parentID
        }
        return result
    }

    /// The first value `match` gives, walking from unit `id` up through its parents.
    func nearest<T>(from id: Int64, where match: (Int64) -> T?) -> T? {
        lineage(of: id).lazy.compactMap(match).first
    }

    /// True when unit `id` is `ancestor` or lies inside it.
    func isUnit(_ id: Int64, within ancestor: Int64) -> Bool {
        lineage(of: id).contains(ancestor)
    }
}
