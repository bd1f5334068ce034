import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// A write on a file commits without its own sync and checkpoints its
/// commit straight after: when the write returns, the change is in the
/// database file itself (not only in the write-ahead log), even while
/// other connections keep the file open and no connection has closed.
@Suite struct DurableCommitTests {
    /// The roles of a copy of the database file alone, without its -wal.
    private func rolesInFileAlone(_ folder: TemporaryDirectory) throws -> [String] {
        let copy = folder.file("copy.db")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: folder.file("org.db"), toPath: copy)
        let alone = try OrgDatabase(path: copy, access: .read)
        return try alone.db.statement("SELECT key FROM role ORDER BY key").map([]) { $0.text(0) }
    }

    @Test func aWriteLeavesItsChangeInTheFileWhileOthersHoldItOpen() throws {
        let folder = try TemporaryDirectory()
        let writer = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try writer.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer"))
        let reader = try OrgDatabase(path: folder.file("org.db"), access: .read)
        _ = try reader.role("ceo")
        try writer.addRole(RoleDraft(key: "cio", title: "Chief Information Officer", reportsTo: "ceo"))
        // Both connections are open: no close has checkpointed anything.
        #expect(try rolesInFileAlone(folder) == ["ceo", "cio"])
        #expect(try writer.db.integer("PRAGMA synchronous") == 1, "commits in WAL mode sync at the checkpoint, not each")
    }

    /// A reader in the middle of a read keeps the checkpoint from copying
    /// the new pages; the write still succeeds (its log is synced instead),
    /// and the file holds the change once that reader is done and the last
    /// connection closes.
    @Test func aReaderPinningAnOlderSnapshotDelaysTheCopyButNotTheWrite() throws {
        let folder = try TemporaryDirectory()
        var writer: OrgDatabase? = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try writer?.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer"))
        var pinning: Connection? = try Connection(path: folder.file("org.db"), mode: .readOnly)
        try pinning?.execute(script: "BEGIN; SELECT count(*) FROM role;")
        try writer?.addRole(RoleDraft(key: "cio", title: "Chief Information Officer", reportsTo: "ceo"))
        #expect(try rolesInFileAlone(folder) == ["ceo"])
        #expect(try writer?.role("cio").reportsTo == "ceo")
        try pinning?.execute(script: "COMMIT")
        pinning = nil
        writer = nil
        #expect(try rolesInFileAlone(folder) == ["ceo", "cio"])
        #expect(try folder.contents() == ["copy.db", "org.db"])
    }

    @Test func aDatabaseInMemoryKeepsItsSettings() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "x1", title: "Analyst"))
        #expect(try org.db.integer("PRAGMA synchronous") == 2)
    }
}
