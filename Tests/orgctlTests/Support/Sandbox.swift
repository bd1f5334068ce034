import Foundation
import Testing

/// A private temporary folder for one test, used as the working directory of
/// every `orgctl` it runs, so that the default `./org.db` lands inside it.
final class Sandbox {
    /// The working directory (empty at first).
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("orgctl-e2e-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A sandbox whose `./org.db` holds the enterprise-pmo example.
    static func example() throws -> Sandbox {
        let sandbox = try Sandbox()
        let result = try sandbox.run("init", "--example", "enterprise-pmo")
        try #require(result.status == 0, "init --example failed: \(result)")
        return sandbox
    }

    /// Runs `orgctl arguments` in the sandbox.
    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, in: directory, environment: environment)
    }

    /// Runs `orgctl arguments` in the sandbox.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], stdout: FileHandle? = nil,
             closeStdin: Bool = false) throws -> CLIResult {
        try CLI.run(arguments, in: directory, environment: environment, stdout: stdout, closeStdin: closeStdin)
    }

    /// Runs a command that must succeed with nothing on stderr, returning its result.
    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        try ok(arguments, sourceLocation: sourceLocation)
    }

    /// Runs a command that must succeed with nothing on stderr, returning its result.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try CLI.run(arguments, in: directory)
        try #require(result.status == 0, "orgctl \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "unexpected stderr: \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a `--json` command that must succeed, returning its parsed object.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try CLI.run(arguments + ["--json"], in: directory)
        try #require(result.status == 0, "orgctl \(arguments.joined(separator: " ")) --json: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, sourceLocation: sourceLocation)
        return try JSONObject.parse(result.stdout, sourceLocation: sourceLocation)
    }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }

    /// The names of the files in the working directory.
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The bytes of a database and its write-ahead log, by file name. A file
    /// that does not exist is absent from the dictionary, and so is an empty
    /// log: SQLite leaves one behind after a read-only connection and deletes
    /// it when the next writer closes, and it holds nothing either way.
    func databaseBytes(_ name: String = "org.db") throws -> [String: Data] {
        var bytes: [String: Data] = [:]
        for file in [name, name + "-wal"] where exists(file) {
            let data = try Data(contentsOf: url(file))
            if file == name || !data.isEmpty { bytes[file] = data }
        }
        return bytes
    }
}
