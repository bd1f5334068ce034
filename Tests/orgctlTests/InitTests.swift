import Foundation
import Testing

@Suite("init")
struct InitTests {
    @Test("init creates an empty organisation and says how to add a first role")
    func empty() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.ok("init", "--db", "acme.db")
        #expect(result.stdout == "Created acme.db. Add a first role with: orgctl add role ceo --title \"Chief Executive Officer\"\n")
        let tree = try sandbox.ok("print", "tree", "--db", "acme.db")
        #expect(tree.stdout == "The organisation is empty. Add a role with: orgctl add role KEY --title TITLE\n")
        let json = try sandbox.json("print", "tree", "--db", "acme.db")
        #expect((json["roles"] as? [Any])?.isEmpty == true)
    }

    @Test("init --example enterprise-pmo fills the database with the example organisation")
    func example() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.ok("init", "--example", "enterprise-pmo")
        #expect(result.stdoutLines == [
            "Created org.db with the enterprise-pmo example organisation.",
            "Try: orgctl print tree",
        ])
        let count = try sandbox.ok("who-reports-to", "ceo", "--all", "--count")
        #expect(count.stdout == "26\n")
        let roots = try sandbox.json("print", "tree", "--depth", "0")
        #expect(JSONObject.keys(try JSONObject.roles(roots["roles"])) == ["ceo"])
        let unit = try sandbox.json("show", "pmo-it")
        #expect(unit["pmoType"] as? String == "directive")
    }

    @Test("init refuses a database that already holds an organisation, leaving it unchanged")
    func refusesNonEmpty() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        for arguments in [["init"], ["init", "--example", "enterprise-pmo"]] {
            let result = try sandbox.run(arguments)
            expectFailure(result, status: Exit.refused, mentions: ["org.db", "already holds an organisation"])
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("init with an unknown example is a usage error that creates nothing")
    func unknownExample() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run("init", "--example", "startup")
        expectFailure(result, status: Exit.usage, mentions: ["startup", "enterprise-pmo"])
        #expect(try sandbox.files().isEmpty)
    }
}
