import Testing
@testable import OrgModel

/// Messages quote what someone gave them, but only a short prefix of it: a
/// 50 MB cell echoed whole would bury the line that says what is wrong.
@Suite("Message length")
struct MessageLengthTests {
    static let megabyte = 1 << 20
    static let longest = 400

    private func expectShort(_ error: OrgError?, mentions: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
            return
        }
        let message = error.description
        #expect(message.count < Self.longest, "\(message.prefix(500))", sourceLocation: sourceLocation)
        #expect(message.contains("…' (1,048,576 characters)"), "\(message.prefix(500))", sourceLocation: sourceLocation)
        if let mentions { #expect(message.contains(mentions), "\(message.prefix(500))", sourceLocation: sourceLocation) }
    }

    @Test("short values are quoted whole, control characters escaped")
    func shortValues() {
        #expect(QuotedValue.quoted("cto") == "'cto'")
        #expect(QuotedValue.quoted("") == "''")
        #expect(QuotedValue.quoted("a\u{1B}b") == "'a\\u{1b}b'")
        let key = String(repeating: "k", count: Validation.maxKeyLength)
        #expect(QuotedValue.quoted(key) == "'\(key)'")
        // 64 code points of two bytes each: over the byte count, within the limit.
        let accented = String(repeating: "é", count: QuotedValue.limit)
        #expect(QuotedValue.quoted(accented) == "'\(accented)'")
        #expect(QuotedValue.shown(key) == key)
    }

    @Test("a long value is cut to a prefix, followed by its length in characters")
    func longValues() {
        let value = String(repeating: "A", count: 52_428_800)
        #expect(QuotedValue.quoted(value) == "'" + String(repeating: "A", count: QuotedValue.limit) + "…' (52,428,800 characters)")
        #expect(QuotedValue.quoted(String(repeating: "b", count: 65)) == "'" + String(repeating: "b", count: 64) + "…' (65 characters)")
        #expect(QuotedValue.shown(String(repeating: "b", count: 65)) == String(repeating: "b", count: 64) + "…")
        #expect(QuotedValue.grouped(0) == "0" && QuotedValue.grouped(999) == "999" && QuotedValue.grouped(1000) == "1,000")
    }

    @Test("the cut falls between characters, not inside one")
    func characterBoundary() {
        // "e" + COMBINING ACUTE is one character of two code points; the
        // 63rd and 64th code points make one, so the cut comes before it
        // when a 64th would split the next one.
        let value = String(repeating: "x", count: 63) + "e\u{301}" + String(repeating: "y", count: 100)
        #expect(QuotedValue.quoted(value) == "'" + String(repeating: "x", count: 63) + "…' (165 characters)")
        // A single character longer than the limit is cut between code points.
        let huge = "a" + String(repeating: "\u{301}", count: 200)
        #expect(QuotedValue.quoted(huge).hasSuffix("…' (201 characters)"))
        #expect(QuotedValue.quoted(huge).unicodeScalars.count < 100)
    }

    @Test("a 1 MB title in an import file is quoted as a short prefix")
    func longTitleInImport() throws {
        let org = try emptyDatabase()
        let title = String(repeating: "T", count: Self.megabyte)
        let error = refusal { try importCSV(org, "key,title\nok,Fine\nbig,\(title)\n") }
        expectImportFailure(error, line: 3, column: "title")
        expectShort(error, mentions: "more than 200 characters")
        #expect(try org.isEmpty())
    }

    @Test("a 1 MB holder, key, grade or rung in an import file is quoted as a short prefix", arguments: [
        ("key,title,holder\nr,R,\(String(repeating: "H", count: megabyte))\n", "holder"),
        ("key,title\n\(String(repeating: "k", count: megabyte)),R\n", "key"),
        ("key,title,grade\nr,R,\(String(repeating: "9", count: megabyte))\n", "grade"),
        ("key,title,rung\nr,R,\(String(repeating: "r", count: megabyte))\n", "rung"),
        ("key,title,reports_to\nr,R,\(String(repeating: "m", count: megabyte))\n", "reports_to"),
        ("key,title,salary,currency\nr,R,\(String(repeating: "1", count: megabyte)),GBP\n", "salary"),
    ])
    func longCellsInImport(_ text: String, _ column: String) throws {
        let org = try emptyDatabase()
        let error = refusal { try importCSV(org, text) }
        expectImportFailure(error, line: 2, column: column)
        expectShort(error)
    }

    @Test("a 1 MB unit kind or PMO type is quoted as a short prefix", arguments: [
        "key,name,kind\nu,U,\(String(repeating: "k", count: megabyte))\n",
        "key,name,kind,pmo_type\nu,U,pmo,\(String(repeating: "p", count: megabyte))\n",
    ])
    func longUnitCells(_ units: String) throws {
        let org = try emptyDatabase()
        expectShort(refusal { try importCSV(org, "key,title\nr,R\n", units: units) })
    }

    @Test("a 1 MB header name is quoted as a short prefix, as its column and in the message")
    func longHeader() throws {
        let org = try emptyDatabase()
        let name = String(repeating: "c", count: Self.megabyte)
        let error = refusal { try importCSV(org, "key,title,\(name)\nr,R,x\n") }
        expectImportFailure(error, line: 1, column: name)
        guard let error else { return }
        #expect(error.description.count < 600, "\(error.description.prefix(700))")
        // Underscores do not count in matching names: this one gives the title again.
        let title = "title" + String(repeating: "_", count: Self.megabyte - 5)
        expectShort(refusal { try importCSV(org, "key,title,\(title)\nr,R,x\n") }, mentions: "give the field title")
    }

    @Test("a 1 MB field name or format in a JSON file is quoted as a short prefix")
    func longJSONNames() throws {
        let name = String(repeating: "f", count: Self.megabyte)
        let unknown = "{\"format\": \"orgctl\", \"version\": 1, \"roles\": [{\"key\": \"a\", \"title\": \"A\", \"\(name)\": 1}]}"
        expectShort(refusal { try ImportSource.json(Array(unknown.utf8), file: "org.json") }, mentions: "unknown field")
        let format = "{\"format\": \"\(name)\", \"version\": 1, \"roles\": []}"
        expectShort(refusal { try ImportSource.json(Array(format.utf8), file: "org.json") }, mentions: "\"format\"")
    }

    @Test("messages outside imports quote long values as a short prefix too")
    func longValuesElsewhere() throws {
        let org = try exampleDatabase()
        let long = String(repeating: "Z", count: Self.megabyte)
        expectShort(refusal { try org.addRole(RoleDraft(key: "new-role", title: long)) }, mentions: "title")
        expectShort(refusal { try org.addRole(RoleDraft(key: long, title: "T")) }, mentions: "not a valid key")
        expectShort(refusal { try org.addRole(RoleDraft(key: "new-role", title: "T", holder: long)) })
        expectShort(OrgError.invalidTimestamp(option: "--effective", value: long))
        expectShort(OrgError.unknownKey(key: long, expected: .role, suggestions: []))
        expectShort(OrgError.invalidValue(field: "currency", value: long, hint: "use a three-letter code"))
        expectShort(OrgError.importFailed(file: "f.csv", line: 1, column: long, message: "m"))
    }
}

@Suite("Suggestions for long unknown keys")
struct LongKeySuggestionTests {
    @Test("an unknown key far longer than any key gets no suggestions (comparing it with every key would take hours)")
    func longKey() throws {
        let org = try exampleDatabase()
        let key = String(repeating: "c", count: 1_000_000)
        guard case .unknownKey(_, _, let suggestions)? = refusal({ try org.chain(of: key) }) else {
            Issue.record("expected an unknown key")
            return
        }
        #expect(suggestions.isEmpty)
        #expect(refusal { try org.chain(of: "cfoo") } == .unknownKey(key: "cfoo", expected: .roleOrUnit, suggestions: ["cfo", "coo", "ceo"]))
    }
}
