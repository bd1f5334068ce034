import Foundation
import Testing

/// Every database path is a file name taken literally: nothing SQLite would
/// read as special (`:memory:`, an empty name, a `file:` URI with options)
/// makes a command seem to work while storing nothing.
@Suite("Database paths")
struct DatabasePathTests {
    /// Names SQLite would otherwise open as an in-memory or temporary
    /// database, or as a URI whose options change how it opens the file.
    static let specialNames = [
        ":memory:", "file:x.db?mode=memory", "file::memory:", "file:y.db?nolock=1",
        "file:z.db?immutable=1", "file:w.db?mode=ro", "file:v.db#part", "file:%41.db",
    ]

    @Test("an empty --db is refused with exit 64 and one line, and no file is made",
          arguments: [["add", "role", "ceo", "--title", "CEO"], ["init"], ["print", "tree"], ["show", "ceo"],
                      ["undo"], ["history"], ["verify"], ["print", "tree", "--as-of", "2020-01-01"]])
    func emptyPath(arguments: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(arguments + ["--db", ""])
        expectFailure(result, status: Exit.usage, mentions: ["--db", "path"])
        #expect(try sandbox.files().isEmpty)
    }

    @Test("an empty ORGCTL_DB counts as unset: the database is ./org.db")
    func emptyEnvironment() throws {
        let sandbox = try Sandbox()
        let added = try sandbox.run(["add", "role", "ceo", "--title", "CEO"], environment: ["ORGCTL_DB": ""])
        #expect(added.status == Exit.success, "\(added)")
        #expect(try sandbox.files() == ["org.db"])
        let shown = try sandbox.run(["show", "ceo"], environment: ["ORGCTL_DB": ""])
        #expect(shown.status == Exit.success, "\(shown)")
    }

    @Test("a write to a name SQLite reads as special creates a file of exactly that name, which later commands read",
          arguments: specialNames)
    func specialNameIsAFile(name: String) throws {
        let sandbox = try Sandbox()
        let added = try sandbox.run("add", "role", "ceo", "--title", "CEO", "--db", name)
        #expect(added.status == Exit.success, "\(added)")
        #expect(try sandbox.files() == [name])
        try sandbox.ok("add", "role", "cfo", "--title", "CFO", "--reports-to", "ceo", "--db", name)
        #expect(try sandbox.ok("who-reports-to", "ceo", "--count", "--db", name).stdout == "1\n")
        #expect(try sandbox.ok("print", "tree", "--db", name, "--as-of", "2000-01-01").stdout.contains("empty"))
        #expect(try sandbox.ok("verify", "--db", name).stdout == "ok: 2 roles, 0 units, 2 changes checked\n")
        // Given through the environment, it is the same file.
        let fromEnvironment = try sandbox.run(["chain", "cfo"], environment: ["ORGCTL_DB": name])
        #expect(fromEnvironment.status == Exit.success, "\(fromEnvironment)")
        #expect(try sandbox.files() == [name])
    }

    @Test("a read of a special name that is no file exits 66, names it as typed, and creates nothing",
          arguments: specialNames)
    func specialNameMissing(name: String) throws {
        let sandbox = try Sandbox()
        for read in [["print", "tree"], ["show", "ceo"], ["verify"], ["history"]] {
            expectFailure(try sandbox.run(read + ["--db", name]), status: Exit.missingDatabase, mentions: [name])
        }
        expectFailure(try sandbox.run("undo", "--db", name), status: Exit.missingDatabase, mentions: [name])
        #expect(try sandbox.files().isEmpty)
    }

    @Test("diff OTHER takes OTHER as a file name too")
    func diffOther() throws {
        let sandbox = try Sandbox.example()
        let missing = try sandbox.run("diff", ":memory:")
        expectFailure(missing, status: Exit.missingDatabase, mentions: [":memory:"])
        #expect(try sandbox.files() == ["org.db"])
        let empty = try sandbox.run("diff", "")
        #expect(empty.status != Exit.success, "\(empty)")
        #expect(try sandbox.files() == ["org.db"])

        try FileManager.default.copyItem(at: sandbox.url("org.db"), to: sandbox.url(":memory:"))
        try sandbox.ok("set", "role", "pm-crm", "--holder", "Ann Lee", "--db", ":memory:")
        let diff = try sandbox.ok("diff", ":memory:")
        #expect(diff.stdout.contains("pm-crm"), "\(diff)")
    }
}
