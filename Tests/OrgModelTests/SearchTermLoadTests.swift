import OrgSQLite
import Testing
@testable import OrgModel

/// The name index of a bulk load is built at once from the distinct names
/// (`SearchIndexParityTests` holds it to adding the roles one by one); a load
/// of too many different words leaves the roles to the refresh instead.
@Suite("The name index of a bulk load, built at once")
struct SearchTermLoadTests {
    /// Past its limit of distinct terms the load writes nothing and says so.
    @Test func tooManyWordsWriteNothing() throws {
        let org = try emptyDatabase()
        try org.db.write {
            try org.db.run("INSERT INTO role (id, key, title, holder, path, depth) VALUES (1, 'a', 'Analyst', 'Jo Smith', '1', 0), (2, 'b', 'Analyst', 'Al Jones', '2', 0)")
            try org.db.run("DELETE FROM search_stale")
            try org.db.run("DELETE FROM search_term")
            #expect(try SearchTermLoad.build(on: org.db, termLimit: 3) == false)
            #expect(try org.db.integer("SELECT count(*) FROM search_term") == 0)
            #expect(try SearchTermLoad.build(on: org.db, termLimit: 100) == true)
            #expect(try org.db.statement("SELECT term || '/' || owner || '/' || field FROM search_term ORDER BY 1").map { $0.text(0) }
                == ["al jones/2/2", "al/2/0", "analyst/1/1", "analyst/2/1", "jo smith/1/2", "jo/1/0", "jones/2/0", "smith/1/0"])
        }
    }

    /// Owners are kept in 32 bits: a larger id leaves the roles to the refresh.
    @Test func anIdPastTheLimitWritesNothing() throws {
        let org = try emptyDatabase()
        try org.db.write {
            try org.db.run("INSERT INTO role (id, key, title, path, depth) VALUES (?, 'a', 'Analyst', '1', 0)", [.integer(SearchTermLoad.idLimit)])
            try org.db.run("DELETE FROM search_term")
            #expect(try SearchTermLoad.build(on: org.db) == false)
            #expect(try org.db.integer("SELECT count(*) FROM search_term") == 0)
        }
    }
}
