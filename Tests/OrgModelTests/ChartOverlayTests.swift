import Foundation
import Testing
@testable import OrgModel

/// The chart as of a moment laid over the live file (``ChartOverlay``)
/// equals the chart rebuilt in a full copy, the way it was always done,
/// for random histories whose changes take effect out of recording order.
@Suite struct ChartOverlayTests {
    private static let start = Timestamp(milliseconds: Timestamp.now().milliseconds + 86_400_000)
    private func moment(_ minutes: Int) -> Timestamp {
        Timestamp(milliseconds: Self.start.milliseconds + Int64(minutes) * 60_000)
    }

    private func chartTables(_ org: OrgDatabase) throws -> String {
        try snapshot(org, only: ["unit", "role", "dotted_line", "governance"])
    }

    /// Random writes, each effective at a random minute (earlier or later
    /// than those recorded before it, so that many are pending at once);
    /// then, at every moment a change takes effect and just before it, the
    /// overlay and the full rebuild give the same tables and the same answers.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func overlayEqualsFullRebuildAtEveryMoment(seed: UInt64) throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        for step in 1...80 {
            org.intent = ChangeIntent(command: "step \(step)", effective: moment(random.below(200)))
            randomWrite(org, &random, &nextKey)
        }
        let effective = try org.db.statement("SELECT DISTINCT effective_at FROM change ORDER BY 1").map { Timestamp(stored: $0.text(0)) }
        #expect(effective.count > 20, "seed \(seed): only \(effective.count) moments")
        var compared = 0
        for then in effective.flatMap({ [Timestamp(milliseconds: $0.milliseconds - 1), $0] }) {
            guard try org.hasChanges(after: then) else { continue }
            let overlaid: OrgDatabase, copied: OrgDatabase
            do {
                copied = try OrgDatabase(snapshot: org.rebuiltCopy(at: then), of: org)
            } catch let error as OrgError {
                // The rebuild cannot be done then: the overlay refuses alike.
                #expect(refusal { try org.asOf(then) } == error, "seed \(seed) at \(then)")
                continue
            }
            overlaid = try org.asOf(then)
            try #require(overlaid.readsOverlay)
            try #require(try chartTables(overlaid) == chartTables(copied), "seed \(seed) at \(then)")
            let keys = try copied.db.statement("SELECT key FROM role ORDER BY id").map([]) { $0.text(0) }
            for key in keys {
                #expect(try overlaid.chain(of: key) == copied.chain(of: key), "seed \(seed) at \(then): chain of \(key)")
                #expect(try overlaid.reports(to: key, all: true) == copied.reports(to: key, all: true), "seed \(seed): reports to \(key)")
                #expect(try overlaid.rollup(of: key) == copied.rollup(of: key), "seed \(seed): rollup of \(key)")
            }
            #expect(try pathInvariantViolations(overlaid).isEmpty)
            compared += 1
        }
        #expect(compared > 20, "seed \(seed): only \(compared) moments compared")
    }

    /// A commit by another writer after the chart was asked for is not seen
    /// in it: the overlay reads the file as it stood then.
    @Test func laterCommitsAreNotSeen() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        org.intent = ChangeIntent(command: "plan", effective: moment(60))
        try org.move("pm-payments", to: "cio")
        org.intent = ChangeIntent(command: "now")
        let before = try org.asOf(moment(0))
        let chart = try chartTables(before)
        try org.updateRole("pm-payments", RoleChanges(holder: .holder("Someone Else")))
        try org.move("pm-crm", to: "cio")
        #expect(try chartTables(before) == chart)
        #expect(try before.role("pm-payments").holder != "Someone Else")
        // The plan is reverted in the overlay, not in the file.
        #expect(try before.chain(of: "pm-payments").map(\.key) != org.chain(of: "pm-payments").map(\.key))
    }

    /// Building the overlay writes nothing: the file's tables and history are
    /// exactly as they were.
    @Test func buildingLeavesTheFileUnchanged() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.initialise(with: .enterprisePMO)
        org.intent = ChangeIntent(command: "plan", effective: moment(60))
        try org.move("pm-payments", to: "cio")
        try org.removeRole("pm-crm")
        let before = try snapshot(org)
        let then = try org.asOf(moment(0))
        #expect(then.readsOverlay)
        #expect(try then.role("pm-crm").key == "pm-crm")
        #expect(try snapshot(org) == before)
        #expect(refusal { try org.role("pm-crm") } != nil)
    }
}
