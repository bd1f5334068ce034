import Foundation
import Testing
@testable import OrgModel

/// What a long-running reader polls to learn that the file changed.
@Suite struct ChangeWatchTests {
    @Test func theCounterMovesOnAnotherConnectionsCommitOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("org.db").path
        let writer = try OrgDatabase(path: path, access: .write)
        try writer.initialise(with: .enterprisePMO)
        let watcher = try OrgDatabase(path: path, access: .read)
        let before = try watcher.commitCounter()
        #expect(try watcher.commitCounter() == before)
        let newest = try #require(try watcher.newestChangeID())
        _ = try writer.move("pm-crm", to: "cfo")
        #expect(try watcher.commitCounter() != before)
        #expect(try watcher.newestChangeID() == newest + 1)
        // A refused write commits nothing.
        let after = try watcher.commitCounter()
        #expect(throws: OrgError.self) { _ = try writer.move("ceo", to: "cfo") }
        #expect(try watcher.commitCounter() == after)
        #expect(try watcher.newestChangeID() == newest + 1)
    }
}
