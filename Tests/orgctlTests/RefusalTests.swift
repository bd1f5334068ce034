import Foundation
import Testing

/// A command the example organisation must refuse, and what the message names.
struct Refusal: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    var status: Int32 = Exit.refused
    var mentions: [String]
    var caseInsensitive = false

    var testDescription: String { name }
}

@Suite("Refused writes change nothing")
struct RefusalTests {
    static let refusals: [Refusal] = [
        Refusal(name: "cycle", arguments: ["move", "ceo", "--to", "pm-payments"],
                mentions: ["cycle", "ceo → pm-payments → prog-digital-manager → pmo-it-director → cio → ceo"]),
        Refusal(name: "self-report", arguments: ["move", "cpo", "--to", "cpo"], mentions: ["'cpo'", "itself"]),
        Refusal(name: "unknown role to move", arguments: ["move", "nobody", "--to", "ceo"], mentions: ["'nobody'"]),
        Refusal(name: "unknown new manager", arguments: ["move", "cfo", "--to", "cxo"], mentions: ["'cxo'"]),
        Refusal(name: "unknown manager of a new role",
                arguments: ["add", "role", "pm-new", "--title", "Project Manager", "--reports-to", "pm-paymnts"],
                mentions: ["'pm-paymnts'", "did you mean 'pm-payments'?"]),
        Refusal(name: "unknown unit of a new role",
                arguments: ["add", "role", "pm-new", "--title", "Project Manager", "--unit", "proj-nowhere"],
                mentions: ["'proj-nowhere'"]),
        Refusal(name: "unknown role to set", arguments: ["set", "role", "ghost", "--grade", "3"], mentions: ["'ghost'"]),
        Refusal(name: "unknown unit to remove", arguments: ["remove", "unit", "ghost-unit"], mentions: ["'ghost-unit'"]),
        Refusal(name: "duplicate role key", arguments: ["add", "role", "ceo", "--title", "Another CEO"],
                mentions: ["'ceo'", "already used"]),
        Refusal(name: "duplicate key differing only in case", arguments: ["add", "role", "CEO", "--title", "Another CEO"],
                mentions: ["'ceo'", "already used"], caseInsensitive: true),
        Refusal(name: "unit key taken by a role", arguments: ["add", "unit", "Cfo", "--name", "CFO office", "--kind", "team"],
                mentions: ["'cfo'", "already used"], caseInsensitive: true),
        Refusal(name: "bad PMO type", arguments: ["add", "unit", "pmo-x", "--name", "X PMO", "--kind", "pmo", "--pmo-type", "dictatorial"],
                status: Exit.usage, mentions: ["'dictatorial'", "directive"]),
        Refusal(name: "PMO type on a non-PMO unit",
                arguments: ["add", "unit", "team-x", "--name", "X", "--kind", "team", "--pmo-type", "directive"],
                mentions: ["'team-x'", "team", "'directive'"]),
        Refusal(name: "PMO without a type", arguments: ["add", "unit", "pmo-x", "--name", "X PMO", "--kind", "pmo"],
                mentions: ["'pmo-x'", "--pmo-type"]),
        Refusal(name: "key with a space", arguments: ["add", "role", "bad key", "--title", "T"], mentions: ["'bad key'"]),
        Refusal(name: "key with a non-ASCII letter", arguments: ["add", "role", "kö", "--title", "T"], mentions: ["'kö'"]),
        Refusal(name: "key with a slash", arguments: ["add", "unit", "a/b", "--name", "N", "--kind", "team"], mentions: ["'a/b'"]),
        Refusal(name: "key too long", arguments: ["add", "role", String(repeating: "k", count: 65), "--title", "T"],
                mentions: ["'" + String(repeating: "k", count: 64) + "…' (65 characters)", "at most 64"]),
        Refusal(name: "dotted line closing a cycle of dotted and solid lines",
                arguments: ["add", "line", "cpo", "--to", "pmo-it-director", "--dotted"],
                mentions: ["cycle", "cpo → pmo-it-director → cpo"]),
        Refusal(name: "dotted line up from the top to a report",
                arguments: ["add", "line", "ceo", "--to", "pm-payments", "--dotted"],
                mentions: ["cycle", "ceo → pm-payments"]),
        Refusal(name: "move closing a cycle through a dotted line",
                arguments: ["move", "cpo", "--to", "pmo-it-director"],
                mentions: ["cycle", "cpo → pmo-it-director → cpo"]),
        Refusal(name: "salary that is not an amount",
                arguments: ["set", "role", "cfo", "--salary", "lots", "--currency", "GBP"], mentions: ["'lots'"]),
        Refusal(name: "salary with three decimals",
                arguments: ["set", "role", "cfo", "--salary", "1.005", "--currency", "GBP"], mentions: ["'1.005'"]),
        Refusal(name: "blank title", arguments: ["set", "role", "cfo", "--title", "   "], mentions: ["title", "empty"]),
        Refusal(name: "dotted line to itself", arguments: ["add", "line", "cpo", "--to", "cpo", "--dotted"], mentions: ["'cpo'"]),
        Refusal(name: "removing a root with reports", arguments: ["remove", "role", "ceo"],
                mentions: ["'ceo'", "5 direct reports", "--reassign-to"]),
        Refusal(name: "reassigning to someone inside the removed tree",
                arguments: ["remove", "role", "cio", "--reassign-to", "pm-payments"],
                mentions: ["'pm-payments'", "'cio'"]),
        Refusal(name: "unit inside itself", arguments: ["set", "unit", "ops", "--parent", "proj-fleet"],
                mentions: ["ops", "proj-fleet"]),
        Refusal(name: "removing a dotted line that does not exist",
                arguments: ["remove", "line", "cfo", "--to", "cpo", "--dotted"], mentions: ["'cfo'", "'cpo'"]),
    ]

    @Test("refused: exact exit code, one line on stderr naming the value, nothing on stdout, database untouched",
          arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        try #require(before["org.db"] != nil)
        let result = try sandbox.run(refusal.arguments)
        expectFailure(result, status: refusal.status, mentions: refusal.mentions, caseInsensitive: refusal.caseInsensitive)
        #expect(try sandbox.databaseBytes() == before, "the database files changed")
        #expect(try sandbox.files() == ["org.db"])
    }
}
