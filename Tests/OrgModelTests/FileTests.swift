import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

@Suite("Database files")
struct FileTests {
    private func isNotAnOrgDatabase(_ error: OrgError?, _ path: String) -> Bool {
        if case .notAnOrgDatabase(path, _)? = error { true } else { false }
    }

    @Test func readingAMissingFileCreatesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("missing.db")
        #expect(refusal { try OrgDatabase(path: path, access: .read) } == OrgError.databaseMissing(path: path))
        #expect(try dir.contents() == [])
    }

    @Test func writingCreatesAMarkedFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("new.db")
        do {
            let org = try OrgDatabase(path: path, access: .write)
            #expect(try org.isEmpty())
            #expect(try org.db.integer("PRAGMA application_id") == OrgDatabase.applicationID)
            #expect(try org.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        }
        // Once made, it opens for reading.
        #expect(try OrgDatabase(path: path, access: .read).isEmpty())
    }

    @Test(arguments: [OrgDatabase.Access.read, .write])
    func aTextFileIsNotADatabase(_ access: OrgDatabase.Access) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("notes.db")
        let text = String(repeating: "Minutes of the PMO steering meeting.\n", count: 200)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(isNotAnOrgDatabase(refusal { try OrgDatabase(path: path, access: access) }, path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test(arguments: [OrgDatabase.Access.read, .write])
    func randomBytesAreNotADatabase(_ access: OrgDatabase.Access) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("noise.db")
        var random = SplitMix64(seed: 42)
        let bytes = Data((0..<8192).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(isNotAnOrgDatabase(refusal { try OrgDatabase(path: path, access: access) }, path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test(arguments: [OrgDatabase.Access.read, .write])
    func anotherProgramsSQLiteFileIsNotOurs(_ access: OrgDatabase.Access) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("other.db")
        do {
            let other = try Connection(path: path, mode: .readWriteCreate)
            try other.execute(script: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5);")
        }
        #expect(isNotAnOrgDatabase(refusal { try OrgDatabase(path: path, access: access) }, path))
        // Its data is untouched and no schema of ours was added.
        let other = try Connection(path: path, mode: .readOnly)
        #expect(try other.statement("SELECT name FROM sqlite_schema WHERE type = 'table'").map { $0.text(0) } == ["invoice"])
        #expect(try other.integer("SELECT count(*) FROM invoice") == 1)
    }

    @Test func anotherApplicationsIDIsRefused() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("foreign.db")
        do {
            let other = try Connection(path: path, mode: .readWriteCreate)
            try other.execute(script: "PRAGMA application_id = 305419896; CREATE TABLE t (x);")
        }
        #expect(isNotAnOrgDatabase(refusal { try OrgDatabase(path: path, access: .write) }, path))
    }

    @Test func anEmptyFileIsNotReadable() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("empty.db")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(isNotAnOrgDatabase(refusal { try OrgDatabase(path: path, access: .read) }, path))
    }

    @Test(arguments: [OrgDatabase.Access.read, .write])
    func aNewerSchemaIsRefused(_ access: OrgDatabase.Access) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("future.db")
        do {
            let future = try Connection(path: path, mode: .readWriteCreate)
            try future.execute(script: "PRAGMA application_id = \(0x4F52474D); PRAGMA user_version = 99; CREATE TABLE role (id INTEGER PRIMARY KEY);")
        }
        #expect(refusal { try OrgDatabase(path: path, access: access) } == OrgError.newerSchema(path: path, version: 99, supported: OrgDatabase.schemaVersion))
    }

    @Test func twoInstancesOnOneFileSeeEachOthersWrites() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("shared.db")
        let first = try OrgDatabase(path: path, access: .write)
        try first.initialise(with: .enterprisePMO)
        let second = try OrgDatabase(path: path, access: .write)
        #expect(try second.countReports(to: "ceo", all: true) == 26)

        try second.addRole(RoleDraft(key: "pm-new", title: "Project Manager", reportsTo: "prog-digital-manager"))
        #expect(try first.role("pm-new").reportsTo == "prog-digital-manager")
        try first.move("pm-new", to: "ops-director")
        #expect(try second.role("pm-new").depth == 3)

        let reader = try OrgDatabase(path: path, access: .read)
        #expect(try reader.countReports(to: "ceo", all: true) == 27)
        #expect(try pathInvariantViolations(reader) == [])
    }

    @Test func unitsAddedThroughOneInstanceReachRolesReadThroughAnother() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("units.db")
        let first = try OrgDatabase(path: path, access: .write)
        try first.initialise(with: .enterprisePMO)
        // A read through the first instance, before the second one changes units.
        #expect(try first.role("fin-controller").pmo == nil)

        let second = try OrgDatabase(path: path, access: .write)
        try second.addUnit(UnitDraft(key: "pmo-fin", name: "Finance PMO", kind: .pmo, pmoType: .supportive, parent: "fin"))
        try second.updateRole("fin-controller", RoleChanges(unit: "pmo-fin"))

        let role = try first.role("fin-controller")
        #expect(role.unit == "pmo-fin")
        #expect(role.pmo == PMOPlacement(key: "pmo-fin", name: "Finance PMO", type: .supportive))
        guard case .unit(let unit) = try first.details(of: "pmo-fin") else { return }
        #expect(unit.pmo?.key == "pmo-fin")
    }

    @Test func aReadOnlyInstanceRefusesWrites() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("ro.db")
        try OrgDatabase(path: path, access: .write).initialise(with: .enterprisePMO)
        let reader = try OrgDatabase(path: path, access: .read)
        #expect(refusal { try reader.addRole(RoleDraft(key: "x", title: "X")) } == OrgError.readOnly(path: path))
        #expect(try reader.countReports(to: "ceo", all: true) == 26)
    }
}
