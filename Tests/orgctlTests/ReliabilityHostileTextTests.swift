import Foundation
import Testing

/// Hostile text beyond HostileTextTests (which covers emoji, right-to-left
/// scripts, combining marks, SQL injection and control characters typed on the
/// command line, and U+202E in `show`): the length limit at its edge, every
/// Unicode plane that has characters, text arriving by import, SQL-looking
/// keys and lookups, and text that got into the database behind orgctl's back.
/// Whatever happens, no raw ESC, other control, or bidi control reaches a
/// terminal from text output.
@Suite("Reliability: hostile text")
struct ReliabilityHostileTextTests {
    // MARK: - The 200-character limit

    /// Units of text, each one character, with its count of Unicode scalars.
    static let characterKinds: [(name: String, character: String)] = [
        ("ASCII", "x"),
        ("precomposed é", "é"),
        ("decomposed e + U+0301, stored as é", "e\u{0301}"),
        ("CJK U+4E2D", "中"),
        ("plane 1 emoji U+1F600", "\u{1F600}"),
        ("plane 2 ideograph U+20000", "\u{20000}"),
    ]

    @Test("a title, holder or unit name of exactly 200 characters is stored; 201 are refused with exit 1 and nothing written",
          arguments: characterKinds.map(\.name))
    func lengthLimit(_ name: String) throws {
        let character = try #require(Self.characterKinds.first { $0.name == name }?.character)
        let sandbox = try Sandbox.example()
        let exactly = String(repeating: character, count: 200)
        let tooLong = String(repeating: character, count: 201)
        // Surrounding spaces are trimmed and do not count.
        try sandbox.ok("add", "role", "long", "--title", "  " + exactly + " ", "--holder", exactly, "--reports-to", "ceo")
        let role = try sandbox.json("show", "long")
        let stored = exactly.precomposedStringWithCanonicalMapping
        #expect((role["title"] as? String).map { Array($0.unicodeScalars) } == Array(stored.unicodeScalars))
        #expect((role["holder"] as? String).map { Array($0.unicodeScalars) } == Array(stored.unicodeScalars))
        try sandbox.ok("add", "unit", "long-unit", "--name", exactly, "--kind", "team")
        #expect((try sandbox.json("show", "long-unit")["name"] as? String).map { Array($0.unicodeScalars) } == Array(stored.unicodeScalars))

        let before = try sandbox.databaseBytes()
        for arguments in [["add", "role", "longer", "--title", tooLong],
                          ["set", "role", "long", "--holder", tooLong],
                          ["add", "unit", "longer-unit", "--name", tooLong, "--kind", "team"]] {
            expectFailure(try sandbox.run(arguments), status: Exit.refused, mentions: ["more than 200 characters"])
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("characters made of several scalars (q + U+0323, flags) are measured the same way by the checks and the schema",
          arguments: ["q\u{0323}", "\u{1F1EC}\u{1F1E7}"])
    func lengthOfClusters(_ cluster: String) throws {
        let sandbox = try Sandbox.example()
        let scalarsEach = cluster.unicodeScalars.count
        // 200 scalars, whole clusters: within the limit however it is counted.
        let fits = String(repeating: cluster, count: 200 / scalarsEach)
        try sandbox.ok("add", "role", "fits", "--title", fits, "--reports-to", "ceo")
        #expect(try sandbox.json("show", "fits")["title"] as? String == fits)
        // 101 clusters, over 200 scalars: whatever the rule, a refusal must be
        // the check's clear message, not the schema's last line of defence.
        let over = String(repeating: cluster, count: 101)
        let result = try sandbox.run("add", "role", "over", "--title", over, "--reports-to", "ceo")
        if result.status != Exit.success {
            expectFailure(result, status: Exit.refused, mentions: ["the title", "more than 200 characters"])
            #expect(!result.stderr.contains("CHECK constraint"), "the schema caught what the checks let through: \(result.stderr)")
        } else {
            #expect(try sandbox.json("show", "over")["title"] as? String == over)
        }
    }

    // MARK: - Every plane

    /// Characters from every Unicode plane that has assigned characters (0, 1,
    /// 2, 3, 14, and the private-use planes 15 and 16), with tag characters, a
    /// variation selector, a tag-sequence flag, and a leading combining mark.
    static let planes = "\u{0301}P0 Ω中\u{E000} P1 \u{10000}\u{1F600}\u{1D11E} P2 \u{20000}\u{2A6D6} P3 \u{30000} "
        + "P14 A\u{E0041}\u{E0042}\u{E007F} 葛\u{E0100} 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} "
        + "P15 \u{F0000} P16 \u{10FFFD}"

    @Test("characters from every plane are stored verbatim, printed verbatim, and survive export and import as CSV and JSON")
    func everyPlane() throws {
        let sandbox = try Sandbox.example()
        let text = Self.planes
        #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
        try sandbox.ok("add", "unit", "planes", "--name", text, "--kind", "team")
        try sandbox.ok("add", "role", "planes-role", "--title", text, "--holder", text, "--reports-to", "ceo", "--unit", "planes")
        let role = try sandbox.json("show", "planes-role")
        #expect((role["title"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true)
        #expect((role["holder"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true)
        #expect((try sandbox.json("show", "planes")["name"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true)

        // The tree shows the bytes as they are, except tag characters outside
        // an emoji flag, which are invisible and so shown as escapes.
        let tree = try sandbox.spawn(["print", "tree", "--root", "planes-role"])
        #expect(tree.status == 0, "\(tree.result)")
        let shown = text.replacingOccurrences(of: "A\u{E0041}\u{E0042}\u{E007F}", with: "A\\u{e0041}\\u{e0042}\\u{e007f}")
        #expect(tree.stdoutData == Data("planes-role  \(shown) — \(shown)\n".utf8))

        for format in ["csv", "json"] {
            let copy = try Sandbox()
            let file = "org.\(format)"
            try Data(try sandbox.ok("export", "--format", format).stdout.utf8).write(to: copy.url(file))
            if format == "csv" {
                try Data(try sandbox.ok("export", "--format", "csv", "--units").stdout.utf8).write(to: copy.url("units.csv"))
                try copy.ok("import", "--units", "units.csv", file)
            } else {
                try copy.ok("import", file)
            }
            let copied = try copy.json("show", "planes-role")
            #expect((copied["title"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true, "\(format)")
            #expect((copied["holder"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true, "\(format)")
            #expect((try copy.json("show", "planes")["name"] as? String)?.unicodeScalars.elementsEqual(text.unicodeScalars) == true, "\(format)")
        }
    }

    // MARK: - Text output never carries controls

    /// Fails when `bytes` (text output) hold a raw control character other
    /// than the line feed, DEL, a C1 control, or a bidi control.
    static func expectTerminalSafe(_ bytes: Data, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!bytes.contains(0x1B), "raw ESC in \(context)", sourceLocation: sourceLocation)
        let controls = bytes.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(controls.isEmpty, "raw C0 controls \(Array(controls)) in \(context)", sourceLocation: sourceLocation)
        let text = String(decoding: bytes, as: UTF8.self)
        let unsafe = text.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || $0.properties.isBidiControl }
        #expect(unsafe.isEmpty, "raw \(unsafe.map { "U+" + String($0.value, radix: 16, uppercase: true) }) in \(context)",
                sourceLocation: sourceLocation)
    }

    /// Every scalar with the Bidi_Control property (U+061C, U+200E, U+200F,
    /// U+202A to U+202E, U+2066 to U+2069), read from Unicode's own data.
    static let bidiControls: [UInt32] = (0x0000...0x2FFF).compactMap { value in
        Unicode.Scalar(UInt32(value)).flatMap { $0.properties.isBidiControl ? $0.value : nil }
    }

    @Test("no bidi control typed into a holder reaches stdout raw in print tree, who-reports-to or chain",
          arguments: bidiControls)
    func bidiControlsInText(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let sandbox = try Sandbox.example()
        let holder = "Eve \(Character(scalar))reversed\u{202C} Mallory"
        try sandbox.ok("set", "role", "cfo", "--holder", holder)
        #expect(try sandbox.json("show", "cfo")["holder"] as? String == holder)   // stored as typed
        for arguments in [["print", "tree"], ["print", "tree", "--dotted"], ["who-reports-to", "ceo", "--all"], ["chain", "cfo"]] {
            let result = try sandbox.spawn(arguments)
            #expect(result.status == 0, "\(result.result)")
            Self.expectTerminalSafe(result.stdoutData, "\(arguments.joined(separator: " ")) with U+\(String(value, radix: 16, uppercase: true))")
            #expect(result.result.stdout.contains("Eve \\u{\(String(value, radix: 16))}reversed\\u{202c} Mallory"))
        }
    }

    @Test("text put into the database behind orgctl's back (ESC, BEL, NUL, CR, DEL, C1, U+202E) is escaped in every text view",
          .enabled(if: Reliability.sqlite3 != nil, "needs the sqlite3 shell to edit the database directly"))
    func tamperedDatabase() throws {
        let sandbox = try Sandbox.example()
        _ = try Reliability.sqlite(sandbox.url("org.db"), """
            UPDATE role SET title = 'Chief' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' Officer'
                WHERE key = 'cfo';
            UPDATE role SET holder = 'Eve' || char(0) || 'Mallory' || char(13) || 'Trent' || char(127) || char(155) || '31m'
                || char(8238) || 'gnp.exe' WHERE key = 'cfo';
            UPDATE unit SET name = 'Fin' || char(27) || '[31mance' || char(8238) WHERE key = 'fin';
            """, write: true)
        for arguments in [["print", "tree"], ["print", "tree", "--dotted"], ["print", "tree", "--root", "cfo"],
                          ["who-reports-to", "ceo", "--all", "--dotted"], ["chain", "cfo"], ["show", "cfo"], ["show", "fin"],
                          ["stats"], ["check"]] {
            let result = try sandbox.spawn(arguments)
            #expect(result.status == 0 || (arguments == ["check"] && result.status == 1), "\(result.result)")
            Self.expectTerminalSafe(result.stdoutData, arguments.joined(separator: " "))
            Self.expectTerminalSafe(result.stderrData, arguments.joined(separator: " ") + " (stderr)")
        }
        let tree = try sandbox.ok("print", "tree", "--root", "cfo").stdoutLines.first ?? ""
        #expect(tree.hasPrefix("cfo  Chief\\u{1b}[2J\\u{1b}]0;pwned\\u{7} Officer — Eve"), "\(tree)")
    }

    // MARK: - Text arriving by import

    /// Files whose one bad cell holds a control character, as CSV and as JSON.
    static let controlImports: [(name: String, file: String, bytes: [UInt8])] = [
        ("NUL in CSV", "roles.csv", Array("key,title\nok-1,Fine\nbad-1,Eve".utf8) + [0] + Array("Mallory\n".utf8)),
        ("ESC colour in CSV", "roles.csv", Array("key,title,holder\nok-1,Fine,\nbad-1,Title,\"Eve\u{1B}[31mred\"\n".utf8)),
        ("OSC 8 hyperlink in CSV", "roles.csv", Array("key,title\nok-1,Fine\nbad-1,\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\\n".utf8)),
        ("C1 CSI in CSV", "roles.csv", Array("key,title\nok-1,Fine\nbad-1,Eve\u{9B}31m\n".utf8)),
        ("NUL in JSON", "org.json", Array(#"{"format":"orgctl","version":1,"units":[],"roles":[{"key":"ok-1","title":"Fine"},{"key":"bad-1","title":"Eve\u0000Mallory"}]}"#.utf8)),
        ("ESC in JSON", "org.json", Array(#"{"format":"orgctl","version":1,"units":[],"roles":[{"key":"ok-1","title":"Fine"},{"key":"bad-1","title":"Eve\u001b[2J"}]}"#.utf8)),
        ("BEL in a JSON unit name", "org.json", Array(#"{"format":"orgctl","version":1,"units":[{"key":"u-1","name":"Ring\u0007","kind":"team"}],"roles":[{"key":"ok-1","title":"Fine"}]}"#.utf8)),
    ]

    @Test("an import with a control character (NUL, ESC, OSC, C1, BEL) in one cell is refused with exit 1 and imports nothing",
          arguments: controlImports.map(\.name))
    func controlsInImport(_ name: String) throws {
        let entry = try #require(Self.controlImports.first { $0.name == name })
        let sandbox = try Sandbox.example()
        try Data(entry.bytes).write(to: sandbox.url(entry.file))
        let before = try sandbox.databaseBytes()
        let result = try sandbox.spawn(["import", entry.file])
        expectFailure(result.result, status: Exit.refused, mentions: [entry.file, "control character", "nothing was imported"])
        Self.expectTerminalSafe(result.stderrData.dropLast(), "the refusal")
        #expect(try sandbox.databaseBytes() == before)
        expectFailure(try sandbox.run("show", "ok-1"), status: Exit.refused)
    }

    // MARK: - SQL-looking keys and lookups

    @Test("SQL, LIKE and GLOB text in keys is refused or matches nothing; it is never run", arguments: [
        "x'); DROP TABLE role;--", "ceo' OR '1'='1", "c_o", "C%", "c*", "*", "%", "[a-z]*", "ceo;", "ceo--",
    ])
    func sqlInKeys(_ key: String) throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.databaseBytes()
        for arguments in [["show", key], ["chain", key], ["who-reports-to", key, "--count"], ["set", "role", key, "--holder", "Eve"],
                          ["remove", "role", key], ["move", key, "--to", "ceo"], ["compare", key, "ceo"]] {
            let result = try sandbox.run(arguments)
            expectFailure(result, status: Exit.refused)
        }
        #expect(try sandbox.databaseBytes() == before)
        // As a new key it is refused by the key rule, unless it is a valid key (c_o).
        let added = try sandbox.run("add", "role", key, "--title", "Injected")
        if key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            #expect(added.status == 0, "\(added)")
        } else {
            expectFailure(added, status: Exit.refused, mentions: ["not a valid key"])
            #expect(try sandbox.databaseBytes() == before)
        }
        #expect(try sandbox.countBelow("ceo") == 26)
    }

    @Test("SQL text in imported cells is stored verbatim and every table is still there",
          .enabled(if: Reliability.sqlite3 != nil, "needs the sqlite3 shell to list the tables"))
    func sqlInImport() throws {
        let sandbox = try Sandbox.example()
        let tables = try Reliability.sqlite(sandbox.url("org.db"), "SELECT name FROM sqlite_schema ORDER BY name;")
        let hostile = ["'); DROP TABLE role;--", "\"; DELETE FROM unit; --", "1; PRAGMA writable_schema=1", "ceo' OR 1=1 --"]
        var csv = "key,title,holder,reports_to\n"
        for (index, text) in hostile.enumerated() {
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            csv += "sql-\(index),\(quoted),\(quoted),ceo\n"
        }
        try Data(csv.utf8).write(to: sandbox.url("roles.csv"))
        try sandbox.ok("import", "roles.csv")
        for (index, text) in hostile.enumerated() {
            let role = try sandbox.json("show", "sql-\(index)")
            #expect(role["title"] as? String == text)
            #expect(role["holder"] as? String == text)
        }
        #expect(try Reliability.sqlite(sandbox.url("org.db"), "SELECT name FROM sqlite_schema ORDER BY name;") == tables)
        #expect(try sandbox.countBelow("ceo") == 26 + hostile.count)
        try Reliability.expectSound(sandbox.url("org.db"))
    }
}
