import ArgumentParser
import Foundation
import Testing
@testable import orgctl

/// What one command run inside the test process wrote, and how it ended.
struct InProcessResult {
    /// Everything written to the command's output, exactly.
    var text: String
    /// The exit status a command ends with on purpose (`check` finding an
    /// error, `diff --exit-code`); 0 when it returned normally.
    var status: Int32

    /// The lines written, without the final newline.
    var lines: [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs orgctl commands inside the test process: the arguments are parsed
/// as `orgctl` parses them (`Orgctl.parseAsRoot`), with `--db` naming the
/// database in a sandbox folder, and the command writes to a ``MemoryOutput``.
/// Errors other than an ``ExitCode`` (usage errors, refusals) are thrown.
struct InProcess {
    let sandbox: Sandbox

    init(sandbox: Sandbox) { self.sandbox = sandbox }

    /// A new sandbox whose `org.db` holds the enterprise-pmo example, made in-process.
    static func example() throws -> InProcess {
        let cli = InProcess(sandbox: try Sandbox())
        try cli.run("init", "--example", "enterprise-pmo")
        return cli
    }

    /// The sandbox's database, as `--db` gives it.
    var database: String { sandbox.url("org.db").path }

    /// Runs `orgctl arguments --db SANDBOX/org.db`.
    @discardableResult
    func run(_ arguments: String...) throws -> InProcessResult {
        try run(arguments)
    }

    /// Runs `orgctl arguments --db SANDBOX/org.db`.
    @discardableResult
    func run(_ arguments: [String]) throws -> InProcessResult {
        try Self.run(arguments + ["--db", database])
    }

    /// The text of a command that must end with status 0.
    func text(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "orgctl \(arguments.joined(separator: " ")) ended with \(result.status)", sourceLocation: sourceLocation)
        return result.text
    }

    /// Parses `arguments` (with no `--db` added) and runs the command.
    static func run(_ arguments: [String]) throws -> InProcessResult {
        let parsed = try Orgctl.parseAsRoot(arguments)
        let command = try #require(parsed as? any OrgCommand, "orgctl \(arguments.joined(separator: " ")) is not a command that runs")
        let output = MemoryOutput()
        do {
            try command.run(writingTo: output)
        } catch let exit as ExitCode {
            return InProcessResult(text: output.text, status: exit.rawValue)
        }
        return InProcessResult(text: output.text, status: 0)
    }
}
