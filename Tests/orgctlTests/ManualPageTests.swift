import ArgumentParser
import Foundation
import Testing
@testable import orgctl

/// The man page (`docs/orgctl.1`, generated from the commands' own help by
/// `make man`, installed by `make install`) and the README name every command.
@Suite struct ManualPageTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Commands whose README text is written but not yet in README.md. Each
    /// must be absent from it: once its section is in, the entry goes.
    private static let awaitingREADME: Set<String> = []

    private var commands: [(name: String, abstract: String)] {
        Orgctl.configuration.subcommands.map { command in
            (command._commandName, command.configuration.abstract)
        }
    }

    @Test func theManualPageNamesEveryCommandWithItsAbstract() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/orgctl.1"), encoding: .utf8)
        #expect(commands.count >= 22)
        for (name, abstract) in commands {
            #expect(page.contains(".It Em \(name)\n") || page.contains(".It Em \(name) "), "docs/orgctl.1 has no entry for \(name); run make man")
            // A changed abstract means the page is stale.
            #expect(page.contains(abstract.replacingOccurrences(of: "\\", with: "\\\\")), "docs/orgctl.1 lacks \(name)'s abstract; run make man")
        }
    }

    @Test func theReadmeNamesEveryCommand() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for (name, _) in commands {
            let documented = readme.contains("orgctl \(name) ") || readme.contains("orgctl \(name)`")
            if Self.awaitingREADME.contains(name) {
                #expect(!documented, "README.md documents \(name) now: remove it from awaitingREADME")
            } else {
                #expect(documented, "README.md never shows 'orgctl \(name)'")
            }
        }
    }
}
