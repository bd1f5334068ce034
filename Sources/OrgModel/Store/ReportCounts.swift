import OrgSQLite

/// How many solid reports each role has, for a walk of the whole chart: one
/// pass over the manager index, kept in an array by role id, because a walk
/// asks once per role and a million hash look-ups cost more than the pass.
struct ReportCounts {
    private var counts: [Int32]
    /// How many roles have at least one report.
    private(set) var managers = 0

    init(db: Connection) throws {
        let highestID = Int(try db.integer("SELECT max(id) FROM role") ?? 0)
        counts = Array(repeating: 0, count: highestID + 1)
        try db.statement("SELECT manager_id, count(*) FROM role WHERE manager_id IS NOT NULL GROUP BY manager_id")
            .forEachRow { row in
                counts[Int(row.int(0))] = Int32(row.int(1))
                managers += 1
            }
    }

    subscript(id: Int64) -> Int64 {
        id >= 0 && id < counts.count ? Int64(counts[Int(id)]) : 0
    }
}
