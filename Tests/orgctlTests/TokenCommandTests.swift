import Foundation
import Testing
@testable import orgctl

/// `orgctl token add|list|revoke` from the command line: the secret printed
/// once, listings without secrets, refusals on one line that change nothing.
@Suite struct TokenCommandTests {
    @Test func addPrintsTheSecretOnceAndListShowsScopes() throws {
        let sandbox = try Sandbox.example()
        let added = try sandbox.ok("token", "add", "board", "--can", "read")
        let lines = added.stdoutLines
        #expect(lines.count == 3)
        #expect(lines.first == "Made token 'board': read, the whole chart.")
        #expect(lines.dropFirst().first == "Its secret, shown only this once (open the page as http://HOST:PORT/#token=SECRET):")
        let secret = try #require(lines.last)
        #expect(secret.hasPrefix("ogt_") && secret.count == 47)

        let branch = try sandbox.json("token", "add", "it", "--can", "edit", "--branch", "cio")
        #expect(branch["name"] as? String == "it" && branch["level"] as? String == "edit" && branch["branch"] as? String == "cio")
        #expect((branch["branchRef"] as? [String: Any])?["holder"] as? String == "Henrik Lund")
        #expect((branch["secret"] as? String)?.hasPrefix("ogt_") == true)

        let listed = try sandbox.ok("token", "list").stdoutLines
        #expect(listed.count == 2)
        #expect(listed[0].hasPrefix("board  read, the whole chart  made 20"))
        #expect(listed[1].hasPrefix("it  edit, the branch of cio (Henrik Lund)  made 20"))
        #expect(!listed.joined().contains(secret))
        let json = try sandbox.json("token", "list")
        #expect(json["count"] as? Int == 2)
        #expect(!(String(data: try JSONSerialization.data(withJSONObject: json), encoding: .utf8) ?? "").contains("ogt_"))

        #expect(try sandbox.ok("token", "revoke", "board").stdout == "Revoked token 'board': its secret no longer lets anyone in.\n")
        #expect(try sandbox.ok("token", "list").stdoutLines.count == 1)
        #expect(try Sandbox().run("token", "list", "--db", sandbox.url("org.db").path).stdoutLines.count == 1)
    }

    @Test func refusalsAreOneLineAndChangeNothing() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("token", "add", "board", "--can", "read")
        let before = try sandbox.databaseBytes()
        expectFailure(try sandbox.run("token", "add", "board", "--can", "edit"), status: 1,
                      mentions: ["a token called 'board' already exists", "orgctl token revoke board"])
        expectFailure(try sandbox.run("token", "add", "x", "--can", "edit", "--branch", "no-such-role"), status: 1,
                      mentions: ["no role has the key 'no-such-role'"])
        expectFailure(try sandbox.run("token", "add", "two words", "--can", "read"), status: 1,
                      mentions: ["'two words'", "spaces"])
        expectFailure(try sandbox.run("token", "revoke", "nobody"), status: 1,
                      mentions: ["no token is called 'nobody'", "orgctl token list"])
        expectFailure(try sandbox.run("token", "add", "y", "--can", "admin"), status: 64, mentions: ["'admin'", "read", "edit"])
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.ok("history").stdout.contains("token") == false)
    }

    @Test func aMissingDatabaseIsNotCreated() throws {
        let sandbox = try Sandbox()
        expectFailure(try sandbox.run("token", "add", "board", "--can", "read"), status: 66)
        #expect(!sandbox.exists("org.db"))
    }
}
