import OrgSQLite
import Testing
@testable import OrgModel

/// A sync of a file naming most of a large chart (read in one scan of every
/// role) stages for the set-based UPDATE only the rows whose cells may
/// differ from the role: what it stores, counts and records is what the
/// staged comparison of every row gave.
@Suite("A large sync stages only the rows that may change")
struct SyncUnchangedRowsTests {
    /// Enough records for the import to read every role in one scan.
    private static let count = RoleImport.scanMinimum
    private static let header = "key,title,holder,reports_to,unit,dotted_to,grade,rung,salary,currency"
    private static let unitsCSV = "key,name,kind\nu1,Unit One,department\nu2,Unit Two,department\n"

    /// Cells that the scan compares from the file's bytes, and others (text the
    /// rules normalise, decimal amounts, spaces, case) that go the staged way.
    private static let titles = ["Analyst", "Engineer", "Manager, Analyst", "Café Owner", " Analyst "]
    private static let holders = ["", "Renée Lévesque", "Jo Smith", "Jo Smith ", "Ann Lee"]
    private static let units = ["", "u1", "u2", "U1"]
    private static let grades = ["", "3", "7", "03"]
    private static let rungs = ["", "pmo-analyst", "PMO-Manager"]
    private static let salaries = [("", ""), ("50000", "EUR"), ("61000.50", "USD"), ("70000.00", "GBP")]

    private static func row(_ index: Int, _ random: inout SplitMix64) -> [String] {
        let salary = random.pick(salaries)!
        return ["r\(index)", random.pick(titles)!, random.pick(holders)!, index == 0 ? "" : "r\((index - 1) / 8)",
                random.pick(units)!, "", random.pick(grades)!, random.pick(rungs)!, salary.0, salary.1]
    }

    private static func csv(_ rows: [[String]]) -> String {
        ([header] + rows.map { $0.map { "\"\($0)\"" }.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    private static func source(_ rows: [[String]]) throws -> ImportSource {
        try .csv(roles: Array(csv(rows).utf8), file: "hr.csv", options: ImportOptions(update: true))
    }

    /// Each role's stored fields and lines, by key.
    private static func chart(_ org: OrgDatabase) throws -> [String: String] {
        var result: [String: String] = [:]
        try org.db.statement("""
            SELECT r.key, r.title, r.holder, r.unit_id, r.grade, r.rung, r.salary_minor, r.currency, m.key,
                   (SELECT group_concat(d.key) FROM dotted_line l JOIN role d ON d.id = l.manager_id WHERE l.role_id = r.id)
            FROM role r LEFT JOIN role m ON m.id = r.manager_id
            """).forEachRow { row in
            result[row.text(0)] = (1..<10).map { "\(row.value(Int32($0)))" }.joined(separator: "|")
        }
        return result
    }

    /// Runs `body` counting how many rows were staged for the UPDATE.
    private static func countingStagedRows<T>(_ org: OrgDatabase, _ body: () throws -> T) rethrows -> (T, Int) {
        var staged = 0
        org.db.traceStatements { sql in if sql == RoleUpdateBatch.insertRow { staged += 1 } }
        defer { org.db.traceStatements(nil) }
        return (try body(), staged)
    }

    @Test(arguments: [UInt64(1), 2])
    func randomChangesGiveTheChartAFreshImportGives(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var rows = (0..<Self.count).map { Self.row($0, &random) }
        rows[40][5] = "r3"
        rows[41][5] = "r3"
        let org = try emptyDatabase()
        _ = try importCSV(org, Self.csv(rows), units: Self.unitsCSV)
        let before = try Self.chart(org)

        // One row in fifty gets new values in some columns; a redrawn value
        // may equal the old one, which is no change. One dotted line goes,
        // one stays, one is drawn.
        var touched = Set<Int>()
        for index in rows.indices where random.below(50) == 0 {
            let fresh = Self.row(index, &random)
            for column in [1, 2, 4, 6, 7] where random.chance(50) { rows[index][column] = fresh[column] }
            if random.chance(50) { (rows[index][8], rows[index][9]) = (fresh[8], fresh[9]) }
            touched.insert(index)
        }
        // Rows with a cell the rules would rewrite go the staged way, changed or not.
        let rewritten = ["Café Owner", "Renée Lévesque", "U1", "03", "PMO-Manager", "61000.50", "70000.00"]
        let mayStage = Set(rows.indices.filter { index in rows[index].contains { rewritten.contains($0) } }).union(touched)
        rows[40][5] = ""
        rows[42][5] = "r2"
        let (plan, staged) = try Self.countingStagedRows(org) {
            try org.sync(Self.source(rows), options: SyncOptions(leavers: .keep, apply: true))
        }
        let after = try Self.chart(org)

        let fresh = try emptyDatabase()
        _ = try importCSV(fresh, Self.csv(rows), units: Self.unitsCSV)
        #expect(after == (try Self.chart(fresh)))

        let changed = Set(before.keys.filter { before[$0] != after[$0] })
        #expect(changed.contains("r40") && changed.contains("r42") && !changed.contains("r41"))
        // The roles whose own row changed (not only their dotted lines).
        func fields(_ chart: [String: String], _ key: String) -> [Substring] { chart[key]!.split(separator: "|", omittingEmptySubsequences: false).dropLast() }
        let rowsChanged = Set(changed.filter { fields(before, $0) != fields(after, $0) })
        // Plain rows as the role holds them are never staged: at most the
        // rows with a cell the rules rewrite or a cell redrawn, yet at least
        // every row that changed.
        #expect(staged <= mayStage.count && mayStage.count < Self.count, "staged \(staged) of \(Self.count) rows")
        #expect(staged >= rowsChanged.count && !touched.isEmpty)
        let images = try org.db.statement("""
            SELECT r.key FROM role_was w JOIN role r ON r.id = w.id WHERE w.change_id = (SELECT max(id) FROM change)
            """).map { $0.text(0) }
        #expect(Set(images) == rowsChanged)
        #expect(plan.applied && plan.counts.lines == 2)
        _ = try org.undo()
        #expect(try Self.chart(org) == before)
    }

    @Test func aFileOfPlainCellsStagesOnlyTheRowsThatDiffer() throws {
        var rows = (0..<Self.count).map { index in
            ["r\(index)", index % 3 == 0 ? "Manager, Analyst" : "Analyst", index % 5 == 0 ? "" : "Holder \(index)",
             index == 0 ? "" : "r\((index - 1) / 8)", index % 2 == 0 ? "u1" : "", "", "\(index % 9 + 1)", "", "50000", "EUR"]
        }
        let org = try emptyDatabase()
        _ = try importCSV(org, Self.csv(rows), units: Self.unitsCSV)
        let (unchangedPlan, stagedForNothing) = try Self.countingStagedRows(org) {
            try org.sync(Self.source(rows), options: SyncOptions(apply: true))
        }
        #expect(unchangedPlan.isInStep)
        #expect(stagedForNothing == 0)

        for index in stride(from: 0, to: Self.count, by: 100) { rows[index][2] = "New Holder \(index)" }
        rows[7][6] = "2"
        rows[9][4] = "u2"
        rows[11][8] = "51000"
        let (plan, staged) = try Self.countingStagedRows(org) {
            try org.sync(Self.source(rows), options: SyncOptions(apply: true))
        }
        #expect(staged == Self.count / 100 + 3)
        #expect(plan.counts.changes == Self.count / 100 + 3)
        #expect(try org.db.integer("SELECT count(*) FROM role_was WHERE change_id = (SELECT max(id) FROM change)") == Int64(Self.count / 100 + 3))
        #expect(try org.role("r9").unit == "u2")
        #expect(try org.role("r11").salary == Money(minorUnits: 5_100_000, currency: "EUR"))
    }

    /// The statements of a large sync (the scan of every role, the roles
    /// with dotted lines) plan neither an automatic index nor a Bloom filter,
    /// and the roles with lines come from the table's own key order.
    @Test func theLargeSyncsStatementsPlanNoTrap() throws {
        let rows = (0..<Self.count).map { index in
            ["r\(index)", "Analyst", "Holder \(index)", index == 0 ? "" : "r\((index - 1) / 8)", "", index == 9 ? "r2" : "", "", "", "", ""]
        }
        let org = try emptyDatabase()
        _ = try importCSV(org, Self.csv(rows), units: Self.unitsCSV)
        var statements = Set<String>()
        org.db.traceStatements { statements.insert($0) }
        var changed = rows
        changed[5][2] = "Someone Else"
        try org.sync(Self.source(changed), options: SyncOptions(apply: true))
        org.db.traceStatements(nil)
        #expect(statements.contains(RoleImport.everyRoleSQL) && statements.contains(RoleImport.rolesWithLinesSQL))
        for sql in statements where ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(sql.drop { $0 == " " || $0 == "\n" }.prefix { $0.isLetter }.uppercased()) {
            let steps = try org.db.statement("EXPLAIN QUERY PLAN " + sql).map { $0.text(3) }
            for step in steps where step.contains("BLOOM FILTER") || step.contains("AUTOMATIC") {
                Issue.record("\(step) in: \(sql)")
            }
            if sql == RoleImport.rolesWithLinesSQL {
                #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
            }
        }
    }
}
