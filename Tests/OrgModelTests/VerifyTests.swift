import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// `OrgDatabase.verify()`: each kind of damage or inconsistency it is meant
/// to find, found and named; a sound file passes; nothing is ever written.
@Suite("Verify")
struct VerifyTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A file in `dir` holding the example chart and a few recorded changes,
    /// an undo among them.
    private func exampleFile(in dir: TemporaryDirectory) throws -> String {
        let path = dir.file("org.db")
        let org = try OrgDatabase(path: path, access: .write)
        try org.initialise(with: .enterprisePMO)
        try org.addRole(RoleDraft(key: "pm-new", title: "Project Manager", reportsTo: "prog-digital-manager"))
        try org.move("pm-new", to: "ops-director")
        try org.updateRole("pm-new", RoleChanges(holder: .holder("Ann Lee")))
        try org.undo()
        return path
    }

    /// Runs `sql` on the file with no checks of ours and foreign keys off:
    /// the damage a faulty tool or a hand edit could do.
    private func tamper(_ path: String, _ sql: String) throws {
        let raw = try Connection(path: path, mode: .readWrite)
        try raw.execute(script: "PRAGMA foreign_keys = OFF;" + sql)
    }

    private func verified(_ path: String) throws -> Verification {
        try OrgDatabase(path: path, access: .inspect).verify()
    }

    @Test func aSoundFilePasses() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let found = try verified(path)
        #expect(found.problems == [])
        #expect(found.isSound)
        // Nothing written, and no side file left behind.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try dir.contents() == ["org.db"])
        let raw = try Connection(path: path, mode: .readOnly)
        #expect(found.roles == Int(try #require(try raw.integer("SELECT count(*) FROM role"))))
        #expect(found.units == Int(try #require(try raw.integer("SELECT count(*) FROM unit"))))
        #expect(found.changes == 5)
    }

    @Test func anInMemoryDatabasePasses() throws {
        let org = try exampleDatabase()
        #expect(try org.verify().isSound)
    }

    @Test(arguments: ["v1-enterprise-pmo.db", "v2-enterprise-pmo.db"])
    func olderSchemasPassUnchanged(_ name: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file(name)
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent(name).path, toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let found = try verified(path)
        #expect(found.problems == [])
        #expect(found.roles == 27)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aDamagedPageIsFoundAndNamed() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        let raw = try Connection(path: path, mode: .readOnly)
        let page = try #require(try raw.integer("SELECT rootpage FROM sqlite_schema WHERE name = 'role_path'"))
        let pageSize = try #require(try raw.integer("PRAGMA page_size"))
        // Garbage over the index's page header and its cell pointers.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let found = try verified(path)
        #expect(!found.isSound)
        #expect(found.problems.first?.check == .integrity, "\(found.problems)")
        #expect(found.problems.contains { $0.check == .integrity && $0.detail.lowercased().contains("page \(page)") }, "\(found.problems)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aWriteThatMeetsADamagedPageIsRefusedAsDamage() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        let page = try #require(try Connection(path: path, mode: .readOnly)
            .integer("SELECT rootpage FROM sqlite_schema WHERE name = 'role_key'"))
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let org = try OrgDatabase(path: path, access: .write, damageHint: "look closer")
        let error = refusal { try org.addRole(RoleDraft(key: "pm-more", title: "Project Manager", reportsTo: "ceo")) }
        guard case .damageFound(path, _, "look closer")? = error else {
            Issue.record("expected damage found in \(path), got \(String(describing: error))")
            return
        }
        guard case .unusableFile(.damaged)? = error?.category else {
            Issue.record("damage is not in the damaged category")
            return
        }
        #expect(error?.description.hasSuffix("the file was not changed: look closer") == true)
        #expect(!(error?.description.contains("orgctl") ?? true))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aPathLabelThatDoesNotFollowItsManagerIsFound() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, "UPDATE role SET path = path || '11' WHERE key = 'pm-crm';")
        let found = try verified(path)
        #expect(found.problemCount == 1)
        let problem = try #require(found.problems.first)
        #expect(problem.check == .path)
        #expect(problem.detail.hasPrefix("role 'pm-crm' reports to '"), "\(problem)")
    }

    @Test func aDepthThatDoesNotFollowItsManagerIsFound() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, "UPDATE role SET depth = depth + 2 WHERE key = 'pm-crm';")
        let found = try verified(path)
        #expect(found.problems.map(\.check) == [.depth])
        #expect(found.problems.first?.detail.contains("'pm-crm'") == true)
    }

    @Test func aManagerThatDoesNotExistIsAForeignKeyProblem() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, "UPDATE role SET manager_id = 9999 WHERE key = 'pm-crm';")
        let found = try verified(path)
        #expect(found.problems.map(\.check) == [.foreignKeys], "\(found.problems)")
        let detail = try #require(found.problems.first?.detail)
        #expect(detail.hasPrefix("role 'pm-crm' (id ") && detail.hasSuffix("its manager_id 9999 names no role"), "\(detail)")
    }

    @Test func aReportingCycleIsFound() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        // cio reports to pm-crm, which sits below cio; the labels are not redone.
        try tamper(path, "UPDATE role SET manager_id = (SELECT id FROM role WHERE key = 'pm-crm') WHERE key = 'cio';")
        let found = try verified(path)
        let cycles = found.problems.filter { $0.check == .cycle }
        #expect(cycles.count == 1, "\(found.problems)")
        #expect(cycles.first?.detail.hasPrefix("a reporting cycle: ") == true)
        #expect(cycles.first?.detail.contains("cio → pm-crm → prog-digital-manager → pmo-it-director → cio") == true
                || cycles.first?.detail.contains("pm-crm → prog-digital-manager → pmo-it-director → cio → pm-crm") == true,
                "\(cycles)")
        #expect(found.problems.contains { $0.check == .path })
    }

    @Test func historyThatDisagreesWithItselfIsFound() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, """
            INSERT INTO role_was (change_id, id, existed) VALUES (999, 1, 0);
            UPDATE change SET role_seq_end = NULL WHERE id = 2;
            UPDATE change SET undoes = 5 WHERE id = 4;
            """)
        let found = try verified(path)
        let history = found.problems.filter { $0.check == .history }.map(\.detail)
        #expect(history.contains("change #2 was never closed: the write that made it did not finish recording it"), "\(history)")
        #expect(history.contains("role_was holds 1 before-image for change #999, which is not in the change log"), "\(history)")
        #expect(history.contains("change #4 undoes change #5, which was recorded after it"), "\(history)")
    }

    @Test func idsAboveWhatTheHistoryGaveAreFound() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, """
            INSERT INTO role (id, key, title, manager_id, path, depth) VALUES (500, 'stray', 'Stray', NULL, '284', 0);
            """)
        let found = try verified(path)
        #expect(found.problems.map(\.check) == [.history], "\(found.problems)")
        #expect(found.problems.first?.detail.hasPrefix("role id 500 is above the highest role id the history gave out") == true)
    }

    @Test func onlyTheFirstProblemsAreKeptButAllAreCounted() throws {
        let dir = try TemporaryDirectory()
        let path = try exampleFile(in: dir)
        try tamper(path, "UPDATE role SET depth = 50 WHERE manager_id IS NOT NULL;")
        let reporting = try #require(try Connection(path: path, mode: .readOnly).integer("SELECT count(*) FROM role WHERE manager_id IS NOT NULL"))
        let found = try OrgDatabase(path: path, access: .inspect).verify(keepingAtMost: 3)
        #expect(found.problems.count == 3)
        #expect(found.problemCount == Int(reporting))
    }
}
