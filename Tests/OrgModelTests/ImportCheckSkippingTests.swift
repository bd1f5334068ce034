import OrgSQLite
import Testing
@testable import OrgModel

/// New roles whose every value the import proved itself go in without
/// SQLite's CHECK constraints; any other batch is checked as before. What
/// lands must pass the CHECKs all the same (`integrity_check` checks them),
/// and the connection is left checking, after a load and after a refusal.
@Suite("A bulk import skips SQLite's CHECKs only for values it proved")
struct ImportCheckSkippingTests {
    private static let header = "key,title,holder,reports_to,salary,currency,rung"

    /// `count` plain rows, a binary tree, with pay.
    private static func plainRows(_ count: Int) -> [String] {
        (0..<count).map { "r\($0),Analyst,Holder \($0),\($0 == 0 ? "" : "r\(($0 - 1) / 2)"),100,GBP," }
    }

    /// The outcome of importing `rows` into `org`, and the check pragmas it ran.
    private static func importing(_ rows: [String], into org: OrgDatabase) -> (refusal: OrgError?, pragmas: [String]) {
        var pragmas: [String] = []
        org.db.traceStatements { sql in
            if sql.contains("ignore_check_constraints") { pragmas.append(sql) }
        }
        defer { org.db.traceStatements(nil) }
        let bytes = Array((header + "\n" + rows.joined(separator: "\n") + "\n").utf8)
        let error = refusal { try org.importChart(.csv(roles: bytes, file: "roles.csv", options: ImportOptions())) }
        return (error, pragmas)
    }

    private static func checksOn(_ org: OrgDatabase) throws -> Bool {
        try org.db.integer("PRAGMA ignore_check_constraints") == 0
    }

    @Test func plainRowsGoInUncheckedAndPassTheChecks() throws {
        let org = try emptyDatabase()
        let (error, pragmas) = Self.importing(Self.plainRows(250), into: org)
        #expect(error == nil)
        #expect(pragmas == ["PRAGMA ignore_check_constraints = ON", "PRAGMA ignore_check_constraints = OFF"])
        #expect(try Self.checksOn(org))
        #expect(try org.db.integer("SELECT count(*) FROM role") == 250)
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
    }

    /// A title with an accent, and a rung, go through the string rules, and
    /// are proven by the CHECKs' own rules: every row lands as adding it
    /// alone would store it, and passes the CHECKs.
    @Test func valuesTheStringRulesReadAreProvenToo() throws {
        var rows = Self.plainRows(350)
        rows[30] = "r30,Analyst,Holder 30,r14,100,GBP,pmo-analyst"
        rows[220] = "r220,Café Owner,Renée Lévesque,r109,,,"
        let org = try emptyDatabase()
        let (error, pragmas) = Self.importing(rows, into: org)
        #expect(error == nil)
        #expect(pragmas == ["PRAGMA ignore_check_constraints = ON", "PRAGMA ignore_check_constraints = OFF"])
        #expect(try Self.checksOn(org))
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        let stored = try org.db.statement("SELECT key, title, holder, salary_minor, currency, rung FROM role ORDER BY key")
            .map { row in (0..<6).map { column in row.optionalText(Int32(column)) ?? "NULL" }.joined(separator: "|") }
        let oneByOne = try emptyDatabase()
        for index in 0..<350 {
            let plain = index != 30 && index != 220
            try oneByOne.addRole(RoleDraft(key: "r\(index)", title: index == 220 ? "Café Owner" : "Analyst",
                                           holder: index == 220 ? "Renée Lévesque" : "Holder \(index)",
                                           reportsTo: index == 0 ? nil : "r\((index - 1) / 2)",
                                           salary: index == 220 ? nil : Money(minorUnits: 10_000, currency: "GBP"),
                                           rung: plain || index == 220 ? nil : .pmoAnalyst))
        }
        #expect(stored == (try oneByOne.db.statement("SELECT key, title, holder, salary_minor, currency, rung FROM role ORDER BY key")
            .map { row in (0..<6).map { column in row.optionalText(Int32(column)) ?? "NULL" }.joined(separator: "|") }))
    }

    /// A refusal after unchecked batches went in: nothing stays, and the
    /// connection checks again.
    /// The CHECKs' rules as the import applies them, against SQLite's own.
    @Test(arguments: ["a", String(repeating: "é", count: 200), String(repeating: "é", count: 201), "", "a\u{0}b", "👩‍👩‍👧"])
    func textsAsSQLiteCountsThem(text: String) throws {
        let org = try emptyDatabase()
        let sqlite = try org.db.integer("SELECT length(?) BETWEEN 1 AND 200", [.text(text)]) == 1
        #expect(CheckSkipping.passes(text: text) == sqlite || text.utf8.contains(0))
        if text.utf8.contains(0) { #expect(!CheckSkipping.passes(text: text)) }
    }

    @Test func rungsAreTheSchemasList() throws {
        #expect(Set(Rung.allCases.map(\.rawValue)) == CheckSkipping.rungs)
        let schema = OrgDatabase.schemaSQL
        for rung in CheckSkipping.rungs { #expect(schema.contains("'\(rung)'")) }
    }

    @Test func aRefusalLeavesNothingAndTheChecksOn() throws {
        var rows = Self.plainRows(250)
        rows[180] = "r180,,Holder 180,r89,100,GBP,"
        let org = try emptyDatabase()
        let before = try snapshot(org)
        let (error, pragmas) = Self.importing(rows, into: org)
        #expect(error == .importFailed(file: "roles.csv", line: 182, column: "title", message: "a new role needs a title"))
        #expect(pragmas.first == "PRAGMA ignore_check_constraints = ON")
        #expect(try Self.checksOn(org))
        #expect(try snapshot(org) == before)
    }
}
