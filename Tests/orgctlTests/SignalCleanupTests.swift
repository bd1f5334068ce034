import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The temporary file of `export -o` has a name nobody can guess and
/// occupy beforehand, and SIGINT, SIGTERM or SIGHUP during the export remove
/// it: the target stays as it was and the exit status still says "killed".
@Suite("export -o temporary file")
struct SignalCleanupTests {
    /// A sandbox whose `org.db` holds 20,000 roles (span 7): its SVG takes
    /// long enough to write that a signal lands in the middle of it.
    static func largeChart() throws -> Sandbox {
        let sandbox = try Sandbox()
        var csv = "key,title,holder,reports_to\nr0,Chief,Person 0,\n"
        for index in 1..<20_000 { csv += "r\(index),Role number \(index),Person number \(index),r\((index - 1) / 7)\n" }
        try Data(csv.utf8).write(to: sandbox.url("big.csv"))
        try sandbox.ok("import", "big.csv")
        return sandbox
    }

    static func temporaries(_ sandbox: Sandbox) throws -> [String] {
        try sandbox.files().filter { $0.contains(".orgctl-") }
    }

    @Test("a file already at the old predictable name (.NAME.orgctl-PID.tmp) does not stop the export")
    func predictableNameOccupied() throws {
        let sandbox = try Sandbox.example()
        let expected = try sandbox.ok("export", "--format", "csv").stdout
        // The shell makes the file under its own process id, which orgctl keeps through exec.
        let result = try Reliability.run("/bin/sh", ["-c", #"echo planted > ".chart.csv.orgctl-$$.tmp"; exec "$0" "$@""#,
                                                     Reliability.orgctl, "export", "--format", "csv", "-o", "chart.csv"],
                                         in: sandbox.directory).result
        #expect(result.status == Exit.success, "\(result)")
        #expect(try String(contentsOf: sandbox.url("chart.csv"), encoding: .utf8) == expected)
        let planted = try Self.temporaries(sandbox)
        #expect(planted.count == 1, "\(planted)")
        for name in planted { #expect(try String(contentsOf: sandbox.url(name), encoding: .utf8) == "planted\n") }
    }

    @Test("SIGINT, SIGTERM and SIGHUP during an export remove the temporary file and leave the target as it was",
          arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
    func signalled(_ signal: Int32, _ name: String) async throws {
        guard let launcher = Reliability.withDefaultSignals else {
            Reliability.skip("export killed by \(name)", because: "env --default-signal is missing, so orgctl would not see the signal")
            return
        }
        let sandbox = try Self.largeChart()
        try Data("old chart\n".utf8).write(to: sandbox.url("chart.svg"))
        var interrupted = 0
        var outcomes: [String] = []
        // The export may, rarely, finish before the signal arrives; then try again.
        for _ in 0..<5 where interrupted == 0 {
            let export = try Spawned(launcher.executable, launcher.prefix + ["export", "--format", "svg", "-o", "chart.svg"],
                                     in: sandbox.directory)
            try export.start()
            let deadline = ContinuousClock.now + .seconds(30)
            while try Self.temporaries(sandbox).isEmpty && export.process.isRunning && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(1))
            }
            let sent = export.send(signal)
            await export.finished(timeout: 60)
            if export.signalled == signal {
                interrupted += 1
            } else {
                outcomes.append("not interrupted (sent: \(sent)): \(export.result)")
                // It finished first: put the old target back for the next attempt.
                try Data("old chart\n".utf8).write(to: sandbox.url("chart.svg"))
            }
            let left = try Self.temporaries(sandbox)
            #expect(left.isEmpty, "left behind after \(name): \(left)")
            #expect(try String(contentsOf: sandbox.url("chart.svg"), encoding: .utf8) == "old chart\n")
        }
        #expect(interrupted == 1, "no export was interrupted by \(name): \(outcomes)")
    }

    @Test("a signal ignored by whoever started orgctl stays ignored, and the export completes")
    func ignoredSignal() async throws {
        guard Reliability.withDefaultSignals != nil else {
            Reliability.skip("an ignored SIGINT", because: "env is older than coreutils 8.31, without --ignore-signal")
            return
        }
        let sandbox = try Self.largeChart()
        let export = try Spawned("/usr/bin/env", ["--ignore-signal=INT", Reliability.orgctl, "export", "--format", "svg", "-o", "chart.svg"],
                                 in: sandbox.directory)
        try export.start()
        let deadline = ContinuousClock.now + .seconds(30)
        while try Self.temporaries(sandbox).isEmpty && export.process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(1))
        }
        export.send(SIGINT)
        await export.finished(timeout: 60)
        #expect(export.status == Exit.success, "\(export.result)")
        #expect(try Self.temporaries(sandbox).isEmpty)
        #expect(try String(contentsOf: sandbox.url("chart.svg"), encoding: .utf8).hasSuffix("</svg>\n"))
    }
}
