import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// A write of the server's own that changes only a role's fields keeps every
/// kept answer that does not show that role, and a move every one that shows
/// neither the moved role nor its old and new managers' chains; every other
/// commit (the command line's, a new unit, a write raced by the command line)
/// empties the cache as before, so no answer ever hides a change.
@Suite struct OwnWriteCacheTests {
    static func patch(_ client: some TestClientProtocol, _ key: String, _ body: String, token: String = "edit-secret") async throws {
        let answered = try await client.call(.patch, "/api/roles/\(key)", token: token, body: body)
        #expect(answered.status == .ok, "\(answered.text)")
    }

    @Test func aServerRetitleDropsOnlyTheAnswersShowingTheRole() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let cio = try await client.call(.get, "/api/roles/cio/children")
            let cpo = try await client.call(.get, "/api/roles/cpo/children")
            _ = try await client.call(.get, "/api/search?q=ravi")
            _ = try await client.call(.get, "/api/search?q=mei")
            #expect(api.answers.count == 4)

            // Shown only as a report of the CPO.
            try await Self.patch(client, "portfolio-manager", #"{"holder":"Zed Quill"}"#)
            #expect(api.answers.count == 3)
            let cpoAfter = try await client.call(.get, "/api/roles/cpo/children")
            #expect(cpoAfter.text.contains("Zed Quill"))
            #expect(cpoAfter.text != cpo.text)
            #expect(try await client.call(.get, "/api/roles/cio/children").text == cio.text)
            #expect(api.answers.count == 4)

            // The CEO tops the chain of every search result, and is in no page kept.
            try await Self.patch(client, "ceo", #"{"title":"Chief Zebra Officer"}"#)
            #expect(api.answers.count == 2)
            let ravi = try await client.call(.get, "/api/search?q=ravi")
            let top = (ravi.json["results"] as? [[String: Any]])?.first?["chainTop"] as? [String: Any]
            #expect(top?["title"] as? String == "Chief Zebra Officer")
            #expect(try await client.call(.get, "/api/roles/cio/children").text == cio.text)
        }
    }

    @Test func aServerRetitleDropsASearchTheRoleNowMatches() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            #expect((try await client.call(.get, "/api/search?q=zebra").json["results"] as? [Any])?.isEmpty == true)
            #expect(api.answers.count == 1)
            try await Self.patch(client, "pm-crm", #"{"title":"Zebra Keeper"}"#)
            let found = try await client.call(.get, "/api/search?q=zebra")
            #expect((found.json["results"] as? [[String: Any]])?.first?["key"] as? String == "pm-crm")
            // A holder's new name is searched the same way.
            #expect((try await client.call(.get, "/api/search?q=quill").json["results"] as? [Any])?.isEmpty == true)
            try await Self.patch(client, "pm-payments", #"{"holder":"Zoë Quill"}"#)
            let holder = try await client.call(.get, "/api/search?q=quill")
            #expect((holder.json["results"] as? [[String: Any]])?.first?["key"] as? String == "pm-payments")
        }
    }

    @Test func aMoveKeepsTheAnswersOffBothChainsAndANewUnitEmptiesTheCache() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            _ = try await client.call(.get, "/api/roles/cio/children")
            let cpo = try await client.call(.get, "/api/roles/cpo/children")
            let moved = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"cio"}"#)
            #expect(moved.status == .ok)
            #expect(try await client.call(.get, "/api/roles/cio/children").text.contains(#""key":"pm-crm""#))
            // The CPO's page shows no role of either chain: kept.
            #expect(api.answers.count == 2)
            #expect(try await client.call(.get, "/api/roles/cpo/children").text == cpo.text)
            try await Self.patch(client, "pm-crm", #"{"unit":"epmo"}"#)
            #expect(try await client.call(.get, "/api/roles/cio/children").text.contains(#""key":"epmo""#))
            #expect(api.answers.count == 1)
        }
    }

    /// Every answer a move changes is read again, and shows the move: the
    /// counts on both sides (the old manager's, the new one's, in their
    /// managers' pages), both managers' pages, and the path of a search
    /// result below the moved role; an answer off both chains is kept.
    @Test func aMoveLeavesNoKeptAnswerShowingTheChartBeforeIt() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        let pages = ["prog-digital-manager", "eng-director", "pmo-it-director", "cio", "ceo", "coo"]
        let searches = ["ravi", "mei", "anna"]
        try await Application(router: built.router).test(.router) { client in
            var before: [String: Answered] = [:]
            for key in pages { before[key] = try await client.call(.get, "/api/roles/\(key)/children") }
            for text in searches { before[text] = try await client.call(.get, "/api/search?q=\(text)") }
            #expect(api.answers.count == pages.count + searches.count)
            let moved = try await client.call(.post, "/api/roles/pm-crm/move", token: "edit-secret", body: #"{"to":"eng-director"}"#)
            #expect(moved.status == .ok)
            // Kept: the COO's page alone (every search shows its results' chains, up to the CEO).
            #expect(api.answers.count == 1)

            func reports(_ answer: Answered, _ key: String) -> Int? {
                (answer.json["children"] as? [[String: Any]])?.first { $0["key"] as? String == key }?["directReports"] as? Int
            }
            let oldManager = try await client.call(.get, "/api/roles/prog-digital-manager/children")
            #expect(!oldManager.text.contains(#""key":"pm-crm""#))
            #expect(oldManager.json["total"] as? Int == 1)
            let newManager = try await client.call(.get, "/api/roles/eng-director/children")
            #expect(newManager.text.contains(#""key":"pm-crm""#))
            #expect(newManager.json["total"] as? Int == 2)
            // The counts shown along both chains.
            #expect(reports(before["pmo-it-director"]!, "prog-digital-manager") == 2)
            #expect(reports(try await client.call(.get, "/api/roles/pmo-it-director/children"), "prog-digital-manager") == 1)
            #expect(reports(before["cio"]!, "eng-director") == 1)
            #expect(reports(try await client.call(.get, "/api/roles/cio/children"), "eng-director") == 2)
            // A search result below the moved role: its path now runs through the new manager.
            let ravi = try await client.call(.get, "/api/search?q=ravi")
            let path = (ravi.json["results"] as? [[String: Any]])?.first?["path"] as? [String]
            #expect(path?.contains { $0.contains("eng-director") } == true, "\(ravi.text)")
            #expect(ravi.text != before["ravi"]!.text)
            let mei = try await client.call(.get, "/api/search?q=mei")
            #expect((mei.json["results"] as? [[String: Any]])?.first?["directReports"] as? Int == 2)
            // The kept ones are what a fresh read gives.
            #expect(try await client.call(.get, "/api/roles/coo/children").text == before["coo"]!.text)
            #expect(try await client.call(.get, "/api/search?q=anna").text == before["anna"]!.text)
            #expect(try await client.call(.get, "/api/roles/ceo/children").text == before["ceo"]!.text)
        }
    }

    /// A branch token's answers may gain or lose roles with any move: none is kept over one.
    @Test func aMoveDropsEveryAnswerLimitedToABranch() async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let before = try await client.call(.get, "/api/search?q=anna", token: "cio-read")
            #expect((before.json["results"] as? [Any])?.isEmpty == true)
            #expect(api.answers.count == 1)
            let moved = try await client.call(.post, "/api/roles/ops-director/move", token: "edit-secret", body: #"{"to":"cio"}"#)
            #expect(moved.status == .ok)
            #expect(api.answers.count == 0)
            let after = try await client.call(.get, "/api/search?q=anna", token: "cio-read")
            #expect((after.json["results"] as? [[String: Any]])?.first?["key"] as? String == "pm-warehouse")
        }
    }

    /// The command line commits inside the server write's window, before or
    /// after the server's own commit: its change must be seen at once.
    @Test(arguments: [false, true])
    func aCommandLineWriteRacingAServerWriteIsNeverHidden(commandLineFirst: Bool) async throws {
        let fixture = try ServeFixture()
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let before = try await client.call(.get, "/api/roles/cio/children")
            #expect(!before.text.contains("Head of Engineering"))
            try await api.store.write(carrying: [api.answers, api.callers]) { database in
                let commandLine = try fixture.database()
                if commandLineFirst { _ = try commandLine.updateRole("eng-director", RoleChanges(title: "Head of Engineering")) }
                _ = try database.updateRole("portfolio-manager", RoleChanges(holder: .holder("Zed Quill")))
                if !commandLineFirst { _ = try commandLine.updateRole("eng-director", RoleChanges(title: "Head of Engineering")) }
                return ((), WrittenRoles(roles: [try database.role("portfolio-manager")]))
            }
            #expect(try await client.call(.get, "/api/roles/cio/children").text.contains("Head of Engineering"))
        }
    }

    @Test func aTokenKeptOverServerWritesIsRevokedFromTheCommandLineWithinASecond() async throws {
        let fixture = try ServeFixture()
        let secret = try fixture.database().addToken(name: "alice", level: .edit, branch: nil)
        let built = try ServeApplication.router(fixture.configuration, tokens: LibraryTokens())
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            #expect(try await client.call(.get, "/api/me", token: secret).status == .ok)
            try await Self.patch(client, "pm-crm", #"{"title":"Delivery Lead"}"#, token: secret)
            #expect(api.callers.count == 1)
            #expect(try await client.call(.get, "/api/roles/cio/children", token: secret).status == .ok)
            #expect(api.callers.count == 1)
            try fixture.database().revokeToken(name: "alice")
            let (revoked, took) = try await client.callUntil(.get, "/api/roles/cio/children", token: secret) { $0.status != .ok }
            #expect(revoked.status == .unauthorized)
            #expect(took < .seconds(1))
        }
    }

    @Test func whileAServerWriteIsPendingANewerAnswerNeitherStaysNorEmptiesTheCache() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        cache.keep("a", for: "1", generation: 5, shown: Shown(keys: ["x"]))
        cache.keep("b", for: "2", generation: 5, shown: Shown(keys: ["y"], search: "zebra"))
        cache.beginTransition(from: 5)
        cache.keep("c", for: "3", generation: 6, shown: .nothing)
        #expect(cache.value("1", generation: 5) == "a")
        #expect(cache.value("3", generation: 6) == nil)
        // Cancelled: the next newer answer empties the cache as a commit from elsewhere does.
        cache.cancelTransition()
        cache.keep("c", for: "3", generation: 6, shown: .nothing)
        #expect(cache.value("1", generation: 6) == nil)
        #expect(cache.count == 1)

        cache.keep("a", for: "1", generation: 6, shown: Shown(keys: ["x"]))
        cache.keep("b", for: "2", generation: 6, shown: Shown(keys: ["y"], search: "zebra"))
        cache.keep("d", for: "4", generation: 6)
        cache.beginTransition(from: 6)
        cache.advance(from: 6, to: 7, dropping: WrittenRoles(roles: [Self.role("Z", title: "Zebra Keeper")]))
        // Kept: what shows neither the role nor a search it now matches.
        #expect(cache.value("3", generation: 7) == "c")
        #expect(cache.value("1", generation: 7) == "a")
        #expect(cache.value("2", generation: 7) == nil)
        #expect(cache.value("4", generation: 7) == nil)
        cache.advance(from: 7, to: 8, dropping: WrittenRoles(roles: [Self.role("x", title: "Analyst")]))
        #expect(cache.value("1", generation: 8) == nil)
        #expect(cache.value("3", generation: 8) == "c")
        // Carried from a generation the cache is not at: nothing survives.
        cache.advance(from: 9, to: 10, dropping: WrittenRoles(roles: []))
        #expect(cache.count == 0)
    }

    /// An answer computed while the server's own writes went by is kept
    /// when none of them changed what it shows, and only then: under a
    /// steady stream of writes no slow answer could otherwise ever be kept.
    @Test func anAnswerComputedDuringCarriedWritesIsKeptUnlessOneChangedIt() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        cache.keep("a", for: "1", generation: 5, shown: .nothing)
        cache.advance(from: 5, to: 6, dropping: WrittenRoles(roles: [Self.role("x", title: "Analyst")]))
        cache.advance(from: 6, to: 7, dropping: WrittenRoles(roles: [Self.role("y", title: "Analyst")]))
        // Read in generation 5, kept in 7: neither write shows in it.
        cache.keep("b", for: "2", generation: 5, shown: Shown(keys: ["z"]))
        #expect(cache.value("2", generation: 7) == "b")
        // The write to 7 changed y, which the answer shows.
        cache.keep("c", for: "3", generation: 6, shown: Shown(keys: ["y"]))
        #expect(cache.value("3", generation: 7) == nil)
        // Older than every carried write the cache remembers, or across a commit from elsewhere: not kept.
        cache.keep("d", for: "4", generation: 4, shown: .nothing)
        #expect(cache.value("4", generation: 7) == nil)
        cache.advance(from: 8, to: 9, dropping: WrittenRoles(roles: []))
        cache.keep("e", for: "5", generation: 7, shown: .nothing)
        #expect(cache.value("5", generation: 9) == nil)
        #expect(cache.count == 0)
    }

    /// A retitle of a role a search finds by its holder's name, and does not
    /// show, leaves the search as it was: it matched the same way before,
    /// by the same words. A new holder's name may place it elsewhere among
    /// those found by name; a role no longer found changes only what showed it.
    @Test func aSearchIsDroppedOnlyWhenTheRoleMatchesItDifferentlyAfterTheWrite() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        cache.keep("okafor", for: "okafor", generation: 1, shown: Shown(keys: ["a", "b"], search: "okafor"))
        cache.keep("analyst", for: "analyst", generation: 1, shown: Shown(keys: ["a"], search: "analyst"))
        cache.keep("smith", for: "smith", generation: 1, shown: Shown(keys: ["d"], search: "smith"))
        let before = Self.role("c", title: "Manager", holder: "Ada Okafor")
        let retitled = Self.role("c", title: "Analyst", holder: "Ada Okafor")
        cache.advance(from: 1, to: 2, dropping: WrittenRoles(roles: [retitled], before: [before]))
        #expect(cache.value("okafor", generation: 2) == "okafor")
        // Found by the new title: it may enter the answer.
        #expect(cache.value("analyst", generation: 2) == nil)
        #expect(cache.value("smith", generation: 2) == "smith")
        // A new first name: still found by name, by other words, so perhaps elsewhere.
        let renamed = Self.role("c", title: "Analyst", holder: "Bo Okafor")
        cache.keep("analyst", for: "analyst", generation: 2, shown: Shown(keys: ["a"], search: "analyst"))
        cache.advance(from: 2, to: 3, dropping: WrittenRoles(roles: [renamed], before: [retitled]))
        #expect(cache.value("okafor", generation: 3) == nil)
        // Found by its title and name together: the name's words count there too.
        #expect(cache.value("analyst", generation: 3) == nil)
        // A grade or a vacancy leaves the words: found the same way by every search.
        cache.keep("analyst", for: "analyst", generation: 3, shown: Shown(keys: ["a"], search: "analyst"))
        cache.advance(from: 3, to: 4, dropping: WrittenRoles(roles: [renamed], before: [renamed]))
        #expect(cache.value("analyst", generation: 4) == "analyst")
        #expect(cache.value("smith", generation: 4) == "smith")
        // No longer found by "okafor", found by "smith" now.
        cache.keep("okafor", for: "okafor", generation: 4, shown: Shown(keys: ["a", "b"], search: "okafor"))
        let married = Self.role("c", title: "Manager", holder: "Bo Smith")
        cache.advance(from: 4, to: 5, dropping: WrittenRoles(roles: [married], before: [renamed]))
        #expect(cache.value("okafor", generation: 5) == "okafor")
        #expect(cache.value("smith", generation: 5) == nil)
        #expect(cache.value("analyst", generation: 5) == "analyst")
        // Without the fields before the write, any search the role matches after it goes.
        cache.keep("smith", for: "smith", generation: 5, shown: Shown(keys: ["d"], search: "smith"))
        cache.advance(from: 5, to: 6, dropping: WrittenRoles(roles: [married]))
        #expect(cache.value("smith", generation: 6) == nil)
        #expect(cache.value("okafor", generation: 6) == "okafor")
    }

    static func role(_ key: String, title: String, holder: String? = nil) -> Role {
        // Role has no public initialiser: a client gets roles from the chart, or decodes them.
        let holderField = holder.map { #","holder":"\#($0)""# } ?? ""
        return try! JSONDecoder().decode(Role.self, from: Data(#"{"key":"\#(key)","title":"\#(title)","depth":0\#(holderField)}"#.utf8))
    }
}
