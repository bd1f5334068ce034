import Foundation
import Testing

/// `orgctl sync` and `import` from directory exports, end to end: formats
/// recognised from the content, a Graph listing's pages at once, refusals
/// naming the file and line with nothing written.
@Suite struct DirectorySyncCommandTests {
    static let fixtures = #filePath.split(separator: "/").dropLast(2).joined(separator: "/") + "/Fixtures/directory/"

    private func sandbox(_ names: String...) throws -> Sandbox {
        let sandbox = try Sandbox()
        for name in names {
            try Data(contentsOf: URL(fileURLWithPath: "/" + Self.fixtures + name)).write(to: sandbox.url(name))
        }
        return sandbox
    }

    @Test func graphPagesSyncedInOneCommand() throws {
        let sandbox = try sandbox("graph-users-1.json", "graph-users-2.json")
        let plan = try sandbox.ok("sync", "graph-users-1.json", "graph-users-2.json")
        #expect(plan.stdout == """
            Plan for graph-users-1.json, graph-users-2.json: 4 joining, 0 moving, 0 leaving (vacate), 0 changed, 2 new units.
              E1000 (Ingrid Bergman) joins at the top
              E1013 (Nuño Peña) joins under E1030 (Małgorzata Nowak)
              E1030 (Małgorzata Nowak) joins under E1000 (Ingrid Bergman)
              E1034 (Mikaël Søndergaard) joins under E1030 (Małgorzata Nowak)
              unit Board (Board) is created
              unit Operations (Operations) is created
            Nothing written; run it again with --apply to make these changes.

            """)
        try sandbox.ok("sync", "graph-users-1.json", "graph-users-2.json", "--apply")
        #expect(try sandbox.ok("chain", "E1034").stdout.contains("E1000"))
        let again = try sandbox.run("sync", "graph-users-1.json", "graph-users-2.json", "--exit-code")
        #expect(again.status == 0)
        #expect(again.stdout == "In step with graph-users-1.json, graph-users-2.json: nothing to change.\n")
        // The first page left out: its two people are leavers.
        let short = try sandbox.run("sync", "graph-users-2.json", "--exit-code")
        #expect(short.status == 1)
        #expect(short.stdoutLines.first == "Plan for graph-users-2.json: 0 joining, 0 moving, 2 leaving (vacate), 0 changed.")
    }

    @Test func ldifFromItsContentOrByFormatAndARefusalWritesNothing() throws {
        let sandbox = try sandbox("people.ldif", "ldifde.ldif")
        try sandbox.ok("sync", "people.ldif", "--apply")
        let tree = try sandbox.ok("print", "tree").stdout
        // Olafur's secretary reports to him: his assistant, listed first.
        #expect(tree.contains("""
            └── olafur  Director of Delivery — Olafur Arnalds
                ├── noemie  Executive Assistant — Noémie Brun  (assistant)
                └── amara  Manager — Amara Okafor
                    └── lars  Team Lead — Berg, Lars
                        └── kofi  Engineer — Kofi Mensah
            """))
        let before = try sandbox.databaseBytes()
        try Data("dn: uid=ada,dc=example,dc=org\nuid: ada\ntitle: Engineer\nmanager: cn=Grace Hopper,dc=example,dc=org\n".utf8)
            .write(to: sandbox.url("ada.txt"))
        let refused = try sandbox.run("sync", "ada.txt", "--format", "ldif", "--apply")
        #expect(refused.status == 1)
        #expect(refused.stderr == "orgctl: ada.txt:4: the entry 'uid=ada,dc=example,dc=org' names 'cn=Grace Hopper,dc=example,dc=org' as its manager, who is not in the file; read that person's entry too (several files can be read together), or leave the reference out; nothing was imported\n")
        #expect(try sandbox.databaseBytes() == before)
        let noKey = try sandbox.run("import", "ldifde.ldif", "--db", "ad.db")
        #expect(noKey.status == 1)
        #expect(noKey.stderr == "orgctl: ldifde.ldif:1: the entry 'CN=Ingrid Bergman,OU=Staff,DC=corp,DC=example' has no uid, the attribute read as the key; give every entry one, or read another attribute as the key with --map, such as --map employeeNumber=key; nothing was imported\n")
        let imported = try sandbox.ok("import", "ldifde.ldif", "--map", "sAMAccountName=key", "--create-units", "--db", "ad.db")
        #expect(imported.stdout == "Imported ldifde.ldif: 3 roles added; 2 units added, 0 changed.\n")
        #expect(try sandbox.ok("chain", "npena", "--db", "ad.db").stdout.contains("mnowak"))
    }

    @Test func anLDIFChangeIsRefusedAtItsLineAndWritesNothing() throws {
        let sandbox = try sandbox("people.ldif")
        try sandbox.ok("sync", "people.ldif", "--apply")
        let before = try sandbox.databaseBytes()
        try Data("dn: uid=ada,dc=example,dc=org\nchangetype: modify\nreplace: title\ntitle: CTO\n-\n".utf8).write(to: sandbox.url("change.ldif"))
        for command in [["sync", "change.ldif", "--apply"], ["import", "change.ldif", "--update"]] {
            let refused = try sandbox.run(command)
            #expect(refused.status == 1)
            #expect(refused.stderr == "orgctl: change.ldif:2: the record 'uid=ada,dc=example,dc=org' is a change (changetype: modify), not an entry; give a full listing of the entries, as ldapsearch -LLL prints it; nothing was imported\n")
        }
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test func graphPagesImportedInOneCommand() throws {
        let sandbox = try sandbox("graph-users-1.json", "graph-users-2.json")
        let imported = try sandbox.ok("import", "graph-users-1.json", "graph-users-2.json", "--create-units")
        #expect(imported.stdout == "Imported graph-users-1.json, graph-users-2.json: 4 roles added; 2 units added, 0 changed.\n")
        #expect(try sandbox.ok("chain", "E1034").stdout.contains("E1000"))
        try Data("key,title\nceo,CEO\n".utf8).write(to: sandbox.url("a.csv"))
        let refused = try sandbox.run("import", "a.csv", "graph-users-1.json", "--db", "other.db")
        #expect(refused.status == 64)
        #expect(refused.stderr == "orgctl: several files are read together only for a directory's users (LDIF, Graph, SCIM, Google); a.csv is csv, so import one file (see 'orgctl import --help')\n")
        #expect(!sandbox.exists("other.db"))
    }

    @Test func severalFilesOnlyForADirectory() throws {
        let sandbox = try sandbox()
        try Data("key,title\nceo,CEO\n".utf8).write(to: sandbox.url("a.csv"))
        try Data("key,title\nceo,CEO\n".utf8).write(to: sandbox.url("b.csv"))
        let refused = try sandbox.run("sync", "a.csv", "b.csv")
        #expect(refused.status == 64)
        #expect(refused.stderr == "orgctl: several files are read together only for a directory's users (LDIF, Graph, SCIM, Google); a.csv is csv, so sync with one file (see 'orgctl sync --help')\n")
        #expect(!sandbox.exists("org.db"))
    }
}
