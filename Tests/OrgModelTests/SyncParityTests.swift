import Testing
@testable import OrgModel

/// `sync` on random charts and random next-month files: whatever the mix of
/// moves, leavers, joiners, field and dotted-line changes, and in whatever
/// order the file lists its rows, the chart afterwards is the file: every
/// role it names as it says, every other one vacant or removed as the
/// policy says, the path index sound, and a second sync in step.
@Suite struct SyncParityTests {
    private struct Row {
        var key: String
        var title: String
        var holder: String
        var manager: String
        var grade: String
        var dotted: String

        var csv: String { [key, title, holder, manager, grade, dotted].joined(separator: ",") }
    }

    private static let header = "key,title,holder,reports_to,grade,dotted_to"

    private static func csv(_ rows: [Row]) -> String {
        ([header] + rows.map(\.csv)).joined(separator: "\n") + "\n"
    }

    private static func source(_ csv: String) throws -> ImportSource {
        try .csv(roles: Array(csv.utf8), file: "hr.csv", options: ImportOptions(update: true))
    }

    /// A chart in which every role reports to, and draws any dotted line to,
    /// an earlier one: no loop, whatever is picked.
    private static func chart(_ random: inout SplitMix64) -> [Row] {
        let count = 30 + random.below(50)
        var rows: [Row] = []
        for index in 0..<count {
            let manager = index == 0 ? "" : "k\(random.below(index))"
            let dotted = index > 2 && random.chance(15) ? "k\(random.below(index))" : ""
            rows.append(Row(key: "k\(index)", title: random.chance(50) ? "Analyst" : "Manager",
                            holder: random.chance(80) ? "Holder \(index)" : "", manager: manager,
                            grade: "\(1 + random.below(9))", dotted: dotted == manager ? "" : dotted))
        }
        return rows
    }

    /// Next month's file: moves and dotted lines to earlier rows (so still no
    /// loop), changed fields, joiners after every row, and leavers among the
    /// rows no one in the file reports to.
    private static func nextMonth(_ chart: [Row], _ random: inout SplitMix64) -> [Row] {
        var rows = chart
        for index in rows.indices.dropFirst() {
            if random.chance(10) { rows[index].manager = "k\(random.below(index))" }
            if random.chance(10) { rows[index].title += " II" }
            if random.chance(10) { rows[index].holder = random.chance(50) ? "" : "Holder \(index) Jr" }
            if random.chance(10) { rows[index].grade = "\(1 + random.below(9))" }
            if random.chance(10) { rows[index].dotted = index > 2 && random.chance(50) ? "k\(random.below(index))" : "" }
            if rows[index].dotted == rows[index].manager { rows[index].dotted = "" }
        }
        for joiner in 0..<random.below(8) {
            rows.append(Row(key: "j\(joiner)", title: "Analyst", holder: "Joiner \(joiner)",
                            manager: rows[random.below(rows.count)].key, grade: "3", dotted: ""))
        }
        let managers = Set(rows.map(\.manager) + rows.map(\.dotted))
        let leavers = Set(rows.dropFirst().filter { !managers.contains($0.key) && random.chance(15) }.map(\.key))
        rows.removeAll { leavers.contains($0.key) }
        // The file's order is not the chart's.
        for index in rows.indices.reversed() where index > 0 { rows.swapAt(index, random.below(index + 1)) }
        return rows
    }

    /// Every role as key, title, holder, manager, grade and dotted lines.
    private static func roles(of org: OrgDatabase) throws -> [String] {
        try org.db.statement("""
            SELECT r.key, r.title, coalesce(r.holder, ''), coalesce((SELECT m.key FROM role m WHERE m.id = r.manager_id), ''),
                   coalesce(r.grade, ''),
                   coalesce((SELECT group_concat(k, ';') FROM (SELECT d.key AS k FROM dotted_line l JOIN role d ON d.id = l.manager_id
                                                               WHERE l.role_id = r.id ORDER BY d.key)), '')
            FROM role r
            """).map { row in (0..<6).map { row.text(Int32($0)) }.joined(separator: "|") }
    }

    @Test(arguments: [LeaverPolicy.vacate, .remove])
    func theSyncedChartIsTheSource(policy: LeaverPolicy) throws {
        for seed in 1...8 as ClosedRange<UInt64> {
            var random = SplitMix64(seed: seed)
            let before = Self.chart(&random)
            let after = Self.nextMonth(before, &random)
            let org = try OrgDatabase.inMemory()
            try org.importChart(Self.source(Self.csv(before)))
            let plan = try org.sync(Self.source(Self.csv(after)), options: SyncOptions(leavers: policy, apply: true))
            let named = Set(after.map(\.key))
            let left = before.filter { !named.contains($0.key) }
            var expected = after.map { [$0.key, $0.title, $0.holder, $0.manager, $0.grade, $0.dotted].joined(separator: "|") }
            if policy == .vacate {
                // A leaver keeps its place, now vacant; none has reports in the file.
                expected += left.map { [$0.key, $0.title, "", $0.manager, $0.grade, $0.dotted].joined(separator: "|") }
            }
            let actual = try Self.roles(of: org).sorted()
            #expect(actual == expected.sorted(), "seed \(seed): \(actual.difference(from: expected.sorted()))")
            #expect(plan.counts.leaves == left.filter { policy == .remove || !$0.holder.isEmpty }.count, "seed \(seed)")
            #expect(try org.verify().isSound, "seed \(seed)")
            #expect(try org.sync(Self.source(Self.csv(after)), options: SyncOptions(leavers: policy)).isInStep, "seed \(seed)")
        }
    }
}
