import Foundation
import Testing

@Suite("who-reports-to")
struct WhoReportsToTests {
    @Test("direct reports, one line each, in the order they were added")
    func direct() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("who-reports-to", "cio")
        #expect(result.stdoutLines == [
            "pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]",
            "eng-director  Director of Engineering — Mei Chen",
        ])
    }

    @Test("a unit's key means its head")
    func unitMeansHead() throws {
        let sandbox = try Sandbox.example()
        let byUnit = try sandbox.ok("who-reports-to", "it")
        let byRole = try sandbox.ok("who-reports-to", "cio")
        #expect(byUnit.stdout == byRole.stdout)
    }

    @Test("a role without reports says so")
    func nobody() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("who-reports-to", "pm-crm").stdout == "Nobody reports to pm-crm.\n")
        #expect(try sandbox.ok("who-reports-to", "pm-crm", "--count").stdout == "0\n")
    }

    @Test("--all --depth N stops N levels down, indented by level")
    func allWithDepth() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("who-reports-to", "cio", "--all", "--depth", "2")
        #expect(result.stdoutLines == [
            "pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]",
            "  pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO]",
            "  prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]",
            "eng-director  Director of Engineering — Mei Chen",
            "  eng-lead-payments  Engineering Lead — Oliver Grant",
        ])
        let one = try sandbox.ok("who-reports-to", "ceo", "--all", "--depth", "1")
        let direct = try sandbox.ok("who-reports-to", "ceo")
        #expect(one.stdout == direct.stdout)
        #expect(one.stdoutLines.count == 5)
    }

    @Test("--count counts direct reports, or with --all everyone below")
    func count() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("who-reports-to", "ceo", "--count").stdout == "5\n")
        #expect(try sandbox.ok("who-reports-to", "ceo", "--all", "--count").stdout == "26\n")
        #expect(try sandbox.ok("who-reports-to", "ceo", "--all", "--depth", "2", "--count").stdout == "14\n")
        #expect(try sandbox.ok("who-reports-to", "pmo-it", "--all", "--count").stdout == "4\n")
        let json = try sandbox.json("who-reports-to", "cpo", "--all", "--count")
        #expect(json["key"] as? String == "cpo")
        #expect(json["count"] as? Int == 5)
    }

    @Test("--dotted adds the direct dotted-line reports, marked as such")
    func dottedDirect() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("who-reports-to", "cpo", "--dotted")
        #expect(Set(result.stdoutLines) == [
            "epmo-director  PMO Director — Tomasz Nowak  [epmo: enterprise PMO]",
            "portfolio-manager  Portfolio Manager — Priya Raman  [epmo: enterprise PMO]",
            "pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]  (dotted line to cpo)",
            "pmo-ops-manager  PMO Manager — Fatima Zahra  [pmo-ops: controlling PMO]  (dotted line to cpo)",
            "pmo-mkt-manager  PMO Manager — Yuki Tanaka  [pmo-mkt: supportive PMO]  (dotted line to cpo)",
        ])
        #expect(result.stdoutLines.count == 5)

        let json = try sandbox.json("who-reports-to", "pmo-ops-manager", "--dotted")
        let reports = try JSONObject.roles(json["reports"])
        #expect(json["count"] as? Int == 3)
        let dotted = reports.filter { $0["line"] as? String == "dotted" }
        #expect(Set(JSONObject.keys(dotted)) == ["pm-warehouse", "pm-fleet"])
        #expect(dotted.allSatisfy { $0["dottedTo"] as? String == "pmo-ops-manager" && $0["depth"] as? Int == 1 })
    }

    @Test("--all --dotted lists a dotted report right under its dotted manager")
    func dottedAll() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("who-reports-to", "pmo-it", "--all", "--dotted")
        let lines = result.stdoutLines
        let dottedLine = "    eng-lead-payments  Engineering Lead — Oliver Grant  (dotted line to pm-payments)"
        #expect(lines.contains(dottedLine), "\(result)")
        #expect(lines.count == 5)
        let manager = try #require(lines.firstIndex { $0.hasPrefix("  pm-payments ") })
        #expect(lines.firstIndex(of: dottedLine) == manager + 1, "\(result.stdout)")
    }

    @Test("--json: the manager and each report are role objects with depth, line and dottedTo")
    func json() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("who-reports-to", "pmo-it", "--all")
        let manager = try JSONObject.role(json["manager"])
        #expect(manager["key"] as? String == "pmo-it-director")
        #expect(manager["depth"] as? Int == 2)
        #expect(json["count"] as? Int == 4)
        let reports = try JSONObject.roles(json["reports"])
        #expect(JSONObject.keys(reports) == ["pmo-it-analyst", "prog-digital-manager", "pm-payments", "pm-crm"])
        #expect(reports.map { $0["depth"] as? Int } == [1, 1, 2, 2])
        #expect(reports.allSatisfy { $0["line"] as? String == "solid" && JSONObject.isNull($0["dottedTo"]) })
        #expect(reports[2]["reportsTo"] as? String == "prog-digital-manager")
        #expect(JSONObject.isNull(reports[0]["holder"]))
    }

    @Test("refused and usage errors", arguments: [
        (["who-reports-to", "pm-paymnts"], Exit.refused, "'pm-paymnts'"),
        (["who-reports-to", "cio", "--depth", "2"], Exit.usage, "--depth"),
        (["who-reports-to", "cio", "--all", "--depth", "0"], Exit.usage, "--depth"),
        (["who-reports-to", "cio", "--count", "--dotted"], Exit.usage, "--dotted"),
    ])
    func errors(arguments: [String], status: Int32, mention: String) throws {
        let sandbox = try Sandbox.example()
        expectFailure(try sandbox.run(arguments), status: status, mentions: [mention])
    }
}
