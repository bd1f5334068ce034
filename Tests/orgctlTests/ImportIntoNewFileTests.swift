import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The first import into a new file writes its pages straight into the file
/// under a rollback journal. Killed part-way, it leaves the file with the
/// journal beside it, and the next command, whatever it is, puts back the
/// empty chart the file held: never a part of the import.
@Suite struct ImportIntoNewFileTests {
    /// A tree of `count` roles, fan-out 8, managers before their reports.
    static func csv(count: Int) -> Data {
        var text = "key,title,holder,reports_to\n"
        for index in 0..<count {
            text += "r\(index),Title \(index % 50),Holder \(index % 300),\(index == 0 ? "" : "r\((index - 1) / 8)")\n"
        }
        return Data(text.utf8)
    }

    static func size(_ file: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
    }

    @Test func anImportKilledPartWayLeavesTheEmptyFile() async throws {
        let sandbox = try Sandbox()
        let count = 60_000
        try Self.csv(count: count).write(to: sandbox.url("roles.csv"))
        var killedInTheLoad = false
        // The kill is sent once the load has grown the file; a machine so
        // fast that the import ends first gets a few more tries.
        for _ in 0..<4 where !killedInTheLoad {
            for file in ["org.db", "org.db-wal", "org.db-shm", "org.db-journal", "empty.db"] where sandbox.exists(file) {
                try FileManager.default.removeItem(at: sandbox.url(file))
            }
            // What the import's own opening of the file leaves: an empty chart.
            try sandbox.ok("init", "--db", "empty.db")
            let empty = Reliability.sqlite3 == nil ? [] : try Reliability.sqlite(sandbox.url("empty.db"), ".dump")
            let emptySize = Self.size(sandbox.url("empty.db"))
            let importer = try Spawned(Reliability.orgctl, ["import", "roles.csv"], in: sandbox.directory).start()
            let deadline = ContinuousClock.now + .seconds(60)
            while importer.process.isRunning && Self.size(sandbox.url("org.db")) < 4 * emptySize && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
            }
            importer.send(SIGKILL)
            await importer.finished(timeout: 60)
            guard importer.signalled == SIGKILL else { continue }
            killedInTheLoad = true
            #expect(sandbox.exists("org.db-journal"), "killed while loading, the journal is still there")
            #expect(Self.size(sandbox.url("org.db")) >= 4 * emptySize)

            // verify, which changes nothing, does not read the half-written
            // file as it is: it says how to roll the write back.
            let inspect = try sandbox.run("verify")
            #expect(inspect.status != 0, "\(inspect)")
            #expect(inspect.stderr.contains("journal of an interrupted write"), "\(inspect.stderr)")
            #expect(sandbox.exists("org.db-journal"))

            // The next command sees the empty chart: the journal put it back.
            let export = try sandbox.run("export", "--format", "csv")
            #expect(export.status == 0, "\(export)")
            #expect(textLines(export.stdout).count == 1, "only the header: \(export.stdout.prefix(300))")
            #expect(Self.size(sandbox.url("org.db")) == emptySize)
            if Reliability.sqlite3 != nil {
                try Reliability.expectSound(sandbox.url("org.db"))
                #expect(try Reliability.sqlite(sandbox.url("org.db"), ".dump") == empty)
            }
        }
        #expect(killedInTheLoad, "no import was killed while it loaded")

        // Any write puts the file left in rollback mode back into WAL.
        let token = try sandbox.run("token", "add", "reader", "--can", "read")
        #expect(token.status == 0, "\(token)")
        #expect(!sandbox.exists("org.db-journal"))
        if Reliability.sqlite3 != nil {
            #expect(try Reliability.sqlite(sandbox.url("org.db"), "PRAGMA journal_mode;") == ["wal"])
        }

        // The import then goes through, and leaves the file in WAL mode again, with no journal.
        let final = try await sandbox.launch(["import", "roles.csv"], timeout: 120)
        #expect(final.status == 0, "\(final.result)")
        #expect(try sandbox.countBelow("r0") == count - 1)
        #expect(!sandbox.exists("org.db-journal"))
        if Reliability.sqlite3 != nil {
            #expect(try Reliability.sqlite(sandbox.url("org.db"), "PRAGMA journal_mode;") == ["wal"])
        }
    }

    /// A refused first import leaves the empty file it made, in WAL mode,
    /// with no journal, and says what is wrong.
    @Test func aRefusedImportLeavesTheEmptyFile() throws {
        let sandbox = try Sandbox()
        var text = String(decoding: Self.csv(count: 20_000), as: UTF8.self)
        text += "x1,Loop,,x2\nx2,Loop,,x1\n"
        try Data(text.utf8).write(to: sandbox.url("roles.csv"))
        let refused = try sandbox.run("import", "roles.csv")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("roles.csv:20002"), "\(refused.stderr)")
        #expect(refused.stderr.contains("cycle"), "\(refused.stderr)")
        #expect(!sandbox.exists("org.db-journal"))
        let export = try sandbox.ok("export", "--format", "csv")
        #expect(textLines(export.stdout).count == 1)
        if Reliability.sqlite3 != nil {
            try Reliability.expectSound(sandbox.url("org.db"))
            #expect(try Reliability.sqlite(sandbox.url("org.db"), "PRAGMA journal_mode; SELECT count(*) FROM role;") == ["wal", "0"])
        }
    }
}
