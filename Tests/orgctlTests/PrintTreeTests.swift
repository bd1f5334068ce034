import Foundation
import Testing

@Suite("print tree")
struct PrintTreeTests {
    @Test("--root starts at a role, or at a unit's head, and --depth limits the levels")
    func rootAndDepth() throws {
        let sandbox = try Sandbox.example()
        let byUnit = try sandbox.ok("print", "tree", "--root", "it", "--depth", "1")
        #expect(byUnit.stdoutLines == [
            "cio  Chief Information Officer — Henrik Lund",
            "├── pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]  (+4 below)",
            "└── eng-director  Director of Engineering — Mei Chen  (+1 below)",
        ])
        let byRole = try sandbox.ok("print", "tree", "--root", "cio", "--depth", "1")
        #expect(byRole.stdout == byUnit.stdout)
        let top = try sandbox.ok("print", "tree", "--depth", "0")
        #expect(top.stdout == "ceo  Chief Executive Officer — Amara Okafor  (+26 below)\n")
    }

    @Test("--dotted shows dotted reports with dashed connectors under their dotted manager")
    func dotted() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("print", "tree", "--root", "pmo-ops-manager", "--dotted")
        #expect(result.stdoutLines == [
            "pmo-ops-manager  PMO Manager — Fatima Zahra  [pmo-ops: controlling PMO]",
            "├╌╌ pm-warehouse  Project Manager — Anna Kowalska  (dotted line)",
            "├╌╌ pm-fleet  Project Manager — vacant  (dotted line)",
            "└── pmo-ops-coordinator  PMO Coordinator — Lucas Moreau  [pmo-ops: controlling PMO]",
        ])
    }

    @Test("--json: role objects in depth-first order with depth relative to the top and the kind of line")
    func json() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("print", "tree", "--root", "coo", "--dotted")
        let roles = try JSONObject.roles(json["roles"])
        #expect(JSONObject.keys(roles) == [
            "coo", "ops-director", "pm-warehouse", "pm-fleet", "pmo-ops-manager",
            "pm-warehouse", "pm-fleet", "pmo-ops-coordinator",
        ])
        #expect(roles.map { $0["depth"] as? Int } == [0, 1, 2, 2, 1, 2, 2, 2])
        #expect(roles.map { $0["line"] as? String } == [
            "solid", "solid", "solid", "solid", "solid", "dotted", "dotted", "solid",
        ])
        #expect(roles[2]["reportsTo"] as? String == "ops-director")

        let whole = try sandbox.json("print", "tree")
        let all = try JSONObject.roles(whole["roles"])
        #expect(all.count == 27)
        #expect(all.allSatisfy { $0["line"] as? String == "solid" })
    }

    @Test("bad --root or --depth", arguments: [
        (["print", "tree", "--root", "nobody-here"], Exit.refused, "'nobody-here'"),
        (["print", "tree", "--depth", "-1"], Exit.usage, "--depth"),
        (["print", "tree", "--depth", "two"], Exit.usage, "two"),
    ])
    func errors(arguments: [String], status: Int32, mention: String) throws {
        let sandbox = try Sandbox.example()
        expectFailure(try sandbox.run(arguments), status: status, mentions: [mention])
    }
}
