import Foundation
import Testing

/// What one run of `orgctl` produced.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The lines of standard output, without the final newline.
    var stdoutLines: [String] { Self.lines(stdout) }
    /// The lines of standard error, without the final newline.
    var stderrLines: [String] { Self.lines(stderr) }

    private static func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    var description: String { "exit \(status)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)" }
}

/// Runs the `orgctl` binary that SwiftPM built next to the test bundle.
enum CLI {
    /// The built `orgctl`: `ORGCTL_BIN` when set, else the file beside the
    /// running test executable (both live in `.build/<config>/`).
    static let binary: URL = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["ORGCTL_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(argument0.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            // On macOS the test executable sits inside Foo.xctest/Contents/MacOS.
            var current = directory
            for _ in 0..<4 {
                let candidate = current.appendingPathComponent("orgctl")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fileManager.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                current = current.deletingLastPathComponent()
            }
        }
        return argument0.deletingLastPathComponent().appendingPathComponent("orgctl")
    }()

    /// Runs `orgctl arguments` in `directory` with standard input at end of
    /// file (/dev/null), ORGCTL_DB removed from the environment unless
    /// `environment` sets it, and standard output and error captured in files
    /// (no pipes, so nothing can fill up or leak into a parallel test).
    /// `stdout` replaces the captured standard output, for /dev/full and friends.
    /// `closeStdin` runs it with descriptor 0 closed altogether (through
    /// `/bin/sh -c 'exec … <&-'`), not merely at end of file.
    static func run(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String] = [:],
        stdout: FileHandle? = nil,
        closeStdin: Bool = false,
        timeout: TimeInterval = 30
    ) throws -> CLIResult {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIError.binaryNotFound(binary.path)
        }
        let captures = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgctl-io-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: captures) }
        let outURL = captures.appendingPathComponent("stdout")
        let errURL = captures.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        if closeStdin {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" <&-", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ORGCTL_DB")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? outHandle
        process.standardError = errHandle

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL: a process hung in a signal handler or with SIGTERM
            // blocked would never die of terminate()'s SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("orgctl \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        // A death by signal reads as the shell shows it (128 + signal), never as an exit code.
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return CLIResult(
            status: status,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

enum CLIError: Error, CustomStringConvertible {
    case binaryNotFound(String)

    var description: String {
        switch self {
        case .binaryNotFound(let path):
            "no orgctl binary at \(path); build with 'swift build --build-tests', or set ORGCTL_BIN"
        }
    }
}
