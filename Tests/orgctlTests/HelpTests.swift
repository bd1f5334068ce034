import Foundation
import Testing

@Suite("--help")
struct HelpTests {
    static let leafCommands: [[String]] = [
        ["init"], ["add", "role"], ["add", "unit"], ["add", "line"], ["set", "role"], ["set", "unit"],
        ["move"], ["remove", "role"], ["remove", "unit"], ["remove", "line"],
        ["who-reports-to"], ["chain"], ["print", "tree"], ["show"],
    ]

    @Test("--help of every leaf command exits 0 and ends with an EXAMPLES section", arguments: leafCommands)
    func help(_ command: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(command + ["--help"])
        #expect(result.status == Exit.success, "\(result)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("OVERVIEW: ") || result.stdout.hasPrefix("USAGE: "), "\(result.stdout)")
        #expect(result.stdout.contains("USAGE: orgctl \(command.joined(separator: " "))"))
        let lines = result.stdoutLines
        let examples = try #require(lines.lastIndex(of: "EXAMPLES:"), "no EXAMPLES section: \(result.stdout)")
        let body = lines[(examples + 1)...]
        #expect(!body.isEmpty)
        #expect(body.allSatisfy { $0.hasPrefix("  ") }, "EXAMPLES must be the last section: \(body)")
        #expect(body.first?.hasPrefix("  orgctl \(command.joined(separator: " "))") == true, "\(body)")
        #expect(lines[examples - 1].isEmpty, "a blank line should precede EXAMPLES")
        #expect(result.stdout.hasSuffix("\n") && !result.stdout.hasSuffix("\n\n"))
        #expect(try sandbox.files().isEmpty)
    }

    @Test("every leaf command listed by --help, new ones included, ends its help with EXAMPLES")
    func everyDiscoveredLeaf() throws {
        let sandbox = try Sandbox()
        var pending: [[String]] = [[]]
        var leaves: [[String]] = []
        while let command = pending.popLast() {
            let result = try sandbox.run(command + ["--help"])
            try #require(result.status == Exit.success, "orgctl \(command.joined(separator: " ")) --help: \(result)")
            let subcommands = Self.subcommands(in: result.stdout)
            if subcommands.isEmpty {
                leaves.append(command)
                #expect(result.stdoutLines.contains("EXAMPLES:"),
                        "orgctl \(command.joined(separator: " ")) --help has no EXAMPLES section")
                #expect(result.stdoutLines.last?.hasPrefix("  ") == true,
                        "orgctl \(command.joined(separator: " ")) --help does not end with its examples")
            } else {
                pending += subcommands.filter { $0 != "help" }.map { command + [$0] }
            }
        }
        for known in Self.leafCommands {
            #expect(leaves.contains(known), "\(known) is not listed by --help")
        }
    }

    /// The names in the SUBCOMMANDS section of a help text.
    static func subcommands(in help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        var names: [String] = []
        for line in lines[(start + 1)...] {
            if line.isEmpty { break }
            guard line.hasPrefix("  "), line.dropFirst(2).first != " " else { continue }
            names.append(String(line.dropFirst(2).prefix { $0 != " " }))
        }
        return names
    }

    @Test("orgctl help SUBCOMMAND shows the same help")
    func helpSubcommand() throws {
        let sandbox = try Sandbox()
        let viaFlag = try sandbox.run("add", "role", "--help")
        let viaHelp = try sandbox.run("help", "add", "role")
        #expect(viaHelp.status == Exit.success, "\(viaHelp)")
        #expect(viaHelp.stdout == viaFlag.stdout)
    }
}
