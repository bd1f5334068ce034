import Testing
@testable import OrgModel

@Suite("Keys and text")
struct KeyTests {
    static let badKeys = ["has space", "a/b", "", String(repeating: "k", count: 65), "café", "ключ", "pm\u{0}x",
                          "tab\tkey", "semi;colon", "quote'", "π"]

    @Test(arguments: badKeys)
    func badRoleKeysAreRefused(_ key: String) throws {
        let org = try emptyDatabase()
        let error = refusal { try org.addRole(RoleDraft(key: key, title: "Title")) }
        guard case .invalidKey(let refused, _)? = error else {
            Issue.record("role key \(key.debugDescription) gave \(String(describing: error))")
            return
        }
        #expect(refused == key)
        #expect(try org.isEmpty())
    }

    @Test(arguments: badKeys)
    func badUnitKeysAreRefused(_ key: String) throws {
        let org = try emptyDatabase()
        let error = refusal { try org.addUnit(UnitDraft(key: key, name: "Name", kind: .team)) }
        guard case .invalidKey(let refused, _)? = error else {
            Issue.record("unit key \(key.debugDescription) gave \(String(describing: error))")
            return
        }
        #expect(refused == key)
        #expect(try org.isEmpty())
    }

    @Test func theLongestAndOddestValidKeysAreAccepted() throws {
        let org = try emptyDatabase()
        let longest = String(repeating: "k", count: 64)
        #expect(try org.addRole(RoleDraft(key: longest, title: "T")).key == longest)
        #expect(try org.addRole(RoleDraft(key: "A.b_c-9", title: "T")).key == "A.b_c-9")
        #expect(try org.addRole(RoleDraft(key: "-", title: "T")).key == "-")
    }

    @Test func duplicatesAreRefusedWithoutRegardToCase() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "CEO", title: "Chief Executive"))
        // The error names the key as it is stored, so the user can find it.
        #expect(refusal { try org.addRole(RoleDraft(key: "ceo", title: "Another")) }
            == OrgError.duplicateKey(key: "CEO", takenBy: .role))
        #expect(refusal { try org.addRole(RoleDraft(key: "CEO", title: "Another")) }
            == OrgError.duplicateKey(key: "CEO", takenBy: .role))
        #expect(try org.role("CEO").title == "Chief Executive")
    }

    @Test func rolesAndUnitsShareOneNamespace() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "Finance", name: "Finance", kind: .division))
        try org.addRole(RoleDraft(key: "cfo", title: "CFO"))
        #expect(refusal { try org.addRole(RoleDraft(key: "finance", title: "T")) }
            == OrgError.duplicateKey(key: "Finance", takenBy: .unit))
        #expect(refusal { try org.addUnit(UnitDraft(key: "CFO", name: "N", kind: .team)) }
            == OrgError.duplicateKey(key: "cfo", takenBy: .role))
        #expect(try org.kind(of: "FINANCE") == .unit)
        #expect(try org.kind(of: "Cfo") == .role)
    }

    @Test func lookupsIgnoreCase() throws {
        let org = try exampleDatabase()
        #expect(try org.role("PM-Payments").key == "pm-payments")
        #expect(try org.unit("PMO-IT").key == "pmo-it")
    }

    @Test func aKeyWithAnEmbeddedNULNamesNothing() throws {
        // A lookup must not stop reading the key at a NUL and find "ceo".
        let org = try exampleDatabase()
        guard case .unknownKey? = refusal({ try org.role("ceo\u{0}junk") }) else {
            Issue.record("'ceo\\0junk' found a role")
            return
        }
        guard case .unknownKey? = refusal({ try org.details(of: "it\u{0}junk") }) else {
            Issue.record("'it\\0junk' found something")
            return
        }
    }

    // MARK: - Text

    @Test func textIsStoredInNFC() throws {
        let org = try emptyDatabase()
        let decomposed = "Cafe\u{301} Manager"
        try org.addRole(RoleDraft(key: "r", title: decomposed, holder: "Zoe\u{308}"))
        try org.addUnit(UnitDraft(key: "u", name: "A\u{30A}ngstro\u{308}m", kind: .team))
        let role = try org.role("r")
        #expect(Array(role.title.unicodeScalars) == Array("Caf\u{E9} Manager".unicodeScalars))
        #expect(Array((role.holder ?? "").unicodeScalars) == Array("Zo\u{EB}".unicodeScalars))
        #expect(Array(try org.unit("u").name.unicodeScalars) == Array("\u{C5}ngstr\u{F6}m".unicodeScalars))
        // And the bytes on disk are the precomposed ones, not merely equivalent.
        #expect(try org.db.statement("SELECT hex(title) FROM role").first { $0.text(0) } == "436166C3A9204D616E61676572")
    }

    @Test func updatedTextIsStoredInNFCToo() throws {
        let org = try exampleDatabase()
        try org.updateRole("cfo", RoleChanges(title: "Directeur Financie\u{300}re", holder: .holder("Jose\u{301}")))
        try org.updateUnit("fin", UnitChanges(name: "Fi\u{301}nance"))
        #expect(try org.db.statement("SELECT title, holder FROM role WHERE key = 'cfo'").first { [$0.text(0), $0.text(1)] }
            .map { $0.map { Array($0.unicodeScalars) } } == [Array("Directeur Financi\u{E8}re".unicodeScalars), Array("Jos\u{E9}".unicodeScalars)])
        #expect(Array(try org.unit("fin").name.unicodeScalars) == Array("F\u{ED}nance".unicodeScalars))
    }

    static let controlText = ["Project\nManager", "Project\u{1B}[31mManager", "Project\u{0}Manager", "Project\tManager",
                              "Project\rManager", "Project\u{7F}Manager", "Project\u{85}Manager"]

    @Test(arguments: controlText)
    func controlCharactersAreRefusedInTitles(_ text: String) throws {
        let org = try emptyDatabase()
        let error = refusal { try org.addRole(RoleDraft(key: "r", title: text)) }
        guard case .invalidText("title", let value, _)? = error else {
            Issue.record("title \(text.debugDescription) gave \(String(describing: error))")
            return
        }
        #expect(value == text)
        #expect(try org.isEmpty())
    }

    @Test(arguments: controlText)
    func controlCharactersAreRefusedInHolders(_ text: String) throws {
        let org = try orgChart(["r": nil])
        guard case .invalidText("holder", _, _)? = refusal({ try org.addRole(RoleDraft(key: "s", title: "T", holder: text)) }) else {
            Issue.record("holder \(text.debugDescription) was accepted on add")
            return
        }
        guard case .invalidText("holder", _, _)? = refusal({ try org.updateRole("r", RoleChanges(holder: .holder(text))) }) else {
            Issue.record("holder \(text.debugDescription) was accepted on update")
            return
        }
        #expect(try org.role("r").holder == nil)
    }

    @Test(arguments: controlText)
    func controlCharactersAreRefusedInUnitNames(_ text: String) throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "u", name: "Unit", kind: .team))
        guard case .invalidText("name", _, _)? = refusal({ try org.addUnit(UnitDraft(key: "v", name: text, kind: .team)) }) else {
            Issue.record("name \(text.debugDescription) was accepted on add")
            return
        }
        guard case .invalidText("name", _, _)? = refusal({ try org.updateUnit("u", UnitChanges(name: text)) }) else {
            Issue.record("name \(text.debugDescription) was accepted on update")
            return
        }
        #expect(try org.unit("u").name == "Unit")
    }

    // The README promises that surrounding spaces are trimmed and control
    // characters refused: a newline or tab at either end is still a control
    // character, not a space, and must not be silently dropped.
    @Test(arguments: ["Project Manager\n", "\tProject Manager", "Project Manager\r\n", "Project Manager\u{85}"])
    func controlCharactersAtTheEdgesAreRefusedNotTrimmed(_ text: String) throws {
        let org = try emptyDatabase()
        let error = refusal { try org.addRole(RoleDraft(key: "r", title: text)) }
        guard case .invalidText("title", _, _)? = error else {
            Issue.record("title \(text.debugDescription) gave \(String(describing: error))")
            return
        }
    }

    @Test func surroundingSpacesAreTrimmed() throws {
        let org = try emptyDatabase()
        let role = try org.addRole(RoleDraft(key: "r", title: "  Project Manager ", holder: " Jane Doe  "))
        #expect(role.title == "Project Manager")
        #expect(role.holder == "Jane Doe")
        #expect(try org.addUnit(UnitDraft(key: "u", name: "   Payments  ", kind: .project)).name == "Payments")
        // Inner spaces are kept.
        #expect(try org.updateRole("r", RoleChanges(title: " Senior  Project Manager ")).title == "Senior  Project Manager")
    }

    @Test(arguments: ["", "   ", String(repeating: "x", count: 201)])
    func emptyOrOverlongTitlesAreRefused(_ text: String) throws {
        let org = try emptyDatabase()
        guard case .invalidText("title", _, _)? = refusal({ try org.addRole(RoleDraft(key: "r", title: text)) }) else {
            Issue.record("title of \(text.count) characters was accepted")
            return
        }
    }

    @Test func titlesOfTwoHundredCharactersAreAccepted() throws {
        let org = try emptyDatabase()
        let longest = String(repeating: "é", count: 200)
        #expect(try org.addRole(RoleDraft(key: "r", title: longest)).title == longest)
    }
}
