/// Headcount, span, depth, PMOs and salary cost, for the organisation or one unit.
extension OrgDatabase {
    /// Statistics over the whole organisation, or over `unit` and the units inside it.
    public func stats(unit scope: String? = nil, limits: CheckLimits = CheckLimits()) throws(OrgError) -> OrgStats {
        try read {
            let units = try units()
            let scopeID = try scope.map { try unitID($0) }
            let inScope = { (id: Int64?) -> Bool in
                guard let scopeID else { return true }
                return id.map { units.isUnit($0, within: scopeID) } ?? false
            }
            // One grouped scan of the role table gives every per-unit figure;
            // the unit tree is rolled up in memory.
            var direct: [Int64?: TeamSum] = [:]
            try TeamSum.summing { try db.statement("""
                SELECT unit_id, count(*), count(holder), currency, sum(salary_minor) FROM role
                GROUP BY unit_id, currency
                """).forEachRow { row in
                let id = row.optionalInt(0)
                var figures = direct[id] ?? TeamSum()
                figures.roles += Int(row.int(1))
                figures.filled += Int(row.int(2))
                if let currency = row.optionalText(3) { try figures.add(row.int(4), currency: currency) }
                direct[id] = figures
            } }
            // Each unit's figures count towards it and every unit above it.
            var total: [Int64: TeamSum] = [:]
            var overflow: OrgError?
            for case let (id?, figures) in direct {
                _ = units.nearest(from: id) { (ancestor: Int64) -> Bool? in
                    do throws(OrgError) { try total[ancestor, default: TeamSum()].add(figures) } catch { overflow = error }
                    return nil
                }
            }
            if let overflow { throw overflow }
            var rows: [UnitStats] = []
            for entry in units.byID.values where inScope(entry.id) {
                rows.append(UnitStats(unit: entry.unit.key, name: entry.unit.name, kind: entry.unit.kind,
                                      direct: (direct[entry.id] ?? TeamSum()).headcount,
                                      total: (total[entry.id] ?? TeamSum()).headcount))
            }
            rows.sort { $0.unit < $1.unit }
            var overall = TeamSum()
            for (id, figures) in direct where inScope(id) { try overall.add(figures) }

            let spans = try spanCounts(scopeUnits: scopeID.map { id in Set(units.byID.keys.filter { units.isUnit($0, within: id) }) })
            let context = try PMOContext(units: units, db: db)
            var pmosByType: [String: Int] = [:]
            for pmo in context.pmos.values where inScope(pmo.id) { pmosByType[pmo.type.rawValue, default: 0] += 1 }
            var managersByType: [String: Int] = [:]
            for governed in context.governedManagers {
                guard let pmo = context.pmos[governed.pmoID], inScope(units.byID.values.first { $0.unit.key == governed.unitKey }?.id)
                else { continue }
                managersByType[pmo.type.rawValue, default: 0] += 1
            }
            let deepest = try db.statement("SELECT unit_id, max(depth) FROM role GROUP BY unit_id")
                .map { (unit: $0.optionalInt(0), depth: Int($0.int(1))) }
                .filter { inScope($0.unit) }.map(\.depth).max() ?? 0
            return OrgStats(
                unit: scopeID.flatMap { units.byID[$0]?.unit.key },
                headcount: overall.headcount,
                span: SpanStats(counts: spans, limit: limits.maxSpan),
                maxDepth: deepest,
                pmosByType: pmosByType,
                governedManagersByPMOType: managersByType,
                units: rows)
        }
    }

    /// The number of direct reports of each manager in scope, ascending.
    /// Assistants are not counted; a manager with only assistants has no span.
    private func spanCounts(scopeUnits: Set<Int64>?) throws -> [Int] {
        // The few assistants come from their own index, so that counting the
        // others still needs only the manager index.
        var assistants: [Int64: Int64] = [:]
        try db.statement("SELECT manager_id, count(*) FROM role WHERE assistant = 1 GROUP BY manager_id")
            .forEachRow { assistants[$0.int(0)] = $0.int(1) }
        var counts: [Int] = []
        try db.statement("""
            SELECT m.unit_id, count(*), r.manager_id FROM role r JOIN role m ON m.id = r.manager_id GROUP BY r.manager_id
            """).forEachRow { row in
            if let scopeUnits, !(row.optionalInt(0).map(scopeUnits.contains) ?? false) { return }
            let reports = row.int(1) - (assistants[row.int(2)] ?? 0)
            if reports > 0 { counts.append(Int(reports)) }
        }
        return counts.sorted()
    }
}

/// The statistics `stats` reports.
public struct OrgStats: Sendable, Equatable, Codable {
    /// The unit the figures are for; nil for the whole organisation.
    public var unit: String?
    /// Every role in scope.
    public var headcount: Headcount
    /// Span of control over the managers in scope.
    public var span: SpanStats
    /// The deepest role's levels below its root.
    public var maxDepth: Int
    /// How many PMOs there are of each type.
    public var pmosByType: [String: Int]
    /// How many project managers (heads of governed units) each PMO type governs.
    public var governedManagersByPMOType: [String: Int]
    /// Per unit: roles directly in it and in it with its sub-units.
    public var units: [UnitStats]
}

/// Roles, filled and vacant, and salary cost by currency (never added across currencies).
public struct Headcount: Sendable, Equatable, Codable {
    /// How many roles.
    public var roles: Int
    /// How many of them have a holder.
    public var filled: Int
    /// How many of them are vacant.
    public var vacant: Int
    /// Salaries summed per currency, one entry each.
    public var salaryCost: [Money]
}

/// One unit's figures.
public struct UnitStats: Sendable, Equatable, Codable {
    /// The unit's key.
    public var unit: String
    /// The unit's name.
    public var name: String
    /// The unit's kind.
    public var kind: UnitKind
    /// Roles whose unit is this one.
    public var direct: Headcount
    /// Roles in this unit and every unit inside it.
    public var total: Headcount
}

/// Span of control over the managers in scope (roles with at least one direct
/// report); assistants are not counted.
public struct SpanStats: Sendable, Equatable, Codable {
    /// How many managers there are.
    public var managers: Int
    /// The fewest direct reports a manager has.
    public var min: Int
    /// The median number of direct reports.
    public var median: Double
    /// The most direct reports a manager has.
    public var max: Int
    /// The limit applied, and how many managers exceed it.
    public var limit: Int
    /// How many managers have more direct reports than ``limit``.
    public var managersOverLimit: Int

    init(counts: [Int], limit: Int) {
        managers = counts.count
        self.min = counts.first ?? 0
        self.max = counts.last ?? 0
        if counts.isEmpty {
            median = 0
        } else if counts.count % 2 == 1 {
            median = Double(counts[counts.count / 2])
        } else {
            median = Double(counts[counts.count / 2 - 1] + counts[counts.count / 2]) / 2
        }
        self.limit = limit
        managersOverLimit = counts.filter { $0 > limit }.count
    }
}
