import OrgSQLite

/// One unit of ``OrgDatabase/unitTree()``, with what people ask about it.
public struct UnitTreeEntry: Sendable, Equatable {
    /// The unit.
    public var unit: OrgUnit
    /// Levels below the top of its tree (0 for a unit with no parent).
    public var depth: Int
    /// Who holds the head role: nil when there is no head or it is vacant.
    public var headHolder: String?
    /// The key of the PMO that governs the unit, when one does.
    public var governedBy: String?
    /// The roles in the unit itself.
    public var ownRoles: Int
    /// The roles in the unit and every unit inside it.
    public var headcount: Int
}

extension OrgDatabase {
    /// Every unit, depth first (parents before their sub-units, siblings by
    /// key), with its head's holder, its governing PMO and its headcount.
    ///
    /// ```swift
    /// for entry in try org.unitTree() {
    ///     print(String(repeating: "  ", count: entry.depth) + entry.unit.key, entry.headcount)
    /// }
    /// ```
    public func unitTree() throws(OrgError) -> [UnitTreeEntry] {
        try read {
            let directory = try units()
            var own: [Int64: Int] = [:]
            try db.statement("SELECT unit_id, count(*) FROM role WHERE unit_id IS NOT NULL GROUP BY unit_id")
                .forEachRow { own[$0.int(0)] = Int($0.int(1)) }
            var holders: [Int64: String] = [:]
            try db.statement("SELECT u.id, r.holder FROM unit u JOIN role r ON r.id = u.head_role_id WHERE r.holder IS NOT NULL")
                .forEachRow { holders[$0.int(0)] = $0.text(1) }
            var governor: [Int64: String] = [:]
            try db.statement("SELECT g.unit_id, p.key FROM governance g JOIN unit p ON p.id = g.pmo_id")
                .forEachRow { governor[$0.int(0)] = $0.text(1) }
            var children: [Int64?: [DirectoryEntry]] = [:]
            for entry in directory.byID.values {
                // A parent that is not there (a damaged file) makes a top.
                let parent = entry.parentID.flatMap { directory.byID[$0] == nil ? nil : $0 }
                children[parent, default: []].append(entry)
            }
            for key in children.keys { children[key]?.sort { $0.unit.key < $1.unit.key } }
            var result: [UnitTreeEntry] = []
            var visited = Set<Int64>()
            // Returns the headcount of the unit's tree; `visited` guards against a unit loop.
            func walk(_ entry: DirectoryEntry, depth: Int) -> Int {
                guard visited.insert(entry.id).inserted else { return 0 }
                let index = result.count
                result.append(UnitTreeEntry(
                    unit: entry.unit, depth: depth, headHolder: holders[entry.id], governedBy: governor[entry.id],
                    ownRoles: own[entry.id] ?? 0, headcount: 0))
                var total = own[entry.id] ?? 0
                for child in children[entry.id] ?? [] { total += walk(child, depth: depth + 1) }
                result[index].headcount = total
                return total
            }
            for top in children[nil] ?? [] { _ = walk(top, depth: 0) }
            return result
        }
    }

    typealias DirectoryEntry = UnitDirectory.Entry
}
