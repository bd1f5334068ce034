import Foundation
import Testing

/// A role's solid manager and dotted managers, from `orgctl show KEY --json`.
private func lines(_ sandbox: Sandbox, _ key: String) throws -> (solid: String?, dotted: [String]) {
    let object = try sandbox.json("show", key)
    return (object["reportsTo"] as? String, (object["dottedTo"] as? [String] ?? []).sorted())
}

@Suite struct PMOCommandTests {
    @Test func checkPassesOnTheExample() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.run("check")
        #expect(result.status == Exit.success, "\(result)")
        #expect(result.stderr.isEmpty)
        #expect(!result.stdoutLines.contains { $0.hasPrefix("error [") })
        #expect(result.stdoutLines.last?.hasPrefix("0 errors, ") == true, "\(result)")
        #expect(result.stdoutLines.contains { $0.hasPrefix("warning [vacant-head] ") })
    }

    @Test func checkFailsWhenARuleIsBroken() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-warehouse", "--to", "pmo-ops-manager")
        let result = try sandbox.run("check")
        #expect(result.status == Exit.refused, "\(result)")
        #expect(result.stdoutLines.contains { $0.hasPrefix("error [controlling-pm-reports-to-business] pm-warehouse") }, "\(result)")
        #expect(result.stdoutLines.last?.hasPrefix("1 error, ") == true, "\(result)")
    }

    @Test func checkJSON() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-warehouse", "--to", "pmo-ops-manager")
        let result = try sandbox.run("check", "--json")
        #expect(result.status == Exit.refused)
        let object = try JSONObject.parse(result.stdout)
        #expect(object["errors"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(object["warnings"] as? Int == findings.count - 1)
        let first = try #require(findings.first)
        #expect(first["severity"] as? String == "error")
        #expect(first["rule"] as? String == "controlling-pm-reports-to-business")
        #expect(first["roles"] as? [String] == ["pm-warehouse", "pmo-ops-manager"])
        #expect(first["units"] as? [String] == ["proj-warehouse", "pmo-ops"])
        #expect((first["message"] as? String)?.isEmpty == false)
        // The fix as data, beside the message scripts already read.
        let remedy = try #require(first["remedy"] as? [String: Any])
        #expect(remedy["kind"] as? String == "move-role")
        #expect(remedy["role"] as? String == "pm-warehouse")
        #expect(remedy["to"] is NSNull)
        #expect(first["message"] as? String == "pm-warehouse (Anna Kowalska, head of proj-warehouse (Warehouse Automation), governed by controlling PMO pmo-ops (Operations PMO)) reports (solid) into the PMO through pmo-ops-manager (Fatima Zahra); a controlling PMO oversees without taking the line, so move it back to its business manager and keep a dotted line to pmo-ops-manager")
        // Every role and unit a finding names, with who holds it or what it is called.
        #expect((first["roleRefs"] as? [[String: Any]])?.map { $0["holder"] as? String } == ["Anna Kowalska", "Fatima Zahra"])
        #expect((first["roleRefs"] as? [[String: Any]])?.first?["title"] as? String == "Project Manager")
        #expect((first["unitRefs"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Warehouse Automation", "Operations PMO"])
        let vacant = try #require(findings.first { $0["rule"] as? String == "vacant-head" })
        #expect((vacant["remedy"] as? [String: Any])?["kind"] as? String == "fill-role")
        #expect(findings.dropFirst().allSatisfy { $0["severity"] as? String == "warning" })

        let clean = try Sandbox.example().json("check")
        #expect(clean["errors"] as? Int == 0)
    }

    @Test func checkLimits() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.run("check", "--max-span", "1", "--max-depth", "1")
        #expect(result.status == Exit.success, "\(result)")
        #expect(result.stdoutLines.contains { $0.hasPrefix("warning [span-of-control] ceo (Amara Okafor) has 5 direct reports") }, "\(result)")
        #expect(result.stdoutLines.contains { $0.hasPrefix("warning [chain-depth] ") }, "\(result)")
        expectFailure(try sandbox.run("check", "--max-span", "0"), status: Exit.usage, mentions: ["--max-span"])
    }

    @Test func compareNamesThePMOAsHigher() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("compare", "pmo-it", "pm-payments")
        #expect(result.stdoutLines.count == 1)
        #expect(result.stdout.hasPrefix("pmo-it (through its head pmo-it-director (Lena Fischer)) is higher, by the solid chain"), "\(result)")

        let object = try sandbox.json("compare", "pmo-it", "pm-payments")
        #expect(object["higher"] as? String == "pmo-it-director")
        #expect(object["basis"] as? String == "chain")
        #expect(object["levels"] as? Int == 2)
        #expect((object["first"] as? [String: Any])?["unit"] as? String == "pmo-it")
        // Each side with its holder and the unit it sits in, keys as stored.
        let typed = try sandbox.json("compare", "PMO-IT", "PM-CRM")
        let first = try #require(typed["first"] as? [String: Any]), second = try #require(typed["second"] as? [String: Any])
        #expect(first["unit"] as? String == "pmo-it")
        #expect(first["holder"] as? String == "Lena Fischer")
        #expect(second["key"] as? String == "pm-crm")
        #expect(second["unit"] as? String == "proj-crm")
        #expect(second["sitsIn"] as? String == "proj-crm")
        #expect(second["holder"] as? String == "Ravi Patel")
        #expect(typed["higher"] as? String == "pmo-it-director")
    }

    @Test func pmoTypeChangePreviewWritesNothing() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.ok("set", "unit", "pmo-ops", "--pmo-type", "directive")
        #expect(result.stdout.contains("pm-fleet"), "\(result)")
        #expect(result.stdout.contains("pm-warehouse"), "\(result)")
        #expect(try sandbox.databaseBytes() == before)
        #expect(try lines(sandbox, "pm-fleet") == ("ops-director", ["pmo-ops-manager"]))
    }

    @Test func pmoTypeChangeApplied() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "unit", "pmo-ops", "--pmo-type", "directive", "--apply")
        #expect(try lines(sandbox, "pm-fleet") == ("pmo-ops-manager", ["ops-director"]))
        #expect(try lines(sandbox, "pm-warehouse") == ("pmo-ops-manager", ["ops-director"]))
        #expect(try sandbox.run("check").status == Exit.success)

        try sandbox.ok("set", "unit", "pmo-ops", "--pmo-type", "controlling", "--apply")
        #expect(try lines(sandbox, "pm-fleet") == ("ops-director", ["pmo-ops-manager"]))
    }

    @Test func pmoTypeChangeToSecondEnterpriseIsRefused() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("set", "unit", "pmo-ops", "--pmo-type", "enterprise", "--apply"),
                      status: Exit.refused, mentions: ["epmo"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func ladder() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("ladder")
        expectLines(result.stdoutLines, contain: [
            "PMO ladder, highest first:",
            "  5. Chief Project Officer (1)",
            "  4. PMO Director (2)",
            "  3. PMO Manager (3)",
            "  2. PMO Analyst (2)",
            "  1. PMO Coordinator (2)",
            "Project ladder, highest first:",
            "  4. Head of Projects (0)",
            "  3. Portfolio Manager (1)",
            "  2. Programme Manager (1)",
            "  1. Project Manager (5)",
        ])

        let object = try sandbox.json("ladder")
        let rungs = try #require(object["rungs"] as? [[String: Any]])
        #expect(rungs.count == 9)
        let pm = try #require(rungs.first { $0["rung"] as? String == "project-manager" })
        #expect(pm["count"] as? Int == 5)
        #expect(pm["ladder"] as? String == "project")
    }

    @Test func statsJSON() throws {
        let sandbox = try Sandbox.example()
        let object = try sandbox.json("stats")
        let headcount = try #require(object["headcount"] as? [String: Any])
        #expect(headcount["roles"] as? Int == 27)
        let filled = try #require(headcount["filled"] as? Int)
        #expect(headcount["vacant"] as? Int == 27 - filled)
        let salary = try #require(headcount["salaryCost"] as? [Any])
        #expect(salary.count == 2)
        let pmos = try #require(object["pmosByType"] as? [String: Int])
        #expect(pmos == ["supportive": 1, "controlling": 1, "directive": 1, "enterprise": 1])
        #expect(object["span"] is [String: Any])
        #expect(object["maxDepth"] is Int)

        let ops = try sandbox.json("stats", "--unit", "ops")
        #expect(ops["unit"] as? String == "ops")
        #expect((ops["pmosByType"] as? [String: Int])?["controlling"] == 1)
        #expect((ops["pmosByType"] as? [String: Int])?["directive"] == 0)
    }

    @Test func addAndRemoveGovernance() throws {
        let sandbox = try Sandbox.example()
        let added = try sandbox.ok("add", "governs", "pmo-it", "it-eng")
        #expect(added.stdout == "pmo-it (IT Delivery PMO) now governs it-eng (Engineering).\n")
        // Engineering's director now sits under a directive PMO's governance without reporting into it.
        let check = try sandbox.run("check")
        #expect(check.status == Exit.refused)
        #expect(check.stdoutLines.contains { $0.hasPrefix("error [directive-pm-reports-to-pmo] eng-director") }, "\(check)")

        expectFailure(try sandbox.run("add", "governs", "pmo-ops", "it-eng"), status: Exit.refused, mentions: ["it-eng"])
        expectFailure(try sandbox.run("add", "governs", "it", "it-eng"), status: Exit.refused, mentions: ["it"])

        let removed = try sandbox.ok("remove", "governs", "pmo-it", "it-eng")
        #expect(removed.stdout == "pmo-it (IT Delivery PMO) no longer governs it-eng (Engineering).\n")
        #expect(try sandbox.run("check").status == Exit.success)
        expectFailure(try sandbox.run("remove", "governs", "pmo-it", "it-eng"), status: Exit.refused, mentions: ["it-eng", "pmo-it"])
    }
}
