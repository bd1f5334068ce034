import Testing
@testable import OrgModel

/// An update import writes the fields of existing roles in one set-based
/// statement: what it stores, counts and records must be exactly what
/// changing each differing field of each row would give.
@Suite("Import with update writes changed fields together")
struct ImportUpdateBatchTests {
    private static let titles = ["Analyst", "Engineer", "Manager, Analyst", "Café Owner"]
    private static let holders = ["", "Renée Lévesque", "Dominika Černá", "Jo Smith"]
    private static let grades = ["", "3", "7"]
    private static let rungs = ["", "pmo-analyst", "pmo-manager"]
    private static let salaries = [("", ""), ("50000", "EUR"), ("61000.50", "USD")]
    private static let unitsCSV = "key,name,kind\nu1,Unit One,department\nu2,Unit Two,department\n"

    /// One row of the file: every column, chosen at random.
    private static func row(_ key: String, manager: String, _ random: inout SplitMix64) -> [String] {
        let salary = salaries.randomElement(using: &random)!
        return [key, titles.randomElement(using: &random)!, holders.randomElement(using: &random)!, manager,
                ["", "u1", "u2"].randomElement(using: &random)!, grades.randomElement(using: &random)!,
                rungs.randomElement(using: &random)!, salary.0, salary.1]
    }

    private static let header = "key,title,holder,reports_to,unit,grade,rung,salary,currency"
    private static func csv(_ rows: [[String]]) -> String {
        ([header] + rows.map { $0.map { "\"\($0)\"" }.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// Each role's stored fields, by key.
    private static func fields(_ org: OrgDatabase) throws -> [String: String] {
        var result: [String: String] = [:]
        try org.db.statement("""
            SELECT key, title, holder, unit_id, grade, rung, salary_minor, currency, manager_id FROM role
            """).forEachRow { row in
            result[row.text(0)] = (1..<9).map { "\(row.value(Int32($0)))" }.joined(separator: "|")
        }
        return result
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func randomChangesAreStoredCountedAndRecordedAsEachFieldChangedAlone(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let count = 60
        var rows = (0..<count).map { Self.row("r\($0)", manager: $0 == 0 ? "" : "r\(Int.random(in: 0..<$0, using: &random))", &random) }
        let org = try emptyDatabase()
        _ = try importCSV(org, Self.csv(rows), units: Self.unitsCSV)
        let before = try Self.fields(org)
        let ids = Dictionary(uniqueKeysWithValues: try org.db.statement("SELECT key, id FROM role").map { ($0.text(0), $0.int(1)) })

        // About a third of the rows get new values in a random set of columns;
        // a redrawn value may equal the old one, which is no change.
        for index in rows.indices where Int.random(in: 0..<3, using: &random) == 0 {
            let fresh = Self.row(rows[index][0], manager: rows[index][3], &random)
            for column in [1, 2, 4, 5, 6] where Bool.random(using: &random) { rows[index][column] = fresh[column] }
            if Bool.random(using: &random) { (rows[index][7], rows[index][8]) = (fresh[7], fresh[8]) }
        }
        let report = try importCSV(org, Self.csv(rows), units: Self.unitsCSV, options: ImportOptions(update: true))
        let after = try Self.fields(org)

        // The expected chart: the same file imported into an empty database.
        let fresh = try emptyDatabase()
        _ = try importCSV(fresh, Self.csv(rows), units: Self.unitsCSV)
        #expect(after == (try Self.fields(fresh)))

        let changed = Set(before.keys.filter { before[$0] != after[$0] })
        #expect(report.rolesUpdated == changed.count)
        // History holds each changed row once, as it was before the import.
        let images = try org.db.statement("""
            SELECT r.key, w.title, w.holder, w.unit_id, w.grade, w.rung, w.salary_minor, w.currency, w.manager_id
            FROM role_was w JOIN role r ON r.id = w.id WHERE w.change_id = (SELECT max(id) FROM change)
            """).map { row in (row.text(0), (1..<9).map { "\(row.value(Int32($0)))" }.joined(separator: "|")) }
        #expect(Set(images.map(\.0)) == changed)
        for (key, image) in images { #expect(image == before[key]) }
        #expect(ids.count == count)
        // The name index follows the new holders and titles.
        #expect(try org.db.integer("SELECT count(*) FROM search_stale") == 0)
        _ = try org.undo()
        #expect(try Self.fields(org) == before)
    }

    @Test func aFileThatChangesNothingWritesNothing() throws {
        var random = SplitMix64(seed: 9)
        let rows = (0..<20).map { Self.row("r\($0)", manager: $0 == 0 ? "" : "r0", &random) }
        let org = try emptyDatabase()
        _ = try importCSV(org, Self.csv(rows), units: Self.unitsCSV)
        let report = try importCSV(org, Self.csv(rows), units: Self.unitsCSV, options: ImportOptions(update: true))
        #expect(report.rolesUpdated == 0)
        #expect(try org.db.integer("SELECT count(*) FROM role_was WHERE change_id = (SELECT max(id) FROM change)") == 0)
        #expect(try org.db.integer("SELECT count(*) FROM temp.import_role_update") == 0)
    }
}
