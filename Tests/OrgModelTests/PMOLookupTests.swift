import OrgSQLite
import Testing
@testable import OrgModel

/// The PMO found unit by unit (for answers about a few roles) is the one
/// the whole unit directory gives, for every unit, past the point where the
/// look-up reads the directory itself, and in a file whose parents loop.
@Suite struct PMOLookupTests {
    /// A chart with PMOs inside PMOs, units under them, and units in no PMO at all.
    private func nestedChart() throws -> OrgDatabase {
        let org = try exampleDatabase()
        try org.addUnit(UnitDraft(key: "pmo-inner", name: "Inner PMO", kind: .pmo, pmoType: .directive, parent: "pmo-it"))
        var parent = "pmo-inner"
        for index in 0..<20 {
            try org.addUnit(UnitDraft(key: "team-\(index)", name: "Team \(index)", kind: .team, parent: parent))
            parent = "team-\(index)"
        }
        try org.addUnit(UnitDraft(key: "loose", name: "Loose", kind: .team))
        return org
    }

    private func unitIDs(_ org: OrgDatabase) throws -> [Int64] {
        try org.db.statement("SELECT id FROM unit ORDER BY id").map { $0.int(0) }
    }

    @Test func everyUnitsPMOIsTheDirectorysBeforeAndPastTheThreshold() throws {
        let org = try nestedChart()
        let ids = try unitIDs(org)
        try #require(ids.count > PMOLookup.directoryThreshold * 2)
        let directory = try org.units()
        let lookup = PMOLookup(org: org)
        var placed = 0
        for id in ids {
            let found = try lookup.pmo(forUnitID: id)
            #expect(found == directory.pmo(forUnitID: id), "unit #\(id)")
            if found != nil { placed += 1 }
        }
        // Both kinds of answer occur, and nested PMOs give the inner one.
        #expect(placed > 0 && placed < ids.count)
        let inner = try org.db.integer("SELECT id FROM unit WHERE key = 'team-19'")
        #expect(try PMOLookup(org: org).pmo(forUnitID: inner)?.key == "pmo-inner")
        #expect(try PMOLookup(org: org).pmo(forUnitID: nil) == nil)
        #expect(try PMOLookup(org: org).pmo(forUnitID: 999_999) == nil)
    }

    /// Parents edited into a loop by hand (no write makes one): the walk
    /// ends at the unit met twice, as the directory's does.
    @Test func aLoopOfParentsEndsTheWalk() throws {
        let org = try nestedChart()
        try org.db.execute(script: """
            UPDATE unit SET parent_id = (SELECT id FROM unit WHERE key = 'team-5') WHERE key = 'team-0';
            """)
        let directory = try UnitDirectory(db: org.db)
        for id in try unitIDs(org) {
            #expect(try PMOLookup(org: org).pmo(forUnitID: id) == directory.pmo(forUnitID: id), "unit #\(id)")
        }
        let looped = try org.db.integer("SELECT id FROM unit WHERE key = 'team-3'")
        #expect(try PMOLookup(org: org).pmo(forUnitID: looped) == nil)
    }
}
