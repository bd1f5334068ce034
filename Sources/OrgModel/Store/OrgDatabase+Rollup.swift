import OrgSQLite

/// Headcount and salary roll-ups along the solid reporting lines. A role's
/// team is the role itself and everyone below it; its figures are summed from
/// the path index (a subtree is one index range), never by walking level by
/// level.
extension OrgDatabase {
    /// The team figures of the role (or unit head) `key`.
    ///
    /// ```swift
    /// let team = try org.rollup(of: "cio").team
    /// print(team.roles, team.filled, team.vacant, team.salaryCost.map { "\($0.amount) \($0.currency)" })
    /// ```
    public func rollup(of key: String) throws(OrgError) -> Rollup {
        try read {
            let top = try roleRow(roleOrUnit: key)
            let upper = PathLabel.end(of: top.path)
            let range: [SQLValue] = [.text(top.path), .text(upper)]
            // The range count reads only the path index. A team that is a
            // large part of the chart (max(id) stands for its size: ids are
            // never given twice, so it overstates it after removals) is then
            // summed by one sequential scan of the table, cheaper than a row
            // look-up per member in path order.
            let size = try db.integer("SELECT count(*) FROM role WHERE path >= ? AND path < ?", range) ?? 0
            // Over the chart as of a moment the table is a view, which takes no hints.
            let highestID = readsOverlay ? 0 : try db.integer("SELECT max(id) FROM role") ?? 0
            let access = readsOverlay ? "" : size * 8 >= highestID ? "NOT INDEXED" : "INDEXED BY role_path"
            // One pass answers when the team is paid in one currency (min equals
            // max), the usual case; grouping by currency would sort every row.
            // A total across currencies too large to add up also falls back to
            // the grouping, which sums each currency on its own.
            var sum = TeamSum()
            let single: (String?, String?, Int64)?
            do {
                single = try db.statement("""
                    SELECT count(*), count(holder), min(currency), max(currency), sum(salary_minor) FROM role \(access)
                    WHERE path >= ? AND path < ?
                    """).first(range) { row in
                    sum.roles = Int(row.int(0))
                    sum.filled = Int(row.int(1))
                    return (row.optionalText(2), row.optionalText(3), row.int(4))
                }
            } catch let error as SQLiteError where error.message == TeamSum.sqliteOverflow {
                single = nil
            }
            if let single, let currency = single.0, single.0 == single.1 {
                try sum.add(single.2, currency: currency)
            } else if single == nil || single?.0 != nil {
                sum = TeamSum()
                try TeamSum.summing {
                    try db.statement("""
                        SELECT count(*), count(holder), currency, sum(salary_minor) FROM role \(access)
                        WHERE path >= ? AND path < ? GROUP BY currency
                        """).forEachRow(range) { row in
                        sum.roles += Int(row.int(0))
                        sum.filled += Int(row.int(1))
                        if let currency = row.optionalText(2) { try sum.add(row.int(3), currency: currency) }
                    }
                }
            }
            let direct = try db.integer("SELECT count(*) FROM role WHERE manager_id = ?", [.integer(top.id)]) ?? 0
            return Rollup(role: try fetchRole(id: top.id), depth: 0, directReports: Int(direct), team: sum.headcount)
        }
    }

    /// The team figures of every manager (a role with at least one solid
    /// report) in the tree below `root`, or in the whole chart when nil,
    /// depth first. The top of a `root` walk is always included.
    /// - Parameters:
    ///   - root: the role (or unit head) to start from; nil for every tree.
    ///   - maxDepth: how many levels below the top to list; teams are
    ///     still summed to the bottom.
    ///
    /// ``eachManagerRollup(under:maxDepth:)`` gives the same, made one by
    /// one as they are read, for charts with many managers.
    public func managerRollups(under root: String? = nil, maxDepth: Int? = nil) throws(OrgError) -> [Rollup] {
        Array(try eachManagerRollup(under: root, maxDepth: maxDepth))
    }

    /// The roll-ups of ``managerRollups(under:maxDepth:)``, held compactly
    /// and made one by one as they are iterated: a million-role chart's
    /// managers cost a few megabytes, not a ``Role`` each.
    ///
    /// One scan in path order: a stack holds the managers whose teams are
    /// still open, and each closed team is added to the one above it.
    public func eachManagerRollup(under root: String? = nil, maxDepth: Int? = nil) throws(OrgError) -> ManagerRollups {
        try read {
            let top = try root.map { try roleRow(roleOrUnit: $0) }
            let base = top?.depth ?? 0
            let deepestListed = BranchScan.deepest(below: base, levels: maxDepth)
            let lower = top?.path ?? ""
            let upper = top.map { PathLabel.end(of: $0.path) } ?? PathLabel.upperBound
            // The whole chart takes every manager's report count from one pass
            // over the manager index; a branch asks per role.
            let reportCounts = top != nil ? nil : try ReportCounts(db: db)
            var listed = ManagerRollups(units: try units(), aboveTop: try top?.managerID.map { try roleRow(id: $0).key }, base: base,
                                        expected: maxDepth == nil ? reportCounts?.managers ?? 0 : 0)
            // The managers whose teams are still being summed, top first: in
            // path order, the open team above a row is always its manager's.
            var open: [(index: Int, depth: Int, sum: TeamSum)] = []
            func close(downTo depth: Int) throws {
                while let last = open.last, last.depth >= depth {
                    open.removeLast()
                    if last.index >= 0 { listed.close(last.index, team: last.sum) }
                    if !open.isEmpty { try open[open.count - 1].sum.add(last.sum) }
                }
            }
            try db.statement("""
                SELECT \(Self.streamedRoleColumns), r.id,
                       \(reportCounts == nil ? "(SELECT count(*) FROM role c WHERE c.manager_id = r.id)" : "0")
                FROM role r WHERE r.path >= ? AND r.path < ? ORDER BY r.path
                """).forEachRow([.text(lower), .text(upper)]) { row in
                let depth = Int(row.int(8))
                try close(downTo: depth)
                let filled = row.isNull(2) ? 0 : 1
                let reports = reportCounts.map { $0[row.int(Self.roleColumnCount)] } ?? row.int(Self.roleColumnCount + 1)
                guard reports > 0 || (top != nil && depth == base) else {
                    // Most rows are not managers: their figures go straight
                    // into their manager's team.
                    guard !open.isEmpty else { return }
                    open[open.count - 1].sum.roles += 1
                    open[open.count - 1].sum.filled += filled
                    if !row.isNull(6) { try open[open.count - 1].sum.add(row.int(6), currency: row.text(7)) }
                    return
                }
                let salary = row.isNull(6) ? nil : (minor: row.int(6), currency: row.text(7))
                var own = TeamSum(roles: 1, filled: filled)
                if let salary { try own.add(salary.minor, currency: salary.currency) }
                // A manager below the listed depth still has its team summed,
                // as part of the listed manager above it.
                var index = -1
                if depth <= deepestListed {
                    index = listed.append(
                        key: row.text(0), title: row.text(1), holder: row.optionalText(2), salary: salary,
                        grade: row.optionalInt(5).map { Int($0) }, depth: depth, directReports: Int(reports),
                        above: open.last?.index ?? -1, assistant: row.int(11) == 1,
                        rung: row.optionalText(10).flatMap(Rung.init(rawValue:)), unitID: row.optionalInt(9))
                }
                open.append((index, depth, own))
            }
            try close(downTo: Int.min)
            return listed
        }
    }
}

/// A role's team figures.
public struct Rollup: Sendable, Equatable, Codable {
    /// The role whose team this is.
    public var role: Role
    /// Levels below the top of the roll-up (0 for the top).
    public var depth: Int
    /// How many roles report to it on a solid line.
    public var directReports: Int
    /// The role and everyone below it: roles, filled and vacant, and salary
    /// cost per currency.
    public var team: Headcount

    /// Everyone below the role, at any depth.
    public var below: Int { team.roles - 1 }
}
