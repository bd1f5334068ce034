import Foundation
import Testing
@testable import OrgModel

/// JSON import is as strict as CSV import: what it does not understand it
/// refuses, by name and line, instead of dropping it.
@Suite("JSON import strictness")
struct JSONImportStrictnessTests {
    /// A chart document with units and roles one per line, as the export
    /// writes them: the head on line 1, "units" on line 2 with unit n on
    /// line 2 + n, then "roles", role n on the line n below it.
    private func document(_ roles: [String], head: String = #""format": "orgctl", "version": 1,"#,
                          units: [String] = []) -> String {
        "{" + head + "\n\"units\": [" + units.map { "\n" + $0 }.joined(separator: ",") + "],\n\"roles\": ["
            + roles.map { "\n" + $0 }.joined(separator: ",") + "\n]}\n"
    }

    private func source(_ text: String, options: ImportOptions = ImportOptions()) throws -> ImportSource {
        try ImportSource.json(Array(text.utf8), file: "org.json", options: options)
    }

    private static let fine = [
        #"{"key": "a", "title": "A", "holder": "Ann"}"#,
        #"{"key": "b", "title": "B", "reportsTo": "a"}"#,
    ]

    @Test("a misspelt field is refused with its role, line and the field it was probably meant to be", arguments: [
        ("reportTo", "reportsTo"), ("holdr", "holder"), ("Title", "title"), ("reports_to", "reportsTo"), ("dotted_to", "dottedTo"),
    ])
    func misspeltField(_ wrong: String, _ meant: String) throws {
        let org = try emptyDatabase()
        let text = document(Self.fine + [#"{"key": "c", "title": "C", "\#(wrong)": "a"}"#])
        let error = refusal { try org.importChart(try source(text)) }
        // "roles" is on line 3, so role 3 is on line 6.
        expectImportFailure(error, file: "org.json", line: 6, column: nil,
                            mentions: "unknown field '\(wrong)' in role 3 ('c'); did you mean '\(meant)'?")
        #expect(try org.isEmpty())
    }

    @Test("an unknown field far from any is refused with the list of fields")
    func unknownField() throws {
        let error = refusal { try source(document([#"{"key": "a", "title": "A", "colour": "red"}"#])) }
        expectImportFailure(error, file: "org.json", line: 4, column: nil,
                            mentions: "unknown field 'colour' in role 1 ('a'); the fields here are key, title, holder, reportsTo")
    }

    @Test("the line is the line of the field, in a document laid out over many lines")
    func lineOfField() throws {
        let text = """
            {
              "format": "orgctl",
              "version": 1,
              "roles": [
                {
                  "key": "a",
                  "title": "A"
                },
                {
                  "title": "B",
                  "reportTo": "a",
                  "key": "b"
                }
              ]
            }
            """
        expectImportFailure(refusal { try source(text) }, file: "org.json", line: 11, column: nil,
                            mentions: "unknown field 'reportTo' in role 2 ('b')")
    }

    @Test("a bad value of a known field names the line its record starts on")
    func lineOfRecord() throws {
        let org = try emptyDatabase()
        let text = document(Self.fine + [#"{"key": "c", "title": "C", "grade": 5, "rung": "wizard"}"#])
        expectImportFailure(refusal { try org.importChart(try source(text)) }, file: "org.json", line: 6, column: "rung")
    }

    @Test("unknown fields of units, salaries and the document are refused too", arguments: [
        (#""format": "orgctl", "version": 1, "rols": [],"#, [String](), [String](), 1, "unknown field 'rols' in the document; did you mean 'roles'?"),
        (#""format": "orgctl", "version": 1,"#, [#"{"key": "u", "name": "U", "kind": "team", "parnet": null}"#], [String](), 3,
         "unknown field 'parnet' in unit 1 ('u'); did you mean 'parent'?"),
        (#""format": "orgctl", "version": 1,"#, [String](), [#"{"key": "a", "title": "A", "salary": {"amount": "1", "currency": "GBP", "cents": 5}}"#], 4,
         "unknown field 'cents' in the salary of role 1 ('a')"),
    ])
    func unknownElsewhere(_ head: String, _ units: [String], _ roles: [String], _ line: Int, _ mentions: String) throws {
        expectImportFailure(refusal { try source(document(roles, head: head, units: units)) }, file: "org.json", line: line,
                            column: nil, mentions: mentions)
    }

    @Test("unknown fields are ignored when asked, as unknown CSV columns are")
    func ignoreUnknown() throws {
        let org = try emptyDatabase()
        let text = document([#"{"key": "a", "title": "A", "colour": "red", "salary": {"amount": "10", "currency": "GBP", "note": 1}}"#],
                            head: #""format": "orgctl", "version": 1, "generator": "elsewhere","#)
        let options = ImportOptions(ignoreUnknownColumns: true)
        try org.importChart(try source(text, options: options), options: options)
        #expect(try org.role("a").salary == Money(minorUnits: 1000, currency: "GBP"))
    }

    @Test("column mappings are refused for JSON rather than silently unused")
    func columnMap() throws {
        let error = refusal { try source(document(Self.fine), options: ImportOptions(columnMap: ["id": "key"])) }
        expectImportFailure(error, file: "org.json", line: 1, column: nil, mentions: "CSV")
    }

    @Test("a field given twice is refused, naming it and both lines", arguments: [
        ([#"{"key": "a", "title": "A",\#n "title": "B"}"#], [String](), 5, "the field 'title' appears twice in role 1 ('a') (also on line 4)"),
        ([#"{"key": "a", "title": "A", "salary": {"amount": "1", "amount": "2", "currency": "GBP"}}"#], [String](), 4,
         "the field 'amount' appears twice in the salary of role 1 ('a')"),
        ([String](), [#"{"key": "u", "name": "U", "kind": "team", "kind": "pmo"}"#], 3, "the field 'kind' appears twice in unit 1 ('u')"),
    ])
    func duplicateMember(_ roles: [String], _ units: [String], _ line: Int, _ mentions: String) throws {
        expectImportFailure(refusal { try source(document(roles, units: units)) }, file: "org.json", line: line, column: nil, mentions: mentions)
    }

    @Test("a duplicated member of the document is refused")
    func duplicateTopLevel() throws {
        let text = "{\"format\": \"orgctl\", \"version\": 1, \"roles\": [],\n\"roles\": [{\"key\": \"a\", \"title\": \"A\"}]}"
        expectImportFailure(refusal { try source(text) }, file: "org.json", line: 2, column: nil,
                            mentions: "the field 'roles' appears twice in the document (also on line 1)")
    }

    @Test("\"format\" must be present and be what the export writes", arguments: [
        (#""version": 1,"#, "has no \"format\""),
        (#""format": "orgchart", "version": 1,"#, "\"format\" is 'orgchart'"),
        (#""format": "ORGCTL", "version": 1,"#, "\"format\" is 'ORGCTL'"),
        (#""format": 1, "version": 1,"#, "\"format\" is 1"),
        (#""format": null, "version": 1,"#, "\"format\" is null"),
    ])
    func format(_ head: String, _ mentions: String) throws {
        let org = try emptyDatabase()
        expectImportFailure(refusal { try org.importChart(try source(document(Self.fine, head: head))) }, file: "org.json", line: 1,
                            column: nil, mentions: mentions)
        #expect(try org.isEmpty())
    }

    @Test("\"version\" must be present and one this build reads; a newer one says so", arguments: [
        (#""format": "orgctl","#, "has no \"version\""),
        (#""format": "orgctl", "version": 2,"#, "written by a newer version (JSON version 2; this version reads up to 1)"),
        (#""format": "orgctl", "version": 17,"#, "newer version"),
        (#""format": "orgctl", "version": 0,"#, "\"version\" is 0"),
        (#""format": "orgctl", "version": 1.5,"#, "\"version\" is 1.5"),
        (#""format": "orgctl", "version": "1","#, "\"version\" is '1'"),
        (#""format": "orgctl", "version": -1,"#, "\"version\" is -1"),
    ])
    func version(_ head: String, _ mentions: String) throws {
        let org = try emptyDatabase()
        expectImportFailure(refusal { try org.importChart(try source(document(Self.fine, head: head))) }, file: "org.json", line: 1,
                            column: nil, mentions: mentions)
        #expect(try org.isEmpty())
    }

    @Test("version 1 written as 1.0 or 1e0 is version 1")
    func versionSpelling() throws {
        for head in [#""format": "orgctl", "version": 1.0,"#, #""format": "orgctl", "version": 1e0,"#] {
            #expect(try source(document(Self.fine, head: head)).roles.count == 2)
        }
    }

    @Test("the parser records the line of every member and item")
    func parserLines() throws {
        let value = try JSONValue.parse(Array("{\"a\": [1,\n2,\r\n\r3],\n\n\"b\": {\"c\":\n true}}".utf8))
        guard case .object(let top) = value, case .array(let items)? = top["a"], case .object(let inner)? = top["b"] else {
            Issue.record("unexpected shape \(value)")
            return
        }
        // LF, CRLF and a lone CR each end a line.
        #expect(top.lines == [1, 6])
        #expect(items.lines == [1, 2, 4])
        #expect(inner.lines == [6])
    }

    // MARK: - Everything the export writes still imports

    /// A chart with every kind of field the export writes: units of every
    /// kind with heads, parents and governance, salaries in two currencies,
    /// grades, rungs, vacant roles and dotted lines.
    private func fullChart() throws -> OrgDatabase {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "paid-1", title: "Paid", holder: "Pat", reportsTo: "ceo", grade: 1_000_000,
                                  salary: Money(minorUnits: 0, currency: "EUR"), rung: .pmoAnalyst))
        try org.addRole(RoleDraft(key: "paid-2", title: "Paid too", reportsTo: "paid-1", grade: 0,
                                  salary: Money(minorUnits: 99_999_999_999_999, currency: "JPY")))
        try org.addDottedLine(from: "paid-2", to: "ceo")
        try org.addDottedLine(from: "paid-2", to: "cfo")
        return org
    }

    @Test("every shape the JSON export writes imports again, and exports identically")
    func exportRoundTrip() throws {
        for (name, org) in [("example", try exampleDatabase()), ("full", try fullChart()), ("hostile", try hostileDatabase()),
                            ("empty", try emptyDatabase())] {
            for root in [nil, "cio", "ceo", "boss", "emoji"] as [String?] {
                guard root == nil || (try? org.role(root!)) != nil else { continue }
                let text = try exportText(org, .json, root: root)
                let copy = try emptyDatabase()
                try copy.importChart(try source(text))
                #expect(try exportText(copy, .json) == exportText(org, .json, root: root), "\(name) from \(root ?? "the top")")
                if root == nil { #expect(try chartSnapshot(copy) == chartSnapshot(org), "\(name)") }
                // With --update over itself, nothing changes.
                let report = try copy.importChart(try source(text), options: ImportOptions(update: true))
                #expect(report.changesNothing, "\(name) from \(root ?? "the top"): \(report)")
            }
        }
    }

    /// Some seeds hold values the model refuses (a grade of -2, a head
    /// outside the branch), to lead the fuzzer into those checks; the
    /// document itself must still read.
    @Test("the JSON seeds of the fuzzing corpus read as chart documents")
    func corpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("json-") }.sorted()
        #expect(names.count >= 4)
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(throws: Never.self, "\(name)") { try ImportSource.json(bytes, file: name) }
        }
    }
}
