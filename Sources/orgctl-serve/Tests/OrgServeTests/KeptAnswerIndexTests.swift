import Foundation
import Hummingbird
import HummingbirdTesting
import OrgModel
import Testing
@testable import OrgServe

/// The index of kept answers names exactly the answers a write of the
/// server's own may change, judged entry by entry, however the answers came
/// and went (kept, overwritten, dropped by a write, emptied when full), and
/// the cache counts its bytes right through all of it.
@Suite struct KeptAnswerIndexTests {
    private static let keys = ["a", "b", "c", "d", "e", "f"]
    private static let searches = ["ada", "okafor", "analyst", "b", "smith jo", "zebra"]
    private static let holders = ["Ada Okafor", "Jo Smith", "Bo Okafor", "Zed Quill"]
    private static let titles = ["Analyst", "Manager", "Zebra Keeper"]

    private static func randomShown(_ random: inout SplitMix64) -> Shown {
        let roles = Set(keys.filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        let search = Bool.random(using: &random) ? searches.randomElement(using: &random) : nil
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .anything
        default: return Shown(keys: roles.isEmpty ? ["a"] : roles, search: search, inBranch: Bool.random(using: &random))
        }
    }

    private static func randomRole(_ key: String, _ random: inout SplitMix64) -> Role {
        OwnWriteCacheTests.role(key, title: titles.randomElement(using: &random)!,
                                holder: Bool.random(using: &random) ? holders.randomElement(using: &random) : nil)
    }

    private static func randomWrite(_ random: inout SplitMix64) -> WrittenRoles {
        let written = keys.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
        let after = written.map { randomRole($0, &random) }
        let before = Bool.random(using: &random) ? written.map { randomRole($0, &random) } : []
        return WrittenRoles(roles: after, before: before, moved: Int.random(in: 0..<4, using: &random) == 0)
    }

    private static func checkExact(_ cache: AnswerCache<String>, generation: Int64, _ random: inout SplitMix64) {
        let (kept, indexed) = cache.keysAndIndexedKeys
        #expect(kept == indexed)
        let bytes = kept.reduce(0) { $0 + (cache.value($1, generation: generation)?.utf8.count ?? 0) + $1.utf8.count }
        #expect(cache.bytes == bytes)
        for _ in 0..<4 {
            let write = randomWrite(&random)
            #expect(cache.indexedKeysChanged(by: write) == cache.keysChanged(by: write))
        }
    }

    @Test func theIndexNamesWhatEveryEntryJudgedAloneWouldThroughKeepsOverwritesWritesAndResets() {
        var random = SplitMix64(seed: 29)
        // Small enough to fill up, in entries and in bytes, now and then.
        let cache = AnswerCache<String>(maxEntries: 12, maxBytes: 300, size: { $0.utf8.count })
        var generation: Int64 = 1
        for _ in 0..<2_000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                // Keys repeat: overwrites with another value and another shown.
                let key = "answer-\(Int.random(in: 0..<20, using: &random))"
                let value = String(repeating: "x", count: Int.random(in: 1..<40, using: &random))
                cache.keep(value, for: key, generation: generation, shown: Self.randomShown(&random))
            case 6..<9:
                cache.beginTransition(from: generation)
                cache.advance(from: generation, to: generation + 1, dropping: Self.randomWrite(&random))
                generation += 1
            default:
                // A commit from elsewhere: the next answer starts the cache again.
                generation += 2
                cache.keep("first", for: "answer-0", generation: generation, shown: Self.randomShown(&random))
            }
            Self.checkExact(cache, generation: generation, &random)
        }
    }

    @Test func aWriteDropsTheAnswersShowingItsRolesTheSearchesItMovesInAndOnAMoveTheBranchLimitedOnes() {
        let cache = AnswerCache<String>(maxEntries: 100, maxBytes: 10_000, size: { $0.utf8.count })
        cache.keep("page-x", for: "page-x", generation: 1, shown: Shown(keys: ["X", "y"]))
        cache.keep("page-z", for: "page-z", generation: 1, shown: Shown(keys: ["z"]))
        cache.keep("branch-z", for: "branch-z", generation: 1, shown: Shown(keys: ["z"], inBranch: true))
        cache.keep("anything", for: "anything", generation: 1)
        cache.keep("zebra", for: "zebra", generation: 1, shown: Shown(keys: ["z"], search: "zebra"))
        let write = WrittenRoles(roles: [OwnWriteCacheTests.role("x", title: "Zebra Keeper")],
                                 before: [OwnWriteCacheTests.role("x", title: "Analyst")])
        #expect(cache.indexedKeysChanged(by: write) == ["page-x", "anything", "zebra"])
        var move = write
        move.moved = true
        #expect(cache.indexedKeysChanged(by: move) == ["page-x", "anything", "zebra", "branch-z"])
        cache.advance(from: 1, to: 2, dropping: write)
        #expect(cache.keysAndIndexedKeys.kept == ["page-z", "branch-z"])
        #expect(cache.bytes == 2 * "page-z".utf8.count + 2 * "branch-z".utf8.count)
    }

    /// Through the router: a retitle keeps every kept search that does not
    /// show the role (served from memory, unchanged), among them one that
    /// finds the role by its holder's name and lists another; one that shows
    /// it is read again and shows the new title.
    @Test func aRetitleThroughTheServerKeepsTheSearchesThatDoNotShowTheRole() async throws {
        let fixture = try ServeFixture { database in
            for (key, holder) in [("quill-a", "Ada Quill"), ("quill-b", "Ben Quill")] {
                try database.addRole(RoleDraft(key: key, title: "Analyst", holder: holder, reportsTo: "coo"))
            }
        }
        let built = try ServeApplication.router(fixture.configuration, tokens: ServeFixture.tokens)
        let api = built.api
        try await Application(router: built.router).test(.router) { client in
            let first = try await client.call(.get, "/api/search?q=quill&limit=1")
            let listed = try #require((first.json["results"] as? [[String: Any]])?.first?["key"] as? String)
            let other = listed == "quill-a" ? "quill-b" : "quill-a"
            let mei = try await client.call(.get, "/api/search?q=mei")
            let both = try await client.call(.get, "/api/search?q=quill")
            #expect(both.text.contains(#""key":"\#(other)""#))
            #expect(api.answers.count == 3)

            try await OwnWriteCacheTests.patch(client, other, #"{"title":"Zebra Keeper"}"#)
            // Only the search showing the role went; the others are answered from memory.
            #expect(api.answers.count == 2)
            #expect(try await client.call(.get, "/api/search?q=quill&limit=1").text == first.text)
            #expect(try await client.call(.get, "/api/search?q=mei").text == mei.text)
            #expect(api.answers.count == 2)
            let again = try await client.call(.get, "/api/search?q=quill")
            #expect(again.text.contains("Zebra Keeper"))
            #expect(again.text != both.text)
            #expect(api.answers.count == 3)

            // The role the first search lists: that search is read again.
            try await OwnWriteCacheTests.patch(client, listed, #"{"title":"Zebra Tamer"}"#)
            #expect(try await client.call(.get, "/api/search?q=quill&limit=1").text.contains("Zebra Tamer"))
            #expect(try await client.call(.get, "/api/search?q=mei").text == mei.text)
        }
    }
}

/// A seeded generator: the same run every time.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
