import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// What the server keeps in memory (answers, who a token is) lasts one
/// generation of the file: a write from the command line is seen within one
/// poll of the file (25 ms; the tests allow a second), and a revoked token
/// stops working with it.
@Suite struct CacheTests {
    @Test func aBranchAnswerIsKeptUntilACommandLineWriteAndNotAMomentLonger() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let first = try await client.call(.get, "/api/roles/cio/children")
            #expect(api.answers.count == 1)
            let again = try await client.call(.get, "/api/roles/cio/children")
            #expect(again.text == first.text)
            #expect(api.answers.count == 1)
            #expect(!first.text.contains(#""key":"pm-crm""#))

            _ = try fixture.database().move("pm-crm", to: "cio")
            let (after, _) = try await client.callUntil(.get, "/api/roles/cio/children") { $0.text != first.text }
            #expect(after.text.contains(#""key":"pm-crm""#))
            #expect((after.json["total"] as? Int) == (first.json["total"] as? Int ?? 0) + 1)

            // A search is kept the same way, and a retitle is found at once.
            let search = try await client.call(.get, "/api/search?q=zebra")
            #expect((search.json["results"] as? [Any])?.isEmpty == true)
            _ = try fixture.database().updateRole("pm-crm", RoleChanges(title: "Zebra Keeper"))
            let (found, _) = try await client.callUntil(.get, "/api/search?q=zebra") { $0.text != search.text }
            #expect((found.json["results"] as? [[String: Any]])?.first?["key"] as? String == "pm-crm")
        }
    }

    @Test func aBranchTokenGetsAnswersOfItsOwnScope() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let whole = try await client.call(.get, "/api/roles/ceo/children")
            #expect(whole.status == .ok)
            let branch = try await client.call(.get, "/api/roles/ceo/children", token: "cio-read")
            #expect(branch.status == .notFound)
            #expect(api.answers.count == 1)
        }
    }

    @Test func aTokenRevokedFromTheCommandLineStopsWorkingWithinASecond() async throws {
        let fixture = try ServeFixture()
        let secret = try fixture.database().addToken(name: "alice", level: .read, branch: nil)
        let built = try ServeApplication.router(fixture.configuration, tokens: LibraryTokens())
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            #expect(try await client.call(.get, "/api/me", token: secret).status == .ok)
            #expect(try await client.call(.get, "/api/me", token: secret).status == .ok)
            #expect(api.callers.count == 1)
            try fixture.database().revokeToken(name: "alice")
            let (revoked, took) = try await client.callUntil(.get, "/api/me", token: secret) { $0.status != .ok }
            #expect(revoked.status == .unauthorized)
            #expect(revoked.errorCode == "unauthorized")
            #expect(took < .seconds(1))
        }
    }

    /// Until the poll reads another program's commit, kept answers stand;
    /// the poll's reading ends them (here no tick comes in the test, and the
    /// test makes the poller's one call itself).
    @Test func aKeptAnswerLastsUntilThePollReadsACommandLineWrite() async throws {
        let fixture = try ServeFixture()
        var configuration = fixture.configuration
        configuration.generationPollMilliseconds = 600_000
        let built = try ServeApplication.router(configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let first = try await client.call(.get, "/api/roles/cio/children")
            _ = try fixture.database().move("pm-crm", to: "cio")
            #expect(try await client.call(.get, "/api/roles/cio/children").text == first.text)
            try api.store.refreshGeneration()
            #expect(try await client.call(.get, "/api/roles/cio/children").text.contains(#""key":"pm-crm""#))
        }
    }

    /// An undo through the server, like every write of its own, is seen by
    /// the next request at once, not a poll later (no tick comes in the test).
    @Test func anUndoThroughTheServerIsSeenByTheNextRequest() async throws {
        let fixture = try ServeFixture()
        var configuration = fixture.configuration
        configuration.generationPollMilliseconds = 600_000
        let built = try ServeApplication.router(configuration, tokens: ServeFixture.tokens)
        try await Application(router: built.router).test(.router) { client in
            let moved = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"eng-director"}"#)
            #expect(moved.status == .ok)
            #expect(try await client.call(.get, "/api/roles/eng-director/children").text.contains(#""key":"pm-crm""#))
            #expect(try await client.call(.post, "/api/undo", token: "edit-secret", body: "{}").status == .ok)
            #expect(!(try await client.call(.get, "/api/roles/eng-director/children").text.contains(#""key":"pm-crm""#)))
        }
    }

    /// Without a recent reading of the file's commit counter (the file cannot
    /// be read, or the poller is starved) nothing is found or kept in memory:
    /// a revoked token or a changed answer never outlives the last reading.
    @Test func withoutARecentReadingNothingKeptIsServed() async throws {
        let fixture = try ServeFixture()
        let store = try ChartStore(path: fixture.configuration.databasePath, pollMilliseconds: 600_000,
                                   staleAfterMilliseconds: 100)
        let fresh = store.generation()
        #expect(fresh != ChartStore.unknownGeneration)
        let cache = AnswerCache<String>(maxEntries: 3, maxBytes: 100, size: { $0.utf8.count })
        cache.keep("a", for: "1", generation: fresh)
        #expect(cache.value("1", generation: store.generation()) == "a")
        try await Task.sleep(for: .milliseconds(300))
        #expect(store.generation() == ChartStore.unknownGeneration)
        #expect(cache.value("1", generation: store.generation()) == nil)
        cache.keep("b", for: "2", generation: store.generation())
        #expect(cache.value("2", generation: store.generation()) == nil)
        try store.refreshGeneration()
        #expect(store.generation() == fresh)
        #expect(cache.value("1", generation: store.generation()) == "a")
    }

    @Test func theCacheIsBoundedAndAnOlderGenerationNeverReplacesANewer() {
        let cache = AnswerCache<String>(maxEntries: 3, maxBytes: 100, size: { $0.utf8.count })
        cache.keep("a", for: "1", generation: 5)
        cache.keep("b", for: "2", generation: 5)
        cache.keep("c", for: "3", generation: 5)
        #expect(cache.count == 3)
        cache.keep("d", for: "4", generation: 5)
        #expect(cache.count == 1)
        #expect(cache.value("4", generation: 5) == "d")
        #expect(cache.value("4", generation: 6) == nil)
        cache.keep("e", for: "5", generation: 4)
        #expect(cache.value("5", generation: 4) == nil)
        #expect(cache.value("4", generation: 5) == "d")
        cache.keep("f", for: "6", generation: 7)
        #expect(cache.value("4", generation: 5) == nil)
        #expect(cache.value("6", generation: 7) == "f")
        cache.keep(String(repeating: "x", count: 200), for: "7", generation: 7)
        #expect(cache.value("7", generation: 7) == nil)
    }
}
