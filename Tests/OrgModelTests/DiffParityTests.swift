import Testing
@testable import OrgModel

/// A random chart and a what-if copy of it with random edits: moves, field
/// changes, removals (so ids go missing), additions (so ids are reused or
/// new), dotted lines and governance drawn and removed, units added.
private func randomPair(seed: UInt64, edits: Int) throws -> (OrgDatabase, OrgDatabase) {
    let original = try randomChart(seed: seed, roles: 160, units: 20)
    let copy = try randomChart(seed: seed, roles: 160, units: 20)
    var random = SplitMix64(seed: seed &* 31 &+ 5)
    let roleKeys = { try copy.db.statement("SELECT key FROM role").map { $0.text(0) } }
    let unitKeys = { try copy.db.statement("SELECT key FROM unit").map { $0.text(0) } }
    for index in 0..<edits {
        let roles = try roleKeys(), units = try unitKeys()
        guard let role = random.pick(roles), let other = random.pick(roles) else { break }
        switch random.below(10) {
        case 0: _ = try? copy.move(role, to: random.chance(10) ? nil : other)
        case 1: _ = try? copy.updateRole(role, RoleChanges(holder: random.chance(30) ? .vacate : .holder("New \(index)")))
        case 2: _ = try? copy.updateRole(role, RoleChanges(title: "Title \(index)", unit: random.pick(units), grade: index))
        case 3: _ = try? copy.removeRole(role, reassignTo: other)
        case 4: _ = try? copy.addRole(RoleDraft(key: "new\(index)", title: "PMO Analyst", reportsTo: other, unit: random.pick(units)))
        case 5: _ = try? copy.addDottedLine(from: role, to: other)
        case 6:
            if let line = try copy.db.statement("""
                SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
                """).map([], { ($0.text(0), $0.text(1)) }).first {
                _ = try? copy.removeDottedLine(from: line.0, to: line.1)
            }
        case 7: _ = try? copy.addUnit(UnitDraft(key: "nu\(index)", name: "New \(index)", kind: .project, parent: random.pick(units), head: role))
        case 8: _ = try? copy.updateRole(role, RoleChanges(salary: Money(minorUnits: Int64(index * 100), currency: "EUR"), rung: .pmoManager))
        default:
            // A role removed and another added under its key: same key, new id.
            if (try? copy.removeRole(role, reassignTo: other)) != nil {
                _ = try? copy.addRole(RoleDraft(key: role, title: "Returned", reportsTo: other))
            }
        }
    }
    return (original, copy)
}

private func diff(_ before: OrgDatabase, _ after: OrgDatabase, inStorageOrder: Bool) throws -> [ChartChange] {
    var changes: [ChartChange] = []
    try before.forEachDifference(to: after, inStorageOrder: inStorageOrder) { changes.append($0) }
    return changes
}

/// Reading two charts in storage order finds what the key-order merge finds,
/// in the same order.
@Suite struct DiffParityTests {
    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func aCopyWithEditsDiffsAsTheKeyOrderMergeDoes(seed: UInt64) throws {
        let (original, copy) = try randomPair(seed: seed, edits: Int(seed % 4 == 0 ? 1 : seed * 3))
        let expected = try diff(original, copy, inStorageOrder: false)
        #expect(!expected.isEmpty || seed % 4 == 0)
        #expect(try diff(original, copy, inStorageOrder: true) == expected, "seed \(seed)")
        #expect(try diff(copy, original, inStorageOrder: true) == (try diff(copy, original, inStorageOrder: false)), "seed \(seed)")
    }

    /// The parity above compares the storage-order reading, not its fallback:
    /// a what-if copy is compared that way, holding only the keys it changed.
    @Test func aWhatIfCopyIsComparedInStorageOrder() throws {
        let original = try randomChart(seed: 5, roles: 160, units: 20)
        let copy = try randomChart(seed: 5, roles: 160, units: 20)
        let roles = try copy.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
        try copy.updateRole(roles[7], RoleChanges(holder: .holder("Someone Else")))
        try copy.updateRole(roles[90], RoleChanges(grade: 77))
        let found = try #require(try RowidDiff(original.db, copy.db))
        #expect(found.roleKeys == Set([roles[7], roles[90]].map { $0.lowercased() }))
        #expect(found.lineKeys.isEmpty)
    }

    /// Two unrelated charts: the same ids name different keys throughout.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func unrelatedChartsDiffAsTheKeyOrderMergeDoes(seed: UInt64) throws {
        let left = try randomChart(seed: seed, roles: 120, units: 12)
        let right = try randomChart(seed: seed + 100, roles: 150, units: 14)
        #expect(try diff(left, right, inStorageOrder: true) == (try diff(left, right, inStorageOrder: false)))
    }

    /// A chart against its own past: the as-of copy against the live file.
    @Test func aChartAgainstItsPastDiffsAsTheKeyOrderMergeDoes() throws {
        let (_, copy) = try randomPair(seed: 99, edits: 40)
        let past = try copy.asOf(.beginning)
        #expect(try diff(past, copy, inStorageOrder: true) == (try diff(past, copy, inStorageOrder: false)))
    }
}

extension DiffParityTests {
    /// A file with plans pending, as of now (read through the overlay),
    /// against a what-if copy with its own edits: the storage-order reading,
    /// which merges the overlay's two ordered scans instead of sorting its
    /// views, finds what the key-order merge finds, from either side.
    @Test(arguments: [UInt64(31), 32, 33, 34])
    func aChartWithPlansPendingDiffsAsTheKeyOrderMergeDoes(seed: UInt64) throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        for _ in 0..<20 { randomWrite(org, &random, &nextKey) }
        try org.db.execute(script: "VACUUM INTO '\(folder.file("what-if.db"))'")
        let copy = try OrgDatabase(path: folder.file("what-if.db"), access: .write)
        var copyKey = 1000
        for _ in 0..<10 { randomWrite(copy, &random, &copyKey) }
        let later = Timestamp(milliseconds: Timestamp.now().milliseconds + 86_400_000)
        for step in 0..<15 {
            org.intent = ChangeIntent(command: "plan \(step)", effective: later)
            randomWrite(org, &random, &nextKey)
        }
        let now = try org.asOf(.now())
        try #require(now.readsOverlay, "seed \(seed): no plan pending")
        #expect(try diff(now, copy, inStorageOrder: true) == (try diff(now, copy, inStorageOrder: false)), "seed \(seed)")
        #expect(try diff(copy, now, inStorageOrder: true) == (try diff(copy, now, inStorageOrder: false)), "seed \(seed)")
        #expect(try !diff(now, copy, inStorageOrder: false).isEmpty)
    }
}
