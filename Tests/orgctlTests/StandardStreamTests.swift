import Foundation
import Testing

/// Standard output that cannot be written must not pass for success, and
/// orgctl never waits for, or trips over, standard input.
@Suite("Standard streams")
struct StandardStreamTests {
    @Test("print tree with stdout on /dev/full exits 74 with a message on stderr",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func devFull() throws {
        let sandbox = try Sandbox.example()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try sandbox.run(["print", "tree"], stdout: full)
        #expect(result.status == Exit.storage, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("orgctl: "))
        #expect(result.stderr.contains("could not write the output"))
    }

    @Test("print tree --json with stdout on /dev/full exits 74",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func devFullJSON() throws {
        let sandbox = try Sandbox.example()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try sandbox.run(["print", "tree", "--json"], stdout: full)
        #expect(result.status == Exit.storage, "\(result)")
        #expect(result.stderr.hasPrefix("orgctl: "))
    }

    @Test("print tree into a pipe nobody reads exits 74 instead of dying of SIGPIPE")
    func closedPipe() throws {
        let sandbox = try Sandbox.example()
        Reliability.keepStandardInputOpen()
        let pipe = Pipe()
        // Nobody will ever read: the first write fails with EPIPE.
        try pipe.fileHandleForReading.close()
        let result = try sandbox.run(["print", "tree"], stdout: pipe.fileHandleForWriting)
        try? pipe.fileHandleForWriting.close()
        #expect(result.status == Exit.storage, "\(result)")
        #expect(result.stderr.hasPrefix("orgctl: "))
        #expect(result.stderr.contains("could not write the output"))
    }

    @Test("a write whose confirmation cannot be printed exits 76, saying the change was saved")
    func writeWithFullOutput() throws {
        let sandbox = try Sandbox.example()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try sandbox.run(["set", "role", "cfo", "--holder", "Ada Lovelace"], stdout: full)
        #expect(result.status == Exit.reportLost, "\(result)")
        #expect(result.stderr.contains("the change was saved, but its report could not be written"))
    }

    @Test("with standard input closed, reads and writes work as usual")
    func stdinClosed() throws {
        let sandbox = try Sandbox.example()
        let expected = try sandbox.ok("print", "tree")
        let read = try sandbox.run(["print", "tree"], closeStdin: true)
        #expect(read.status == Exit.success, "\(read)")
        #expect(read.stdout == expected.stdout)
        let write = try sandbox.run(["add", "role", "cfo-deputy", "--title", "Deputy CFO", "--reports-to", "cfo"],
                                    closeStdin: true)
        #expect(write.status == Exit.success, "\(write)")
        #expect(try sandbox.ok("who-reports-to", "cfo", "--count").stdout == "2\n")
    }
}
