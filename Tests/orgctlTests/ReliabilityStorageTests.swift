import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Storage that cannot be written: a read-only database serves reads and
/// refuses writes with exit 74 and a message that says so; a full disk refuses
/// the write and leaves the database intact. (Standard output on /dev/full is
/// covered by StandardStreamTests.)
///
/// The tests run as root, whom file permissions do not stop, so a read-only
/// database is made by running orgctl as `nobody` (setpriv) or by a read-only
/// mount in a user namespace; a full disk is a small tmpfs in a user namespace,
/// or a file-size limit (prlimit). A mechanism this sandbox lacks is skipped
/// with the reason printed.
@Suite("Reliability: read-only and full storage")
struct ReliabilityStorageTests {
    /// How the database's folder looks to the unprivileged reader.
    enum ReadOnlyLayout: String, CaseIterable, Sendable, CustomStringConvertible {
        /// File and folder belong to root; the file is as the last orgctl write
        /// left it (no -wal or -shm beside it).
        case asWritten
        /// The same, with the empty -wal and the -shm that another program's
        /// read-only reader leaves behind (orgctl's own reads tidy them away).
        case withSideFiles
        /// The file belongs to root, in a folder anyone may write (like /tmp).
        case inSharedFolder

        var description: String { rawValue }
    }

    /// The example organisation in `sandbox/ro/org.db`, with the tree the owner sees.
    static func readOnlyExample(_ layout: ReadOnlyLayout) throws -> (sandbox: Sandbox, tree: String) {
        let sandbox = try Sandbox()
        let folder = sandbox.url("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try sandbox.ok("init", "--example", "enterprise-pmo", "--db", "ro/org.db")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["org.db"])
        var tree = ""
        if layout == .withSideFiles {
            tree = try sandbox.ok("print", "tree", "--db", "ro/org.db").stdout
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["org.db"])
            _ = try Reliability.sqlite(folder.appendingPathComponent("org.db"), "SELECT count(*) FROM role;")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["org.db", "org.db-shm", "org.db-wal"])
        } else {
            // Read from a copy, so that the owner's read leaves nothing beside the original.
            try FileManager.default.copyItem(at: folder.appendingPathComponent("org.db"), to: sandbox.url("copy.db"))
            tree = try sandbox.ok("print", "tree", "--db", "copy.db").stdout
        }
        try FileManager.default.setAttributes([.posixPermissions: layout == .inSharedFolder ? 0o1777 : 0o755],
                                              ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("org.db").path)
        return (sandbox, tree)
    }

    @Test("a database the user may not write (run as nobody) serves reads and refuses writes with 74, saying it is read-only",
          arguments: ReadOnlyLayout.allCases)
    func unprivilegedUser(_ layout: ReadOnlyLayout) throws {
        if let reason = Reliability.setprivUnavailable {
            Reliability.skip("read-only database as nobody", because: reason)
            return
        }
        let (sandbox, tree) = try Self.readOnlyExample(layout)
        let before = try Data(contentsOf: sandbox.url("ro/org.db"))
        func asNobody(_ arguments: [String]) throws -> CLIResult {
            try Reliability.run("/usr/bin/setpriv", Reliability.unprivileged(arguments + ["--db", "ro/org.db"]),
                                in: sandbox.directory).result
        }

        let read = try asNobody(["print", "tree"])
        #expect(read.status == Exit.success, "\(layout): a read of a read-only database failed: \(read)")
        #expect(read.stdout == tree)
        let count = try asNobody(["who-reports-to", "ceo", "--all", "--count"])
        #expect(count.status == Exit.success && count.stdout == "26\n", "\(layout): \(count)")

        try Data("key,title\nnew-one,New\n".utf8).write(to: sandbox.url("roles.csv"))
        for write in [["add", "role", "intruder", "--title", "Intruder", "--reports-to", "ceo"],
                      ["set", "role", "cfo", "--holder", "Mallory"],
                      ["import", "roles.csv"]] {
            expectFailure(try asNobody(write), status: Exit.storage, mentions: ["ro/org.db", "read-only", "nothing was written"])
        }
        #expect(try Data(contentsOf: sandbox.url("ro/org.db")) == before)
        #expect(try sandbox.countBelow("ceo", db: "ro/org.db") == 26)
    }

    @Test("a database on a read-only mount serves reads and refuses writes with 74, saying it is read-only",
          arguments: [ReadOnlyLayout.asWritten, .withSideFiles])
    func readOnlyMount(_ layout: ReadOnlyLayout) async throws {
        if let reason = Reliability.namespaceUnavailable {
            Reliability.skip("read-only mount", because: reason)
            return
        }
        let (sandbox, tree) = try Self.readOnlyExample(layout)
        let before = try Data(contentsOf: sandbox.url("ro/org.db"))
        try FileManager.default.createDirectory(at: sandbox.url("out"), withIntermediateDirectories: true)
        let script = #"""
            mount --bind ro ro && mount -o remount,bind,ro ro || exit 90
            touch ro/probe 2>/dev/null && exit 91
            "$ORGCTL" print tree --db ro/org.db >out/read.out 2>out/read.err; echo $? >out/read.status
            "$ORGCTL" add role intruder --title Intruder --db ro/org.db >out/write.out 2>out/write.err; echo $? >out/write.status
            "$ORGCTL" import roles.csv --db ro/org.db >out/import.out 2>out/import.err; echo $? >out/import.status
            """#
        try Data("key,title\nnew-one,New\n".utf8).write(to: sandbox.url("roles.csv"))
        let namespace = try await Reliability.inNamespace(script, in: sandbox.directory)
        try #require(namespace.status == 0, "the read-only mount did not work: \(namespace.result)")

        let read = try Self.outcome("read", in: sandbox)
        #expect(read.status == Exit.success, "\(layout): a read on a read-only mount failed: \(read)")
        #expect(read.stdout == tree)
        for name in ["write", "import"] {
            expectFailure(try Self.outcome(name, in: sandbox), status: Exit.storage,
                          mentions: ["ro/org.db", "read-only", "nothing was written"])
        }
        #expect(try Data(contentsOf: sandbox.url("ro/org.db")) == before)
        #expect(try sandbox.countBelow("ceo", db: "ro/org.db") == 26)
    }

    /// The status, stdout and stderr a namespace script saved as `out/NAME.*`.
    static func outcome(_ name: String, in sandbox: Sandbox) throws -> CLIResult {
        func text(_ suffix: String) throws -> String {
            try String(contentsOf: sandbox.url("out/\(name).\(suffix)"), encoding: .utf8)
        }
        let status = try #require(Int32(try text("status").trimmingCharacters(in: .whitespacesAndNewlines)))
        return CLIResult(status: status, stdout: try text("out"), stderr: try text("err"))
    }

    /// 5,000 roles under `ceo`: far more than the small disks below hold.
    static func largeImport() -> Data {
        var csv = "key,title,holder,reports_to\n"
        for index in 0..<5_000 { csv += "imported-\(index),Imported role number \(index),Person number \(index),ceo\n" }
        return Data(csv.utf8)
    }

    @Test("a full disk (a 512 KB tmpfs) refuses the write with 74 and a message, and the database stays intact")
    func fullDisk() async throws {
        if let reason = Reliability.namespaceUnavailable {
            Reliability.skip("full disk on tmpfs", because: reason)
            return
        }
        let sandbox = try Sandbox()
        for folder in ["disk", "out"] {
            try FileManager.default.createDirectory(at: sandbox.url(folder), withIntermediateDirectories: true)
        }
        try Self.largeImport().write(to: sandbox.url("big.csv"))
        let script = #"""
            mount -t tmpfs -o size=512k tmpfs disk || exit 90
            "$ORGCTL" init --example enterprise-pmo --db disk/org.db >/dev/null || exit 91
            "$ORGCTL" export --format csv --db disk/org.db >out/before.csv || exit 92
            # A write far larger than the space left.
            "$ORGCTL" import big.csv --db disk/org.db >out/import.out 2>out/import.err; echo $? >out/import.status
            "$ORGCTL" export --format csv --db disk/org.db >out/after-import.out 2>out/after-import.err; echo $? >out/after-import.status
            if [ -n "$SQLITE3" ]; then "$SQLITE3" disk/org.db "PRAGMA integrity_check; PRAGMA foreign_key_check;" >out/check1.txt 2>&1; fi
            # No space at all: a small write.
            dd if=/dev/zero of=disk/filler bs=4096 2>/dev/null
            "$ORGCTL" add role extra --title Extra --reports-to ceo --db disk/org.db >out/add.out 2>out/add.err; echo $? >out/add.status
            rm disk/filler
            "$ORGCTL" export --format csv --db disk/org.db >out/after-add.out 2>out/after-add.err; echo $? >out/after-add.status
            if [ -n "$SQLITE3" ]; then "$SQLITE3" disk/org.db "PRAGMA integrity_check; PRAGMA foreign_key_check;" >out/check2.txt 2>&1; fi
            # With room again, the write works, without any repair.
            "$ORGCTL" add role extra --title Extra --reports-to ceo --db disk/org.db >out/again.out 2>out/again.err; echo $? >out/again.status
            "$ORGCTL" who-reports-to ceo --all --count --db disk/org.db >out/count.out 2>out/count.err; echo $? >out/count.status
            """#
        let namespace = try await Reliability.inNamespace(script, in: sandbox.directory)
        try #require(namespace.status == 0, "the tmpfs scenario did not run: \(namespace.result)")
        let before = try String(contentsOf: sandbox.url("out/before.csv"), encoding: .utf8)
        #expect(textLines(before).count == 28)   // the header and 27 roles

        expectFailure(try Self.outcome("import", in: sandbox), status: Exit.storage,
                      mentions: ["disk/org.db", "disk is full", "nothing was written"])
        expectFailure(try Self.outcome("add", in: sandbox), status: Exit.storage,
                      mentions: ["disk/org.db", "nothing was written"])
        for name in ["after-import", "after-add"] {
            let export = try Self.outcome(name, in: sandbox)
            #expect(export.status == 0, "\(name): \(export)")
            #expect(export.stdout == before, "\(name): the content changed")
        }
        if Reliability.sqlite3 != nil {
            for name in ["check1", "check2"] {
                #expect(try String(contentsOf: sandbox.url("out/\(name).txt"), encoding: .utf8) == "ok\n", "\(name)")
            }
        }
        #expect(try Self.outcome("again", in: sandbox).status == 0)
        #expect(try Self.outcome("count", in: sandbox).stdout == "27\n")
    }

    /// Runs orgctl with a limit on the size of any file it writes (SIGXFSZ
    /// ignored, so that writes fail with EFBIG instead of killing it).
    static func withFileSizeLimit(_ bytes: Int, _ arguments: [String], in sandbox: Sandbox) throws -> CLIResult {
        try Reliability.run("/bin/sh", ["-c", #"trap '' XFSZ; exec prlimit --fsize="$LIMIT" -- "$ORGCTL" "$@""#, "sh"] + arguments,
                            in: sandbox.directory,
                            environment: ["ORGCTL": Reliability.orgctl, "LIMIT": "\(bytes)"]).result
    }

    static let prlimitUnavailable: String? =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") ? nil : "prlimit is not installed"

    @Test("a write that outgrows the file-size limit fails with 74 and a message, and the database stays intact",
          .enabled(if: prlimitUnavailable == nil, "prlimit is not installed"))
    func fileSizeLimit() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.ok("export", "--format", "csv").stdout
        try Self.largeImport().write(to: sandbox.url("big.csv"))
        let result = try Self.withFileSizeLimit(256 * 1024, ["import", "big.csv"], in: sandbox)
        expectFailure(result, status: Exit.storage, mentions: ["org.db", "nothing was written"])
        #expect(try sandbox.ok("export", "--format", "csv").stdout == before)
        if Reliability.sqlite3 != nil { try Reliability.expectSound(sandbox.url("org.db")) }
        // Without the limit the same import works, without any repair.
        try sandbox.ok("import", "big.csv")
        #expect(try sandbox.countBelow("ceo") == 26 + 5_000)
    }

    @Test("export -o that outgrows the file-size limit exits 74 and leaves neither the file nor a temporary one",
          .enabled(if: prlimitUnavailable == nil, "prlimit is not installed"))
    func exportFileSizeLimit() throws {
        let sandbox = try Sandbox.example()
        try Self.largeImport().write(to: sandbox.url("big.csv"))
        try sandbox.ok("import", "big.csv")
        try FileManager.default.removeItem(at: sandbox.url("big.csv"))
        let before = try sandbox.files()
        // Room for SQLite's 32 KB shared-memory file, not for a 5,000-role picture.
        let result = try Self.withFileSizeLimit(48 * 1024, ["export", "--format", "svg", "-o", "chart.svg"], in: sandbox)
        expectFailure(result, status: Exit.storage, mentions: ["could not write"])
        let left = Set(try sandbox.files()).subtracting(before).subtracting(["org.db-wal", "org.db-shm"])
        #expect(left.isEmpty, "left behind: \(left.sorted())")
    }
}
