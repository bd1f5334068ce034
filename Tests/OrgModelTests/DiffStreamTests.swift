import Testing
@testable import OrgModel

@Suite struct DiffStreamTests {
    /// The diff handed on one change at a time is the diff as a whole, in
    /// the same order.
    @Test func eachDifferenceComesInTheOrderOfTheWholeDiff() throws {
        let original = try exampleDatabase()
        let changed = try exampleDatabase()
        try changed.move("pm-crm", to: "cio")
        try changed.updateRole("pm-fleet", RoleChanges(holder: .holder("Ines Sousa")))
        try changed.addDottedLine(from: "pm-rebrand", to: "pmo-mkt-manager")
        try changed.removeRole("pmo-it-analyst")
        try changed.addUnit(UnitDraft(key: "proj-data", name: "Data Platform", kind: .project, parent: "it"))
        try changed.changePMOType("pmo-mkt", to: .controlling)
        var streamed: [ChartChange] = []
        try original.forEachDifference(to: changed) { streamed.append($0) }
        #expect(streamed == (try original.differences(to: changed)))
        #expect(streamed.count >= 6)
        var none = 0
        try original.forEachDifference(to: original) { _ in none += 1 }
        #expect(none == 0)
    }
}
