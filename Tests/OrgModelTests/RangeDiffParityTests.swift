import Testing
@testable import OrgModel

/// A diff of one file at two moments, worked out from the history between
/// them (``RangeDiff``), equals the key-order merge of the two whole charts,
/// for random histories whose changes take effect out of recording order,
/// with undos, removals, keys given to new roles and keys renamed.
@Suite struct RangeDiffParityTests {
    private static let start = Timestamp(milliseconds: Timestamp.now().milliseconds + 86_400_000)
    private func moment(_ minutes: Int) -> Timestamp {
        Timestamp(milliseconds: Self.start.milliseconds + Int64(minutes) * 60_000)
    }

    /// What ``randomWrite(_:_:_:)`` does not: a role removed and one added
    /// under its key (a new id for an old key), and keys renamed in place by
    /// another program writing the file (an old id with a new key).
    private func keyWrite(_ org: OrgDatabase, _ random: inout SplitMix64, _ nextKey: inout Int) {
        let roles = (try? org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }) ?? []
        let units = (try? org.db.statement("SELECT key FROM unit ORDER BY id").map { $0.text(0) }) ?? []
        guard let role = random.pick(roles) else { return }
        nextKey += 1
        let renamed = "k\(nextKey)"
        _ = refusal {
            switch random.below(3) {
            case 0:
                try org.removeRole(role, reassignTo: random.pick(roles))
                try org.addRole(RoleDraft(key: role, title: "Returned", reportsTo: random.pick(roles.filter { $0 != role })))
            case 1:
                try org.write { try org.db.run("UPDATE role SET key = ? WHERE key = ?", [.text(renamed), .text(role)]) }
            default:
                if let unit = random.pick(units) {
                    try org.write { try org.db.run("UPDATE unit SET key = ? WHERE key = ?", [.text(renamed), .text(unit)]) }
                }
            }
        }
    }

    /// The reference: both charts read whole and merged in key order.
    private func merged(_ before: ChartSnapshot, _ after: ChartSnapshot) throws -> [ChartChange] {
        var changes: [ChartChange] = []
        try before.database.forEachDifference(to: after.database, inStorageOrder: false) { changes.append($0) }
        return changes
    }

    @Test(arguments: [UInt64(21), 22, 23, 24, 25, 26])
    func rangeDiffEqualsTheWholeChartsMerged(seed: UInt64) throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        for step in 1...80 {
            org.intent = ChangeIntent(command: "step \(step)", effective: moment(random.below(200)))
            if random.chance(15) { keyWrite(org, &random, &nextKey) } else { randomWrite(org, &random, &nextKey) }
        }
        let effective = try org.db.statement("SELECT DISTINCT effective_at FROM change ORDER BY 1").map { Timestamp(stored: $0.text(0)) }
        let moments = [Timestamp.beginning] + effective.flatMap { [Timestamp(milliseconds: $0.milliseconds - 1), $0] }
        var snapshots: [ChartSnapshot] = []
        for then in moments {
            // A moment the chart cannot be rebuilt at is refused alike either way.
            if let snapshot = try? org.snapshot(asOf: then) { snapshots.append(snapshot) }
        }
        #expect(snapshots.count > 20, "seed \(seed): only \(snapshots.count) moments")
        var compared = 0, nonEmpty = 0
        for _ in 0..<120 {
            guard let before = random.pick(snapshots), let after = random.pick(snapshots) else { break }
            // The comparison under test, not its fallback to whole charts.
            let found = try before.database.read {
                try after.database.read { try RangeDiff(before.database.db, after.database.db, from: before.moment, to: after.moment) }
            }
            try #require(found != nil, "seed \(seed): \(before.moment) to \(after.moment) fell back")
            let expected = try merged(before, after)
            #expect(try before.differences(to: after) == expected, "seed \(seed): \(before.moment) to \(after.moment)")
            compared += 1
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 30, "seed \(seed): only \(nonEmpty) of \(compared) pairs differ")
    }

    /// With a plan pending after both moments, and a range up to the plan
    /// itself, the named differences the command prints agree too.
    @Test func aRangeUpToAPlanNamesWhatTheMergeNames() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        org.intent = ChangeIntent(command: "now")
        try org.updateRole("pm-payments", RoleChanges(holder: .holder("Someone Else")))
        org.intent = ChangeIntent(command: "plan", effective: moment(60))
        try org.move("pm-crm", to: "cio")
        org.intent = ChangeIntent(command: "later plan", effective: moment(120))
        try org.removeRole("pm-payments")
        for (from, to) in [(Timestamp.beginning, moment(90)), (moment(0), moment(60)), (moment(0), moment(200)), (moment(61), moment(200))] {
            let before = try org.snapshot(asOf: from), after = try org.snapshot(asOf: to)
            var named: [ChartChange] = [], reference: [ChartChange] = []
            try before.forEachNamedDifference(to: after) { named.append($0) }
            try before.database.forEachNamedDifference(to: after.database) { reference.append($0) }
            #expect(named == reference, "\(from) to \(to)")
            #expect(!named.isEmpty)
        }
    }
}
