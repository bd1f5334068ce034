import Foundation
import Testing
@testable import OrgModel

/// The chart's own tables, as text: what `--as-of` and `undo` must reproduce
/// exactly, ids and path labels included.
private func chartTables(_ org: OrgDatabase) throws -> String {
    try snapshot(org, only: ["unit", "role", "dotted_line", "governance"])
}

/// The lines only one of two snapshots has, marked + (actual) and - (expected).
private func linesDiffer(_ actual: String, _ expected: String) -> String {
    let a = Set(actual.split(separator: "\n")), e = Set(expected.split(separator: "\n"))
    return (a.subtracting(e).map { "+" + $0 } + e.subtracting(a).map { "-" + $0 }).sorted().joined(separator: "; ")
}

@Suite struct HistoryTests {
    /// A moment well after the example was created, plus `minutes`.
    private static let start = Timestamp(milliseconds: Timestamp.now().milliseconds + 86_400_000)
    private func moment(_ minutes: Int) -> Timestamp {
        Timestamp(milliseconds: Self.start.milliseconds + Int64(minutes) * 60_000)
    }

    /// One random write of many kinds; refusals are fine (they record nothing).
    private func randomWrite(_ org: OrgDatabase, _ random: inout SplitMix64, _ nextKey: inout Int) {
        let roles = (try? org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }) ?? []
        let units = (try? org.db.statement("SELECT key FROM unit ORDER BY id").map { $0.text(0) }) ?? []
        let pmos = (try? org.db.statement("SELECT key FROM unit WHERE kind = 'pmo' ORDER BY id").map { $0.text(0) }) ?? []
        _ = refusal {
            switch random.below(12) {
            case 0, 1:
                nextKey += 1
                try org.addRole(RoleDraft(key: "r\(nextKey)", title: "Role \(nextKey)", holder: random.chance(50) ? "Holder \(nextKey)" : nil,
                                          reportsTo: random.pick(roles), unit: random.pick(units)))
            case 2, 3:
                try org.move(random.pick(roles)!, to: random.pick(roles))
            case 4:
                try org.removeRole(random.pick(roles)!, reassignTo: random.chance(50) ? random.pick(roles) : nil)
            case 5:
                try org.addDottedLine(from: random.pick(roles)!, to: random.pick(roles)!)
            case 6:
                let line = try org.db.statement("""
                    SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id ORDER BY 1, 2
                    """).map { ($0.text(0), $0.text(1)) }
                if let (role, manager) = random.pick(line) { try org.removeDottedLine(from: role, to: manager) }
            case 7:
                try org.updateRole(random.pick(roles)!, RoleChanges(holder: random.chance(30) ? .vacate : .holder("Person \(random.below(1000))"),
                                                                    grade: random.chance(50) ? random.below(20) : nil))
            case 8:
                nextKey += 1
                try org.addUnit(UnitDraft(key: "u\(nextKey)", name: "Unit \(nextKey)", kind: .project, parent: random.pick(units),
                                          head: random.pick(roles)))
            case 9:
                if let pmo = random.pick(pmos) { try org.changePMOType(pmo, to: PMOType.allCases[random.below(4)]) }
            case 10:
                if let pmo = random.pick(pmos), let unit = random.pick(units) {
                    if random.chance(50) { try org.addGovernance(pmo: pmo, unit: unit) } else { try org.removeGovernance(pmo: pmo, unit: unit) }
                }
            default:
                let unit = random.pick(units)!
                if random.chance(50) { try org.removeUnit(unit) } else { try org.updateUnit(unit, UnitChanges(name: "Renamed \(random.below(99))")) }
            }
        }
    }

    /// Replays random writes, each effective a minute after the last; the
    /// chart as of every moment must equal the snapshot taken then, and
    /// undoing them one by one must walk back through the same snapshots.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func asOfEveryMomentEqualsTheSnapshotTakenThen(seed: UInt64) throws {
        let org = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        var snapshots: [(moment: Timestamp, chart: String, changes: Int64)] = [(moment(0), try chartTables(org), 1)]
        for step in 1...120 {
            org.intent = ChangeIntent(command: "step \(step)", effective: moment(step))
            randomWrite(org, &random, &nextKey)
            snapshots.append((moment(step), try chartTables(org), try org.db.integer("SELECT count(*) FROM change") ?? 0))
        }
        let recorded = snapshots.last!.changes
        #expect(recorded > 60, "seed \(seed): only \(recorded) of 120 writes succeeded")

        for (index, snapshot) in snapshots.enumerated() {
            let then = try org.asOf(snapshot.moment)
            let rebuilt = try chartTables(then)
            try #require(rebuilt == snapshot.chart, "seed \(seed): as of step \(index): \(linesDiffer(rebuilt, snapshot.chart))")
            #expect(try pathInvariantViolations(then).isEmpty)
            // Between two writes, the chart is the earlier one's.
            let justBefore = Timestamp(milliseconds: snapshot.moment.milliseconds + 59_000)
            #expect(try chartTables(org.asOf(justBefore)) == snapshot.chart)
        }
        #expect(try org.asOf(.beginning).isEmpty())

        // Undo walks back: each undo restores the chart before the change it reverts.
        org.intent = ChangeIntent(command: "undo", effective: moment(1_000))
        var expected = snapshots.reversed().map(\.chart)
        // Consecutive snapshots repeat where a write was refused.
        expected = expected.enumerated().filter { $0.offset == 0 || expected[$0.offset - 1] != $0.element }.map(\.element)
        for (index, chart) in expected.enumerated().dropFirst().prefix(40) {
            try org.undo()
            let now = try chartTables(org)
            try #require(now == chart, "seed \(seed): after \(index) undos: \(linesDiffer(now, chart))")
            let problems = try pathInvariantViolations(org)
            try #require(problems.isEmpty, "seed \(seed): after \(index) undos: \(problems)")
        }
        #expect(try org.db.integer("PRAGMA foreign_key_check") == nil)
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
    }

    @Test func repeatedUndosWalkBackAndAreRecorded() throws {
        let org = try exampleDatabase()
        let original = try chartTables(org)
        try org.move("pm-payments", to: "cio")
        let moved = try chartTables(org)
        try org.updateRole("pm-payments", RoleChanges(holder: .vacate))
        let first = try org.undo()
        #expect(try chartTables(org) == moved)
        #expect(first.summary == ["pm-payments holder: vacant → Jane Doe"])
        let second = try org.undo()
        #expect(try chartTables(org) == original)
        #expect(second.summary == ["pm-payments (Jane Doe) moved from cio (Henrik Lund) to prog-digital-manager (Kwame Mensah)"])
        #expect(try org.history().prefix(2).map(\.undoes) == [second.undoes, first.undoes])
        #expect(try pathInvariantViolations(org).isEmpty)
        // Then the example itself, and then nothing is left to undo.
        try org.undo()
        #expect(try org.isEmpty())
        #expect(refusal { try org.undo() } == .nothingToUndo(path: ":memory:"))
    }

    @Test func undoWithNothingRecordedIsRefused() throws {
        let org = try emptyDatabase()
        #expect(refusal { try org.undo() } == .nothingToUndo(path: ":memory:"))
    }

    @Test func aWriteThatChangesNothingIsNotRecorded() throws {
        let org = try exampleDatabase()
        let count = try org.history().count
        try org.move("pm-payments", to: "prog-digital-manager")
        _ = refusal { try org.move("ceo", to: "pm-payments") }
        #expect(try org.history().count == count)
    }

    @Test func historyIsInPlainWordsNewestFirstAndFiltersByKey() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "orgctl move pm-payments --to pmo-it-director")
        try org.move("pm-payments", to: "pmo-it-director")
        org.intent = ChangeIntent(command: "orgctl set role pm-crm --holder 'Ann Lee'")
        try org.updateRole("pm-crm", RoleChanges(holder: .holder("Ann Lee")))
        let all = try org.history()
        #expect(all.map(\.command) == ["orgctl set role pm-crm --holder 'Ann Lee'", "orgctl move pm-payments --to pmo-it-director", ""])
        #expect(all[0].summary == ["pm-crm holder: Ravi Patel → Ann Lee"])
        #expect(all[1].summary == ["pm-payments (Jane Doe) moved from prog-digital-manager (Kwame Mensah) to pmo-it-director (Lena Fischer)"])
        #expect(try org.history(of: "pm-payments").map(\.id) == [all[1].id, all[2].id])
        // The far end of a line counts: the move touched pmo-it-director too.
        #expect(try org.history(of: "pmo-it-director").map(\.id).contains(all[1].id))
        #expect(try org.history(of: "pm").isEmpty)
        #expect(try org.history(since: Timestamp(milliseconds: Timestamp.now().milliseconds + 60_000)).isEmpty)
    }

    @Test func aPlannedChangeIsNotInForceUntilItsDate() throws {
        let org = try exampleDatabase()
        let reorganisation = moment(60 * 24 * 30)
        org.intent = ChangeIntent(command: "planned", effective: reorganisation)
        try org.move("pm-payments", to: "cio")
        #expect(try org.asOf(.now()).role("pm-payments").reportsTo == "prog-digital-manager")
        #expect(try org.asOf(reorganisation).role("pm-payments").reportsTo == "cio")
        #expect(try org.role("pm-payments").reportsTo == "cio")
    }

    /// Reverting a planned change takes back only what it changed: a holder
    /// filled today, while a move of the same role is pending, stays.
    @Test func aPlannedChangeKeepsLaterChangesToOtherFields() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(60 * 24 * 30))
        try org.move("pm-fleet", to: "coo")
        org.intent = ChangeIntent()
        try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Hired Today")))
        let today = try org.asOf(.now()).role("pm-fleet")
        #expect(today.holder == "Hired Today")
        #expect(today.reportsTo == "ops-director")
        let planned = try org.asOf(moment(60 * 24 * 31)).role("pm-fleet")
        #expect(planned.holder == "Hired Today")
        #expect(planned.reportsTo == "coo")
        #expect(try pathInvariantViolations(org.asOf(.now())).isEmpty)
    }

    /// Setting today a field that a planned change sets later would take
    /// the plan's value away from its date: refused, naming the plan.
    @Test func aValueSetTodayForAFieldAPlanSetsIsRefused() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(60 * 24 * 30))
        try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Planned Person")))
        org.intent = ChangeIntent()
        let before = try snapshot(org)
        guard case .plannedChangeConflict(let key, _, let change, _, _)? = refusal({
            try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Hired Today")))
        }) else {
            Issue.record("a holder set today over a planned holder was accepted")
            return
        }
        #expect(key == "pm-fleet")
        #expect(change == 2)
        #expect(try snapshot(org) == before)
        #expect(try org.asOf(.now()).role("pm-fleet").holder == nil)
        #expect(try org.asOf(moment(60 * 24 * 31)).role("pm-fleet").holder == "Planned Person")
    }

    /// Removing today a role that a planned change takes a line away from:
    /// reads still work, the line simply has nothing to come back to.
    @Test func aPlannedLineRemovalDoesNotBreakReadsWhenItsManagerGoes() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(60 * 24 * 30))
        try org.removeDottedLine(from: "pm-warehouse", to: "pmo-ops-manager")
        org.intent = ChangeIntent()
        try org.removeRole("pmo-ops-manager")
        let today = try org.asOf(.now())
        #expect(refusal { try today.role("pmo-ops-manager") } != nil)
        #expect(try today.role("pmo-ops-coordinator").reportsTo == "coo")
        #expect(try pathInvariantViolations(today).isEmpty)
    }

    /// A dotted line or a unit head that points to a planned role is refused
    /// before the role's date, like a solid line.
    @Test func linesAndHeadsToAPlannedRoleAreRefused() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(60 * 24 * 7))
        try org.addRole(RoleDraft(key: "newdir", title: "Director of Delivery", reportsTo: "ceo"))
        org.intent = ChangeIntent()
        let before = try snapshot(org)
        for (name, write) in [("dotted line", { _ = try org.addDottedLine(from: "pm-crm", to: "newdir") }),
                              ("unit head", { _ = try org.updateUnit("proj-crm", UnitChanges(head: "newdir")) })] as [(String, () throws -> Void)] {
            guard case .notInForce(let key, _, _, _)? = refusal(write) else {
                Issue.record("a \(name) to a planned role was accepted")
                continue
            }
            #expect(key == "newdir", "\(name)")
        }
        #expect(try snapshot(org) == before)
    }

    /// A backdated move is checked against the chart at its own date: there
    /// eng-director still reports to cio (a move recorded earlier takes it
    /// away only later), so putting cio under it is a loop.
    @Test func aBackdatedMoveThatMakesALoopThenIsRefused() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(10))
        try org.move("eng-director", to: "cmo")
        org.intent = ChangeIntent(effective: moment(5))
        let before = try snapshot(org)
        #expect(refusal { try org.move("cio", to: "eng-director") } == .cycle(path: ["cio", "eng-director", "cio"]))
        #expect(try snapshot(org) == before)
    }

    /// Removing today a role that a planned change moves would leave the
    /// plan nothing to move: refused. From the plan's date on it is fine.
    @Test func aRoleAPlanMovesIsRemovedOnlyFromThePlansDate() throws {
        let org = try exampleDatabase()
        let plan = moment(60 * 24 * 30)
        org.intent = ChangeIntent(effective: plan)
        try org.move("pm-crm", to: "cio")
        org.intent = ChangeIntent()
        guard case .plannedChangeConflict(let key, _, let change, let from, _)? = refusal({ try org.removeRole("pm-crm") }) else {
            Issue.record("a role a plan moves was removed before the plan")
            return
        }
        #expect(key == "pm-crm")
        #expect(change == 2)
        #expect(from == plan)
        org.intent = ChangeIntent(effective: plan)
        try org.removeRole("pm-crm")
        #expect(try org.asOf(.now()).role("pm-crm").reportsTo == "prog-digital-manager")
        #expect(refusal { try org.asOf(moment(60 * 24 * 31)).role("pm-crm") } != nil)
    }

    /// A write that points to a row not yet in force at its effective moment
    /// is refused, naming the row and the change that brings it.
    @Test func aWriteNeedsWhatItTouchesToBeInForce() throws {
        let org = try exampleDatabase()
        let plan = moment(60 * 24 * 7)
        org.intent = ChangeIntent(effective: plan)
        try org.addRole(RoleDraft(key: "newdir", title: "Director of Delivery", reportsTo: "ceo"))
        let planID = try org.history()[0].id
        org.intent = ChangeIntent()
        let before = try snapshot(org)
        let error = refusal { try org.move("pm-crm", to: "newdir") }
        guard case .notInForce(let key, _, let change, let from)? = error else {
            Issue.record("expected notInForce, got \(String(describing: error))")
            return
        }
        #expect(key == "newdir")
        #expect(change == planID)
        #expect(from == plan)
        #expect(try snapshot(org) == before)
        // On or after the plan's date it is fine.
        org.intent = ChangeIntent(effective: plan)
        try org.move("pm-crm", to: "newdir")
        #expect(try org.asOf(plan).role("pm-crm").reportsTo == "newdir")
        #expect(try org.asOf(.now()).role("pm-crm").reportsTo == "prog-digital-manager")

        // A backdated change to a role created after that date is refused too.
        org.intent = ChangeIntent(effective: Timestamp.parse("2020-01-01", day: .start)!)
        guard case .notInForce(let old, _, _, _)? = refusal({ try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Then"))) }) else {
            Issue.record("a backdated change to a role that did not exist then was accepted")
            return
        }
        #expect(old == "pm-fleet")
    }

    @Test func aBackdatedChangeOnAPlannedRoleIsRefusedAtTheWrite() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(effective: moment(2 * 24 * 60))
        try org.addRole(RoleDraft(key: "planned-lead", title: "Lead", reportsTo: "cio"))
        org.intent = ChangeIntent(effective: moment(24 * 60))
        let error = refusal { try org.addRole(RoleDraft(key: "early-hire", title: "Analyst", reportsTo: "planned-lead")) }
        guard case .notInForce(let key, _, let change, _)? = error else {
            Issue.record("expected notInForce, got \(String(describing: error))")
            return
        }
        #expect(key == "planned-lead")
        #expect(change == 2)
        #expect(try org.asOf(moment(36 * 60)).isEmpty() == false)
    }

    /// A known reorganisation: the diff lists exactly its changes, and the
    /// same list comes from comparing a copy of the file.
    @Test func diffOfAReorganisationListsExactlyItsChanges() throws {
        let dir = try TemporaryDirectory()
        // Closing the database folds its write-ahead log into the file, as
        // when orgctl exits; only then is a plain copy the whole chart.
        try OrgDatabase(path: dir.file("org.db"), access: .write).initialise(with: .enterprisePMO)
        let original = try OrgDatabase(path: dir.file("org.db"), access: .read)
        try FileManager.default.copyItem(atPath: dir.file("org.db"), toPath: dir.file("what-if.db"))
        let org = try OrgDatabase(path: dir.file("what-if.db"), access: .write)
        let before = Timestamp.now()
        usleep(5_000)
        try org.move("pm-crm", to: "pmo-it-director")
        try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Ines Sousa")))
        try org.addDottedLine(from: "pm-rebrand", to: "pmo-mkt-manager")
        try org.removeDottedLine(from: "pm-warehouse", to: "pmo-ops-manager")
        try org.addRole(RoleDraft(key: "pm-data", title: "Project Manager", reportsTo: "pmo-it-director"))
        try org.addUnit(UnitDraft(key: "proj-data", name: "Data Platform", kind: .project, parent: "it", head: "pm-data"))
        try org.changePMOType("pmo-mkt", to: .controlling)
        try org.removeRole("pmo-it-analyst")
        let expected = [
            "pmo-mkt pmo-type: supportive → controlling",
            "added unit proj-data (Data Platform, project)",
            "pm-crm moved from prog-digital-manager to pmo-it-director",
            "added pm-data (Project Manager, vacant) reporting to pmo-it-director",
            "pm-fleet holder: vacant → Ines Sousa",
            "removed pmo-it-analyst (PMO Analyst, vacant), who reported to pmo-it-director",
            "pm-rebrand gained a dotted line to pmo-mkt-manager",
            "pm-warehouse lost its dotted line to pmo-ops-manager",
        ]
        let byDate = try org.asOf(before).differences(to: org).map(\.description)
        #expect(byDate == expected)
        let byFile = try original.differences(to: org).map(\.description)
        #expect(byFile == expected)
        #expect(try org.differences(to: original).count == expected.count)
        #expect(try original.differences(to: original).isEmpty)
    }

    /// An import is one change, whatever its size, and costs no before-image
    /// for the roles it creates.
    @Test func anImportIsOneChangeWithoutCopiesOfItsRows() throws {
        let org = try emptyDatabase()
        var csv = "key,title,reports_to\nboss,Boss,\n"
        for index in 1...500 { csv += "r\(index),Role \(index),\(index == 1 ? "boss" : "r\(index / 2)")\n" }
        try org.importChart(.csv(roles: Array(csv.utf8), file: "roles.csv", options: ImportOptions()))
        #expect(try org.history().map(\.summary) == [["added 501 roles"]])
        #expect(try org.db.integer("SELECT count(*) FROM role_was") == 0)
        try org.undo()
        #expect(try org.isEmpty())
        #expect(try org.asOf(.beginning).isEmpty())
    }

    @Test func timestampsReadAsISO8601() throws {
        let now = Timestamp.parse("2026-11-23T15:04:05.250Z", day: .start)!
        #expect(now.description == "2026-11-23T15:04:05.250Z")
        #expect(Timestamp.parse("2026-03-01", day: .start)?.description == "2026-03-01T00:00:00.000Z")
        #expect(Timestamp.parse("2026-03-01", day: .end)?.description == "2026-03-01T23:59:59.999Z")
        #expect(Timestamp.parse("2024-02-29 09:30", day: .start)?.description == "2024-02-29T09:30:00.000Z")
        #expect(Timestamp.parse("2026-03-01T09:30:00+01:00", day: .start)?.description == "2026-03-01T08:30:00.000Z")
        #expect(Timestamp.parse("1969-12-31T23:59:59.5-0000", day: .start)?.milliseconds == -500)
        #expect(Timestamp.parse("today", day: .start, now: now)?.description == "2026-11-23T00:00:00.000Z")
        #expect(Timestamp.parse("yesterday", day: .end, now: now)?.description == "2026-11-22T23:59:59.999Z")
        for bad in ["2026-02-29", "2026-13-01", "2026-1-1", "01/03/2026", "2026-03-01T25:00", "2026-03-01T09:30Zjunk", ""] {
            #expect(Timestamp.parse(bad, day: .start) == nil, "\(bad) was accepted")
        }
        #expect(Timestamp.beginning.description == "0001-01-01T00:00:00.000Z")
        // The stored text orders as time only within years 1 to 9999.
        #expect(Timestamp.parse("9999-12-31T23:30-01:00", day: .start) == nil)
        #expect(Timestamp.parse("9999-12-31", day: .end)?.description == "9999-12-31T23:59:59.999Z")
    }
}
