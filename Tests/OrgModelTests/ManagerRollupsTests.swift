import Testing
@testable import OrgModel

/// The compact list behind `managerRollups`: each roll-up is made from it
/// as iteration reaches it, and must be the roll-up a full read gives.
@Suite("Manager roll-ups held compactly")
struct ManagerRollupsTests {
    @Test("iterating gives each listed manager's role as the chart has it, and its team as rollup(of:) sums it",
          arguments: [(nil, nil), ("cio", nil), ("cio", 1), ("coo", 0), ("it", 2)] as [(String?, Int?)])
    func sameAsFullReads(_ root: String?, _ depth: Int?) throws {
        let org = try exampleDatabase()
        // An assistant who manages someone, so the assistant's own line is made too.
        try org.addRole(RoleDraft(key: "exec-assistant", title: "Executive Assistant", reportsTo: "cio", assistantTo: "cio"))
        try org.addRole(RoleDraft(key: "junior-assistant", title: "Assistant", reportsTo: "exec-assistant"))
        let managers = try org.eachManagerRollup(under: root, maxDepth: depth)
        let listed = Array(managers)
        #expect(managers.count == listed.count && !listed.isEmpty)
        #expect(Array(managers) == listed)  // iterating again gives the same
        for rollup in listed {
            #expect(try rollup.role == org.role(rollup.role.key))
            #expect(try rollup.team == org.rollup(of: rollup.role.key).team)
        }
        if root == nil { #expect(listed.contains { $0.role.key == "exec-assistant" && $0.role.assistantTo == "cio" }) }
    }

    @Test("a chart as of a moment lists its managers the same way")
    func snapshot() throws {
        let org = try exampleDatabase()
        let now = try org.snapshot(asOf: .now())
        #expect(try Array(now.eachManagerRollup(under: "cio")) == org.managerRollups(under: "cio"))
    }
}
