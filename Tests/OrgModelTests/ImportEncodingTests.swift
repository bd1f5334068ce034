import Testing
@testable import OrgModel

/// Import files must be UTF-8: a byte that is not is refused with the line it
/// is on, instead of becoming U+FFFD in a stored name.
@Suite("Import encoding")
struct ImportEncodingTests {
    /// Ill-formed sequences by Table 3-7 of the Unicode Standard, and where
    /// each goes wrong.
    static let illFormed: [(name: String, bytes: [UInt8])] = [
        ("Latin-1 é", [0xE9]),
        ("Latin-1 é before a comma", [0xE9, 0x2C]),
        ("a lone continuation byte", [0x80]),
        ("an overlong slash", [0xC0, 0xAF]),
        ("an overlong three-byte form", [0xE0, 0x80, 0xAF]),
        ("a UTF-16 surrogate", [0xED, 0xA0, 0x80]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("a byte no UTF-8 uses", [0xFF]),
        ("F5", [0xF5, 0x80, 0x80, 0x80]),
        ("a cut-short sequence", [0xE2, 0x82]),
    ]

    private func csv(_ before: String, _ bad: [UInt8], _ after: String) -> [UInt8] {
        Array(before.utf8) + bad + Array(after.utf8)
    }

    @Test("a roles CSV that is not UTF-8 is refused at the line of the first bad byte; nothing is stored",
          arguments: illFormed.map(\.name))
    func rolesCSV(_ name: String) throws {
        let bad = try #require(Self.illFormed.first { $0.name == name }).bytes
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let bytes = csv("key,title,holder\nok-1,Fine,Ann\nok-2,Caf", bad, ",Bob\nok-3,Later,\n")
        let error = refusal {
            try org.importChart(try ImportSource.csv(roles: bytes, file: "people.csv", options: ImportOptions()))
        }
        expectImportFailure(error, file: "people.csv", line: 3, column: nil, mentions: "not UTF-8")
        #expect(error?.description.contains("save the file as UTF-8") == true, "\(String(describing: error))")
        #expect(try snapshot(org) == before)
    }

    @Test("the message names the bad byte and where on its line it is")
    func messageDetail() throws {
        let bytes = csv("key,title\nok-1,Fine\r\nok-2,Caf", [0xE9], "\n")
        let error = refusal { try ImportSource.csv(roles: bytes, file: "roles.csv", options: ImportOptions()) }
        expectImportFailure(error, line: 3, column: nil, mentions: "byte 0xE9 (the 9th byte of the line)")
    }

    @Test("the line counts line breaks inside quoted cells, CRLF as one and a lone CR as one")
    func lineCounting() throws {
        let quoted = csv("key,title\r\na,\"two\r\nlines\"\r\nb,B\r\nc,", [0xC0, 0xAF], "\r\n")
        expectImportFailure(refusal { try ImportSource.csv(roles: quoted, file: "roles.csv", options: ImportOptions()) },
                            line: 5, column: nil)
        let oldMac = csv("key,title\ra,A\rb,", [0x80], "\r")
        expectImportFailure(refusal { try ImportSource.csv(roles: oldMac, file: "roles.csv", options: ImportOptions()) },
                            line: 3, column: nil)
    }

    @Test("a bad byte in the header is refused too")
    func header() throws {
        let bytes = csv("key,tit", [0xE9], "le\na,A\n")
        expectImportFailure(refusal { try ImportSource.csv(roles: bytes, file: "roles.csv", options: ImportOptions()) },
                            line: 1, column: nil, mentions: "not UTF-8")
    }

    @Test("a units CSV that is not UTF-8 is refused naming the units file; nothing is stored")
    func unitsCSV() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let units = csv("key,name,kind\nu-1,Fine,team\nu-2,Caf", [0xE9], ",team\n")
        let error = refusal {
            try org.importChart(try ImportSource.csv(roles: Array("key,title,unit\nr-1,R,u-1\n".utf8), file: "roles.csv",
                                                     units: units, unitsFile: "units.csv", options: ImportOptions()))
        }
        expectImportFailure(error, file: "units.csv", line: 3, column: nil, mentions: "not UTF-8")
        #expect(try snapshot(org) == before)
    }

    @Test("a JSON file that is not UTF-8 is refused at the line of the first bad byte; nothing is stored",
          arguments: illFormed.map(\.name))
    func json(_ name: String) throws {
        let bad = try #require(Self.illFormed.first { $0.name == name }).bytes
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let bytes = csv("{\"format\": \"orgctl\", \"version\": 1, \"roles\": [\n{\"key\": \"ok-1\", \"title\": \"Fine\"},\n\n"
                        + "{\"key\": \"ok-2\", \"title\": \"Caf", bad, "\"}\n]}\n")
        let error = refusal { try org.importChart(try ImportSource.json(bytes, file: "org.json")) }
        expectImportFailure(error, file: "org.json", line: 4, column: nil, mentions: "not UTF-8")
        #expect(try snapshot(org) == before)
    }

    @Test("a UTF-16 CSV with a byte-order mark (Excel's Unicode text) is read; UTF-16 JSON is named as such")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for byte in "key,title\na,A\n".utf8 { bytes += [byte, 0] }
        let source = try ImportSource.csv(roles: bytes, file: "roles.csv", options: ImportOptions())
        #expect(source.roles[0][.title] == "A")
        let error = refusal { try ImportSource.json(bytes, file: "org.json") }
        expectImportFailure(error, file: "org.json", line: 1, column: nil, mentions: "UTF-16")
    }

    @Test("well-formed UTF-8 of every length still imports unchanged, with or without a byte-order mark")
    func wellFormed() throws {
        let names = ["Café", "Ærø ß", "مدير", "日本語", "👩🏽‍💻", "\u{10FFFF}x", "\u{FFFD}"]
        for bom in [[], [0xEF, 0xBB, 0xBF] as [UInt8]] {
            let org = try emptyDatabase()
            let text = "key,title\n" + names.enumerated().map { "r\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
            try org.importChart(try ImportSource.csv(roles: bom + Array(text.utf8), file: "roles.csv", options: ImportOptions()))
            for (index, name) in names.enumerated() { #expect(try org.role("r\(index)").title == name) }
        }
    }

    @Test("the parsers refuse bad bytes on their own too")
    func parsers() throws {
        do {
            _ = try CSVReader.records(csv("a,b\nc,", [0xE9], "\n"))
            Issue.record("CSVReader accepted Latin-1")
        } catch {
            #expect(error.line == 2 && error.message.contains("not UTF-8"), "\(error)")
        }
        do {
            _ = try JSONValue.parse(csv("[\n\"caf", [0xE9], "\"]"))
            Issue.record("JSONValue accepted Latin-1")
        } catch {
            #expect(error.line == 2 && error.message.contains("UTF-8"), "\(error)")
        }
    }

    @Test("the validator agrees with the standard library on random bytes")
    func agreesWithStandardLibrary() {
        var random = SplitMix64(seed: 0x5EED_0F_C0DE)
        // Bytes chosen to hit the edges of Table 3-7 often.
        let interesting: [UInt8] = [0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = random.below(40)
            var bytes: [UInt8] = (0..<length).map { _ in random.chance(70) ? random.pick(interesting)! : UInt8(random.below(256)) }
            // Long ASCII runs on either side exercise the 16-byte steps.
            if random.chance(30) { bytes = Array(repeating: 0x61, count: random.below(40)) + bytes + Array(repeating: 0x62, count: random.below(40)) }
            let ours = UTF8Validation.firstInvalidByte(in: bytes)
            let theirs = String(validating: bytes, as: UTF8.self)
            #expect((ours == nil) == (theirs != nil), "\(bytes)")
            if let ours {
                // Everything before the reported byte is well-formed, and it starts a bad sequence.
                #expect(String(validating: bytes[..<ours], as: UTF8.self) != nil, "\(bytes) at \(ours)")
                #expect(String(validating: bytes[..<Swift.min(bytes.count, ours + 4)], as: UTF8.self) == nil
                        || ours + 4 > bytes.count, "\(bytes) at \(ours)")
            }
        }
    }
}
