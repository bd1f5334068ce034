import OrgModel
import Testing
@testable import OrgServe

/// A request loads the published generation when it arrives; a write of the
/// server's own moves the caches to its generation a moment before it
/// publishes it. Requests of that moment are answered from the caches the
/// write carried over, never from memory when the generation is unknown,
/// and never with an answer older than the generation they loaded.
@Suite struct GenerationLagTests {
    @Test func aRequestThatLoadedTheGenerationBeforeAWriteIsAnsweredFromTheCarriedCache() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        cache.keep("branch of cio", for: "cio", generation: 5, shown: Shown(keys: ["cio", "pm-crm"]))
        cache.keep("branch of cfo", for: "cfo", generation: 5, shown: Shown(keys: ["cfo", "ap-lead"]))
        cache.beginTransition(from: 5)
        cache.advance(from: 5, to: 6, dropping: WrittenRoles(roles: [OwnWriteCacheTests.role("ap-lead", title: "Payables Lead")]))
        // Published is still 5 for a moment: the answer the write left stands, the one it changed is gone.
        #expect(cache.value("cio", generation: 5) == "branch of cio")
        #expect(cache.value("cfo", generation: 5) == nil)
        #expect(cache.value("cio", generation: 6) == "branch of cio")
        #expect(cache.value("cio", generation: ChartStore.unknownGeneration) == nil)
    }

    @Test func aRequestOfANewerGenerationThanTheCacheIsNeverAnsweredFromIt() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        cache.keep("branch of cio", for: "cio", generation: 5, shown: Shown(keys: ["cio"]))
        // Another program committed: generation 6 was published and the cache has not seen it.
        #expect(cache.value("cio", generation: 6) == nil)
        // The first answer kept in 6 empties what 5 kept; a request still at 5 gets 6's answers.
        cache.keep("cfo in 6", for: "cfo", generation: 6, shown: Shown(keys: ["cfo"]))
        #expect(cache.value("cio", generation: 5) == nil)
        #expect(cache.value("cfo", generation: 5) == "cfo in 6")
    }

    @Test func aMoveLeavesTheSearchesThatDoNotShowItsRoles() {
        let cache = AnswerCache<String>(maxEntries: 10, maxBytes: 1_000, size: { $0.utf8.count })
        let zebra = OwnWriteCacheTests.role("z", title: "Zebra Keeper")
        // A kept search that finds the moved role by its title but does not show it
        // (cut off by its limit): the role is found as before, in the same place.
        cache.keep("keepers", for: "search", generation: 5, shown: Shown(keys: ["a"], search: "keeper"))
        cache.beginTransition(from: 5)
        cache.advance(from: 5, to: 6, dropping: WrittenRoles(roles: [zebra], before: [zebra], moved: true))
        #expect(cache.value("search", generation: 6) == "keepers")
        // A role whose fields are not known from before may now match: the search goes.
        cache.beginTransition(from: 6)
        cache.advance(from: 6, to: 7, dropping: WrittenRoles(roles: [zebra], moved: true))
        #expect(cache.value("search", generation: 7) == nil)
    }
}
