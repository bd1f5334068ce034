import Foundation
import Testing

@Suite("move")
struct MoveTests {
    @Test("move takes the role's whole tree to the new manager")
    func moveWithTree() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("move", "eng-director", "--to", "cmo")
        #expect(result.stdout == "Moved eng-director (Mei Chen) from cio (Henrik Lund) to cmo (Chloé Bernard), with the 1 role below it.\n")
        let lead = try sandbox.json("show", "eng-lead-payments")
        #expect(lead["chain"] as? [String] == ["eng-director", "cmo", "ceo"])
        #expect(lead["depth"] as? Int == 3)
        #expect(try sandbox.ok("who-reports-to", "cio", "--count").stdout == "1\n")
    }

    @Test("move onto a dotted manager turns the dotted line into the solid line")
    func moveReplacesDottedLine() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("move", "pm-warehouse", "--to", "pmo-ops-manager")
        #expect(result.stdoutLines == [
            "Moved pm-warehouse (Anna Kowalska) from ops-director (Pieter de Vries) to pmo-ops-manager (Fatima Zahra).",
            "Its dotted line to pmo-ops-manager (Fatima Zahra) is now its solid line.",
        ])
        let role = try sandbox.json("show", "pm-warehouse")
        #expect(role["reportsTo"] as? String == "pmo-ops-manager")
        #expect(role["dottedTo"] as? [String] == [])
    }

    @Test("move to the current manager changes nothing")
    func moveToSameManager() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("move", "cfo", "--to", "ceo")
        #expect(result.stdout == "cfo (vacant) already reports to ceo (Amara Okafor); nothing changed.\n")
        let json = try sandbox.json("move", "cfo", "--to", "ceo")
        #expect(json["moved"] as? Int == 0)
    }

    @Test("move --json reports where the role came from and went")
    func moveJSON() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("move", "prog-digital-manager", "--to", "cpo")
        #expect(json["key"] as? String == "prog-digital-manager")
        #expect(json["from"] as? String == "pmo-it-director")
        #expect(json["to"] as? String == "cpo")
        #expect(json["moved"] as? Int == 3)
        #expect(json["dottedLineReplaced"] as? Bool == false)
        // Who moved, from whom, to whom: each with its title and holder.
        #expect((json["keyRef"] as? [String: Any])?["holder"] as? String == "Kwame Mensah")
        #expect((json["fromRef"] as? [String: Any])?["holder"] as? String == "Lena Fischer")
        #expect((json["toRef"] as? [String: Any])?["title"] as? String == "Chief Project Officer")
        #expect((json["toRef"] as? [String: Any])?["holder"] as? String == "Grace Whitfield")
        #expect(JSONObject.isNull(json["plannedFor"]))
    }

    @Test("move --to-root makes the role a root, with its tree below it")
    func moveToRoot() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.run("move", "cfo", "--to-root")
        try #require(result.status == Exit.success, "\(result)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "Moved cfo (vacant) from ceo (Amara Okafor) to the top (a root), with the 1 role below it.\n")
        let roots = try sandbox.json("print", "tree", "--depth", "0")
        #expect(JSONObject.keys(try JSONObject.roles(roots["roles"])) == ["ceo", "cfo"])
        let controller = try sandbox.json("show", "fin-controller")
        #expect(controller["chain"] as? [String] == ["cfo"])
        #expect(controller["depth"] as? Int == 1)
    }

    @Test("move --to-root --json")
    func moveToRootJSON() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.run("move", "pmo-ops-manager", "--to-root", "--json")
        try #require(result.status == Exit.success, "\(result)")
        let json = try JSONObject.parse(result.stdout)
        #expect(json["from"] as? String == "coo")
        #expect(JSONObject.isNull(json["to"]))
        #expect(json["moved"] as? Int == 2)
    }

    @Test("a root moves under a manager")
    func moveRootUnderManager() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "chair", "--title", "Chair of the Board")
        try sandbox.ok("add", "role", "secretary", "--title", "Company Secretary", "--reports-to", "chair")
        let result = try sandbox.run("move", "chair", "--to", "ceo")
        try #require(result.status == Exit.success, "\(result)")
        #expect(result.stdout == "Moved chair (vacant) from the top to ceo (Amara Okafor), with the 1 role below it.\n")
        let secretary = try sandbox.json("show", "secretary")
        #expect(secretary["chain"] as? [String] == ["chair", "ceo"])
        #expect(secretary["depth"] as? Int == 2)
    }
}
