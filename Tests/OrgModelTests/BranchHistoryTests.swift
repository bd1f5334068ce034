import Testing
@testable import OrgModel

/// The history of one branch holds the changes wholly inside it, judged by
/// where the roles are now, and nothing that names a role outside it.
@Suite struct BranchHistoryTests {
    /// ceo over a (a1, a2) and b (b1), then one change of each kind; the
    /// numbers of those the branch under a may see.
    private func chart() throws -> (OrgDatabase, inside: [Int64], outside: [String: Int64]) {
        let org = try orgChart(["ceo": nil, "a": "ceo", "a1": "a", "a2": "a", "b": "ceo", "b1": "b"])
        var inside: [Int64] = try org.history().filter { $0.summary.joined().contains("a1") || $0.summary.joined().contains("a2") }
            .map(\.id).reversed()
        var outside: [String: Int64] = [:]
        func newest() throws -> Int64 { try #require(try org.newestChangeID()) }
        _ = try org.updateRole("a1", RoleChanges(title: "Lead"))
        inside.append(try newest())
        _ = try org.move("a2", to: "a1")
        inside.append(try newest())
        _ = try org.move("b1", to: "a")
        outside["move in"] = try newest()
        try org.addDottedLine(from: "a1", to: "b")
        outside["line out"] = try newest()
        try org.addDottedLine(from: "a2", to: "a")
        inside.append(try newest())
        _ = try org.removeRole("a2")
        inside.append(try newest())
        _ = try org.updateRole("a", RoleChanges(title: "Head of A"))
        inside.append(try newest())
        _ = try org.updateRole("b", RoleChanges(title: "Head of B"))
        outside["outside"] = try newest()
        _ = try org.addUnit(UnitDraft(key: "u", name: "Unit", kind: .team))
        outside["unit"] = try newest()
        return (org, inside.reversed(), outside)
    }

    @Test func theBranchSeesOnlyChangesWhollyInsideItNewestFirst() throws {
        let (org, inside, outside) = try chart()
        #expect(inside.count == 7)
        #expect(try org.history(within: "a", limit: 50).map(\.id) == inside)
        for (what, id) in outside {
            #expect(try !org.change(id, liesWithin: "a"), "\(what)")
        }
        // The added a and b name their manager ceo; a branch under b1 holds
        // no change but its own move, which named a and b.
        #expect(try org.history(within: "b1", limit: 50).isEmpty)
        #expect(try org.history(within: "ceo", limit: 50).count == org.history().count - 1)
    }

    @Test func pagesFollowOneAnother() throws {
        let (org, inside, _) = try chart()
        let first = try org.history(within: "a", limit: 3)
        let second = try org.history(within: "a", limit: 10, before: first.last!.id)
        #expect((first + second).map(\.id) == inside)
        #expect(try org.history(within: "a", limit: 0).isEmpty)
    }

    @Test func aRemovedRoleCountsWhereItsLastManagerIs() throws {
        let org = try orgChart(["ceo": nil, "a": "ceo", "a1": "a", "b": "ceo"])
        _ = try org.removeRole("a1")
        let removal = try #require(try org.newestChangeID())
        #expect(try org.change(removal, liesWithin: "a"))
        #expect(try !org.change(removal, liesWithin: "b"))
    }

    @Test func aRoleAddedOutsideThenMovedInAndRemovedKeepsItsAdditionOut() throws {
        // The addition names b, outside a; once the role is gone, the manager
        // it was created under must still keep the addition from a's history.
        let org = try orgChart(["ceo": nil, "a": "ceo", "b": "ceo"])
        try org.addRole(RoleDraft(key: "temp", title: "Temp", reportsTo: "b"))
        let addition = try #require(try org.newestChangeID())
        _ = try org.move("temp", to: "a")
        _ = try org.removeRole("temp")
        let removal = try #require(try org.newestChangeID())
        #expect(try !org.change(addition, liesWithin: "a"))
        #expect(try org.change(removal, liesWithin: "a"))
        #expect(try !org.history(within: "a", limit: 50).map(\.id).contains(addition))
        let before = try snapshot(org)
        #expect(refusal { try org.undo(change: addition, within: "a") } != nil)
        #expect(try snapshot(org) == before)
    }

    @Test func undoWithinTheBranchRevertsAChangeInsideIt() throws {
        let (org, inside, _) = try chart()
        let record = try org.undo(change: inside[0], within: "a")
        #expect(record.undoes == inside[0])
        #expect(try org.role("a").title == "Role a")
        // The undo lies inside too, and shows.
        #expect(try org.history(within: "a", limit: 1).map(\.id) == [record.id])
    }

    @Test func undoOfAChangeReachingOutsideIsRefusedAndChangesNothing() throws {
        let (org, _, outside) = try chart()
        for (what, id) in outside.sorted(by: { $0.value < $1.value }) {
            let before = try snapshot(org)
            #expect(refusal { try org.undo(change: id, within: "a") }
                    == .cannotUndo(change: id, reason: "it changed the chart outside the branch under a", later: []), "\(what)")
            #expect(try snapshot(org) == before, "\(what)")
        }
        let before = try snapshot(org)
        #expect(refusal { try org.history(within: "nobody", limit: 5) } != nil)
        #expect(refusal { try org.undo(change: 999, within: "a") } != nil)
        #expect(try snapshot(org) == before)
    }
}
