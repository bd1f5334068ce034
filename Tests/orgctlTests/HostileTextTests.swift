import Foundation
import Testing

/// Text a person might type into a title, holder or name: stored as given (in
/// Unicode NFC, as the README says) and shown back by `show --json`; control
/// characters are refused.
@Suite("Hostile text")
struct HostileTextTests {
    static let storable: [String] = [
        "Chef 👩🏽‍🍳 de projet 🇬🇧",                    // emoji: skin tone, ZWJ sequence, flag
        "مريم الحسن",                                   // right-to-left (Arabic)
        "שרה כהן (PMO)",                                // right-to-left (Hebrew) mixed with Latin
        "Zoë Ångström",                                 // precomposed accents
        "q\u{0323}\u{0303} x\u{0301}\u{0302} ก\u{0E35}\u{0E48}", // combining marks with no precomposed form (NFC already)
        "q\u{0303}\u{0323} Ñ\u{0331} Z\u{0351}\u{0343}a\u{0352}", // combining marks out of canonical order
        "x'); DROP TABLE role;--",                      // SQL injection
        "Robert\"; DELETE FROM unit; --",               // SQL injection with a double quote
        "%s %n {{title}} $(rm -rf /) \\ ' \"",          // format strings, shell, backslash and quotes
        "漢字 かな カナ 한국어",                          // CJK
    ]

    @Test("titles and holders are stored verbatim and shown back by show --json", arguments: storable)
    func roleText(_ text: String) throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "hostile", "--title", text, "--holder", text, "--reports-to", "ceo")
        let role = try JSONObject.role(try sandbox.json("show", "hostile"))
        #expect(scalars(role["title"]) == nfcScalars(text))
        #expect(scalars(role["holder"]) == nfcScalars(text))
        // The database is intact: every role is still there, plus the new one.
        #expect(try sandbox.ok("who-reports-to", "ceo", "--all", "--count").stdout == "27\n")
        // And the text shows in the tree.
        let tree = try sandbox.ok("print", "tree", "--root", "hostile")
        let shown = text.precomposedStringWithCanonicalMapping
        #expect(Array(tree.stdout.unicodeScalars) == Array("hostile  \(shown) — \(shown)\n".unicodeScalars))
    }

    @Test("unit names are stored verbatim and shown back by show --json", arguments: storable)
    func unitName(_ text: String) throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "unit", "hostile", "--name", text, "--kind", "team", "--parent", "it")
        let unit = try sandbox.json("show", "hostile")
        #expect(scalars(unit["name"]) == nfcScalars(text))
        #expect((try sandbox.json("show", "it")["subUnits"] as? [String])?.sorted() == ["hostile", "it-eng", "pmo-it"])
    }

    private func scalars(_ value: Any?) -> [Unicode.Scalar] { Array((value as? String ?? "").unicodeScalars) }

    /// The text in Unicode NFC: for text already in NFC, the text itself.
    private func nfcScalars(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    @Test("a decomposed accent is kept as the same text (canonically equivalent, stored as NFC)")
    func decomposed() throws {
        let sandbox = try Sandbox.example()
        let decomposed = "Jose\u{0301} Mu\u{0308}ller"
        try sandbox.ok("set", "role", "cfo", "--holder", decomposed)
        let holder = try sandbox.json("show", "cfo")["holder"] as? String
        #expect(holder == decomposed)   // String == is canonical equivalence
    }

    @Test("a holder with control characters is refused with exit 1 and nothing written", arguments: [
        "Eve\u{1B}[31m red",         // ANSI colour
        "Eve\u{1B}]0;pwned\u{07}",   // terminal title
        "Eve\nMallory",              // newline
        "Eve\rMallory",              // carriage return
        "Eve\tMallory",              // tab
        "Eve\u{7F}",                 // DEL
        "Eve\u{9B}31m",              // C1 control sequence introducer
    ])
    func controlCharacters(_ text: String) throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        for arguments in [
            ["set", "role", "cfo", "--holder", text],
            ["add", "role", "evil", "--title", text],
            ["add", "unit", "evil", "--name", text, "--kind", "team"],
        ] {
            let result = try sandbox.run(arguments)
            expectFailure(result, status: Exit.refused, mentions: ["control character"])
            // The message quotes the value with its controls escaped, never raw.
            #expect(!result.stderr.dropLast().contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } },
                    "raw control character on stderr: \(result.stderr.debugDescription)")
            #expect(result.stderr.contains("Eve"))
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("reordering controls are stored but shown escaped in text, and raw in JSON")
    func bidiOverride() throws {
        let sandbox = try Sandbox.example()
        let text = "abc\u{202E}fed"
        try sandbox.ok("set", "role", "cfo", "--holder", text)
        let shown = try sandbox.ok("show", "cfo")
        #expect(shown.stdoutLines.contains("holder:     abc\\u{202e}fed"))
        #expect(!shown.stdout.unicodeScalars.contains("\u{202E}"))
        #expect(try sandbox.json("show", "cfo")["holder"] as? String == text)
    }
}
