import Foundation
import Testing

extension Exit {
    /// The change was saved; only its report to standard output was lost.
    static let reportLost: Int32 = 76
}

/// A write whose report cannot be written still tells a script whether the
/// change was made: 76 when it was saved, 74 or the refusal's own code when
/// nothing was written.
@Suite("Report lost after a saved change", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
struct ReportLostTests {
    static func devFull() throws -> FileHandle {
        try #require(FileHandle(forWritingAtPath: "/dev/full"))
    }

    /// Checks the one line that says the change was saved.
    static func expectSaved(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
        expectFailure(result, status: Exit.reportLost,
                      mentions: ["the change was saved, but its report could not be written", "No space left on device"],
                      sourceLocation: sourceLocation)
    }

    @Test("add role with stdout on /dev/full exits 76 and the role is there")
    func addRole() throws {
        let sandbox = try Sandbox.example()
        let full = try Self.devFull()
        defer { try? full.close() }
        for json in [false, true] {
            let key = json ? "deputy-json" : "deputy"
            let result = try sandbox.run(["add", "role", key, "--title", "Deputy", "--reports-to", "cfo"] + (json ? ["--json"] : []),
                                         stdout: full)
            Self.expectSaved(result)
            #expect(try sandbox.ok("chain", key).stdout.contains("cfo"))
        }
    }

    @Test("import with stdout on /dev/full exits 76 and the roles are there; a dry run exits 74")
    func importChart() throws {
        let sandbox = try Sandbox.example()
        let full = try Self.devFull()
        defer { try? full.close() }
        try Data("key,title,reports_to\nnew-one,New,ceo\nnew-two,New,new-one\n".utf8).write(to: sandbox.url("roles.csv"))
        let dryRun = try sandbox.run(["import", "roles.csv", "--dry-run"], stdout: full)
        expectFailure(dryRun, status: Exit.storage, mentions: ["could not write the output"])
        #expect(try sandbox.countBelow("ceo") == 26)
        Self.expectSaved(try sandbox.run(["import", "roles.csv"], stdout: full))
        #expect(try sandbox.countBelow("ceo") == 28)
    }

    @Test("init, set, move, remove and undo with stdout on /dev/full exit 76, each change made")
    func otherWrites() throws {
        let sandbox = try Sandbox()
        let full = try Self.devFull()
        defer { try? full.close() }
        Self.expectSaved(try sandbox.run(["init", "--example", "enterprise-pmo"], stdout: full))
        #expect(try sandbox.countBelow("ceo") == 26)
        Self.expectSaved(try sandbox.run(["set", "role", "cfo", "--holder", "Ada Lovelace"], stdout: full))
        #expect(try sandbox.ok("show", "cfo").stdout.contains("Ada Lovelace"))
        Self.expectSaved(try sandbox.run(["move", "pm-payments", "--to", "cio"], stdout: full))
        #expect(try sandbox.ok("chain", "pm-payments").stdoutLines.count == 3)
        Self.expectSaved(try sandbox.run(["undo"], stdout: full))
        #expect(try sandbox.ok("chain", "pm-payments").stdoutLines.count > 3)
        Self.expectSaved(try sandbox.run(["remove", "role", "pm-payments"], stdout: full))
        #expect(try sandbox.run("show", "pm-payments").status == Exit.refused)
    }

    @Test("a refused write with stdout on /dev/full still exits 1, a read 74, and nothing changes")
    func refusedAndRead() throws {
        let sandbox = try Sandbox.example()
        let full = try Self.devFull()
        defer { try? full.close() }
        let before = try sandbox.databaseBytes()
        let refused = try sandbox.run(["add", "role", "cfo", "--title", "Again"], stdout: full)
        #expect(refused.status == Exit.refused, "\(refused)")
        #expect(!refused.stderr.contains("saved"), "\(refused)")
        let read = try sandbox.run(["print", "tree"], stdout: full)
        expectFailure(read, status: Exit.storage, mentions: ["could not write the output"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("a write into a pipe nobody reads exits 76 too")
    func closedPipe() throws {
        let sandbox = try Sandbox.example()
        Reliability.keepStandardInputOpen()
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let result = try sandbox.run(["add", "role", "deputy", "--title", "Deputy", "--reports-to", "cfo"],
                                     stdout: pipe.fileHandleForWriting)
        try? pipe.fileHandleForWriting.close()
        expectFailure(result, status: Exit.reportLost, mentions: ["the change was saved"])
        #expect(try sandbox.countBelow("cfo") == 2)
    }
}
