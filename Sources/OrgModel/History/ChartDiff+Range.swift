import OrgSQLite

/// The rows that may differ between one file's chart at two moments, found
/// from the history instead of from the charts: the rows the changes in
/// force at one moment and not at the other touched.
///
/// A chart as of a moment is the live chart with the changes not in force
/// then reverted. Two moments' sets of reverted changes differ only in the
/// changes whose effect falls between them (or whose undo does), so a row
/// no such change has an image of, or created, is the same at both moments.
/// Keys are what a diff compares, so, as in ``RowidDiff``, an id whose key
/// differs between the two moments (a role or unit there at one moment only)
/// makes every row that refers to it a candidate too. Holding only those,
/// the comparison costs what the changes between the moments touched, not
/// the chart. Nil when more than ``RowidDiff/limit`` rows may differ (an
/// import in the range): the charts are then compared whole.
struct RangeDiff {
    /// The role keys to compare, folded to lower case, and the dotted lines.
    let roles: RowidDiff
    /// The unit keys to compare, folded to lower case (keys are ASCII).
    private(set) var unitKeys: Set<String> = []

    /// The changes in force at exactly one of the two moments (?1, ?2): the
    /// changes taking effect between them and those an undo between them
    /// took back, kept when ``ChartRebuild/pendingAt`` says differently at
    /// each. ?3 and ?4 are the earlier and the later moment.
    static let changesBetween = """
        SELECT \(ChangeReverter.boundsColumns) FROM change c
        WHERE c.id IN (SELECT id FROM change WHERE effective_at > ?3 AND effective_at <= ?4
                       UNION SELECT undoes FROM change WHERE effective_at > ?3 AND effective_at <= ?4 AND undoes IS NOT NULL)
          AND (\(ChartRebuild.pendingAt)) <> (\(ChartRebuild.pendingAt.replacing("?1", with: "?2")))
        ORDER BY c.id
        """
    static let rolesImaged = "SELECT id FROM role_was WHERE change_id = ?"
    static let unitsImaged = "SELECT id FROM unit_was WHERE change_id = ?"
    static let governanceImaged = "SELECT unit_id FROM governance_was WHERE change_id = ?"
    static let linesImaged = "SELECT role_id, manager_id FROM dotted_line_was WHERE change_id = ?"
    static let roleKey = "SELECT key FROM role WHERE id = ?"
    static let unitKey = "SELECT key FROM unit WHERE id = ?"
    static let reportsOf = "SELECT key FROM role WHERE manager_id = ?"
    static let membersOf = "SELECT key FROM role WHERE unit_id = ?"
    static let headedBy = "SELECT key FROM unit WHERE head_role_id = ?"
    static let childrenOf = "SELECT key FROM unit WHERE parent_id = ?"
    static let governedBy = "SELECT u.key FROM governance g JOIN unit u ON u.id = g.unit_id WHERE g.pmo_id = ?"
    static let linesAt = """
        SELECT role_id, manager_id FROM dotted_line WHERE role_id = ?1
        UNION ALL SELECT role_id, manager_id FROM dotted_line WHERE manager_id = ?1
        """

    /// `before` is the chart as of `from`, `after` as of `to`, both of one
    /// file; the history is read on `before`'s connection.
    init?(_ before: Connection, _ after: Connection, from: Timestamp, to: Timestamp) throws {
        let (early, late) = from <= to ? (from, to) : (to, from)
        let changes = try before.statement(Self.changesBetween)
            .map([.text(from.description), .text(to.description), .text(early.description), .text(late.description)],
                 ChangeReverter.bounds)
        var roleIDs: Set<Int64> = [], unitIDs: Set<Int64> = [], governed: Set<Int64> = []
        var lines: [(role: Int64, manager: Int64)] = []
        for change in changes {
            // The rows a change created above the old highest id have no image.
            let created = (change.roleSeqEnd - change.roleSeq) + (change.unitSeqEnd - change.unitSeq)
            if roleIDs.count + unitIDs.count + Int(created) > RowidDiff.limit { return nil }
            roleIDs.formUnion(change.roleSeq + 1 ..< change.roleSeqEnd + 1)
            unitIDs.formUnion(change.unitSeq + 1 ..< change.unitSeqEnd + 1)
            let id: [SQLValue] = [.integer(change.id)]
            try before.statement(Self.rolesImaged).forEachRow(id) { roleIDs.insert($0.int(0)) }
            try before.statement(Self.unitsImaged).forEachRow(id) { unitIDs.insert($0.int(0)) }
            try before.statement(Self.governanceImaged).forEachRow(id) { governed.insert($0.int(0)) }
            try before.statement(Self.linesImaged).forEachRow(id) { lines.append(($0.int(0), $0.int(1))) }
            if roleIDs.count + unitIDs.count + lines.count > RowidDiff.limit { return nil }
        }
        let sides = [before, after]
        var roleKeys: Set<String> = []
        // An id whose key is not the same at both moments (case included:
        // what refers to it names it differently).
        var unstableRoles: Set<Int64> = [], unstableUnits: Set<Int64> = []
        func keys(of id: Int64, _ sql: String) throws -> [String?] {
            try sides.map { try $0.statement(sql).first([.integer(id)]) { $0.text(0) } }
        }
        for id in roleIDs {
            let found = try keys(of: id, Self.roleKey)
            if found[0] != found[1] { unstableRoles.insert(id) }
            for key in found.compactMap({ $0 }) { roleKeys.insert(key.lowercased()) }
        }
        for id in unitIDs {
            let found = try keys(of: id, Self.unitKey)
            if found[0] != found[1] { unstableUnits.insert(id) }
            for key in found.compactMap({ $0 }) { unitKeys.insert(key.lowercased()) }
        }
        for id in governed {
            for side in sides { if let key = try side.statement(Self.unitKey).first([.integer(id)], { $0.text(0) }) { unitKeys.insert(key.lowercased()) } }
        }
        // What refers to an unstable id names another key (or none) at the
        // other moment; a unit governed by a changed unit may have lost its
        // governance with the PMO's kind.
        for side in sides {
            func collect(_ sql: String, _ ids: Set<Int64>, into keys: inout Set<String>) throws {
                let statement = try side.statement(sql)
                for id in ids { try statement.forEachRow([.integer(id)]) { keys.insert($0.text(0).lowercased()) } }
            }
            try collect(Self.reportsOf, unstableRoles, into: &roleKeys)
            try collect(Self.membersOf, unstableUnits, into: &roleKeys)
            try collect(Self.headedBy, unstableRoles, into: &unitKeys)
            try collect(Self.childrenOf, unstableUnits, into: &unitKeys)
            try collect(Self.governedBy, unitIDs, into: &unitKeys)
            if roleKeys.count + unitKeys.count > RowidDiff.limit { return nil }
            let ends = try side.statement(Self.linesAt)
            for id in unstableRoles { try ends.forEachRow([.integer(id)]) { lines.append(($0.int(0), $0.int(1))) } }
            if lines.count > RowidDiff.limit { return nil }
        }
        // A line is compared by its two keys, as each moment names its ends.
        var lineKeys: [String: (role: String, manager: String)] = [:]
        for side in sides {
            let key = try side.statement(Self.roleKey)
            for line in lines {
                guard let role = try key.first([.integer(line.role)], { $0.text(0) }),
                      let manager = try key.first([.integer(line.manager)], { $0.text(0) }) else { continue }
                lineKeys[(role + " " + manager).lowercased()] = (role, manager)
            }
        }
        roles = RowidDiff(roleKeys: roleKeys, lineKeys: lineKeys)
    }
}

extension OrgDatabase {
    /// One unit's facts by key, the references as correlated subqueries so
    /// that a lookup over the as-of overlay's views uses their indexes.
    static let unitStateByKey = """
        SELECT u.key, u.name, u.kind, u.pmo_type, \(unitReferenceKeys) FROM unit u WHERE u.key = ?
        """

    /// The keys of the parent, the head and the governing PMO of a unit
    /// aliased `u`, in ``UnitState``'s order (a unit has one governance row at most).
    static let unitReferenceKeys = """
        (SELECT p.key FROM unit p WHERE p.id = u.parent_id), (SELECT h.key FROM role h WHERE h.id = u.head_role_id),
        (SELECT g.key FROM governance gv JOIN unit g ON g.id = gv.pmo_id WHERE gv.unit_id = u.id)
        """

    /// ``forEachDifference(to:_:)`` for two moments of one file, from a
    /// ``RangeDiff``: each candidate compared by key at both moments, units,
    /// then roles, then dotted lines, each in key order.
    func rangeDifferences(_ found: RangeDiff, _ other: OrgDatabase, _ body: (ChartChange) -> Void) throws {
        let before = try db.statement(Self.unitStateByKey), after = try other.db.statement(Self.unitStateByKey)
        for key in found.unitKeys.sorted() {
            UnitState.changes(before: try before.first([.text(key)], { UnitState(row: $0) }),
                              after: try after.first([.text(key)], { UnitState(row: $0) })).forEach(body)
        }
        try rowidDifferences(found.roles, other, body)
    }
}
