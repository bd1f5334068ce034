/// A change that takes effect before changes already recorded (a backdated
/// change, or any change while a planned one is pending) must make sense in
/// the chart as it will be at its moment: the rows it changes and the rows
/// it points to must be in force then. Otherwise the history could not
/// replay it, so the write is refused before it commits.
struct EffectiveCheck {
    let db: Connection
    let change: Int64
    let effective: Timestamp

    func verify() throws {
        guard try db.integer("SELECT EXISTS (SELECT 1 FROM change WHERE id <> ? AND effective_at > ?)",
                             [.integer(change), .text(effective.description)]) == 1 else { return }
        // The rows this change altered and left in place…
        var changed: [(IdentifiedTable, Int64)] = []
        for table in [IdentifiedTable.role, .unit] {
            changed += try db.statement("""
                SELECT w.id FROM \(table.rawValue)_was w JOIN \(table.rawValue) r ON r.id = w.id WHERE w.change_id = ?
                """).map([.integer(change)]) { (table, $0.int(0)) }
        }
        // …must be in the chart at its moment, as must every row it points to.
        let rebuild = ChartRebuild(source: db, moment: effective)
        let (absent, dangling) = try rebuild.inPlace { chart in
            try changed.first { table, id in
                try chart.integer("SELECT EXISTS (SELECT 1 FROM \(table.rawValue) WHERE id = ?)", [.integer(id)]) != 1
            }
        }
        if let (table, id) = absent { throw try notInForce(id, table, rebuild) }
        if let dangling { throw try notInForce(dangling.missing, dangling.missingTable, rebuild) }
    }

    private func notInForce(_ id: Int64, _ table: IdentifiedTable, _ rebuild: ChartRebuild) throws -> OrgError {
        let bringer = try rebuild.bringer(of: id, in: table)
        return .notInForce(key: try rebuild.key(of: id, in: table) ?? "#\(id)", moment: effective,
                           change: bringer?.id, from: bringer?.effective)
    }
}
