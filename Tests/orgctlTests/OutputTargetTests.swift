import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `export -o PATH` writes through what must be written through (devices,
/// named pipes, a descriptor of its own), refuses to overwrite a database,
/// and replaces a regular file keeping its mode and owner. Device nodes are
/// made inside the sandbox, never the machine's own in /dev.
@Suite("export -o targets")
struct OutputTargetTests {
    /// The example's roles as CSV, as `export` writes them to standard output.
    static func exampleCSV(_ sandbox: Sandbox) throws -> String {
        try sandbox.ok("export", "--format", "csv").stdout
    }

    static func kind(_ url: URL) -> mode_t? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// Nothing named like an orgctl temporary file is left in the sandbox.
    static func expectNoTemporary(_ sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try sandbox.files().filter { $0.contains(".orgctl-") }
        #expect(left.isEmpty, "left behind: \(left)", sourceLocation: sourceLocation)
    }

    @Test("a character device is written through and stays a device: null takes it, full exits 74")
    func characterDevices() throws {
        let sandbox = try Sandbox.example()
        for (name, minor) in [("null", "3"), ("full", "7")] {
            let made = try Reliability.run("/usr/bin/mknod", [name, "c", "1", minor], in: sandbox.directory)
            guard made.status == 0 else {
                Reliability.skip("device nodes", because: "mknod failed (not root?): \(made.result)")
                return
            }
        }
        let null = try sandbox.run("export", "--format", "json", "-o", "null")
        #expect(null.status == Exit.success, "\(null)")
        #expect(Self.kind(sandbox.url("null")) == S_IFCHR)
        let full = try sandbox.run("export", "--format", "json", "-o", "full")
        expectFailure(full, status: Exit.storage, mentions: ["full", "No space left on device"])
        #expect(Self.kind(sandbox.url("full")) == S_IFCHR)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("a named pipe is written through: its reader gets the export and it stays a pipe")
    func namedPipe() throws {
        let sandbox = try Sandbox.example()
        let expected = try Self.exampleCSV(sandbox)
        let fifo = sandbox.url("chart.fifo")
        try #require(mkfifo(fifo.path, 0o644) == 0)
        // Opened first, without waiting, so that the writer need not wait
        // either; the example's few kilobytes fit in the pipe.
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        try #require(reader >= 0)
        defer { close(reader) }
        let result = try sandbox.run("export", "--format", "csv", "-o", "chart.fifo")
        #expect(result.status == Exit.success, "\(result)")
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        #expect(String(decoding: received, as: UTF8.self) == expected)
        #expect(Self.kind(fifo) == S_IFIFO)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("a link to the process's own standard output writes there and stays a link")
    func ownDescriptor() throws {
        let sandbox = try Sandbox.example()
        let expected = try Self.exampleCSV(sandbox)
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("out").path, withDestinationPath: "/proc/self/fd/1")
        let result = try sandbox.run("export", "--format", "csv", "-o", "out")
        #expect(result.status == Exit.success, "\(result)")
        #expect(result.stdout == expected)
        #expect(Self.kind(sandbox.url("out")) == S_IFLNK)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("a socket is not replaced: exit 74 and one line")
    func socketFile() throws {
        let sandbox = try Sandbox.example()
        let path = sandbox.url("chart.sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        try #require(path.utf8.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        let result = try sandbox.run("export", "--format", "csv", "-o", "chart.sock")
        expectFailure(result, status: Exit.storage, mentions: ["chart.sock", "socket"])
        #expect(Self.kind(sandbox.url("chart.sock")) == S_IFSOCK)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("the database being exported is refused by its name, a symlink or a hard link, and left as it was")
    func ownDatabase() throws {
        let sandbox = try Sandbox.example()
        try FileManager.default.createSymbolicLink(atPath: sandbox.url("link.db").path, withDestinationPath: "org.db")
        try FileManager.default.linkItem(at: sandbox.url("org.db"), to: sandbox.url("hard.db"))
        let before = try sandbox.databaseBytes()
        for target in ["org.db", "link.db", "hard.db", "./org.db"] {
            for format in ["json", "csv", "svg"] {
                let result = try sandbox.run("export", "--format", format, "-o", target)
                expectFailure(result, status: Exit.refused, mentions: [target, "database being exported", "another file name"])
            }
        }
        #expect(try sandbox.databaseBytes() == before)
        #expect(Self.kind(sandbox.url("link.db")) == S_IFLNK)
        #expect(try sandbox.countBelow("ceo") == 26)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("another SQLite database is refused and left byte for byte as it was")
    func otherDatabase() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("init", "--example", "enterprise-pmo", "--db", "other.db")
        let before = try Data(contentsOf: sandbox.url("other.db"))
        let result = try sandbox.run("export", "--format", "json", "-o", "other.db")
        expectFailure(result, status: Exit.refused, mentions: ["other.db", "SQLite database", "another file name"])
        #expect(try Data(contentsOf: sandbox.url("other.db")) == before)
        try Self.expectNoTemporary(sandbox)
    }

    @Test("a folder is refused with exit 1")
    func folder() throws {
        let sandbox = try Sandbox.example()
        try FileManager.default.createDirectory(at: sandbox.url("charts"), withIntermediateDirectories: false)
        expectFailure(try sandbox.run("export", "--format", "csv", "-o", "charts"), status: Exit.refused,
                      mentions: ["charts", "folder"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("charts").path).isEmpty)
    }

    @Test("a replaced file keeps its mode and its owner")
    func modeAndOwner() throws {
        let sandbox = try Sandbox.example()
        let expected = try Self.exampleCSV(sandbox)
        let asRoot = getuid() == 0
        for (name, mode) in [("salaries.csv", 0o600), ("team.csv", 0o640), ("open.csv", 0o664)] {
            let url = sandbox.url(name)
            try Data("old\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            if asRoot { try #require(chown(url.path, 1234, 5678) == 0) }
            try sandbox.ok("export", "--format", "csv", "-o", name)
            #expect(try String(contentsOf: url, encoding: .utf8) == expected)
            var info = stat()
            try #require(stat(url.path, &info) == 0)
            #expect(Int(info.st_mode & 0o7777) == mode, "\(name): mode \(String(info.st_mode & 0o7777, radix: 8))")
            if asRoot { #expect(info.st_uid == 1234 && info.st_gid == 5678, "\(name): owner \(info.st_uid):\(info.st_gid)") }
        }
        if !asRoot { Reliability.skip("owner kept", because: "the tests do not run as root, so the file cannot be given away") }
        try Self.expectNoTemporary(sandbox)
    }

    @Test("a new file gets 0666 less the umask", arguments: [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
    func newFileMode(_ umask: Int, _ mode: Int) throws {
        let sandbox = try Sandbox.example()
        let result = try Reliability.run("/bin/sh", ["-c", "umask \(String(umask, radix: 8)); exec \"$0\" \"$@\"", Reliability.orgctl,
                                                     "export", "--format", "csv", "-o", "new.csv"],
                                         in: sandbox.directory).result
        #expect(result.status == Exit.success, "\(result)")
        var info = stat()
        try #require(stat(sandbox.url("new.csv").path, &info) == 0)
        #expect(Int(info.st_mode & 0o7777) == mode, "mode \(String(info.st_mode & 0o7777, radix: 8))")
    }

    @Test("a symlink is followed: its target is replaced (or made) and the link stays a link")
    func symlinks() throws {
        let sandbox = try Sandbox.example()
        let expected = try Self.exampleCSV(sandbox)
        try Data("old\n".utf8).write(to: sandbox.url("real.csv"))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: sandbox.url("real.csv").path)
        try FileManager.default.createDirectory(at: sandbox.url("sub"), withIntermediateDirectories: false)
        let links = [("link.csv", "real.csv"), ("sub/up.csv", "../real.csv"), ("dangling.csv", "sub/made.csv")]
        for (link, destination) in links {
            try FileManager.default.createSymbolicLink(atPath: sandbox.url(link).path, withDestinationPath: destination)
        }
        for (link, _) in links { try sandbox.ok("export", "--format", "csv", "-o", link) }
        for (link, destination) in links {
            #expect(Self.kind(sandbox.url(link)) == S_IFLNK, "\(link)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.url(link).path) == destination)
        }
        #expect(try String(contentsOf: sandbox.url("real.csv"), encoding: .utf8) == expected)
        #expect(try String(contentsOf: sandbox.url("sub/made.csv"), encoding: .utf8) == expected)
        var info = stat()
        try #require(stat(sandbox.url("real.csv").path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        try Self.expectNoTemporary(sandbox)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url("sub").path).sorted() == ["made.csv", "up.csv"])
    }
}
