import Foundation
import Testing
@testable import OrgModel

/// A database written by an earlier schema version must keep working with
/// every later version: read as it is, and upgraded in place on the first write.
@Suite struct UpgradeTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    private let fixture = Self.fixtures.appendingPathComponent("v1-enterprise-pmo.db")

    @Test func aVersionOneDatabaseReadsAndWrites() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v1.db")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let before = try OrgDatabase(path: path, access: .read)
        // Read through a copy brought to this version in memory.
        #expect(before.readsUpgradedCopy)
        #expect(try before.countReports(to: "ceo", all: true) == 26)
        #expect(try before.check().filter { $0.severity == .error }.isEmpty)
        let chartBefore = try snapshot(before, only: ["unit", "role", "dotted_line", "governance"])
        #expect(try before.history().isEmpty)
        #expect(try before.asOf(.beginning) === before)

        let writer = try OrgDatabase(path: path, access: .write)
        try writer.addRole(RoleDraft(key: "pmo-it-coordinator", title: "PMO Coordinator", reportsTo: "pmo-it-director"))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try writer.countReports(to: "ceo", all: true) == 27)
        // From the upgrade on, writes are recorded; what came before is the
        // chart as it was at the upgrade.
        #expect(try writer.history().map(\.summary) == [["added pmo-it-coordinator (PMO Coordinator, vacant) reporting to pmo-it-director (Lena Fischer)"]])
        #expect(try snapshot(writer.asOf(.beginning), only: ["unit", "role", "dotted_line", "governance"]) == chartBefore)
        try writer.undo()
        #expect(try snapshot(writer, only: ["unit", "role", "dotted_line", "governance"]) == chartBefore)
        #expect(try writer.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
    }

    /// A file whose tables are this version's, short only of later indexes
    /// (version 6 lacks the whole-name index), is read as it is, not copied
    /// into memory: a million-role file would cost its size and seconds on
    /// every read until a write. Its answers are the same; the first write
    /// adds the index.
    @Test func aFileShortOnlyOfAnIndexIsReadAsItIs() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v6.db")
        do {
            let org = try OrgDatabase(path: path, access: .write)
            try org.initialise(with: .enterprisePMO)
            try org.db.execute(script: "DROP INDEX search_term_whole_name; PRAGMA user_version = 6;")
        }
        let reader = try OrgDatabase(path: path, access: .read)
        #expect(!reader.readsUpgradedCopy)
        #expect(try reader.find("amara okafor").map(\.key) == ["ceo"])
        #expect(try reader.chain(of: "pm-payments").last?.key == "ceo")
        #expect(try reader.db.integer("PRAGMA user_version") == 6)
        let writer = try OrgDatabase(path: path, access: .write)
        _ = try writer.updateRole("cfo", RoleChanges(holder: .holder("Renée Lévesque")))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try writer.db.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'search_term_whole_name'") == 1)
        #expect(try writer.find("renee").map(\.key) == ["cfo"])
    }

    /// Opening for writing does not upgrade; a refused write leaves the file
    /// byte for byte as it was, and a read never upgrades.
    @Test func aRefusedWriteDoesNotUpgrade() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v1.db")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let writer = try OrgDatabase(path: path, access: .write)
            #expect(refusal { try writer.move("ceo", to: "pm-payments") } != nil)
            #expect(refusal { try writer.undo() } == .nothingToUndo(path: path))
            #expect(try writer.history().isEmpty)
            #expect(try writer.db.integer("PRAGMA user_version") == 1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    /// The upgrade is the `@since` sections after the file's version and
    /// nothing else: a fresh database and an upgraded one have the same schema.
    @Test(arguments: ["v1-enterprise-pmo.db", "v2-enterprise-pmo.db"])
    func anUpgradedDatabaseHasTheSchemaOfANewOne(fixture name: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file(name)
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent(name).path, toPath: path)
        let upgraded = try OrgDatabase(path: path, access: .write)
        try upgraded.updateRole("cfo", RoleChanges(holder: .holder("New CFO")))
        let fresh = try OrgDatabase(path: dir.file("new.db"), access: .write)
        let schema = { (org: OrgDatabase) in
            try org.db.statement("SELECT type, name, sql FROM sqlite_schema ORDER BY name").map { "\($0.text(0)) \($0.text(1)) \($0.text(2))" }
        }
        #expect(try schema(upgraded) == schema(fresh))
        #expect(try upgraded.db.integer("PRAGMA user_version") == fresh.db.integer("PRAGMA user_version"))
        #expect(try upgraded.db.integer("PRAGMA application_id") == OrgDatabase.applicationID)
    }

    /// A version 2 database keeps its history through the upgrade: the changes
    /// recorded before it are still listed and undone, and the replaced
    /// role-update trigger records the changes after it.
    @Test func aVersionTwoDatabaseKeepsItsHistory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v2.db")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("v2-enterprise-pmo.db").path, toPath: path)
        let before = try OrgDatabase(path: path, access: .read)
        #expect(before.readsUpgradedCopy)
        #expect(try before.history().count == 3)
        #expect(try before.role("pm-payments").reportsTo == "pmo-it-director")

        let writer = try OrgDatabase(path: path, access: .write)
        _ = try writer.updateRole("pm-payments", RoleChanges(title: "Senior Project Manager"))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try writer.history().first?.summary == ["pm-payments (Jane Doe) title: Project Manager → Senior Project Manager"])
        try writer.move("pm-payments", to: "cio")
        #expect(try writer.history().first?.summary == ["pm-payments (Jane Doe) moved from pmo-it-director (Lena Fischer) to cio (Henrik Lund)"])
        try writer.undo()
        try writer.undo()
        #expect(try writer.role("pm-payments").title == "Project Manager")
        // Undoing on into the changes version 2 recorded.
        try writer.undo()
        #expect(try writer.role("pm-payments").reportsTo == "prog-digital-manager")
        try writer.undo()
        #expect(try writer.role("cfo").holder == nil)
        #expect(try pathInvariantViolations(writer).isEmpty)
    }

    /// A refused first write (or a rehearsal) leaves a version 2 file as it
    /// was, history included: the same handle still lists and undoes it.
    @Test func aRefusedFirstWriteKeepsAVersionTwoHistory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v2.db")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("v2-enterprise-pmo.db").path, toPath: path)
        let writer = try OrgDatabase(path: path, access: .write)
        #expect(refusal { try writer.move("ceo", to: "pm-payments") } != nil)
        #expect(try writer.db.integer("PRAGMA user_version") == 2)
        #expect(try writer.history().count == 3)
        try writer.undo()
        #expect(try writer.role("pm-payments").reportsTo == "prog-digital-manager")
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
    }
}
