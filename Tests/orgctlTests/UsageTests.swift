import Foundation
import Testing

/// A command line ArgumentParser (or a command's validate()) rejects.
struct UsageError: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var mentions: [String]

    var testDescription: String { name }
}

@Suite("Usage errors")
struct UsageTests {
    static let errors: [UsageError] = [
        UsageError(name: "add role without --title", arguments: ["add", "role", "pm-x"], mentions: ["--title", "orgctl add role --help"]),
        UsageError(name: "add role without a key", arguments: ["add", "role", "--title", "T"], mentions: ["<key>"]),
        UsageError(name: "add unit without --kind", arguments: ["add", "unit", "u", "--name", "U"], mentions: ["--kind"]),
        UsageError(name: "add unit with an unknown kind", arguments: ["add", "unit", "u", "--name", "U", "--kind", "tribe"],
                   mentions: ["'tribe'"]),
        UsageError(name: "add line without --to", arguments: ["add", "line", "cfo", "--dotted"], mentions: ["--to"]),
        UsageError(name: "set role with nothing to change", arguments: ["set", "role", "cfo"], mentions: ["nothing to change"]),
        UsageError(name: "set role with --holder and --vacate", arguments: ["set", "role", "cfo", "--holder", "A", "--vacate"],
                   mentions: ["--vacate"]),
        UsageError(name: "set role --currency without --salary", arguments: ["set", "role", "cfo", "--currency", "GBP"],
                   mentions: ["--salary"]),
        UsageError(name: "set role --grade and --no-grade", arguments: ["set", "role", "cfo", "--grade", "3", "--no-grade"],
                   mentions: ["--no-grade"]),
        UsageError(name: "set unit --head and --no-head", arguments: ["set", "unit", "fin", "--head", "cfo", "--no-head"],
                   mentions: ["--no-head"]),
        UsageError(name: "undo of something not a change number", arguments: ["undo", "eight"],
                   mentions: ["'eight'", "orgctl undo --help"]),
        UsageError(name: "set unit with nothing to change", arguments: ["set", "unit", "fin"], mentions: ["nothing to change"]),
        UsageError(name: "move without --to or --to-root", arguments: ["move", "cfo"], mentions: ["--to"]),
        UsageError(name: "move with both --to and --to-root", arguments: ["move", "cfo", "--to", "cpo", "--to-root"],
                   mentions: ["--to-root"]),
        UsageError(name: "unknown flag", arguments: ["print", "tree", "--sideways"], mentions: ["--sideways"]),
        UsageError(name: "unknown flag on a write", arguments: ["add", "role", "x", "--title", "T", "--force"], mentions: ["--force"]),
        UsageError(name: "unknown command", arguments: ["promote", "cfo"], mentions: ["promote"]),
        UsageError(name: "missing subcommand argument", arguments: ["show"], mentions: ["<key>"]),
        UsageError(name: "grade that is not a number", arguments: ["set", "role", "cfo", "--grade", "high"], mentions: ["high"]),
    ]

    @Test("usage errors exit 64 with one line on stderr and change nothing", arguments: errors)
    func usage(_ error: UsageError) throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.run(error.arguments)
        expectFailure(result, status: Exit.usage, mentions: error.mentions)
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("a usage error on a missing database creates no file")
    func usageCreatesNothing() throws {
        let sandbox = try Sandbox()
        expectFailure(try sandbox.run("add", "role", "x"), status: Exit.usage, mentions: ["--title"])
        expectFailure(try sandbox.run("add", "line", "a"), status: Exit.usage, mentions: ["--to"])
        #expect(try sandbox.files().isEmpty)
    }
}
