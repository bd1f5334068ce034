import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Helpers for the Reliability* suites: processes started, signalled and timed
// from the outside, the sqlite3 shell as an independent witness, and probes
// for the sandbox mechanisms (unprivileged users, user namespaces) that some
// scenarios need.

/// Exit codes the shared `Exit` enum does not list.
enum ReliabilityExit {
    /// Another writer held the lock for longer than the busy timeout.
    static let busy: Int32 = 75
}

/// One process started from the test: its output goes to files (never pipes,
/// so nothing blocks), and it can be waited for with a timeout or sent a signal.
final class Spawned {
    let process = Process()
    let description: String
    private let captures: URL
    private let finished = DispatchSemaphore(value: 0)
    private var startedAt = ContinuousClock.now
    private(set) var elapsed: Duration = .zero
    private var outHandle: FileHandle?
    private var errHandle: FileHandle?
    private var waited = false

    /// `executable arguments` in `directory`; ORGCTL_DB is removed from the
    /// environment unless `environment` sets it. Standard input is /dev/null
    /// unless `stdin` is given.
    init(_ executable: String, _ arguments: [String], in directory: URL,
         environment: [String: String] = [:], stdin: Any? = nil) throws {
        description = ([executable] + arguments).joined(separator: " ")
        captures = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgctl-rel-io-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        let outURL = captures.appendingPathComponent("stdout")
        let errURL = captures.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        outHandle = try FileHandle(forWritingTo: outURL)
        errHandle = try FileHandle(forWritingTo: errURL)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ORGCTL_DB")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.terminationHandler = { [finished] _ in finished.signal() }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? outHandle?.close()
        try? errHandle?.close()
        try? FileManager.default.removeItem(at: captures)
    }

    /// Starts the process and returns at once.
    @discardableResult
    func start() throws -> Spawned {
        startedAt = .now
        try process.run()
        return self
    }

    /// Waits for the process to end; after `timeout` it is killed, an issue is
    /// recorded and false returned.
    @discardableResult
    func wait(timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard !waited else { return true }
        waited = true
        let inTime = finished.wait(timeout: .now() + timeout) == .success
        if !inTime {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            Issue.record("\(description) did not finish within \(timeout) s", sourceLocation: sourceLocation)
        }
        process.waitUntilExit()
        elapsed = ContinuousClock.now - startedAt
        try? outHandle?.close()
        try? errHandle?.close()
        outHandle = nil
        errHandle = nil
        return inTime
    }

    /// Waits for the process to end without holding a thread, so that other
    /// tests run meanwhile; after `timeout` it is killed and an issue recorded.
    @discardableResult
    func finished(timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return wait(timeout: process.isRunning ? 0 : 30, sourceLocation: sourceLocation)
    }

    /// Sends `signal` if the process is still running; true when it was sent.
    @discardableResult
    func send(_ signal: Int32) -> Bool {
        guard process.isRunning else { return false }
        return kill(process.processIdentifier, signal) == 0
    }

    /// The signal that ended the process, or nil when it exited by itself.
    var signalled: Int32? {
        process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
    }

    /// The exit status as a shell shows it: 128 + signal for a death by signal.
    var status: Int32 { signalled.map { 128 + $0 } ?? process.terminationStatus }

    var stdoutData: Data { (try? Data(contentsOf: captures.appendingPathComponent("stdout"))) ?? Data() }
    var stderrData: Data { (try? Data(contentsOf: captures.appendingPathComponent("stderr"))) ?? Data() }

    /// The run as the shared helpers see it (output decoded as UTF-8, repaired).
    var result: CLIResult {
        CLIResult(status: status,
                  stdout: String(decoding: stdoutData, as: UTF8.self),
                  stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

enum Reliability {
    /// When the test runner starts with standard input closed (as CI may),
    /// the next pipe would take descriptor 0, and a child given that pipe as
    /// its input would lose it while its standard streams are set up. Holding
    /// /dev/null on descriptor 0 keeps new pipes clear of it.
    static func keepStandardInputOpen() {
        if fcntl(0, F_GETFD) == -1 { _ = open("/dev/null", O_RDONLY) }
    }

    /// The built orgctl, as the other end-to-end tests find it.
    static var orgctl: String { CLI.binary.path }

    /// Runs `executable arguments` to the end and returns the finished process.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    environment: [String: String] = [:], timeout: TimeInterval = 60,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Spawned {
        let spawned = try Spawned(executable, arguments, in: directory, environment: environment)
        try spawned.start()
        spawned.wait(timeout: timeout, sourceLocation: sourceLocation)
        return spawned
    }

    /// Runs `executable arguments` to the end without holding a thread.
    @discardableResult
    static func execute(_ executable: String, _ arguments: [String], in directory: URL,
                        environment: [String: String] = [:], timeout: TimeInterval = 60,
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> Spawned {
        let spawned = try Spawned(executable, arguments, in: directory, environment: environment)
        try spawned.start()
        await spawned.finished(timeout: timeout, sourceLocation: sourceLocation)
        return spawned
    }

    // MARK: - The sqlite3 shell, an independent witness

    /// The sqlite3 shell, when installed.
    static let sqlite3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/sqlite3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The output lines of `sql` run by the sqlite3 shell on `database`
    /// (read-only unless `write`); a failure of the shell is recorded.
    static func sqlite(_ database: URL, _ sql: String, write: Bool = false,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let shell = try #require(sqlite3, "sqlite3 is not installed", sourceLocation: sourceLocation)
        let spawned = try run(shell, (write ? [] : ["-readonly"]) + [database.path, sql],
                              in: database.deletingLastPathComponent(), sourceLocation: sourceLocation)
        let result = spawned.result
        #expect(result.status == 0, "sqlite3 \(sql): \(result)", sourceLocation: sourceLocation)
        return result.stdoutLines
    }

    /// Checks with sqlite3 that the database is sound: `integrity_check` says
    /// exactly `ok` and `foreign_key_check` finds nothing.
    static func expectSound(_ database: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try sqlite(database, "PRAGMA integrity_check;", sourceLocation: sourceLocation) == ["ok"],
                "integrity_check of \(database.lastPathComponent)", sourceLocation: sourceLocation)
        #expect(try sqlite(database, "PRAGMA foreign_key_check;", sourceLocation: sourceLocation) == [],
                "foreign_key_check of \(database.lastPathComponent)", sourceLocation: sourceLocation)
    }

    // MARK: - Mechanisms the sandbox may or may not allow

    /// The uid and gid of `nobody`, used to run orgctl without root's power to
    /// write anything.
    static let nobody: Int = 65_534

    /// Why orgctl cannot be run as `nobody` through setpriv here, or nil when it can.
    static let setprivUnavailable: String? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return "setpriv is not installed" }
        guard getuid() == 0 else { return "the tests do not run as root, so setpriv cannot change user" }
        let probe = try? run("/usr/bin/setpriv", unprivileged(["--version"]), in: URL(fileURLWithPath: "/"), timeout: 20)
        guard let probe, probe.status == 0 else {
            return "orgctl does not run as uid \(nobody) (\(probe.map { $0.result.description } ?? "setpriv failed to start"))"
        }
        return nil
    }()

    /// setpriv's arguments to run orgctl `arguments` as `nobody`.
    static func unprivileged(_ arguments: [String]) -> [String] {
        ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", orgctl] + arguments
    }

    /// Why a user and mount namespace (for read-only and tmpfs mounts) cannot
    /// be made here, or nil when it can.
    static let namespaceUnavailable: String? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return "unshare is not installed" }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgctl-rel-ns-" + UUID().uuidString, isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let probe = try? run("/usr/bin/unshare", ["--user", "--map-root-user", "--mount", "/bin/sh", "-c",
                                                  "mount -t tmpfs -o size=64k tmpfs \"$0\" && mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\"",
                                                  folder.path],
                             in: folder, timeout: 20)
        guard let probe, probe.status == 0 else {
            return "user namespaces with mounts are not allowed here (\(probe.map { $0.result.description } ?? "unshare failed to start"))"
        }
        return nil
    }()

    /// Runs `script` with `/bin/sh` as root of a new user and mount namespace,
    /// where it may mount; `$ORGCTL` is the binary and `$SQLITE3` the sqlite3
    /// shell (empty when it is not installed).
    static func inNamespace(_ script: String, in directory: URL, timeout: TimeInterval = 60) async throws -> Spawned {
        try await execute("/usr/bin/unshare", ["--user", "--map-root-user", "--mount", "/bin/sh", "-c", script],
                          in: directory, environment: ["ORGCTL": orgctl, "SQLITE3": sqlite3 ?? ""], timeout: timeout)
    }

    /// The command that runs orgctl with SIGINT, SIGTERM, SIGHUP and SIGQUIT
    /// unblocked and at their default: Foundation's Process starts children
    /// with the spawning thread's signal mask, and test threads block nearly
    /// every signal, so orgctl started directly would never see a SIGTERM.
    /// Nil when `env --default-signal` (coreutils 8.31 and later) is missing.
    static let withDefaultSignals: (executable: String, prefix: [String])? = {
        let env = "/usr/bin/env"
        let arguments = ["--default-signal=INT,TERM,HUP,QUIT"]
        guard FileManager.default.isExecutableFile(atPath: env),
              let probe = try? run(env, arguments + ["/bin/sh", "-c", "grep '^SigBlk' /proc/self/status"],
                                   in: URL(fileURLWithPath: "/"), timeout: 20),
              probe.status == 0,
              let mask = probe.result.stdout.split(separator: "\t").last
                  .flatMap({ UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) }),
              mask & (1 << (UInt64(SIGINT) - 1) | 1 << (UInt64(SIGTERM) - 1)) == 0
        else { return nil }
        return (env, arguments + [orgctl])
    }()

    /// Prints why a case is skipped, so that the log shows it.
    static func skip(_ name: String, because reason: String) {
        print("SKIPPED \(name): \(reason)")
    }
}

/// The lines of `text`, whether they end in LF or CRLF (CSV export uses CRLF).
func textLines(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// SplitMix64: a small seeded generator, so that a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Sandbox {
    /// Runs orgctl without holding a thread and returns the finished process.
    func launch(_ arguments: [String], timeout: TimeInterval = 60,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> Spawned {
        try await Reliability.execute(Reliability.orgctl, arguments, in: directory, timeout: timeout,
                                      sourceLocation: sourceLocation)
    }

    /// Runs orgctl and returns the finished process, with its raw output bytes.
    func spawn(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> Spawned {
        try Reliability.run(Reliability.orgctl, arguments, in: directory, environment: environment,
                            timeout: timeout, sourceLocation: sourceLocation)
    }

    /// The number printed by `who-reports-to KEY --all --count`, which must succeed.
    func countBelow(_ key: String, db: String = "org.db",
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let result = try run(["who-reports-to", key, "--all", "--count", "--db", db])
        try #require(result.status == 0, "who-reports-to \(key) --all --count: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(result)", sourceLocation: sourceLocation)
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)),
                            "not a count: \(result.stdout)", sourceLocation: sourceLocation)
    }
}
