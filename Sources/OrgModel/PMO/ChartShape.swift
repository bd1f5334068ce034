import OrgSQLite

/// What the shape rules of `check` (span of control, chain depth, ladder
/// inversions) need, gathered in one sequential read of the role table.
///
/// The read takes the rows in storage order, which SQLite streams from disk
/// without a look-up per row, so a role may come before its manager: each
/// rule keeps only small facts per id during the read and settles after it.
/// Titles reach Swift only when they could name a rung, so a million titles
/// are never turned into strings.
struct ChartShape {
    /// Managers with more direct reports than the limit, as (id, count).
    /// Assistants are not counted: they support the manager, not widen the span.
    private(set) var wideManagers: [(id: Int64, reports: Int)] = []
    /// How many roles sit deeper than the depth limit.
    private(set) var tooDeep = 0
    /// Roles on a ladder below a manager on a lower rung of the same ladder,
    /// as (role id, manager id, role's rung, manager's rung), in no order.
    private(set) var inversions: [(role: Int64, manager: Int64, rung: Rung, bossRung: Rung)] = []

    /// The one read. A title names a rung only if it holds one of the bytes
    /// `Rung.inferred(fromTitle:)` looks for; LIKE folds ASCII case as it does.
    static let sql = """
        SELECT id, manager_id, depth, rung,
               CASE WHEN rung IS NULL AND (title LIKE '%pmo%' OR title LIKE '%proj%' OR title LIKE '%progr%'
                                           OR title LIKE '%portf%' OR title LIKE '%cpo%') THEN title END,
               assistant
        FROM role
        """

    init(db: Connection, limits: CheckLimits) throws {
        let roleCount = Int(try db.integer("SELECT count(*) FROM role") ?? 0)
        let maxID = Int(try db.integer("SELECT max(id) FROM role") ?? 0)
        // Ids are rowids, dense unless many roles were removed: a flat array
        // of counts then, a dictionary for a file whose ids are scattered.
        var reports = ReportTally(dense: maxID <= 2 * roleCount + 1024 ? maxID : nil)
        var ranked: [(role: Int64, manager: Int64?, rung: Rung)] = []
        var rungByID: [Int64: Rung] = [:]
        var titleRungs: [String: Rung?] = [:]
        try db.statement(Self.sql).forEachRow { row in
            let id = row.int(0)
            if !row.isNull(1) && row.int(5) == 0 { reports.add(row.int(1)) }
            if row.int(2) > Int64(limits.maxDepth) { tooDeep += 1 }
            let rung: Rung?
            if let explicit = row.optionalText(3) {
                rung = Rung(rawValue: explicit)
            } else if let title = row.optionalText(4) {
                if let known = titleRungs[title] {
                    rung = known
                } else {
                    rung = Rung.inferred(fromTitle: title)
                    titleRungs[title] = rung
                }
            } else {
                rung = nil
            }
            guard let rung else { return }
            rungByID[id] = rung
            ranked.append((id, row.optionalInt(1), rung))
        }
        wideManagers = reports.above(limits.maxSpan)
        for role in ranked {
            guard let manager = role.manager, let bossRung = rungByID[manager],
                  role.rung.ladder == bossRung.ladder, bossRung.rank < role.rung.rank else { continue }
            inversions.append((role.role, manager, role.rung, bossRung))
        }
    }
}

/// Direct-report counts by manager id.
private struct ReportTally {
    private var flat: [UInt32]
    private var scattered: [Int64: Int] = [:]
    private let dense: Bool

    /// `dense`: the largest id, when ids are dense enough for a flat array.
    init(dense maxID: Int?) {
        flat = Array(repeating: 0, count: (maxID ?? -1) + 1)
        dense = maxID != nil
    }

    mutating func add(_ manager: Int64) {
        if dense, manager >= 0, manager < flat.count {
            flat[Int(manager)] += 1
        } else {
            scattered[manager, default: 0] += 1
        }
    }

    func above(_ limit: Int) -> [(id: Int64, reports: Int)] {
        var result: [(id: Int64, reports: Int)] = []
        for (id, count) in flat.enumerated() where count > limit { result.append((Int64(id), Int(count))) }
        for (id, count) in scattered where count > limit { result.append((id, count)) }
        return result
    }
}
