import Foundation
import Testing
@testable import OrgModel

/// The HR sample (60 roles keyed E1001…, accented names) in a fresh database.
func hrSampleDatabase() throws -> OrgDatabase {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    let roles = try Array(Data(contentsOf: fixtures.appendingPathComponent("hr-sample.csv")))
    let units = try Array(Data(contentsOf: fixtures.appendingPathComponent("hr-sample-units.csv")))
    let org = try OrgDatabase.inMemory()
    _ = try org.importChart(try ImportSource.csv(roles: roles, file: "hr-sample.csv", units: units, unitsFile: "hr-sample-units.csv",
                                                 options: ImportOptions()))
    return org
}

/// `find`: by holder, title, unit name or key, ignoring case, accents and
/// punctuation, ranked, and always answering for the chart as it is.
@Suite struct FindTests {
    private func keys(_ org: OrgDatabase, _ text: String, limit: Int = 20) throws -> [String] {
        try org.find(text, limit: limit).map(\.key)
    }

    @Test(arguments: [
        ("renee", "E1033"), ("Renée", "E1033"), ("RENEE LEVESQUE", "E1033"), ("cerna", "E1007"), ("dom cer", "E1007"),
        ("cer dom", "E1007"), ("oconnor", "E1008"), ("o'connor", "E1008"), ("sondergaard", "E1009"), ("yilmaz", "E1011"),
        ("ayse", "E1011"), ("malgorzata", "E1012"), ("nuno pena", "E1010"), ("e1033", "E1033"),
    ])
    func findsPeopleHowEverTheyAreTyped(_ text: String, _ key: String) throws {
        let org = try hrSampleDatabase()
        #expect(try keys(org, text).first == key)
    }

    @Test func aRoleReadsWithItsUnitAndTop() throws {
        let org = try hrSampleDatabase()
        guard case let .role(found) = try org.find("renee").first else { Issue.record("no role found"); return }
        #expect(found.role.holder == "Renée Lévesque")
        #expect(found.unitName == "Enterprise PMO")
        #expect(found.top.key == "E1001")
        #expect(found.match == .wholeName || found.match == .name)
    }

    /// Whole name first, then names beginning with the words, then titles
    /// and unit names, then keys beginning with the text.
    @Test func ranksWholeNamesThenNamePrefixesThenTitlesAndUnits() throws {
        let org = try emptyDatabase()
        _ = try org.addRole(RoleDraft(key: "a1", title: "Mark Analyst", holder: "Ann Markova"))
        _ = try org.addRole(RoleDraft(key: "a2", title: "Clerk", holder: "Mark"))
        _ = try org.addRole(RoleDraft(key: "a3", title: "Clerk", holder: "Mark Jones"))
        _ = try org.addUnit(UnitDraft(key: "mk", name: "Marketing", kind: .department))
        _ = try org.addRole(RoleDraft(key: "mark-x", title: "Clerk", holder: "Zed"))
        let found = try org.find("mark")
        #expect(found.map(\.key) == ["a2", "a3", "mk", "a1", "mark-x"])
        #expect(found.map(\.match) == [.wholeName, .name, .name, .name, .keyPrefix])
        #expect(try org.find("mark", limit: 2).count == 2)
        #expect(try org.find("clerk").map(\.match) == [.title, .title, .title])
        #expect(try org.find("mark-x").map(\.match).first == .key)
    }

    @Test func nothingMatchesUnknownWordsOrEmptyText() throws {
        let org = try hrSampleDatabase()
        #expect(try keys(org, "zzzz").isEmpty)
        #expect(try keys(org, "   ").isEmpty)
        #expect(try keys(org, "renee zzz").isEmpty)
    }

    /// Every write keeps the index current in its own transaction: renaming,
    /// vacating, removing, undoing, and units.
    @Test func everyWriteKeepsTheIndexCurrent() throws {
        let org = try hrSampleDatabase()
        _ = try org.updateRole("E1033", RoleChanges(holder: .holder("Zofia Żak")))
        #expect(try keys(org, "renee").isEmpty)
        #expect(try keys(org, "zofia zak") == ["E1033"])
        _ = try org.undo()
        #expect(try keys(org, "renee") == ["E1033"])
        #expect(try keys(org, "zak").isEmpty)
        _ = try org.removeRole("E1033")
        #expect(try keys(org, "renee").isEmpty)
        _ = try org.addUnit(UnitDraft(key: "lab", name: "Łódź Innovation Lab", kind: .team))
        #expect(try keys(org, "lodz") == ["lab"])
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try indexMatchesAFreshFold(org))
    }

    /// Rows another program changed (the triggers note them; nothing folds
    /// them until the next write) are still found as they are now.
    @Test func rowsChangedByAnotherProgramAreFoundAsTheyAreNow() throws {
        let org = try hrSampleDatabase()
        try org.db.run("UPDATE role SET holder = 'Þóra Guðmundsdóttir' WHERE key = 'E1033'")
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 1)
        #expect(try keys(org, "thora") == ["E1033"])
        #expect(try keys(org, "renee").isEmpty)
        _ = try org.addRole(RoleDraft(key: "E2000", title: "Intern"))
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try keys(org, "thora gud") == ["E1033"])
    }

    /// A planned hire is found as of its date and after, not before.
    @Test func aPlannedHireIsFoundFromItsDate() throws {
        let org = try hrSampleDatabase()
        let start = Timestamp.parse("2999-01-15", day: .start)!
        org.intent = ChangeIntent(command: "plan", effective: start)
        _ = try org.addRole(RoleDraft(key: "E1080", title: "Payroll Specialist", holder: "Zoë Ærø", reportsTo: "E1002"))
        org.intent = ChangeIntent()
        #expect(try keys(org.asOf(Timestamp.parse("2999-01-14", day: .end)!), "zoe aero").isEmpty)
        #expect(try keys(org.asOf(start), "zoe aero") == ["E1080"])
        #expect(try keys(org.asOf(Timestamp.parse("2999-03-01", day: .end)!), "aero") == ["E1080"])
    }

    /// A file from before the index (schema version 3: a new file without the
    /// `@since 4` section and the later ones) is searched as it is,
    /// and its first write builds the index.
    @Test func aVersionThreeFileIsSearchedAndIndexedOnItsFirstWrite() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v3.db")
        do {
            let org = try OrgDatabase(path: path, access: .write)
            try org.initialise(with: .enterprisePMO)
            try org.db.execute(script: """
                DROP TABLE search_term; DROP TABLE search_stale;
                DROP TRIGGER search_role_insert; DROP TRIGGER search_role_update; DROP TRIGGER search_role_delete;
                DROP TRIGGER search_unit_insert; DROP TRIGGER search_unit_update; DROP TRIGGER search_unit_delete;
                DROP TABLE access_token;
                DROP INDEX role_assistant; DROP TRIGGER history_role_update; DROP TRIGGER history_role_delete;
                ALTER TABLE role DROP COLUMN assistant; ALTER TABLE role_was DROP COLUMN assistant;
                PRAGMA user_version = 3;
                """)
        }
        let reader = try OrgDatabase(path: path, access: .read)
        // Read through a copy brought to this version in memory.
        #expect(reader.readsUpgradedCopy)
        #expect(try reader.find("amara okafor").map(\.key) == ["ceo"])
        let writer = try OrgDatabase(path: path, access: .write)
        _ = try writer.updateRole("cfo", RoleChanges(holder: .holder("Renée Lévesque")))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try writer.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try writer.find("renee").map(\.key) == ["cfo"])
        #expect(try writer.find("amara").map(\.key) == ["ceo"])
        #expect(try indexMatchesAFreshFold(writer))
    }

    @Test(arguments: ["v1-enterprise-pmo.db", "v2-enterprise-pmo.db"])
    func anUpgradedFileGetsAWorkingIndex(fixture name: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file(name)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: path)
        let writer = try OrgDatabase(path: path, access: .write)
        _ = try writer.addRole(RoleDraft(key: "hr-1", title: "HR Partner", holder: "Siobhán O'Connor", reportsTo: "ceo"))
        #expect(try writer.find("oconnor").map(\.key) == ["hr-1"])
        #expect(try writer.find("grace whitfield").map(\.key) == ["cpo"])
        #expect(try indexMatchesAFreshFold(writer))
    }

    /// A bulk import fills the index (in one pass, with its owner index built after).
    @Test func anImportFillsTheIndex() throws {
        let org = try hrSampleDatabase()
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try indexMatchesAFreshFold(org))
        #expect(try org.db.statement("SELECT name FROM sqlite_schema WHERE name = 'search_term_owner'").map { $0.text(0) } == ["search_term_owner"])
    }

    /// An import of more rows than are worth inserting one by one loads the
    /// index sorted, with the same terms; a later edit still updates it.
    @Test func aLargeImportLoadsTheIndexSorted() throws {
        let names = ["Renée Lévesque", "Dominika Černá", "Siobhán O'Connor", "Ayşe Yılmaz", "Jo Smith"]
        var csv = "key,title,holder,reports_to\nboss,Chief Executive Officer,Amara Okafor,\n"
        let count = Int(SearchIndex.sortedLoadThreshold) + 500
        for index in 0..<count {
            csv += "r\(index),Analyst \(index % 7),\(index % 11 == 0 ? "" : names[index % names.count]),boss\n"
        }
        let org = try emptyDatabase()
        _ = try org.importChart(try ImportSource.csv(roles: Array(csv.utf8), file: "big.csv", options: ImportOptions()))
        #expect(try indexMatchesAFreshFold(org))
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        #expect(try org.find("oconnor", limit: 1000).count == (0..<count).filter { $0 % 11 != 0 && $0 % names.count == 2 }.count)
        _ = try org.updateRole("r1", RoleChanges(holder: .holder("Zofia Żak")))
        #expect(try org.find("zak").map(\.key) == ["r1"])
        #expect(try indexMatchesAFreshFold(org))
    }

    /// The stored terms are exactly what folding every row afresh gives.
    private func indexMatchesAFreshFold(_ org: OrgDatabase) throws -> Bool {
        var expected: [String] = []
        try org.db.statement("SELECT id, holder, title FROM role").forEachRow { row in
            expected += SearchIndex.terms(name: row.optionalText(1), title: row.text(2)).map { "\($0.term)|\(row.int(0))|\($0.field.rawValue)" }
        }
        try org.db.statement("SELECT -id, name FROM unit").forEachRow { row in
            expected += SearchIndex.terms(name: row.text(1), title: nil).map { "\($0.term)|\(row.int(0))|\($0.field.rawValue)" }
        }
        let stored = try org.db.statement("SELECT term, owner, field FROM search_term").map { "\($0.text(0))|\($0.int(1))|\($0.int(2))" }
        return Set(expected) == Set(stored) && stored.count == Set(stored).count
    }
}
