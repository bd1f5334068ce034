import Foundation
import Testing

/// Files that are not a usable orgctl database: each kind has its own exit
/// code and its own one-line message, for a read and for a write, and orgctl
/// leaves the file exactly as it was (README, "Exit codes": 80 to 85).
@Suite("Reliability: not our file")
struct ReliabilityFileTests {
    enum Kind: String, CaseIterable, Sendable, CustomStringConvertible {
        case textFile, randomBytes, emptyFile, otherProgram, otherApplicationID, newerSchema, truncated

        var description: String { rawValue }

        /// The exit code of a read, and of a write (nil: a write is meant to work).
        var codes: (read: Int32, write: Int32?) {
            switch self {
            case .textFile: (Exit.textFile, Exit.textFile)
            case .randomBytes: (Exit.notSQLite, Exit.notSQLite)
            case .emptyFile: (Exit.emptyFile, nil)
            case .otherProgram, .otherApplicationID: (Exit.otherApplication, Exit.otherApplication)
            case .newerSchema: (Exit.newerSchema, Exit.newerSchema)
            case .truncated: (Exit.damaged, Exit.damaged)
            }
        }

        /// Words the message must hold besides the path.
        var mentions: [String] {
            switch self {
            case .textFile: ["text file", "orgctl import"]
            case .randomBytes: ["not an orgctl database"]
            case .emptyFile: ["empty", "orgctl init"]
            case .otherProgram, .otherApplicationID: ["another program"]
            case .newerSchema: ["newer orgctl", "99"]
            case .truncated: ["damaged or cut short"]
            }
        }

        /// Whether SQLite may leave its WAL side files (-wal empty, -shm) beside it.
        var isWALDatabase: Bool { self == .otherApplicationID || self == .newerSchema || self == .truncated }
    }

    /// Writes `name` in `sandbox` as a file of this kind.
    static func make(_ kind: Kind, named name: String, in sandbox: Sandbox) throws {
        let url = sandbox.url(name)
        switch kind {
        case .textFile:
            try Data("key,title,reports_to\nceo,Chief Executive Officer,\ncfo,Chief Financial Officer,ceo\n".utf8).write(to: url)
        case .randomBytes:
            var rng = SeededGenerator(seed: 0xB17E5)
            var bytes = (0..<16_384).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[0] = 0x00   // binary from the first byte, whatever the seed gives
            try Data(bytes).write(to: url)
        case .emptyFile:
            try Data().write(to: url)
        case .otherProgram:
            // A plain SQLite database some other tool made: tables, no application id.
            _ = try Reliability.sqlite(sandbox.url(name), """
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO notes (body) VALUES ('buy milk'), ('call Ann');
                """, write: true)
        case .otherApplicationID:
            // An orgctl-shaped file that another application has claimed (its id in the header).
            try sandbox.ok("add", "role", "ceo", "--title", "CEO", "--db", name)
            try patchHeader(url, offset: 68, value: 0x4750_4B47)   // "GPKG"
        case .newerSchema:
            // Our application id, with a schema version from the future.
            try sandbox.ok("add", "role", "ceo", "--title", "CEO", "--db", name)
            try patchHeader(url, offset: 60, value: 99)
        case .truncated:
            var csv = "key,title,holder,reports_to\n"
            for index in stride(from: 2_999, through: 0, by: -1) {
                csv += "r\(index),Title \(index),Holder \(index),\(index == 0 ? "" : "r\((index - 1) / 5)")\n"
            }
            try Data(csv.utf8).write(to: sandbox.url(name + ".csv"))
            try sandbox.ok("import", name + ".csv", "--db", name)
            try FileManager.default.removeItem(at: sandbox.url(name + ".csv"))
            let whole = try Data(contentsOf: url)
            try #require(whole.count > 200_000, "the database is too small to cut: \(whole.count) bytes")
            try whole.prefix(40 * 1024).write(to: url)
        }
        for side in ["-wal", "-shm", "-journal"] where sandbox.exists(name + side) {
            try FileManager.default.removeItem(at: sandbox.url(name + side))
        }
    }

    /// Sets a big-endian 32-bit field of the SQLite header (60: user_version,
    /// 68: application_id) of a closed database.
    static func patchHeader(_ url: URL, offset: Int, value: UInt32) throws {
        var bytes = try Data(contentsOf: url)
        try #require(bytes.starts(with: Data("SQLite format 3\0".utf8)))
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
        try bytes.write(to: url)
    }

    /// The file's bytes, and the names beside it, as they are now.
    static func snapshot(_ name: String, in sandbox: Sandbox) throws -> (bytes: Data, files: [String]) {
        (try Data(contentsOf: sandbox.url(name)), try sandbox.files())
    }

    /// Checks that the file is exactly as it was, and that nothing but SQLite's
    /// empty WAL side files (for a WAL database) appeared beside it.
    static func expectUnchanged(_ name: String, _ kind: Kind, since before: (bytes: Data, files: [String]),
                                in sandbox: Sandbox, after command: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let now = try snapshot(name, in: sandbox)
        #expect(now.bytes == before.bytes, "\(kind): \(command) changed the file", sourceLocation: sourceLocation)
        let added = Set(now.files).subtracting(before.files)
        let allowed: Set<String> = kind.isWALDatabase ? [name + "-wal", name + "-shm"] : []
        #expect(added.isSubset(of: allowed), "\(kind): \(command) left \(added.sorted())", sourceLocation: sourceLocation)
        if sandbox.exists(name + "-wal") {
            #expect(try Data(contentsOf: sandbox.url(name + "-wal")).isEmpty, "\(kind): \(command) wrote a WAL",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("each kind of unusable file: its own exit code and one-line message, for a read and a write, and the file is left as it was",
          arguments: Kind.allCases)
    func unusable(_ kind: Kind) throws {
        if kind == .otherProgram && Reliability.sqlite3 == nil {
            Reliability.skip("another program's database", because: "sqlite3 is not installed to make one")
            return
        }
        let sandbox = try Sandbox()
        let name = "\(kind).db"
        try Self.make(kind, named: name, in: sandbox)
        let before = try Self.snapshot(name, in: sandbox)

        // Reads that scan the whole chart, so that even a file damaged only
        // past its first pages is found out.
        for read in [["print", "tree"], ["print", "tree", "--json"], ["export", "--format", "csv"]] {
            let result = try sandbox.run(read + ["--db", name])
            expectFailure(result, status: kind.codes.read, mentions: [name] + kind.mentions)
            try Self.expectUnchanged(name, kind, since: before, in: sandbox, after: read.joined(separator: " "))
        }
        let write = ["add", "role", "intruder", "--title", "Intruder", "--db", name]
        let written = try sandbox.run(write)
        if let code = kind.codes.write {
            expectFailure(written, status: code, mentions: [name] + kind.mentions.filter { $0 != "orgctl init" })
            try Self.expectUnchanged(name, kind, since: before, in: sandbox, after: "add role")
        } else {
            // An empty file is where a write makes a database (README, exit code 82).
            #expect(written.status == Exit.success, "\(written)")
            #expect(try sandbox.ok("print", "tree", "--db", name).stdout == "intruder  Intruder — vacant\n")
        }
    }

    @Test("the messages for the kinds of file differ from each other, so a person can tell the cases apart")
    func distinctMessages() throws {
        let sandbox = try Sandbox()
        var messages: [String: Kind] = [:]
        for kind in Kind.allCases where kind != .otherApplicationID && (kind != .otherProgram || Reliability.sqlite3 != nil) {
            try Self.make(kind, named: "file.db", in: sandbox)
            let line = try sandbox.run("print", "tree", "--db", "file.db").stderr
            #expect(messages[line] == nil, "\(kind) and \(String(describing: messages[line])) share the message \(line)")
            messages[line] = kind
            for file in try sandbox.files() { try FileManager.default.removeItem(at: sandbox.url(file)) }
        }
    }

    @Test("a read of a missing database exits 66 and creates nothing, not even its folder")
    func missing() throws {
        let sandbox = try Sandbox()
        for path in ["missing.db", "no-such-folder/missing.db", sandbox.url("deep/er/missing.db").path] {
            for read in [["print", "tree"], ["show", "ceo"], ["export", "--format", "csv"]] {
                expectFailure(try sandbox.run(read + ["--db", path]), status: Exit.missingDatabase,
                              mentions: [path, "orgctl init"])
            }
        }
        #expect(try sandbox.files().isEmpty)
    }

    @Test("a write to a database in a folder that does not exist exits 74 with one line and creates nothing")
    func missingFolder() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run("add", "role", "ceo", "--title", "CEO", "--db", "no-such-folder/org.db")
        expectFailure(result, status: Exit.storage, mentions: ["no-such-folder/org.db", "folder"])
        #expect(try sandbox.files().isEmpty)
    }
}
