import Foundation
import Testing

@Suite("set role, set unit")
struct SetTests {
    @Test("set role changes the holder and grade, then vacates the role")
    func setRole() throws {
        let sandbox = try Sandbox.example()
        let filled = try sandbox.ok("set", "role", "pm-fleet", "--holder", "Marta Silva", "--grade", "7")
        #expect(filled.stdout == "Updated pm-fleet  Project Manager — Marta Silva\n")
        var role = try sandbox.json("show", "pm-fleet")
        #expect(role["holder"] as? String == "Marta Silva")
        #expect(role["vacant"] as? Bool == false)
        #expect(role["grade"] as? Int == 7)

        let vacated = try sandbox.ok("set", "role", "pm-fleet", "--vacate")
        #expect(vacated.stdout == "Updated pm-fleet  Project Manager — vacant\n")
        role = try sandbox.json("show", "pm-fleet")
        #expect(JSONObject.isNull(role["holder"]))
        #expect(role["vacant"] as? Bool == true)
        #expect(role["grade"] as? Int == 7)
    }

    @Test("set role --json with a new title, unit and salary")
    func setRoleJSON() throws {
        let sandbox = try Sandbox.example()
        let role = try JSONObject.role(try sandbox.json(
            "set", "role", "pm-warehouse", "--title", "Senior Project Manager", "--unit", "pmo-ops",
            "--salary", "70000.50", "--currency", "EUR"))
        #expect(role["key"] as? String == "pm-warehouse")
        #expect(role["title"] as? String == "Senior Project Manager")
        #expect(role["holder"] as? String == "Anna Kowalska")
        #expect(role["reportsTo"] as? String == "ops-director")
        #expect(role["unit"] as? String == "pmo-ops")
        #expect(role["depth"] as? Int == 3)
        let salary = try #require(role["salary"] as? [String: Any])
        #expect(salary["amount"] as? String == "70000.50")
        #expect(salary["currency"] as? String == "EUR")
        let pmo = try #require(role["pmo"] as? [String: Any])
        #expect(pmo["type"] as? String == "controlling")
    }

    @Test("set unit renames a unit, moves it and names its head")
    func setUnit() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("set", "unit", "proj-fleet", "--name", "Fleet EV", "--parent", "pmo-ops",
                                    "--head", "pmo-ops-coordinator")
        #expect(result.stdout == "Updated proj-fleet  Fleet EV (project) in pmo-ops, headed by pmo-ops-coordinator\n")
        let unit = try sandbox.json("show", "proj-fleet")
        #expect(unit["name"] as? String == "Fleet EV")
        #expect(unit["parent"] as? String == "pmo-ops")
        #expect(unit["head"] as? String == "pmo-ops-coordinator")
        #expect(unit["within"] as? [String] == ["pmo-ops", "ops", "acme"])
        // The roles in the moved unit now sit in the controlling PMO.
        let role = try sandbox.json("show", "pm-fleet")
        #expect((role["pmo"] as? [String: Any])?["key"] as? String == "pmo-ops")
    }

    @Test("set unit --json answers with the unit")
    func setUnitJSON() throws {
        let sandbox = try Sandbox.example()
        let unit = try sandbox.json("set", "unit", "fin", "--head", "fin-controller")
        #expect(unit["key"] as? String == "fin")
        #expect(unit["kind"] as? String == "division")
        #expect(unit["head"] as? String == "fin-controller")
        #expect(unit["parent"] as? String == "acme")
    }

    @Test("set unit refuses to put a unit inside itself")
    func setUnitCycle() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("set", "unit", "it", "--parent", "proj-payments"),
                      status: Exit.refused, mentions: ["it", "proj-payments"])
        #expect(try sandbox.databaseBytes() == before)
    }
}
