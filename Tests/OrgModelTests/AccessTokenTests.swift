import Foundation
import Testing
@testable import OrgModel

/// Access tokens: made with a secret shown once, stored as a digest, found
/// by their secret, limited to a branch, revoked; refusals leave the file as
/// it was, and tokens are no part of the chart's history.
@Suite struct AccessTokenTests {
    @Test func aTokenIsFoundByItsSecretAndOnlyItsDigestIsStored() throws {
        let org = try exampleDatabase()
        let changesBefore = try org.recordedChangeCount()
        let secret = try org.addToken(name: "board", level: .read, branch: nil)
        #expect(secret.hasPrefix("ogt_") && secret.count == 47)
        let found = try #require(try org.token(forSecret: secret))
        #expect(found.name == "board" && found.level == .read && found.branch == nil)
        #expect(try org.token(forSecret: secret + "x") == nil)
        #expect(try org.token(forSecret: "") == nil)
        #expect(try org.token(forSecret: String(repeating: "a", count: 10_000)) == nil)
        let stored = try org.db.statement("SELECT digest FROM access_token").map([]) { $0.text(0) }
        #expect(stored == [SHA256.hex(secret)])
        #expect(try snapshot(org, only: ["access_token"]).contains(secret) == false)
        // Not a change to the chart: nothing in the history, nothing to undo.
        #expect(try org.recordedChangeCount() == changesBefore)
    }

    @Test func secretsDifferAndNamesAreListedInOrder() throws {
        let org = try exampleDatabase()
        let first = try org.addToken(name: "zeta", level: .edit, branch: "cio")
        let second = try org.addToken(name: "alpha", level: .read, branch: nil)
        #expect(first != second)
        let tokens = try org.tokens()
        #expect(tokens.map(\.name) == ["alpha", "zeta"])
        #expect(tokens.map(\.level) == [.read, .edit])
        #expect(tokens.map(\.branch) == [nil, "cio"])
        #expect(tokens.allSatisfy { Timestamp.now().milliseconds - $0.created.milliseconds < 60_000 })
    }

    @Test func revokedSecretsLetNobodyIn() throws {
        let org = try exampleDatabase()
        let secret = try org.addToken(name: "board", level: .read, branch: nil)
        try org.revokeToken(name: "board")
        #expect(try org.token(forSecret: secret) == nil)
        #expect(try org.tokens().isEmpty)
    }

    @Test func refusalsNameTheValueAndChangeNothing() throws {
        let org = try exampleDatabase()
        _ = try org.addToken(name: "board", level: .read, branch: nil)
        let before = try snapshot(org)
        #expect(refusal { _ = try org.addToken(name: "board", level: .edit, branch: nil) } == .duplicateTokenName(name: "board"))
        #expect(refusal { _ = try org.addToken(name: "x", level: .edit, branch: "no-such-role") }.map {
            if case .unknownKey(key: "no-such-role", expected: .role, _) = $0 { true } else { false }
        } == true)
        #expect(refusal { _ = try org.addToken(name: "", level: .read, branch: nil) } != nil)
        #expect(refusal { _ = try org.addToken(name: "two words", level: .read, branch: nil) } != nil)
        #expect(refusal { _ = try org.addToken(name: String(repeating: "n", count: 65), level: .read, branch: nil) } != nil)
        #expect(refusal { try org.revokeToken(name: "nobody") } == .unknownToken(name: "nobody", known: ["board"]))
        #expect(try snapshot(org) == before)
        #expect(OrgError.unknownToken(name: "nobody", known: ["board"]).description
            == "no token is called 'nobody'; the tokens are 'board'")
    }

    @Test func anOlderChartHasNoTokensUntilAWriteUpgradesIt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v2.db")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/v2-enterprise-pmo.db")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let reader = try OrgDatabase(path: path, access: .read)
        #expect(try reader.tokens().isEmpty)
        #expect(try reader.token(forSecret: "ogt_anything") == nil)
        let writer = try OrgDatabase(path: path, access: .write)
        let secret = try writer.addToken(name: "board", level: .read, branch: "ceo")
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try OrgDatabase(path: path, access: .read).token(forSecret: secret)?.branch == "ceo")
    }
}
