import Foundation
import Testing

/// Where the database is: --db PATH, else $ORGCTL_DB, else ./org.db.
@Suite("Database location")
struct DatabaseLocationTests {
    @Test("--db names the file a write creates and a read uses")
    func explicitPath() throws {
        let sandbox = try Sandbox()
        let path = sandbox.url("acme.db").path
        let added = try sandbox.run("add", "role", "ceo", "--title", "Chief Executive Officer", "--db", path)
        #expect(added.status == Exit.success, "\(added)")
        #expect(sandbox.exists("acme.db"))
        #expect(!sandbox.exists("org.db"))
        let shown = try sandbox.run("show", "ceo", "--db", path)
        #expect(shown.status == Exit.success, "\(shown)")
        #expect(shown.stdoutLines.first == "role:       ceo")
    }

    @Test("ORGCTL_DB is used when there is no --db")
    func environmentPath() throws {
        let sandbox = try Sandbox()
        let environment = ["ORGCTL_DB": sandbox.url("from-env.db").path]
        let created = try sandbox.run("init", "--example", "enterprise-pmo", environment: environment)
        #expect(created.status == Exit.success, "\(created)")
        #expect(try sandbox.files() == ["from-env.db"])
        let count = try sandbox.run("who-reports-to", "ceo", "--count", environment: environment)
        #expect(count.status == Exit.success, "\(count)")
        #expect(count.stdout == "5\n")
    }

    @Test("--db wins over ORGCTL_DB")
    func explicitPathBeatsEnvironment() throws {
        let sandbox = try Sandbox()
        let environment = ["ORGCTL_DB": sandbox.url("env.db").path]
        let result = try sandbox.run(["add", "role", "ceo", "--title", "CEO", "--db", "flag.db"], environment: environment)
        #expect(result.status == Exit.success, "\(result)")
        #expect(sandbox.exists("flag.db"))
        #expect(!sandbox.exists("env.db"))
    }

    @Test("without --db or ORGCTL_DB (or with it empty) the database is ./org.db")
    func defaultPath() throws {
        let sandbox = try Sandbox()
        let created = try sandbox.run("init")
        #expect(created.status == Exit.success, "\(created)")
        #expect(created.stdout.hasPrefix("Created org.db."))
        #expect(try sandbox.files() == ["org.db"])
        try sandbox.ok("add", "role", "ceo", "--title", "CEO")
        let shown = try sandbox.run(["show", "ceo"], environment: ["ORGCTL_DB": ""])
        #expect(shown.status == Exit.success, "\(shown)")
    }

    @Test("a write to a missing database creates it",
          arguments: [
            ["add", "role", "ceo", "--title", "CEO"],
            ["add", "unit", "acme", "--name", "Acme", "--kind", "company"],
            ["init"],
          ])
    func writeCreates(arguments: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(arguments + ["--db", "new.db"])
        #expect(result.status == Exit.success, "\(result)")
        #expect(sandbox.exists("new.db"))
        let tree = try sandbox.run("print", "tree", "--db", "new.db")
        #expect(tree.status == Exit.success, "\(tree)")
    }

    @Test("a read of a missing database exits 66, mentions orgctl init, and creates no file",
          arguments: [
            ["print", "tree"], ["print", "tree", "--json"], ["show", "ceo"], ["chain", "ceo"],
            ["who-reports-to", "ceo"], ["who-reports-to", "ceo", "--count"],
          ])
    func readOfMissing(arguments: [String]) throws {
        let sandbox = try Sandbox()
        let defaultPath = try sandbox.run(arguments)
        expectFailure(defaultPath, status: Exit.missingDatabase, mentions: ["org.db", "orgctl init"])
        let explicit = try sandbox.run(arguments + ["--db", "missing.db"])
        expectFailure(explicit, status: Exit.missingDatabase, mentions: ["missing.db", "orgctl init"])
        let fromEnvironment = try sandbox.run(arguments, environment: ["ORGCTL_DB": sandbox.url("env.db").path])
        expectFailure(fromEnvironment, status: Exit.missingDatabase, mentions: ["env.db", "orgctl init"])
        #expect(try sandbox.files().isEmpty)
    }

    @Test("a text file given as the database exits 81, says how to import it, and is left alone")
    func notADatabase() throws {
        let sandbox = try Sandbox()
        let text = Data("just some notes\n".utf8)
        try text.write(to: sandbox.url("org.db"))
        expectFailure(try sandbox.run("print", "tree"), status: Exit.textFile, mentions: ["org.db", "orgctl import"])
        expectFailure(try sandbox.run("add", "role", "ceo", "--title", "CEO"), status: Exit.textFile, mentions: ["org.db"])
        #expect(try Data(contentsOf: sandbox.url("org.db")) == text)
    }
}
