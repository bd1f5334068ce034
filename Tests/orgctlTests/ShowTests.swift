import Foundation
import Testing

@Suite("show")
struct ShowTests {
    @Test("show a role: one fact per line, labels aligned")
    func roleText() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("show", "pm-payments")
        expectLines(result.stdoutLines, contain: [
            "role:           pm-payments",
            "title:          Project Manager",
            "holder:         Jane Doe",
            "reports to:     prog-digital-manager (Kwame Mensah)",
            "unit:           proj-payments (Payments Platform)",
            "PMO:            pmo-it, IT Delivery PMO (directive)",
            "grade:          6",
            "salary:         68000 GBP",
            "depth:          4 (levels below the top)",
            "chain:          prog-digital-manager (Kwame Mensah) → pmo-it-director (Lena Fischer) → cio (Henrik Lund) → ceo (Amara Okafor)",
            "reports:        0 direct, 0 in all",
            "dotted reports: eng-lead-payments (Oliver Grant)",
            "heads:          proj-payments (Payments Platform)",
        ])
        #expect(result.stdoutLines.first == "role:           pm-payments")
    }

    @Test("show a role --json")
    func roleJSON() throws {
        let sandbox = try Sandbox.example()
        let role = try JSONObject.role(try sandbox.json("show", "pmo-ops-manager"))
        #expect(role["key"] as? String == "pmo-ops-manager")
        #expect(role["title"] as? String == "PMO Manager")
        #expect(role["holder"] as? String == "Fatima Zahra")
        #expect(role["reportsTo"] as? String == "coo")
        #expect(role["unit"] as? String == "pmo-ops")
        #expect(role["depth"] as? Int == 2)
        #expect(role["dottedTo"] as? [String] == ["cpo"])
        #expect(role["chain"] as? [String] == ["coo", "ceo"])
        #expect(role["directReports"] as? Int == 1)
        #expect(role["allReports"] as? Int == 1)
        #expect((role["dottedReports"] as? [String])?.sorted() == ["pm-fleet", "pm-warehouse"])
        #expect(role["heads"] as? [String] == ["pmo-ops"])
        let salary = try #require(role["salary"] as? [String: Any])
        #expect(salary["amount"] as? String == "78000")
        #expect(salary["currency"] as? String == "EUR")
    }

    @Test("show a unit")
    func unitText() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("show", "pmo-it")
        expectLines(result.stdoutLines, contain: [
            "unit:      pmo-it",
            "name:      IT Delivery PMO",
            "kind:      pmo",
            "PMO type:  directive (high control)",
            "within:    it (Information Technology) → acme (Acme Holdings)",
            "head:      pmo-it-director, PMO Director — Lena Fischer",
            "roles:     2 (1 vacant)",
            "sub-units: prog-digital (Digital Channels Programme)",
        ])
        #expect(result.stdoutLines.first == "unit:      pmo-it")
    }

    @Test("show a unit --json, with its head as a role object")
    func unitJSON() throws {
        let sandbox = try Sandbox.example()
        let unit = try sandbox.json("show", "proj-payments")
        #expect(unit["key"] as? String == "proj-payments")
        #expect(unit["name"] as? String == "Payments Platform")
        #expect(unit["kind"] as? String == "project")
        #expect(JSONObject.isNull(unit["pmoType"]))
        #expect(unit["parent"] as? String == "prog-digital")
        #expect(unit["head"] as? String == "pm-payments")
        #expect(unit["within"] as? [String] == ["prog-digital", "pmo-it", "it", "acme"])
        let pmo = try #require(unit["pmo"] as? [String: Any])
        #expect(pmo["key"] as? String == "pmo-it")
        #expect(pmo["type"] as? String == "directive")
        let head = try JSONObject.role(unit["headRole"])
        #expect(head["key"] as? String == "pm-payments")
        #expect(head["depth"] as? Int == 4)
        #expect(unit["roles"] as? Int == 1)
        #expect(unit["vacantRoles"] as? Int == 0)
        #expect(unit["subUnits"] as? [String] == [])
    }

    @Test("keys are found without regard to case")
    func caseInsensitive() throws {
        let sandbox = try Sandbox.example()
        let upper = try sandbox.ok("show", "PM-Payments")
        let lower = try sandbox.ok("show", "pm-payments")
        #expect(upper.stdout == lower.stdout)
    }

    @Test("show of an unknown key is refused with a suggestion")
    func unknown() throws {
        let sandbox = try Sandbox.example()
        expectFailure(try sandbox.run("show", "pmo-itt"), status: Exit.refused, mentions: ["'pmo-itt'", "'pmo-it'"])
    }
}
