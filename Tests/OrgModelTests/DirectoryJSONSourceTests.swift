import Foundation
import Testing
@testable import OrgModel

/// Microsoft Graph, SCIM 2.0 and Google Workspace users read into role records.
@Suite struct DirectoryJSONSourceTests {
    private func read(_ names: [String], options: ImportOptions = ImportOptions(update: true)) throws -> ImportSource {
        try ImportSource.directory(try names.map { ($0, try DirectoryFixture.bytes($0)) }, options: options)
    }

    @Test func eachFormatIsRecognisedFromItsContent() throws {
        let expected: [(String, SourceFormat)] = [
            ("people.ldif", .ldif), ("ldifde.ldif", .ldif), ("graph-users-1.json", .graph), ("scim-users.json", .scim),
            ("google-users.json", .google),
        ]
        for (name, format) in expected { #expect(SourceFormat.recognised(try DirectoryFixture.bytes(name)) == format, "\(name)") }
        #expect(SourceFormat.recognised(Array("key,title\nceo,CEO\n".utf8)) == .csv)
        #expect(SourceFormat.recognised(Array("{\"format\": \"orgctl\", \"version\": 1, \"roles\": []}".utf8)) == .json)
        #expect(SourceFormat.recognised(Array("\u{FEFF}version: 1\ndn: uid=a,dc=x\n".utf8)) == .ldif)
    }

    @Test func graphPagesAreReadAsOneWithManagersOnOtherPages() throws {
        let source = try read(["graph-users-1.json", "graph-users-2.json"])
        // The disabled meeting room is left out.
        #expect(DirectoryFixture.rows(source) == [
            "E1000|Ingrid Bergman|Chief Executive Officer||Board|∅",
            "E1030|Małgorzata Nowak|Director of Operations|E1000|Operations|∅",
            "E1034|Mikaël Søndergaard|Engineer|E1030|Operations|∅",
            "E1013|Nuño Peña|Analyst|E1030|Operations|∅",
        ])
        // The second page alone: the expanded manager names its employeeId.
        #expect(DirectoryFixture.rows(try read(["graph-users-2.json"])).first == "E1034|Mikaël Søndergaard|Engineer|E1030|Operations|∅")
        let byID = try read(["graph-users-1.json", "graph-users-2.json"], options: ImportOptions(columnMap: ["id": "key"], update: true))
        #expect(DirectoryFixture.rows(byID)[1] == "8b2d4e61-3c9f-4a7b-8e2d-1f4a6c8e0b21|Małgorzata Nowak|Director of Operations|5f1c3a0e-7d5a-4c1e-9b8e-0c1f3a7e2d10|Operations|∅")
    }

    @Test func aRefusalInTheSecondPageNamesThatFileAndItsLine() throws {
        let page2 = String(decoding: try DirectoryFixture.bytes("graph-users-2.json"), as: UTF8.self)
            .replacingOccurrences(of: "\"E1013\"", with: "\"E 1013\"")
        let source = try ImportSource.directory([("p1.json", try DirectoryFixture.bytes("graph-users-1.json")), ("p2.json", Array(page2.utf8))])
        let org = try OrgDatabase.inMemory()
        let before = try snapshot(org)
        let error = refusal { try org.sync(source, options: SyncOptions(apply: true)) }.map(source.located)
        // The user's object opens on the line above its "id".
        let braceLine = page2.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"e5a7b924") }!
        #expect(error?.description == "p2.json:\(braceLine): column 'key': 'E 1013' is not a valid key: a key may hold only letters a–z and A–Z, digits, '-', '_' and '.'; nothing was imported")
        #expect(try snapshot(org) == before)
    }

    @Test func graphRefusalsNameTheJSONPath() throws {
        let noList = refusal { try ImportSource.directory([("g.json", Array("{\"users2\": 1}".utf8))], format: .graph) }
        #expect(noList?.description == "g.json:1: no \"value\" list at the top; Microsoft Graph lists users as {\"value\": [...]}; nothing was imported")
        let noManagerID = refusal {
            try ImportSource.directory([("g.json", Array("{\"value\": [\n{\"id\": \"a\", \"employeeId\": \"E1\",\n \"manager\": {\"displayName\": \"X\"}}]}".utf8))])
        }
        #expect(noManagerID?.description == "g.json:3: value[0].manager has no \"id\"; expand the manager with its id ($expand=manager($select=id,displayName,employeeId)); nothing was imported")
        let noKey = refusal { try ImportSource.directory([("g.json", Array("{\"value\": [{\"id\": \"a\", \"displayName\": \"Ada\"}]}".utf8))]) }
        #expect(noKey?.description == "g.json:1: value[0] ('Ada') has no employeeid, the attribute read as the key; give every entry one, or read another attribute as the key (a map such as employeeNumber=key); nothing was imported")
    }

    @Test func scimManagersAsAnObjectOrAnArray() throws {
        let source = try read(["scim-users.json"])
        // The inactive user is left out.
        #expect(DirectoryFixture.rows(source) == [
            "E1000|Ingrid Bergman|Chief Executive Officer||Board|∅",
            "E1030|Małgorzata Nowak|Director of Operations|E1000|Operations|∅",
            // No name.formatted: displayName; the manager as [{"value": …}].
            "E1013|Nuño Peña|Analyst|E1030|Operations|∅",
        ])
    }

    @Test func googleRelationsByEmailWithDottedLinesAndAssistants() throws {
        let bytes = try DirectoryFixture.bytes("google-users.json")
        let source = try read(["google-users.json"])
        #expect(DirectoryFixture.rows(source) == [
            "E1000|Ingrid Bergman|Chief Executive Officer||Board|",
            // The primary organisation's title; the manager's address in another case.
            "E1030|Małgorzata Nowak|Director of Operations|E1000|Operations|",
            "E1032|Olafur Arnalds|Director of Delivery|E1000|Delivery|",
            "E1013|Nuño Peña|Analyst|E1030|Operations|E1032",
            "E1090|Noémie Brun|Executive Assistant|E1000|Board|",
        ])
        let entries = try ImportSource.googleEntries(bytes, file: "google-users.json")
        let keys = entries.map { $0.attributes["externalids.organization"]![0] }
        let assists = ImportSource.assistantTo(of: entries, keys: keys, mapping: ImportSource.googleMapping)
        #expect(zip(keys, assists).compactMap { key, assisted in assisted.map { "\(key)→\($0)" } } == ["E1090→E1000"])
    }

    @Test func googleSyncDrawsTheDottedLine() throws {
        let org = try OrgDatabase.inMemory()
        try org.sync(try read(["google-users.json"]), options: SyncOptions(apply: true))
        guard case .role(let details) = try org.details(of: "E1013") else {
            Issue.record("E1013 is not a role")
            return
        }
        #expect(details.dottedTo == ["E1032"])
        #expect(try org.sync(try read(["google-users.json"])).isInStep)
    }
}
