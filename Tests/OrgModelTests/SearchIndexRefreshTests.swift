import Testing
@testable import OrgModel

/// A write's refresh of the name index reads one stale row with its text in
/// one statement, and more through the load path: either way the index
/// holds what folding every role and unit afresh gives.
@Suite struct SearchIndexRefreshTests {
    /// Every stored term as "term|owner|field", sorted.
    private func stored(_ org: OrgDatabase) throws -> [String] {
        try org.db.statement("SELECT term, owner, field FROM search_term")
            .map { "\($0.text(0))|\($0.int(1))|\($0.int(2))" }.sorted()
    }

    /// The terms of every role and unit as they are now, folded afresh.
    private func folded(_ org: OrgDatabase) throws -> [String] {
        var terms: [String] = []
        try org.db.statement("SELECT id, holder, title FROM role").forEachRow { row in
            for term in SearchIndex.terms(name: row.optionalText(1), title: row.text(2)) {
                terms.append("\(term.term)|\(row.int(0))|\(term.field.rawValue)")
            }
        }
        try org.db.statement("SELECT id, name FROM unit").forEachRow { row in
            for term in SearchIndex.terms(name: row.text(1), title: nil) {
                terms.append("\(term.term)|\(SearchIndex.owner(unitID: row.int(0)))|\(term.field.rawValue)")
            }
        }
        return Array(Set(terms)).sorted()
    }

    /// Roles and units changed behind the library's back (as the sqlite3
    /// shell would), which the schema's triggers note as stale: holders
    /// changed and cleared, a title, a unit's name, a role removed, a role added.
    private func editByHand(_ org: OrgDatabase, roles: Int) throws {
        let keys = try org.db.statement("SELECT key FROM role WHERE holder IS NOT NULL ORDER BY id LIMIT ?")
            .map([.integer(Int64(roles))]) { $0.text(0) }
        for (index, key) in keys.enumerated() {
            try org.db.run("UPDATE role SET holder = ? WHERE key = ?", [index % 3 == 0 ? .null : .text("Łukasz Øberg \(index)"), .text(key)])
        }
        try org.db.run("UPDATE role SET title = 'Café Owner' WHERE key = 'pm-crm'")
        try org.db.run("UPDATE unit SET name = 'Siobhán''s Brand Refresh' WHERE key = 'proj-rebrand'")
        try org.db.run("DELETE FROM role WHERE key = 'epmo-coordinator'")
        try org.db.run("""
            INSERT INTO role (id, key, title, holder, manager_id, path, depth)
            SELECT 900, 'by-hand', 'Renée Lévesque''s Analyst', 'Ayşe Yılmaz', id, path || ?, depth + 1 FROM role WHERE key = 'ceo'
            """, [.text(PathLabel.segment(900))])
    }

    @Test(arguments: [3, 84])
    func aWriteFoldsWhatWasChangedByHand(roles: Int) throws {
        let org = try exampleDatabase()
        #expect(try stored(org) == folded(org))
        try editByHand(org, roles: roles)
        let stale = try #require(try org.db.integer("SELECT count(*) FROM search_stale"))
        #expect(stale > Int64(min(roles, 20)))
        #expect(try stored(org) != folded(org))
        try org.addRole(RoleDraft(key: "new-analyst", title: "Data Analyst", holder: "Dominika Černá", reportsTo: "cio"))
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try stored(org) == folded(org))
        #expect(try org.find("yilmaz").map(\.key) == ["by-hand"])
        #expect(try org.find("cerna").map(\.key) == ["new-analyst"])
    }

    @Test func aWriteFoldsOneRowChangedByHand() throws {
        let org = try exampleDatabase()
        try org.db.run("UPDATE unit SET name = 'Siobhán''s Brand Refresh' WHERE key = 'proj-rebrand'")
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 1)
        #expect(try stored(org) != folded(org))
        // A move notes nothing of its own: the one stale row is the unit's.
        try org.move("pm-crm", to: "cio")
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try stored(org) == folded(org))
        #expect(try org.find("siobhans").count == 1)
    }

    @Test func aRemovedRolesTermsGoWithIt() throws {
        let org = try exampleDatabase()
        #expect(try org.find("ravi patel").map(\.key) == ["pm-crm"])
        _ = try org.removeRole("pm-crm")
        #expect(try org.find("ravi patel").isEmpty)
        #expect(try stored(org) == folded(org))
        try org.addUnit(UnitDraft(key: "new-unit", name: "Łódź Office", kind: .department))
        #expect(try stored(org) == folded(org))
        #expect(try org.find("lodz").count == 1)
    }
}
