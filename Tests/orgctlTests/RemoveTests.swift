import Foundation
import Testing

@Suite("remove role, remove unit, remove line")
struct RemoveTests {
    @Test("remove role hands its reports to its own manager and names the unit left without a head")
    func removeRole() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("remove", "role", "prog-digital-manager")
        #expect(result.stdoutLines == [
            "Removed prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]",
            "2 direct reports now report to pmo-it-director (Lena Fischer): pm-payments (Jane Doe), pm-crm (Ravi Patel)",
            "Unit prog-digital (Digital Channels Programme) has no head now; name one with: orgctl set unit prog-digital --head KEY",
        ])
        let role = try sandbox.json("show", "pm-payments")
        #expect(role["reportsTo"] as? String == "pmo-it-director")
        #expect(role["depth"] as? Int == 3)
        let missing = try sandbox.run("show", "prog-digital-manager")
        expectFailure(missing, status: Exit.refused, mentions: ["'prog-digital-manager'"])
    }

    @Test("remove role --reassign-to names who takes over the reports")
    func removeRoleReassign() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("remove", "role", "eng-director", "--reassign-to", "pmo-it-director")
        let lines = result.stdoutLines
        try #require(lines.count == 3, "\(result)")
        #expect(lines[0] == "Removed eng-director  Director of Engineering — Mei Chen")
        // The verb's number is not pinned down ("1 direct report now report(s) to").
        #expect(lines[1].hasPrefix("1 direct report now report"))
        #expect(lines[1].hasSuffix(" to pmo-it-director (Lena Fischer): eng-lead-payments (Oliver Grant)"))
        #expect(lines[2] == "Unit it-eng (Engineering) has no head now; name one with: orgctl set unit it-eng --head KEY")
        let lead = try sandbox.json("show", "eng-lead-payments")
        #expect(lead["reportsTo"] as? String == "pmo-it-director")
    }

    @Test("remove role --reassign-to lets a root with reports go")
    func removeRootWithReassign() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "chair", "--title", "Chair of the Board")
        try sandbox.ok("add", "role", "secretary", "--title", "Company Secretary", "--reports-to", "chair")
        let json = try sandbox.json("remove", "role", "chair", "--reassign-to", "ceo")
        try JSONObject.role(json["removed"])
        #expect((json["removed"] as? [String: Any])?["key"] as? String == "chair")
        #expect(json["reassignedTo"] as? String == "ceo")
        #expect(json["reassigned"] as? [String] == ["secretary"])
        #expect(json["unitsWithoutHead"] as? [String] == [])
        #expect(try sandbox.json("show", "secretary")["reportsTo"] as? String == "ceo")
    }

    @Test("remove role --json for a role without reports")
    func removeRoleJSON() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("remove", "role", "pm-payments")
        let removed = try JSONObject.role(json["removed"])
        #expect(removed["key"] as? String == "pm-payments")
        #expect(removed["depth"] as? Int == 4)
        #expect(json["reassigned"] as? [String] == [])
        #expect(json["unitsWithoutHead"] as? [String] == ["proj-payments"])
        // Its dotted report went with it.
        #expect(try sandbox.json("show", "eng-lead-payments")["dottedTo"] as? [String] == [])
    }

    @Test("remove unit removes an empty unit, and refuses one with roles")
    func removeUnit() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("remove", "role", "pm-fleet")
        let result = try sandbox.ok("remove", "unit", "proj-fleet")
        #expect(result.stdout == "Removed unit proj-fleet (Fleet Electrification).\n")
        expectFailure(try sandbox.run("show", "proj-fleet"), status: Exit.refused, mentions: ["'proj-fleet'"])

        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("remove", "unit", "it"), status: Exit.refused,
                      mentions: ["'it'", "1 role", "2 sub-units"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("remove line --dotted removes the dotted line only")
    func removeDottedLine() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("remove", "line", "eng-lead-payments", "--to", "pm-payments", "--dotted")
        #expect(result.stdout == "Removed the dotted line from eng-lead-payments (Oliver Grant) to pm-payments (Jane Doe).\n")
        let role = try sandbox.json("show", "eng-lead-payments")
        #expect(role["dottedTo"] as? [String] == [])
        #expect(role["reportsTo"] as? String == "eng-director")

        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("remove", "line", "eng-lead-payments", "--to", "pm-payments", "--dotted"),
                      status: Exit.refused, mentions: ["'eng-lead-payments'", "'pm-payments'"])
        #expect(try sandbox.databaseBytes() == before)
    }
}
