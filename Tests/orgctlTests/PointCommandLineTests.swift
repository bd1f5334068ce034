import ArgumentParser
import Testing
@testable import orgctl

/// The point commands read by hand give the very command ArgumentParser
/// gives for the same line, every property included; any other line is
/// left to ArgumentParser, so its help and errors stay as they were.
@Suite struct PointCommandLineTests {
    /// Every field of a parsed command, as text: two parses are the same exactly when these are.
    private func fields(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test(arguments: [
        ["chain", "pm-payments"], ["chain", "pm-payments", "--db", "x.db", "--json"], ["chain", "--json", "--db", "x.db", "help"],
        ["compare", "pm-crm", "cio"], ["compare", "--db", "x.db", "pm-crm", "cio", "--json"],
        ["who-reports-to", "cio"], ["who-reports-to", "cio", "--all", "--count", "--db", "x.db"],
        ["who-reports-to", "--dotted", "pmo-it", "--json"],
        ["find", "amara"], ["find", "dom cer", "--limit", "3", "--json", "--db", "x.db"], ["find", "Renée"],
        ["add", "role", "x1", "--title", "Analyst"],
        ["add", "role", "x1", "--title", "Project Manager", "--holder", "Jane Doe", "--reports-to", "cio",
         "--unit", "pmo-it", "--db", "x.db", "--json"],
        ["add", "role", "ea1", "--assistant-to", "cio", "--title", "Assistant"],
    ])
    func aPlainPointCommandParsesAsArgumentParserParsesIt(arguments: [String]) throws {
        let quick = try #require(PointCommandLine.command(arguments), "\(arguments) was left to ArgumentParser")
        let full = try Orgctl.parseAsRoot(arguments)
        #expect(type(of: quick) == type(of: full))
        #expect(fields(quick) == fields(full), "\(arguments)")
    }

    @Test(arguments: [
        [], ["chain"], ["chain", "a", "b"], ["chain", "x", "--help"], ["chain", "-h"], ["chain", "x", "--version"],
        ["chain", "x", "--as-of", "2026-01-01"], ["chain", "--db=x.db", "x"], ["chain", "x", "--db", ""],
        ["chain", "x", "--db"], ["chain", "x", "--db", "a.db", "--db", "b.db"], ["chain", "x", "--json", "--json"],
        ["chain", "--", "-x"], ["chain", "x", "--bogus"], ["compare", "a"], ["who-reports-to", "cio", "--depth", "2"],
        ["who-reports-to", "cio", "--count", "--dotted"], ["find", "x", "--limit", "0"], ["find", "x", "--limit", "many"],
        ["find", "x", "--limit", "-1"], ["add", "role", "x1"], ["add", "role", "x1", "--title", "A", "--grade", "3"],
        ["add", "role", "x1", "--title", "A", "--effective", "2030-01-01"], ["add", "unit", "u", "--name", "U"],
        ["add"], ["print", "tree"], ["show", "cio"], ["help", "chain"], ["--generate-completion-script", "bash"],
    ])
    func anythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(PointCommandLine.command(arguments) == nil, "\(arguments)")
    }
}
