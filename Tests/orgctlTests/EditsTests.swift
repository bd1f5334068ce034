import Foundation
import Testing
@testable import orgctl

/// Clearing a field, lines without --dotted, --json from every write,
/// undoing one change, and the rough edges a first trial hit.
@Suite("Edits people expect")
struct EditsTests {
    @Test("set role --no-unit --no-grade --no-salary --no-rung clears those fields, and only those")
    func clearRoleFields() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "role", "pmo-it-director", "--rung", "pmo-director")
        try sandbox.ok("set", "role", "pmo-it-director", "--no-unit", "--no-grade", "--no-salary", "--no-rung")
        let role = try sandbox.json("show", "pmo-it-director")
        #expect(JSONObject.isNull(role["unit"]))
        #expect(JSONObject.isNull(role["grade"]))
        #expect(JSONObject.isNull(role["salary"]))
        #expect(role["holder"] as? String == "Lena Fischer")
        #expect(role["title"] as? String == "PMO Director")
        let history = try sandbox.json("history", "--limit", "1")
        #expect(((history["changes"] as? [[String: Any]])?.first?["summary"] as? [String])?.contains("pmo-it-director (Lena Fischer) grade: 8 → none") == true)
    }

    @Test("set unit --no-head --no-parent clears the head and the parent")
    func clearUnitFields() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "unit", "proj-fleet", "--no-head", "--no-parent")
        let unit = try sandbox.json("show", "proj-fleet")
        #expect(JSONObject.isNull(unit["head"]))
        #expect(JSONObject.isNull(unit["parent"]))
        #expect(unit["name"] as? String == "Fleet Electrification")
    }

    @Test("--salary alone keeps the role's currency; a role with none is refused and unchanged")
    func salaryKeepsItsCurrency() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "role", "pmo-it-director", "--salary", "99000.50")
        let salary = try #require(try sandbox.json("show", "pmo-it-director")["salary"] as? [String: Any])
        #expect(salary["amount"] as? String == "99000.50")
        #expect(salary["currency"] as? String == "GBP")
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("set", "role", "cfo", "--salary", "100"), status: Exit.refused, mentions: ["cfo", "currency"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("add line works without --dotted, which stays accepted; lines and governance report in --json")
    func linesWithoutDotted() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("add", "line", "pm-crm", "--to", "cfo").stdout
            == "Added a dotted line from pm-crm (Ravi Patel) to cfo (vacant).\n")
        let removed = try sandbox.json("remove", "line", "pm-crm", "--to", "cfo", "--json")
        #expect(removed["action"] as? String == "dotted-line-removed")
        #expect((removed["roleRef"] as? [String: Any])?["holder"] as? String == "Ravi Patel")
        let added = try sandbox.json("add", "line", "pm-crm", "--to", "cfo", "--dotted", "--json")
        #expect(added["action"] as? String == "dotted-line-added")
        let governs = try sandbox.json("add", "governs", "pmo-ops", "proj-crm", "--json")
        #expect((governs["unitRef"] as? [String: Any])?["name"] as? String == "CRM Replacement")
        let ended = try sandbox.json("remove", "governs", "pmo-ops", "proj-crm", "--json")
        #expect(ended["action"] as? String == "governance-removed")
        try sandbox.ok("add", "unit", "tmp", "--name", "Temporary", "--kind", "team")
        let unit = try sandbox.json("remove", "unit", "tmp", "--json")
        #expect((unit["removedUnitRef"] as? [String: Any])?["name"] as? String == "Temporary")
    }

    @Test("undo CHANGE reverts that change alone when nothing later touched it")
    func undoOneChange() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-crm", "--to", "cio")                       // #2
        try sandbox.ok("set", "role", "cfo", "--holder", "Ann Lee")            // #3
        #expect(try sandbox.ok("undo", "2").stdoutLines == [
            "Undid change #2; recorded as #4:",
            "    pm-crm (Ravi Patel) moved from cio (Henrik Lund) to prog-digital-manager (Kwame Mensah)",
        ])
        #expect(try sandbox.json("show", "pm-crm")["reportsTo"] as? String == "prog-digital-manager")
        #expect(try sandbox.json("show", "cfo")["holder"] as? String == "Ann Lee")
        // Without an argument, undo still takes back the most recent change.
        #expect(try sandbox.ok("undo").stdoutLines.first == "Undid change #3; recorded as #5:")
    }

    @Test("undo CHANGE takes back an added role, and refuses while a later change builds on it")
    func undoAnAddedRole() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "x", "--title", "Analyst", "--reports-to", "cio")       // #2
        try sandbox.ok("add", "role", "y", "--title", "Analyst", "--reports-to", "cio")       // #3
        try sandbox.ok("add", "role", "z", "--title", "Analyst", "--reports-to", "y")         // #4: builds on #3
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("undo", "3"), status: Exit.refused, mentions: ["change #3", "#4"])
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.ok("undo", "2").stdoutLines.first == "Undid change #2; recorded as #5:")
        #expect(try sandbox.run("show", "x").status == Exit.refused)
        #expect(try sandbox.json("show", "z")["reportsTo"] as? String == "y")
    }

    @Test("undo CHANGE refuses when a later change touched the same fields, naming it, and changes nothing")
    func undoRefusesAConflict() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-crm", "--to", "cio")                       // #2
        try sandbox.ok("move", "pm-crm", "--to", "cfo")                       // #3
        try sandbox.ok("set", "role", "pm-crm", "--grade", "9")               // #4: another field
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("undo", "#2"), status: Exit.refused, mentions: ["change #2", "#3"])
        expectFailure(try sandbox.run("undo", "99"), status: Exit.refused, mentions: ["#99"])
        #expect(try sandbox.databaseBytes() == before)
        try sandbox.ok("undo", "4")
        expectFailure(try sandbox.run("undo", "4"), status: Exit.refused, mentions: ["already undid"])
    }

    @Test("--db naming a folder says so")
    func databaseIsAFolder() throws {
        let sandbox = try Sandbox.example()
        for arguments in [["print", "tree"], ["add", "role", "x", "--title", "X"]] {
            let result = try sandbox.run(arguments + ["--db", sandbox.directory.path])
            #expect(result.stderr.contains("is a folder, not a database file"), "\(result)")
            #expect(!result.stderr.contains("I/O"), "\(result)")
        }
    }

    @Test("a usage hint names the command, never a stray argument")
    func usageHintDropsStrayArguments() throws {
        #expect(UsageMessage.commandPath(["undo", "8", "9"]) == ["undo"])
        #expect(UsageMessage.commandPath(["set", "role", "cfo"]) == ["set", "role"])
        #expect(UsageMessage.commandPath(["cfo", "set"]) == [])
    }
}
