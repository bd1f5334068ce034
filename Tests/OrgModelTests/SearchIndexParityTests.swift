import Testing
@testable import OrgModel

/// A bulk import fills the name index with one set-based note of its roles
/// instead of the per-row trigger: the index must hold exactly what adding
/// the same roles one by one gives.
@Suite("The name index after a bulk import equals the one built row by row")
struct SearchIndexParityTests {
    private static let names = ["Renée Lévesque", "Dominika Černá", "Siobhán O'Connor", "Ayşe Yılmaz", "Jo Smith", "Łukasz Øberg", ""]
    private static let titles = ["Analyst", "Manager, Analyst", "Chief Executive Officer", "PMO-Director", "Café Owner"]

    /// Every stored term with its owner's key in place of the owner id.
    private static func terms(_ org: OrgDatabase) throws -> [String] {
        try org.db.statement("""
            SELECT s.term, r.key, s.field FROM search_term s JOIN role r ON r.id = s.owner ORDER BY 1, 2, 3
            """).map { "\($0.text(0))|\($0.text(1))|\($0.int(2))" }
    }

    @Test(arguments: [40, Int(SearchIndex.sortedLoadThreshold) + 60])
    func bulkImportIndexesAsAddingEachRole(count: Int) throws {
        var random = SplitMix64(seed: UInt64(count))
        var rows: [(key: String, title: String, holder: String, manager: String)] = []
        for index in 0..<count {
            rows.append(("r\(index)", Self.titles.randomElement(using: &random)!, Self.names.randomElement(using: &random)!,
                         index == 0 ? "" : "r\(Int.random(in: 0..<index, using: &random))"))
        }
        let bulk = try emptyDatabase()
        let csv = "key,title,holder,reports_to\n" + rows.map { "\($0.key),\"\($0.title)\",\($0.holder),\($0.manager)" }.joined(separator: "\n") + "\n"
        _ = try importCSV(bulk, csv)
        let oneByOne = try emptyDatabase()
        for row in rows {
            _ = try oneByOne.addRole(RoleDraft(key: row.key, title: row.title, holder: row.holder.isEmpty ? nil : row.holder,
                                               reportsTo: row.manager.isEmpty ? nil : row.manager))
        }
        let indexed = try Self.terms(bulk)
        #expect(indexed.count > count)
        #expect(indexed == (try Self.terms(oneByOne)))
        #expect(try bulk.db.integer("SELECT count(*) FROM search_stale") == 0)
        // The insert trigger is back: a role added later is indexed.
        #expect(try bulk.db.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'search_role_insert'") == 1)
        _ = try bulk.addRole(RoleDraft(key: "late", title: "Analyst", holder: "Zofia Żak", reportsTo: "r0"))
        #expect(try bulk.find("zak").map(\.key) == ["late"])
    }
}
