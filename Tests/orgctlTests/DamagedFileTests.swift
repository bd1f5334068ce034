import Foundation
import Testing

/// A database whose header is sound but one of whose pages is damaged: a
/// command that meets the damage stops with exit 85, writes nothing, and
/// points to `orgctl verify`, which finds it (README, "Guarantees").
@Suite("Damaged database files")
struct DamagedFileTests {
    /// A chart of 300 roles and, as its newest change, the added role
    /// `newest`, in `name`; with sqlite3's help, the number of the page
    /// that holds the whole `role_key` index (a single leaf at this size).
    static func chart(named name: String, in sandbox: Sandbox) throws -> Int {
        var csv = "key,title,holder,reports_to\n"
        for index in 0..<300 {
            csv += "r\(index),Title \(index),Holder \(index),\(index == 0 ? "" : "r\((index - 1) / 5)")\n"
        }
        try Data(csv.utf8).write(to: sandbox.url("chart.csv"))
        try sandbox.ok("import", "chart.csv", "--db", name)
        try FileManager.default.removeItem(at: sandbox.url("chart.csv"))
        try sandbox.ok("add", "role", "newest", "--title", "Newest", "--reports-to", "r3", "--db", name)
        let facts = try Reliability.sqlite(sandbox.url(name), """
            PRAGMA page_size;
            SELECT rootpage FROM sqlite_schema WHERE name = 'role_key';
            SELECT count(*) FROM dbstat WHERE name = 'role_key';
            """)
        for side in ["-wal", "-shm"] where sandbox.exists(name + side) {
            try FileManager.default.removeItem(at: sandbox.url(name + side))
        }
        try #require(facts.count == 3 && facts[0] == "4096" && facts[2] == "1", "expected one 4 KiB page for role_key: \(facts)")
        return try #require(Int(facts[1]))
    }

    /// Points the last cell of the leaf page `page` past the end of the page:
    /// damage that a search for most keys never steps on, but that SQLite
    /// sees as it reads the page when it checks every cell.
    static func damageLastCell(of page: Int, in url: URL) throws {
        var bytes = try Data(contentsOf: url)
        let start = (page - 1) * 4096
        try #require(bytes[start] == 0x0A, "page \(page) is not an index leaf")
        let cells = Int(bytes[start + 3]) << 8 | Int(bytes[start + 4])
        let pointer = start + 8 + 2 * (cells - 1)
        bytes[pointer] = 0xFF
        bytes[pointer + 1] = 0xF0
        try bytes.write(to: url)
    }

    /// The file's bytes, and whether a write-ahead log beside it holds anything.
    static func state(_ name: String, in sandbox: Sandbox) throws -> (bytes: Data, log: Int) {
        let log = sandbox.exists(name + "-wal") ? try Data(contentsOf: sandbox.url(name + "-wal")).count : 0
        return (try Data(contentsOf: sandbox.url(name)), log)
    }

    static let writes: [[String]] = [
        ["add", "role", "another", "--title", "Another", "--reports-to", "r3"],
        ["set", "role", "r5", "--holder", "Zed Zero"],
        ["undo"],
        ["remove", "role", "r299"],
    ]

    @Test("a write that meets a damaged index page exits 85, points to verify, and leaves the file byte for byte as it was",
          arguments: writes)
    func damagedWrite(arguments: [String]) throws {
        guard Reliability.sqlite3 != nil else { return Reliability.skip("damaged write", because: "sqlite3 is not installed") }
        let sandbox = try Sandbox()
        let page = try Self.chart(named: "org.db", in: sandbox)
        // The same write on the sound file works.
        try FileManager.default.copyItem(at: sandbox.url("org.db"), to: sandbox.url("sound.db"))
        try sandbox.ok(arguments + ["--db", "sound.db"])

        try Self.damageLastCell(of: page, in: sandbox.url("org.db"))
        let before = try Self.state("org.db", in: sandbox)
        let result = try sandbox.run(arguments + ["--db", "org.db"])
        expectFailure(result, status: Exit.damaged, mentions: ["org.db", "damaged", "orgctl verify --db org.db"])
        let after = try Self.state("org.db", in: sandbox)
        #expect(after.bytes == before.bytes, "\(arguments.joined(separator: " ")) changed the damaged file")
        #expect(after.log == 0, "\(arguments.joined(separator: " ")) left \(after.log) bytes of log")
    }

    @Test("a read that meets the damaged page exits 85 with the same message")
    func damagedRead() throws {
        guard Reliability.sqlite3 != nil else { return Reliability.skip("damaged read", because: "sqlite3 is not installed") }
        let sandbox = try Sandbox()
        try Self.damageLastCell(of: try Self.chart(named: "org.db", in: sandbox), in: sandbox.url("org.db"))
        let before = try Self.state("org.db", in: sandbox)
        for read in [["show", "r7"], ["chain", "r42"]] {
            expectFailure(try sandbox.run(read), status: Exit.damaged, mentions: ["org.db", "damaged", "orgctl verify"])
        }
        #expect(try Self.state("org.db", in: sandbox).bytes == before.bytes)
    }

    @Test("verify finds the damaged page, lists it and exits 85, and leaves the file as it was")
    func verifyFindsDamage() throws {
        guard Reliability.sqlite3 != nil else { return Reliability.skip("verify of damage", because: "sqlite3 is not installed") }
        let sandbox = try Sandbox()
        let page = try Self.chart(named: "org.db", in: sandbox)
        #expect(try sandbox.ok("verify").stdout == "ok: 301 roles, 0 units, 2 changes checked\n")
        try Self.damageLastCell(of: page, in: sandbox.url("org.db"))
        let before = try Self.state("org.db", in: sandbox)
        let files = try sandbox.files()

        let result = try sandbox.run("verify")
        #expect(result.status == Exit.damaged, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdoutLines.first?.hasPrefix("integrity: ") == true, "\(result)")
        #expect(result.stdoutLines.first?.contains("page \(page)") == true, "\(result)")
        #expect(result.stdoutLines.last?.hasPrefix("1 problem found in org.db") == true, "\(result)")

        let json = try JSONObject.parse(try sandbox.run("verify", "--json").stdout)
        #expect(json["ok"] as? Bool == false)
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.first?["check"] as? String == "integrity")

        #expect(try Self.state("org.db", in: sandbox).bytes == before.bytes)
        #expect(try sandbox.files() == files)
    }
}
