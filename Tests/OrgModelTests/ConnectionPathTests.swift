import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// Paths reach SQLite as the names of files, whatever they look like.
@Suite("Database paths")
struct DatabasePathLibraryTests {
    @Test func anEmptyPathIsRefusedAndNothingIsOpened() throws {
        for access in [OrgDatabase.Access.read, .inspect, .write] {
            #expect(refusal { try OrgDatabase(path: "", access: access) }
                    == .invalidValue(field: "database path", value: "", hint: "give the path of a file, such as org.db"))
        }
        #expect(throws: SQLiteError.self) { try Connection(path: "", mode: .readWriteCreate) }
    }

    @Test func theInMemoryDatabaseIsAskedForByName() throws {
        let org = try OrgDatabase.inMemory()
        #expect(org.path == ":memory:")
        try org.addRole(RoleDraft(key: "ceo", title: "CEO"))
        #expect(try org.asOf(.beginning).isEmpty())
        #expect(try Connection.inMemory().integer("SELECT 1") == 1)
    }

    /// A relative name that SQLite reads as special, given to every mode,
    /// finds no file in the working directory (the tests never make one
    /// there), so opening it fails instead of opening a database in memory.
    @Test(arguments: [":memory:", "file::memory:", "file:x.db?mode=memory", "file:x.db?mode=memory&cache=shared"])
    func aSpecialRelativeNameIsAFileName(_ name: String) throws {
        try #require(!FileManager.default.fileExists(atPath: name))
        for mode in [Connection.Mode.readOnly, .readWrite, .immutable] {
            #expect(throws: SQLiteError.self, "\(name) opened in \(mode)") { try Connection(path: name, mode: mode) }
        }
        #expect(refusal { try OrgDatabase(path: name, access: .read) } == .databaseMissing(path: name))
        #expect(!FileManager.default.fileExists(atPath: name))
    }

    /// Names with the characters a URI gives meaning to, opened immutable
    /// (through a URI) and read-write: both reach the same file.
    @Test(arguments: [":memory:", "file:a.db?mode=memory", "odd?name#%41.db", "  spaced  .db", "file:%3Fq"])
    func immutableReadsTheFileNamed(_ name: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file(name)
        try OrgDatabase(path: path, access: .write).addRole(RoleDraft(key: "ceo", title: "CEO"))
        let immutable = try Connection(path: path, mode: .immutable)
        #expect(try immutable.integer("SELECT count(*) FROM role") == 1)
        // An absolute path that starts with "//" is still a path, not a host.
        let doubled = try Connection(path: "/" + path, mode: .immutable)
        #expect(try doubled.integer("SELECT count(*) FROM role") == 1)
        #expect(try dir.contents().contains(name))
    }
}
