import Foundation
import Testing

@Suite("add role, add unit, add line")
struct AddTests {
    @Test("add role: a root, then a report with every field")
    func addRole() throws {
        let sandbox = try Sandbox()
        let root = try sandbox.ok("add", "role", "ceo", "--title", "Chief Executive Officer", "--holder", "Amara Okafor")
        #expect(root.stdout == "Added ceo  Chief Executive Officer — Amara Okafor as a root\n")
        try sandbox.ok("add", "unit", "acme", "--name", "Acme", "--kind", "company", "--head", "ceo")
        let report = try sandbox.ok("add", "role", "cfo", "--title", "Chief Financial Officer",
                                    "--reports-to", "ceo", "--unit", "acme", "--grade", "9",
                                    "--salary", "150000", "--currency", "GBP")
        #expect(report.stdout == "Added cfo  Chief Financial Officer — vacant, reporting to ceo (Amara Okafor)\n")

        let shown = try sandbox.json("show", "cfo")
        try JSONObject.role(shown)
        #expect(shown["key"] as? String == "cfo")
        #expect(shown["title"] as? String == "Chief Financial Officer")
        #expect(JSONObject.isNull(shown["holder"]))
        #expect(shown["vacant"] as? Bool == true)
        #expect(shown["reportsTo"] as? String == "ceo")
        #expect(shown["unit"] as? String == "acme")
        #expect(shown["grade"] as? Int == 9)
        #expect(shown["depth"] as? Int == 1)
        let salary = try #require(shown["salary"] as? [String: Any])
        #expect(salary["amount"] as? String == "150000")
        #expect(salary["currency"] as? String == "GBP")
    }

    @Test("add role --json answers with the new role")
    func addRoleJSON() throws {
        let sandbox = try Sandbox.example()
        let role = try JSONObject.role(try sandbox.json(
            "add", "role", "pm-fleet2", "--title", "Project Manager", "--holder", "Marta Silva",
            "--reports-to", "pmo-it-director", "--unit", "pmo-it"))
        #expect(role["key"] as? String == "pm-fleet2")
        #expect(role["holder"] as? String == "Marta Silva")
        #expect(role["reportsTo"] as? String == "pmo-it-director")
        #expect(role["unit"] as? String == "pmo-it")
        #expect(role["depth"] as? Int == 3)
        let pmo = try #require(role["pmo"] as? [String: Any])
        #expect(pmo["key"] as? String == "pmo-it")
        #expect(pmo["type"] as? String == "directive")
        let reports = try sandbox.ok("who-reports-to", "pmo-it-director", "--count")
        #expect(reports.stdout == "3\n")
    }

    @Test("add unit: a PMO with its type, parent and head")
    func addUnit() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("add", "unit", "pmo-fin", "--name", "Finance PMO", "--kind", "pmo",
                                    "--pmo-type", "controlling", "--parent", "fin", "--head", "fin-controller")
        #expect(result.stdout == "Added pmo-fin  Finance PMO (controlling PMO) in fin, headed by fin-controller\n")
        let plain = try sandbox.ok("add", "unit", "proj-audit", "--name", "Audit", "--kind", "project")
        #expect(plain.stdout == "Added proj-audit  Audit (project), no head\n")

        let unit = try sandbox.json("show", "pmo-fin")
        #expect(unit["key"] as? String == "pmo-fin")
        #expect(unit["name"] as? String == "Finance PMO")
        #expect(unit["kind"] as? String == "pmo")
        #expect(unit["pmoType"] as? String == "controlling")
        #expect(unit["parent"] as? String == "fin")
        #expect(unit["head"] as? String == "fin-controller")
    }

    @Test("add unit --json answers with the new unit")
    func addUnitJSON() throws {
        let sandbox = try Sandbox.example()
        let unit = try sandbox.json("add", "unit", "team-qa", "--name", "Quality", "--kind", "team", "--parent", "it-eng")
        #expect(unit["key"] as? String == "team-qa")
        #expect(unit["kind"] as? String == "team")
        #expect(JSONObject.isNull(unit["pmoType"]))
        #expect(unit["parent"] as? String == "it-eng")
        #expect(JSONObject.isNull(unit["head"]))
    }

    @Test("add line --dotted adds a dotted line that show and print tree --dotted report")
    func addDottedLine() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("add", "line", "pm-rebrand", "--to", "pmo-mkt-manager", "--dotted")
        #expect(result.stdout == "Added a dotted line from pm-rebrand (Noah Williams) to pmo-mkt-manager (Yuki Tanaka).\n")

        let role = try sandbox.json("show", "pm-rebrand")
        #expect(role["dottedTo"] as? [String] == ["pmo-mkt-manager"])
        #expect(role["reportsTo"] as? String == "brand-director")
        let manager = try sandbox.json("show", "pmo-mkt-manager")
        #expect(manager["dottedReports"] as? [String] == ["pm-rebrand"])

        let tree = try sandbox.ok("print", "tree", "--root", "pmo-mkt-manager", "--dotted")
        #expect(tree.stdoutLines == [
            "pmo-mkt-manager  PMO Manager — Yuki Tanaka  [pmo-mkt: supportive PMO]",
            "└╌╌ pm-rebrand  Project Manager — Noah Williams  (dotted line)",
        ])
    }

    @Test("add line refuses a line that exists, or that repeats the solid line")
    func addDottedLineTwice() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("add", "line", "pm-fleet", "--to", "pmo-ops-manager", "--dotted"),
                      status: Exit.refused, mentions: ["'pm-fleet'", "'pmo-ops-manager'"])
        expectFailure(try sandbox.run("add", "line", "pm-fleet", "--to", "ops-director", "--dotted"),
                      status: Exit.refused, mentions: ["'pm-fleet'", "'ops-director'", "solid line"])
        #expect(try sandbox.databaseBytes() == before)
    }
}
