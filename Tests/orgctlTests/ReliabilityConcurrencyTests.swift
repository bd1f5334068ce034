import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Many orgctl processes writing one database at once, and a writer that finds
/// the lock held: every write is one `BEGIN IMMEDIATE` transaction, a writer
/// waits up to the five-second busy timeout, and then gives up with exit 75
/// having written nothing.
@Suite("Reliability: concurrent writers")
struct ReliabilityConcurrencyTests {
    static let writers = 8
    static let rolesPerWriter = 200

    /// A shell loop of `orgctl add role` invocations, one process per role.
    /// Each failure is logged (key, exit code, stderr) and counted in the exit status.
    static let writerLoop = #"""
        i=0; failures=0
        while [ "$i" -lt "$ROLES" ]; do
            key="w$WRITER-r$i"
            "$ORGCTL" add role "$key" --title "Writer $WRITER role $i" --reports-to root --db "$DB" >/dev/null 2>"$LOG.err"
            status=$?
            if [ "$status" -ne 0 ]; then
                failures=$((failures + 1))
                echo "$key: exit $status: $(cat "$LOG.err")" >>"$LOG"
            fi
            i=$((i + 1))
        done
        rm -f "$LOG.err"
        exit "$failures"
        """#

    @Test("8 processes × 200 separate `orgctl add role` calls: all exit 0 and exactly 1,600 roles are there")
    func eightConcurrentWriters() async throws {
        let sandbox = try Sandbox()
        try sandbox.ok("add", "role", "root", "--title", "Root")
        let db = sandbox.url("org.db").path
        // The loops run at a lower priority (all eight alike), so that the
        // 1,600 processes soak up idle CPU instead of slowing the other tests.
        let nice = FileManager.default.isExecutableFile(atPath: "/usr/bin/nice") ? ["/usr/bin/nice", "-n", "10"] : []
        var loops: [Spawned] = []
        for writer in 0..<Self.writers {
            let command = nice + ["/bin/sh", "-c", Self.writerLoop]
            loops.append(try Spawned(command[0], Array(command.dropFirst()), in: sandbox.directory, environment: [
                "ORGCTL": Reliability.orgctl, "DB": db, "WRITER": "\(writer)", "ROLES": "\(Self.rolesPerWriter)",
                "LOG": sandbox.url("writer-\(writer).log").path,
            ]))
        }
        // Started together: each loop is running before any has got far.
        for loop in loops { try loop.start() }
        for loop in loops { await loop.finished(timeout: 240) }

        for (writer, loop) in loops.enumerated() {
            let log = (try? String(contentsOf: sandbox.url("writer-\(writer).log"), encoding: .utf8)) ?? ""
            #expect(loop.status == 0, "writer \(writer): \(loop.status) failed invocations:\n\(log)")
            #expect(log.isEmpty, "writer \(writer) logged failures:\n\(log)")
        }
        let expected = Self.writers * Self.rolesPerWriter
        #expect(try sandbox.countBelow("root") == expected)

        // Every key is there exactly once, each with its own title (nothing lost, nothing doubled).
        let csv = textLines(try sandbox.ok("export", "--format", "csv").stdout)
        let rows = csv.dropFirst().filter { !$0.hasPrefix("root,") }
        #expect(rows.count == expected)
        var wanted = Set<String>()
        for writer in 0..<Self.writers {
            for index in 0..<Self.rolesPerWriter { wanted.insert("w\(writer)-r\(index),Writer \(writer) role \(index)") }
        }
        let found = Set(rows.map { $0.split(separator: ",").prefix(2).joined(separator: ",") })
        #expect(found == wanted, "missing: \(wanted.subtracting(found).sorted().prefix(5)), unexpected: \(found.subtracting(wanted).sorted().prefix(5))")
        if Reliability.sqlite3 != nil { try Reliability.expectSound(sandbox.url("org.db")) }
    }

    /// Holds the database's write lock from outside: a sqlite3 shell that has
    /// run `BEGIN IMMEDIATE` and keeps reading its standard input until the
    /// pipe closes.
    final class LockHolder {
        let shell: Spawned

        private init(shell: Spawned) { self.shell = shell }

        /// Starts the shell and returns once the lock is seen to be held.
        static func take(_ database: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws -> LockHolder {
            let sqlite3 = try #require(Reliability.sqlite3, "sqlite3 is needed to hold the lock from outside",
                                       sourceLocation: sourceLocation)
            Reliability.keepStandardInputOpen()
            let input = Pipe()
            let holder = LockHolder(shell: try Spawned(sqlite3, [database.path], in: database.deletingLastPathComponent(),
                                                       stdin: input))
            holder.inputPipe = input
            try holder.shell.start()
            // The probes below take the lock for an instant: without a busy
            // timeout the shell's own BEGIN could meet one of them and fail,
            // leaving nobody holding the lock.
            input.fileHandleForWriting.write(Data(".timeout 10000\nBEGIN IMMEDIATE;\n".utf8))
            // Wait until another connection is refused the write lock at once.
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let probe = try await Reliability.execute(sqlite3, ["-cmd", ".timeout 0", database.path, "BEGIN IMMEDIATE; ROLLBACK;"],
                                                          in: database.deletingLastPathComponent())
                if probe.status != 0 && probe.result.stderr.contains("locked") { return holder }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("the sqlite3 shell never took the write lock on \(database.path)", sourceLocation: sourceLocation)
            return holder
        }

        private var inputPipe: Pipe?

        /// Ends the transaction (end of input rolls it back) and waits for the shell.
        func release() async {
            try? inputPipe?.fileHandleForWriting.close()
            await shell.finished(timeout: 20)
        }

        deinit {
            try? inputPipe?.fileHandleForWriting.close()
            shell.wait(timeout: 20)
        }
    }

    @Test("a writer that cannot get the lock within the busy timeout exits 75 after about 5 s, with one line, having written nothing",
          .enabled(if: Reliability.sqlite3 != nil, "needs the sqlite3 shell to hold the lock"))
    func busyTimeout() async throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.countBelow("ceo")
        let holder = try await LockHolder.take(sandbox.url("org.db"))

        // Readers are not blocked by a writer (WAL): a query answers at once.
        let read = try await sandbox.launch(["who-reports-to", "ceo", "--all", "--count"])
        #expect(read.status == 0, "\(read.result)")
        #expect(read.result.stdout == "\(before)\n")
        #expect(read.elapsed < .seconds(3), "a read waited for the writer's lock: \(read.elapsed)")

        let write = try await sandbox.launch(["add", "role", "blocked", "--title", "Blocked", "--reports-to", "ceo"])
        expectFailure(write.result, status: ReliabilityExit.busy, mentions: ["org.db", "locked", "nothing was written"])
        #expect(write.elapsed >= .milliseconds(4_500), "gave up after \(write.elapsed), before the 5 s busy timeout")
        #expect(write.elapsed < .seconds(30), "waited \(write.elapsed), far beyond the 5 s busy timeout")

        await holder.release()
        expectFailure(try sandbox.run("show", "blocked"), status: Exit.refused, mentions: ["blocked"])
        #expect(try sandbox.countBelow("ceo") == before)
        // The lock is free again: the same write now works.
        try sandbox.ok("add", "role", "blocked", "--title", "Blocked", "--reports-to", "ceo")
        #expect(try sandbox.countBelow("ceo") == before + 1)
    }

    @Test("a writer waits for a lock released within the busy timeout, then writes",
          .enabled(if: Reliability.sqlite3 != nil, "needs the sqlite3 shell to hold the lock"))
    func waitsForTheLock() async throws {
        let sandbox = try Sandbox.example()
        let holder = try await LockHolder.take(sandbox.url("org.db"))
        let write = try Spawned(Reliability.orgctl, ["add", "role", "patient", "--title", "Patient", "--reports-to", "ceo"],
                                in: sandbox.directory).start()
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(write.process.isRunning, "the writer did not wait for the lock: \(write.result)")
        await holder.release()
        await write.finished(timeout: 30)
        #expect(write.status == 0, "\(write.result)")
        #expect(write.elapsed >= .milliseconds(1_000))
        #expect(try sandbox.json("show", "patient")["reportsTo"] as? String == "ceo")
    }

    // MARK: - A database that does not exist yet

    static let freshRounds = 20
    static let freshWriters = 6

    @Test("6 processes creating the same new database at once all succeed, and all 6 roles are there (20 rounds)")
    func freshDatabase() async throws {
        let sandbox = try Sandbox()
        var failures: [String] = []
        for round in 0..<Self.freshRounds {
            let name = "fresh-\(round).db"
            let writers = try (0..<Self.freshWriters).map { index in
                try Spawned(Reliability.orgctl, ["add", "role", "r\(index)", "--title", "T", "--db", name], in: sandbox.directory)
            }
            for writer in writers { try writer.start() }
            for writer in writers { await writer.finished(timeout: 60) }
            for (index, writer) in writers.enumerated() where writer.status != 0 {
                failures.append("round \(round) r\(index): exit \(writer.status), after \(writer.elapsed): \(writer.result.stderr)")
            }
            let tree = try sandbox.run("print", "tree", "--db", name)
            let shown = Set(tree.stdoutLines.map { String($0.prefix { $0 != " " }) })
            if tree.status != 0 || shown != Set((0..<Self.freshWriters).map { "r\($0)" }) {
                failures.append("round \(round): print tree exit \(tree.status), roles \(shown.sorted()) \(tree.stderr)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test("6 processes writing to a schema-version-1 database at once: one upgrades it, all succeed and are recorded (10 rounds)")
    func upgradeUnderConcurrentWriters() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/v1-enterprise-pmo.db")
        let sandbox = try Sandbox()
        var failures: [String] = []
        for round in 0..<10 {
            let name = "v1-\(round).db"
            try FileManager.default.copyItem(at: fixture, to: sandbox.url(name))
            let writers = try (0..<Self.freshWriters).map { index in
                try Spawned(Reliability.orgctl, ["add", "role", "new\(index)", "--title", "T", "--reports-to", "ceo", "--db", name],
                            in: sandbox.directory)
            }
            for writer in writers { try writer.start() }
            for writer in writers { await writer.finished(timeout: 60) }
            for (index, writer) in writers.enumerated() where writer.status != 0 {
                failures.append("round \(round) new\(index): exit \(writer.status): \(writer.result.stderr)")
            }
            let history = try sandbox.run("history", "--json", "--db", name)
            let recorded = (try? JSONObject.parse(history.stdout)["changes"] as? [[String: Any]])?.count
            let count = try sandbox.run("who-reports-to", "ceo", "--count", "--db", name).stdout
            if recorded != Self.freshWriters || count != "\(5 + Self.freshWriters)\n" {
                failures.append("round \(round): \(recorded ?? -1) changes recorded, \(count) direct reports of ceo")
            }
            try Reliability.expectSound(sandbox.url(name))
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }

    @Test("a write creating a database waits while another process holds the new file's write lock, then succeeds",
          .enabled(if: Reliability.sqlite3 != nil, "needs the sqlite3 shell to hold the lock"))
    func freshDatabaseWaitsForTheLock() async throws {
        // This is the state another orgctl is in for a moment while it creates
        // the file: a write lock on an empty database, not yet in WAL mode.
        let sandbox = try Sandbox()
        let holder = try await LockHolder.take(sandbox.url("new.db"))
        let write = try Spawned(Reliability.orgctl, ["add", "role", "r1", "--title", "T", "--db", "new.db"],
                                in: sandbox.directory).start()
        try await Task.sleep(for: .milliseconds(1_200))
        let waited = write.process.isRunning
        await holder.release()
        await write.finished(timeout: 30)
        #expect(waited, "the writer gave up at once instead of waiting for the lock (after \(write.elapsed)): \(write.result)")
        #expect(write.status == 0, "\(write.result)")
        let tree = try sandbox.run("print", "tree", "--db", "new.db")
        #expect(tree.status == 0 && tree.stdout == "r1  T — vacant\n", "\(tree)")
    }
}
