import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An import killed at a random moment (SIGKILL, and the SIGINT and SIGTERM a
/// person or a service manager sends) leaves a sound database holding either
/// everything from before or the whole import, and the next command works
/// without any repair.
@Suite("Reliability: killed mid-write")
struct ReliabilityCrashTests {
    /// Enough roles that an import takes about half a second in a debug build.
    static let rolesPerImport = 25_000
    static let attempts = 22
    static let seed: UInt64 = 0x5EED_0F_C4A5
    static let signals: [(Int32, String)] = [(SIGKILL, "SIGKILL"), (SIGINT, "SIGINT"), (SIGKILL, "SIGKILL"), (SIGTERM, "SIGTERM")]

    /// A roles CSV of `count` roles keyed `PREFIXrN`, a tree of fan-out 8 under
    /// the existing role `base`. Every manager comes further down the file than
    /// its reports (forward references); some titles are quoted with commas and
    /// quotes, some roles are vacant, and some have a dotted line to their
    /// grandparent, also further down.
    static func csv(prefix: String, count: Int) -> Data {
        var text = "key,title,holder,reports_to,dotted_to,grade\n"
        text.reserveCapacity(count * 64)
        for index in stride(from: count - 1, through: 0, by: -1) {
            let manager = index == 0 ? "base" : "\(prefix)r\((index - 1) / 8)"
            let title = index % 5 == 0 ? "\"Analyst, \"\"grade\"\" \(index % 7)\"" : "Title \(index)"
            let holder = index % 3 == 0 ? "" : "Holder \(index)"
            let dotted = index > 8 && index % 50 == 0 ? "\(prefix)r\(((index - 1) / 8 - 1) / 8)" : ""
            text += "\(prefix)r\(index),\(title),\(holder),\(manager),\(dotted),\(index % 12)\n"
        }
        return Data(text.utf8)
    }

    /// A file as the file system shows it.
    struct FileState: Equatable {
        var exists = false
        var size = 0
        var modified: Date?

        init(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
            exists = true
            size = (attributes[.size] as? Int) ?? 0
            modified = attributes[.modificationDate] as? Date
        }
    }

    /// The database and its write-ahead log, to see when an import starts writing.
    struct WriteState: Equatable {
        var database: FileState
        var log: FileState

        init(_ database: URL) {
            self.database = FileState(database.path)
            log = FileState(database.path + "-wal")
        }

        /// True when a writer has written since `before`: frames in the log
        /// (which a reader only ever creates empty), or pages in the file.
        func isWritten(since before: WriteState) -> Bool {
            (log.exists && log.size > 0 && (!before.log.exists || log != before.log)) || database != before.database
        }
    }

    static func writeState(_ database: URL) -> WriteState { WriteState(database) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test("an import killed at random moments leaves the old state or the whole import, never a part, and a sound file")
    func killedImports() async throws {
        let sandbox = try Sandbox()
        let database = sandbox.url("org.db")
        try sandbox.ok("add", "role", "base", "--title", "Base")

        // An import left alone, timed, so that the kills land throughout one.
        try Self.csv(prefix: "warm-", count: Self.rolesPerImport).write(to: sandbox.url("warm-up.csv"))
        let calibration = try await sandbox.launch(["import", "warm-up.csv"], timeout: 120)
        try #require(calibration.status == 0, "\(calibration.result)")
        // How long an import takes now: other tests running beside this one
        // change it, so each import that finishes before its signal updates it.
        var importTime = Self.seconds(calibration.elapsed)
        // How long the commit and checkpoint take, from the first WAL write to the exit.
        var commitTime = importTime / 5
        let baseline = Self.rolesPerImport
        #expect(try sandbox.countBelow("base") == baseline)
        // The state every attempt starts from once an import has gone through,
        // so that the database (and the cost of checking it) does not grow.
        let saved = sandbox.url("baseline.db")
        try FileManager.default.copyItem(at: database, to: saved)
        try Self.csv(prefix: "new-", count: Self.rolesPerImport).write(to: sandbox.url("roles.csv"))

        // SIGINT and SIGTERM need orgctl started with them unblocked.
        let launcher = Reliability.withDefaultSignals
        if launcher == nil {
            Reliability.skip("SIGINT and SIGTERM", because: "env --default-signal is missing, so every signal sent is SIGKILL")
        }
        var rng = SeededGenerator(seed: Self.seed)
        var outcomes: [String] = []
        var killed = 0
        var killedWhileCommitting = 0
        var completed = 0
        for attempt in 0..<Self.attempts {
            var (signal, signalName) = Self.signals[attempt % Self.signals.count]
            if launcher == nil { (signal, signalName) = (SIGKILL, "SIGKILL") }
            // Even attempts: a delay anywhere in the import (reading, checking,
            // inserting). Odd attempts: a delay after the import starts writing
            // its commit (to the WAL), within the time the commit and the
            // checkpoint take (more often early in it); timed from the WAL, since
            // other tests running beside this one stretch every phase.
            let inCommit = attempt % 2 == 1
            let fraction = inCommit ? pow(Double.random(in: 0...1, using: &rng), 2) : Double.random(in: 0.02...0.9, using: &rng)
            let writtenBefore = Self.writeState(database)
            let importer = try (launcher.map { try Spawned($0.executable, $0.prefix + ["import", "roles.csv"], in: sandbox.directory) }
                ?? Spawned(Reliability.orgctl, ["import", "roles.csv"], in: sandbox.directory)).start()
            var commitStarted: ContinuousClock.Instant?
            if inCommit {
                let deadline = ContinuousClock.now + .seconds(max(10, importTime * 10))
                while importer.process.isRunning && ContinuousClock.now < deadline {
                    if Self.writeState(database).isWritten(since: writtenBefore) { commitStarted = .now; break }
                    try await Task.sleep(for: .milliseconds(1))
                }
                try await Task.sleep(for: .seconds(commitTime * fraction))
            } else {
                try await Task.sleep(for: .seconds(importTime * fraction))
            }
            // Written by this import at the moment of the signal: the kill lands in the commit or the checkpoint.
            let writing = Self.writeState(database).isWritten(since: writtenBefore)
            let sent = importer.send(signal)
            await importer.finished(timeout: 120)
            let outcome: String
            if importer.signalled == signal {
                killed += 1
                outcome = "killed by \(signalName) after \(importer.elapsed)" + (writing ? " while committing" : "")
                if writing { killedWhileCommitting += 1 }
            } else if importer.status == 0 {
                outcome = "finished before the \(signalName) after \(importer.elapsed)" + (sent ? " (sent late)" : "")
                // A little short, as the imports speed up when other tests finish.
                importTime = Self.seconds(importer.elapsed) * 0.9
                if let commitStarted { commitTime = Self.seconds(ContinuousClock.now - commitStarted) }
            } else {
                outcome = "exit \(importer.status)"
                Issue.record("attempt \(attempt): the import failed by itself: \(importer.result)")
            }

            // The next orgctl command works without repair, and sees all or nothing.
            let count = try sandbox.countBelow("base")
            #expect(count == baseline || count == baseline + Self.rolesPerImport,
                    "attempt \(attempt) (\(outcome)): \(count) roles under base, expected \(baseline) or \(baseline + Self.rolesPerImport)")
            outcomes.append("\(attempt): \(outcome), delay \(Int(fraction * 100))% of the \(inCommit ? "commit" : "import") → "
                            + (count == baseline ? "old state" : "whole import"))

            if Reliability.sqlite3 != nil {
                // Exactly "ok", no foreign key problem, and SQLite counts what orgctl counts.
                #expect(try Reliability.sqlite(database, "PRAGMA integrity_check; PRAGMA foreign_key_check; SELECT count(*) FROM role;")
                        == ["ok", "\(count + 1)"], "attempt \(attempt) (\(outcome))")
            } else {
                // Without sqlite3, every row must still read back through orgctl.
                let export = try sandbox.run("export", "--format", "csv")
                #expect(export.status == 0, "\(export)")
                #expect(textLines(export.stdout).count == count + 2)
            }
            if count == baseline + Self.rolesPerImport {
                // The whole tree arrived, with its shape; then back to the baseline.
                completed += 1
                #expect(try sandbox.countBelow("new-r0") == Self.rolesPerImport - 1)
                for file in ["org.db", "org.db-wal", "org.db-shm"] where sandbox.exists(file) {
                    try FileManager.default.removeItem(at: sandbox.url(file))
                }
                try FileManager.default.copyItem(at: saved, to: database)
            }
        }
        print("killed imports (seed \(String(Self.seed, radix: 16)), last import time \(importTime) s, "
              + "\(killed) killed, \(killedWhileCommitting) of them while committing, \(completed) completed):\n  "
              + outcomes.joined(separator: "\n  "))
        #expect(killed >= Self.attempts / 3, "only \(killed) of \(Self.attempts) imports were interrupted:\n\(outcomes.joined(separator: "\n"))")
        #expect(killedWhileCommitting >= 2, "only \(killedWhileCommitting) imports were interrupted while committing:\n\(outcomes.joined(separator: "\n"))")

        // Writes go on as usual: a single role, and an import to the end.
        try sandbox.ok("add", "role", "after-the-crashes", "--title", "Survivor", "--reports-to", "base")
        let final = try await sandbox.launch(["import", "roles.csv"], timeout: 120)
        #expect(final.status == 0, "\(final.result)")
        #expect(try sandbox.countBelow("base") == baseline + Self.rolesPerImport + 1)
        if Reliability.sqlite3 != nil { try Reliability.expectSound(database) }
    }
}
