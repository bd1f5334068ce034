/// The rows that lossless exports write: stored values, not derived ones
/// (an explicit rung only, not one a title implies).
extension OrgDatabase {
    /// One role as stored.
    public struct ExportRole: Sendable, Equatable {
        /// The role's key.
        public var key: String
        /// The job title.
        public var title: String
        /// The holder; nil when vacant.
        public var holder: String?
        /// The solid-line manager's key, when that manager is exported too.
        public var reportsTo: String?
        /// The key of the role's unit.
        public var unit: String?
        /// The keys of the roles it has dotted lines to.
        public var dottedTo: [String]
        /// Its grade, where set.
        public var grade: Int?
        /// Its salary, where set.
        public var salary: Money?
        /// Its explicit rung only: one its title implies is left out.
        public var rung: Rung?
        /// Levels below the top of the export.
        public var depth: Int
        /// The PMO the role sits in, for drawings.
        public var pmo: PMOPlacement?
        /// The key of the role it assists (its manager), when that role is exported too.
        public var assistantTo: String? = nil
    }

    /// One unit as stored, with the PMO governing it.
    public struct ExportUnit: Sendable, Equatable {
        /// The unit as stored.
        public var unit: OrgUnit
        /// The key of the PMO governing it directly, if any.
        public var governedBy: String?
    }

    /// Every role below `root` (all roles when nil), depth first, streamed
    /// from one scan of the path index. A role exported with `root` keeps its
    /// manager only when that manager is exported too.
    public func exportRoles(root: String? = nil, _ visit: (ExportRole) throws -> Void) throws(OrgError) {
        try read {
            let top = try root.map { try roleRow(roleOrUnit: $0) }
            // Only lines to managers inside the exported tree, so that a
            // branch's file imports on its own.
            let lower = top?.path ?? "", upper = top.map { PathLabel.end(of: $0.path) } ?? PathLabel.upperBound
            var dotted: [Int64: [String]] = [:]
            try db.statement("SELECT d.role_id, m.key FROM dotted_line d JOIN role m ON m.id = d.manager_id WHERE m.path >= ? AND m.path < ? ORDER BY m.path")
                .forEachRow([.text(lower), .text(upper)]) { dotted[$0.int(0), default: []].append($0.text(1)) }
            let units = try units()
            // The top of a branch keeps no manager: the branch imports on its own.
            var managers = DepthFirstKeys(topDepth: top?.depth ?? 0, aboveTop: nil)
            try db.statement("""
                SELECT r.key, r.title, r.holder, NULL, NULL, r.grade, r.salary_minor, r.currency, r.rung, r.depth, r.id, r.unit_id, r.assistant
                FROM role r
                WHERE r.path >= ? AND r.path < ? ORDER BY r.path
                """).forEachRow([.text(lower), .text(upper)]) { row in
                let key = row.text(0)
                let manager = managers.visit(key: key, depth: Int(row.int(9)))
                let unitID = row.optionalInt(11)
                let depth = Int(row.int(9)) - (top?.depth ?? 0)
                try visit(ExportRole(
                    key: key, title: row.text(1), holder: row.optionalText(2),
                    reportsTo: manager, unit: unitID.flatMap { units.byID[$0]?.unit.key },
                    dottedTo: dotted[row.int(10)] ?? [], grade: row.optionalInt(5).map { Int($0) },
                    salary: row.optionalInt(6).map { Money(minorUnits: $0, currency: row.text(7)) },
                    rung: row.optionalText(8).flatMap(Rung.init(rawValue:)), depth: depth,
                    pmo: units.pmo(forUnitID: unitID), assistantTo: row.int(12) == 1 ? manager : nil))
            }
        }
    }

    /// Every unit, parents before the units inside them. With `root`, a
    /// unit's head is kept only when it is in that role's tree, so that the
    /// branch's files import on their own.
    public func exportUnits(root: String? = nil) throws(OrgError) -> [ExportUnit] {
        try read {
            let units = try units()
            let top = try root.map { try roleRow(roleOrUnit: $0) }
            let outside = try Set(top.map { top in
                try db.statement("SELECT u.key FROM unit u JOIN role h ON h.id = u.head_role_id WHERE NOT (h.path >= ? AND h.path < ?)")
                    .map([.text(top.path), .text(PathLabel.end(of: top.path))]) { $0.text(0) }
            } ?? [])
            let governors = Dictionary(uniqueKeysWithValues: try db.statement(
                "SELECT u.key, p.key FROM governance g JOIN unit u ON u.id = g.unit_id JOIN unit p ON p.id = g.pmo_id")
                .map { ($0.text(0), $0.text(1)) })
            var ordered: [ExportUnit] = []
            var placed: Set<Int64> = []
            func place(_ entry: UnitDirectory.Entry) {
                guard !placed.contains(entry.id) else { return }
                placed.insert(entry.id)
                if let parent = entry.parentID.flatMap({ units.byID[$0] }) { place(parent) }
                var unit = entry.unit
                if outside.contains(unit.key) { unit.head = nil }
                ordered.append(ExportUnit(unit: unit, governedBy: governors[entry.unit.key]))
            }
            for entry in units.byID.values.sorted(by: { $0.id < $1.id }) { place(entry) }
            return ordered
        }
    }
}
