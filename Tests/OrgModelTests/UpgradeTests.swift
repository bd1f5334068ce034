import Foundation
import Testing
@testable import OrgModel

/// A database written by schema version 1 must keep working with every later
/// version: read as it is, and upgraded in place on the first write.
@Suite struct UpgradeTests {
    private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/v1-enterprise-pmo.db")

    @Test func aVersionOneDatabaseReadsAndWrites() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("v1.db")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let before = try OrgDatabase(path: path, access: .read)
        #expect(try before.db.integer("PRAGMA user_version") == 1)
        #expect(try before.countReports(to: "ceo", all: true) == 26)
        #expect(try before.check().filter { $0.severity == .error }.isEmpty)
        let writer = try OrgDatabase(path: path, access: .write)
        try writer.addRole(RoleDraft(key: "pmo-it-coordinator", title: "PMO Coordinator", reportsTo: "pmo-it-director"))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(try writer.countReports(to: "ceo", all: true) == 27)
    }
}
