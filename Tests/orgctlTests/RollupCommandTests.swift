import Foundation
import Testing

@Suite("rollup")
struct RollupCommandTests {
    @Test("one role's team: headcount, filled and vacant, direct reports, salaries per currency")
    func oneTeam() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("rollup", "cio").stdoutLines == [
            "cio  Chief Information Officer — Henrik Lund",
            "  team:      8 roles (7 filled, 1 vacant): cio and 7 below, 2 direct",
            "  salaries:  609500 GBP",
        ])
        #expect(try sandbox.ok("rollup", "ceo").stdoutLines.last == "  salaries:  254000 EUR + 1737638 GBP")
        #expect(try sandbox.ok("rollup", "it").stdout == sandbox.ok("rollup", "cio").stdout)
    }

    @Test("--json for one team")
    func oneTeamJSON() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("rollup", "cfo")
        #expect(json["key"] as? String == "cfo")
        #expect(json["directReports"] as? Int == 1)
        #expect(json["below"] as? Int == 1)
        let team = try #require(json["team"] as? [String: Any])
        #expect(team["roles"] as? Int == 2)
        #expect(team["filled"] as? Int == 1)
        #expect(team["vacant"] as? Int == 1)
        #expect((team["salaryCost"] as? [Any])?.isEmpty == true)
    }

    @Test("--managers lists every manager's team depth first, indented; --depth limits the listing")
    func everyManager() throws {
        let sandbox = try Sandbox.example()
        let all = try sandbox.ok("rollup", "--managers").stdoutLines
        #expect(all.first == "ceo  27 roles (23 filled, 4 vacant), 5 direct; salaries 254000 EUR + 1737638 GBP")
        #expect(all.contains("    pmo-it-director  5 roles (4 filled, 1 vacant), 2 direct; salaries 314500 GBP"))
        #expect(all.contains("    brand-director  2 roles (2 filled, 0 vacant), 1 direct; salaries none recorded"))
        // Every line is a manager: the count matches the roles with reports.
        let managers = try sandbox.ok("print", "tree", "--json").stdout
        let roles = try #require((try JSONSerialization.jsonObject(with: Data(managers.utf8)) as? [String: Any])?["roles"] as? [[String: Any]])
        let withReports = Set(roles.compactMap { $0["reportsTo"] as? String })
        #expect(all.count == withReports.count)

        #expect(try sandbox.ok("rollup", "cio", "--managers", "--depth", "1").stdoutLines == [
            "cio  8 roles (7 filled, 1 vacant), 2 direct; salaries 609500 GBP",
            "  pmo-it-director  5 roles (4 filled, 1 vacant), 2 direct; salaries 314500 GBP",
            "  eng-director  2 roles (2 filled, 0 vacant), 1 direct; salaries 120000 GBP",
        ])
        let json = try sandbox.json("rollup", "cio", "--managers", "--depth", "1")
        #expect(json["top"] as? String == "cio")
        #expect(json["count"] as? Int == 3)
        let listed = try #require(json["managers"] as? [[String: Any]])
        #expect(listed.map { $0["key"] as? String } == ["cio", "pmo-it-director", "eng-director"])
        #expect(listed.map { $0["depth"] as? Int } == [0, 1, 1])
        #expect(try sandbox.json("rollup", "--managers")["top"] is NSNull)
    }

    @Test("a team follows the chart: a move changes both sides; --as-of answers for another moment")
    func followsWrites() throws {
        let sandbox = try Sandbox.example()
        _ = try sandbox.ok("move", "pmo-it-director", "--to", "cpo", "--effective", "2999-01-01")
        #expect(try sandbox.json("rollup", "cio")["below"] as? Int == 7)
        let planned = try sandbox.ok("rollup", "cio", "--as-of", "2999-01-02").stdoutLines
        #expect(planned[1] == "  team:      3 roles (3 filled, 0 vacant): cio and 2 below, 1 direct")
        #expect(try sandbox.json("rollup", "cpo", "--as-of", "2999-01-02")["below"] as? Int == 10)
        #expect(try sandbox.json("rollup", "cpo")["below"] as? Int == 5)
    }

    @Test("a --depth past any chart, even past what an integer holds, is no limit")
    func hugeDepth() throws {
        let sandbox = try Sandbox.example()
        let most = String(Int.max)
        #expect(try sandbox.ok("rollup", "--managers", "--depth", most).stdout == sandbox.ok("rollup", "--managers").stdout)
        #expect(try sandbox.ok("print", "tree", "--depth", most).stdout == sandbox.ok("print", "tree").stdout)
        #expect(try sandbox.ok("who-reports-to", "ceo", "--all", "--depth", most, "--count").stdout == "26\n")
    }

    @Test("refusals: no key and no --managers, --depth without --managers, unknown key, missing database")
    func refusals() throws {
        let sandbox = try Sandbox.example()
        expectFailure(try sandbox.run("rollup"), status: Exit.usage, mentions: ["--managers"])
        expectFailure(try sandbox.run("rollup", "cio", "--depth", "1"), status: Exit.usage, mentions: ["--depth", "--managers"])
        expectFailure(try sandbox.run("rollup", "--managers", "--depth", "-1"), status: Exit.usage, mentions: ["--depth"])
        expectFailure(try sandbox.run("rollup", "ci0"), status: Exit.refused, mentions: ["ci0", "cio"])
        expectFailure(try sandbox.run("rollup", "cio", "--db", "missing.db"), status: Exit.missingDatabase, mentions: ["missing.db"])
    }
}
