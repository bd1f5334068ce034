import Foundation
import Testing
@testable import OrgModel

/// Fixture files of directory exports (Tests/Fixtures/directory).
enum DirectoryFixture {
    static let folder = #filePath.split(separator: "/").dropLast(2).joined(separator: "/") + "/Fixtures/directory/"

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: "/" + folder + name)))
    }

    /// The records of a source as `key|holder|title|reports_to|unit|dotted_to`, one a line.
    static func rows(_ source: ImportSource) -> [String] {
        source.roles.indices.map { index in
            let record = source.roles[index]
            return [ImportSource.RoleField.key, .holder, .title, .reportsTo, .unit, .dottedTo]
                .map { record[$0] ?? "∅" }.joined(separator: "|")
        }
    }
}

/// LDIF as `ldapsearch -LLL` and `ldifde` print it, read into role records.
@Suite struct LDIFSourceTests {
    private func source(_ text: String, file: String = "people.ldif", map: [String: String] = [:]) throws -> ImportSource {
        try ImportSource.directory([(file, Array(text.utf8))], format: .ldif, options: ImportOptions(columnMap: map, update: true))
    }

    @Test func readsLdapsearchOutputWithFoldedLinesBase64AndDNsSpelledDifferently() throws {
        let source = try ImportSource.directory([("people.ldif", try DirectoryFixture.bytes("people.ldif"))])
        #expect(DirectoryFixture.rows(source) == [
            "ingrid|Ingrid Bergman|Chief Executive Officer||Board|∅",
            "malgorzata|Małgorzata Nowak|Director of Operations|ingrid|Operations|∅",
            // The manager is written "UID=Ingrid, OU=people,DC=Example, DC=org".
            "olafur|Olafur Arnalds|Director of Delivery|ingrid|Delivery|∅",
            // displayName before cn; departmentNumber where there is no ou.
            "mikael|Mikaël Søndergaard|Engineer|malgorzata|Operations|∅",
            "nuno|Nuño Peña|Analyst|malgorzata|Operations|∅",
            "amara|Amara Okafor|Manager|olafur|Delivery|∅",
            "noemie|Noémie Brun|Executive Assistant|olafur|Delivery|∅",
            "lars|Berg, Lars|Team Lead|amara|Delivery|∅",
            // "CN=berg\, lars, ou=People, …" names "cn=Berg\2C Lars,ou=People,…".
            "kofi|Kofi Mensah|Engineer|lars|Delivery|∅",
        ])
        // Line numbers are where each entry's dn is.
        #expect(source.roles.line(0) == 7)
    }

    @Test func ldifdeOutputWithCRLFAndChangeTypeAddReadsWithAnotherKey() throws {
        let bytes = try DirectoryFixture.bytes("ldifde.ldif")
        #expect(SourceFormat.recognised(bytes) == .ldif)
        let source = try ImportSource.directory([("ad.ldif", bytes)], options: ImportOptions(columnMap: ["sAMAccountName": "key"]))
        #expect(DirectoryFixture.rows(source) == [
            "ibergman|Ingrid Bergman|Chief Executive Officer||Board|∅",
            "mnowak|Małgorzata Nowak|Director of Operations|ibergman|Operations|∅",
            "npena|Nuño Peña|Analyst|mnowak|Operations|∅",
        ])
        let byNumber = try ImportSource.directory([("ad.ldif", bytes)], options: ImportOptions(columnMap: ["employeeID": "key", "cn": "holder"]))
        #expect(DirectoryFixture.rows(byNumber).last == "E1013|Nuno Pena|Analyst|E1030|Operations|∅")
    }

    @Test func aManagerOutsideTheFileIsKnownByItsDNWhenItNamesTheKey() throws {
        // A division's file: its head's manager is not in it, but the DN says uid=ingrid.
        let source = try source("""
            dn: uid=olafur,ou=People,dc=example,dc=org
            uid: olafur
            cn: Olafur Arnalds
            title: Director of Delivery
            manager: uid=ingrid,ou=People,dc=example,dc=org

            """)
        #expect(DirectoryFixture.rows(source) == ["olafur|Olafur Arnalds|Director of Delivery|ingrid|∅|∅"])
    }

    @Test func refusalsNameTheFileTheLineAndTheFix() throws {
        let noKey = refusal { try source("dn: cn=Ada,dc=example,dc=org\ncn: Ada\ntitle: Engineer\n") }
        #expect(noKey?.description == "people.ldif:1: the entry 'cn=Ada,dc=example,dc=org' has no uid, the attribute read as the key; give every entry one, or read another attribute as the key (a map such as employeeNumber=key); nothing was imported")
        let strangerManager = refusal {
            try source("dn: uid=ada,dc=example,dc=org\nuid: ada\ntitle: Engineer\nmanager: cn=Grace Hopper,dc=example,dc=org\n")
        }
        #expect(strangerManager?.description == "people.ldif:4: the entry 'uid=ada,dc=example,dc=org' names 'cn=Grace Hopper,dc=example,dc=org' as its manager, who is not in the file; read that person's entry too (several files can be read together), or leave the reference out; nothing was imported")
        let badBase64 = refusal { try source("dn: uid=ada,dc=example,dc=org\nuid: ada\ncn:: ***\n") }
        #expect(badBase64?.description == "people.ldif:3: not LDIF: the value of 'cn' after \"::\" is not valid base64; nothing was imported")
        // An ldapmodify script: refused at its changetype, before its "-" lines are read as attributes.
        let change = refusal {
            try source("dn: uid=grace,dc=example,dc=org\nuid: grace\n\ndn: uid=ada,dc=example,dc=org\nchangetype: modify\nreplace: title\ntitle: CTO\n-\nreplace: manager\nmanager: uid=grace,dc=example,dc=org\n-\n")
        }
        #expect(change?.description == "people.ldif:5: the record 'uid=ada,dc=example,dc=org' is a change (changetype: modify), not an entry; give a full listing of the entries, as ldapsearch -LLL prints it; nothing was imported")
        let delete = refusal { try source("dn: uid=ada,dc=example,dc=org\nchangetype: delete\n") }
        #expect(delete?.description == "people.ldif:2: the record 'uid=ada,dc=example,dc=org' is a change (changetype: delete), not an entry; give a full listing of the entries, as ldapsearch -LLL prints it; nothing was imported")
        let stray = refusal { try source(" uid: ada\n") }
        #expect(stray?.description == "people.ldif:1: not LDIF: a line begins with a space, but no line before it continues; nothing was imported")
        let notText = refusal { try source("dn: uid=ada,dc=example,dc=org\nuid: ada\ncn:: /w==\n") }
        #expect(notText?.description.hasPrefix("people.ldif:3: column 'cn': the value is not UTF-8 text") == true)
        let missingMapped = refusal { try source("dn: uid=ada,dc=example,dc=org\nuid: ada\n", map: ["employeeNumber": "key"]) }
        #expect(missingMapped == .importRefused(file: "people.ldif", line: 1, column: "employeenumber", problem: .mappedColumnMissing))
    }

    /// Attributes no field reads (mail, a password hash that is not text)
    /// are never decoded nor kept; a map that names one reads it again.
    @Test func onlyTheAttributesTheMappingReadsAreKept() throws {
        let text = "dn: uid=ada,dc=example,dc=org\nuid: ada\ncn: Ada Lovelace\ntitle: Engineer\nuserPassword:: /w==\nmail: ada@example.org\n"
        #expect(DirectoryFixture.rows(try source(text)) == ["ada|Ada Lovelace|Engineer|∅|∅|∅"])
        #expect(DirectoryFixture.rows(try source(text, map: ["mail": "title"])) == ["ada|Ada Lovelace|ada@example.org|∅|∅|∅"])
        let read = refusal { try source(text, map: ["userPassword": "title"]) }
        #expect(read?.description.hasPrefix("people.ldif:5: column 'userpassword': the value is not UTF-8 text") == true)
    }

    @Test func aRefusedSyncLeavesTheDatabaseUnchanged() throws {
        let org = try OrgDatabase.inMemory()
        try org.sync(try ImportSource.directory([("people.ldif", try DirectoryFixture.bytes("people.ldif"))]), options: SyncOptions(apply: true))
        let before = try snapshot(org)
        // A uid that cannot be a key is refused at its entry's line.
        let bad = try source("dn: uid=ingrid,ou=People,dc=example,dc=org\nuid: ingrid\ncn: Ingrid Bergman\ntitle: CEO\n\ndn: uid=x y,dc=example,dc=org\nuid: x y\ncn: X\ntitle: Engineer\nmanager: uid=ingrid,ou=People,dc=example,dc=org\n")
        let error = refusal { try org.sync(bad, options: SyncOptions(apply: true)) }
        #expect(error?.description.hasPrefix("people.ldif:6:") == true)
        #expect(try snapshot(org) == before)
    }

    @Test func syncingTheSameExportAgainIsInStepAndAMoveIsPlanned() throws {
        let org = try OrgDatabase.inMemory()
        let people = try ImportSource.directory([("people.ldif", try DirectoryFixture.bytes("people.ldif"))])
        try org.sync(people, options: SyncOptions(apply: true))
        #expect(try org.chain(of: "kofi").map(\.key) == ["kofi", "lars", "amara", "olafur", "ingrid"])
        #expect(try org.role("mikael").unit != nil)
        #expect(try org.sync(people).isInStep)
        var text = String(decoding: try DirectoryFixture.bytes("people.ldif"), as: UTF8.self)
        text = text.replacingOccurrences(of: "manager: uid=amara,ou=People,dc=example,dc=org\nou: Delivery\n\ndn: uid=kofi",
                                         with: "manager: uid=olafur,ou=People,dc=example,dc=org\nou: Delivery\n\ndn: uid=kofi")
        let plan = try org.sync(try ImportSource.directory([("people.ldif", Array(text.utf8))]))
        #expect(plan.steps.map(\.untitled) == [.moves(.init(key: "lars", holder: "Berg, Lars"), from: .init(key: "amara", holder: "Amara Okafor"),
                                      to: .init(key: "olafur", holder: "Olafur Arnalds"))])
    }

    @Test func secretariesAreReadTheOtherWayRoundForTheAssistantMappingPoint() throws {
        let bytes = try DirectoryFixture.bytes("people.ldif")
        let entries = try ImportSource.ldifEntries(bytes, file: "people.ldif")
        let keys = entries.map { $0.attributes["uid"]![0] }
        let assists = ImportSource.assistantTo(of: entries, keys: keys, mapping: ImportSource.ldifMapping)
        // olafur's entry names noemie as his secretary: noemie assists olafur.
        #expect(zip(keys, assists).compactMap { key, assisted in assisted.map { "\(key)→\($0)" } } == ["noemie→olafur"])
    }

    @Test func aSecretaryWhoReportsToTheirManagerIsTheirAssistant() throws {
        let org = try OrgDatabase.inMemory()
        let bytes = try DirectoryFixture.bytes("people.ldif")
        try org.sync(try ImportSource.directory([("people.ldif", bytes)]), options: SyncOptions(apply: true))
        #expect(try org.role("noemie").assistantTo == "olafur")
        #expect(try org.role("kofi").assistantTo == nil)
        #expect(try org.sync(try ImportSource.directory([("people.ldif", bytes)])).isInStep)
        // Olafur's secretary is now someone who reports elsewhere: Noémie's
        // assisting ends, and nobody else becomes an assistant.
        let text = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "secretary: uid=noemie,ou=People,dc=example,dc=org\n",
                                  with: "secretary: uid=kofi,ou=People,dc=example,dc=org\n")
        try org.sync(try ImportSource.directory([("people.ldif", Array(text.utf8))]), options: SyncOptions(apply: true))
        #expect(try org.role("noemie").assistantTo == nil)
        #expect(try org.role("kofi").assistantTo == nil)
        #expect(try org.chain(of: "noemie").map(\.key).prefix(2) == ["noemie", "olafur"])
    }
}

/// Distinguished names compared as LDAP compares them.
@Suite struct DistinguishedNameTests {
    @Test func caseSpacesAndEscapesDoNotMatter() {
        let plain = DistinguishedName("cn=Berg\\2C Lars,ou=People,dc=example,dc=org")
        #expect(plain != nil)
        #expect(plain == DistinguishedName("CN=berg\\, lars , OU=people, DC=Example,DC=ORG"))
        #expect(plain == DistinguishedName("cn=Berg\\,  Lars,ou=People;dc=example,dc=org"))
        #expect(DistinguishedName("cn=A+uid=b,dc=x") == DistinguishedName("UID=B+cn=a,dc=x"))
        #expect(DistinguishedName("cn=A,dc=x") != DistinguishedName("cn=B,dc=x"))
        #expect(DistinguishedName("cn=M\\C3\\A9lanie,dc=x") == DistinguishedName("cn=mélanie,dc=x"))
        #expect(DistinguishedName("uid=jdoe,ou=People")?.leafValue(of: "UID") == "jdoe")
    }

    @Test func textThatIsNoDNIsRefused() {
        #expect(DistinguishedName("") == nil)
        #expect(DistinguishedName("just a name") == nil)
        #expect(DistinguishedName("cn=a,\\") == nil)
    }
}
