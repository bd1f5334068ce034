import ArgumentParser
import Testing
@testable import orgctl

/// The quick parse on orgctl's start path gives the very command the parse
/// from `Orgctl` gives, or leaves the line to it: help, completion scripts,
/// the version, usage errors and groups on their own stay ArgumentParser's.
@Suite struct QuickParseTests {
    /// Every field of a parsed command, as text: two parses are the same
    /// exactly when these are.
    private func fields(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    @Test(arguments: [
        ["chain", "pm-payments"], ["chain", "pm-payments", "--db", "x.db", "--json"],
        ["chain", "--as-of", "2026-01-01", "pm-payments"], ["chain", "--db=x.db", "pm-payments"],
        ["who-reports-to", "cio", "--all", "--depth", "2"], ["compare", "pm-crm", "cio", "--json"],
        ["add", "role", "x1", "--title", "Analyst", "--reports-to", "cio", "--effective", "2030-01-01"],
        ["show", "pmo-it"], ["find", "amara"], ["print", "tree", "--dotted"], ["move", "pm-crm", "--to", "cio"],
        ["diff", "--from", "2026-01-01", "--to", "2026-06-30"], ["history", "--limit", "3"], ["undo", "#8"],
        ["find", "--", "-leading-dash"],
    ])
    func aLineThatRunsParsesToTheSameCommand(arguments: [String]) throws {
        let quick = try #require(QuickParse.command(arguments), "\(arguments) was left to the full parse")
        let full = try Orgctl.parseAsRoot(arguments)
        #expect(type(of: quick) == type(of: full))
        #expect(fields(quick) == fields(full), "\(arguments)")
    }

    @Test(arguments: [
        [], ["--help"], ["-h"], ["help"], ["help", "chain"], ["chain", "--help"], ["chain", "-h"], ["--version"],
        ["chain", "x", "--version"], ["--generate-completion-script", "bash"], ["chain", "--generate-completion-script"],
        ["---completion", "chain", "--", "p"], ["add"], ["chain"], ["chain", "x", "--bogus"], ["nonsense"],
        ["chain", "x", "--db", ""], ["history", "--limit", "0"], ["--experimental-dump-help"],
    ])
    func anythingElseIsLeftToTheFullParse(arguments: [String]) {
        #expect(QuickParse.command(arguments) == nil, "\(arguments)")
    }
}
