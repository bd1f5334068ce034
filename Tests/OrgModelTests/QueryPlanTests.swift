import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// Every distinct statement a connection starts, as prepared (parameters
/// unbound), caught with SQLite's statement trace: the plans are checked on
/// the library's own SQL, never on a copy that could drift from it.
private final class StatementLog {
    var statements: Set<String> = []

    init(_ connection: Connection) {
        connection.traceStatements { [unowned self] sql in statements.insert(sql) }
    }

    func stop(_ connection: Connection) { connection.traceStatements(nil) }
}

/// The query plan of every logged statement that has one, as "SQL: detail" lines.
private func plans(of log: StatementLog, on connection: Connection) throws -> [(sql: String, steps: [String])] {
    let planless = ["PRAGMA", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "CREATE", "DROP", "ATTACH", "DETACH"]
    return try log.statements.sorted().compactMap { sql in
        let head = sql.drop { $0 == " " || $0 == "\n" }.prefix { $0.isLetter }.uppercased()
        guard !planless.contains(head) else { return nil }
        let steps = try connection.statement("EXPLAIN QUERY PLAN " + sql).map { $0.text(3) }
        return (sql, steps)
    }
}

/// A chart big enough to matter, with units, PMOs, dotted lines, vacancies and pay.
private func sizeableChart(at path: String? = nil) throws -> OrgDatabase {
    let org: OrgDatabase
    if let path {
        org = try OrgDatabase(path: path, access: .write)
        try org.initialise(with: .enterprisePMO)
    } else {
        org = try exampleDatabase()
    }
    var random = SplitMix64(seed: 7)
    var keys = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
    let units = try org.db.statement("SELECT key FROM unit ORDER BY id").map { $0.text(0) }
    for index in 0..<600 {
        let key = "g\(index)"
        try org.addRole(RoleDraft(key: key, title: random.chance(20) ? "Project Manager" : "Analyst",
                                  holder: random.chance(90) ? "Holder \(index)" : nil, reportsTo: random.pick(keys),
                                  unit: random.pick(units), salary: Money(minorUnits: Int64(random.below(9_000_000)), currency: "GBP")))
        keys.append(key)
    }
    for index in stride(from: 0, to: 600, by: 40) {
        _ = try? org.addDottedLine(from: "g\(index)", to: "pmo-it-director")
    }
    // A few assistants, so that the walks and counts that put them apart run.
    for index in stride(from: 1, to: 600, by: 100) {
        try org.addRole(RoleDraft(key: "ea\(index)", title: "Assistant", assistantTo: "g\(index)"))
    }
    return org
}

@Suite("Query plans stay clear of SQLite's planner traps")
struct QueryPlanTests {
    /// Runs the everyday reads and writes with the statement trace on, then
    /// checks each statement's plan. SQLite 3.40 can add a Bloom filter over a
    /// whole table, or build an automatic index, for a query that should be a
    /// few index look-ups (a 40 µs upward walk became 70 ms that way); either
    /// in a plan means an index or a query shape is missing.
    @Test func noStatementPlansABloomFilterOrAnAutomaticIndex() throws {
        let org = try sizeableChart()
        let log = StatementLog(org.db)
        try everyday(org)
        log.stop(org.db)
        let checked = try plans(of: log, on: org.db)
        #expect(checked.count > 40, "the trace caught too few statements to mean anything: \(checked.count)")
        for (sql, steps) in checked {
            for step in steps where step.contains("BLOOM FILTER") || step.contains("AUTOMATIC") {
                Issue.record("\(step) in: \(sql)")
            }
        }
    }

    /// The check reads SQLite's own words: a join on a column without an
    /// index does plan an automatic index, and the check sees it.
    @Test func theCheckSeesAnAutomaticIndexWhenThereIsOne() throws {
        let org = try sizeableChart()
        let log = StatementLog(org.db)
        _ = try org.db.integer("SELECT count(*) FROM role a JOIN role b ON b.title = a.title")
        log.stop(org.db)
        let steps = try plans(of: log, on: org.db).flatMap(\.steps)
        #expect(steps.contains { $0.contains("AUTOMATIC") }, "\(steps)")
    }

    /// A command about one role, or a write of one role, must not read the
    /// whole role table: at a million roles a full scan is a second, not a
    /// millisecond. Checked twice: no plan scans `role` or `r`, and SQLite's
    /// own count of the rows each statement's full scans stepped through
    /// (trigger bodies included, whatever the alias) stays far below the
    /// chart's 627 roles.
    @Test func pointQueriesAndWritesNeverScanTheRoleTable() throws {
        let org = try sizeableChart()
        try everyday(org)
        _ = org.db.fullScanSteps(reset: true)
        let log = StatementLog(org.db)
        _ = try org.chain(of: "g599")
        _ = try org.compare("g599", "pm-crm")
        _ = try org.role("g10")
        _ = try org.details(of: "g10")
        _ = try org.details(of: "pmo-it")
        _ = try org.reports(to: "cio")
        _ = try org.reports(to: "pmo-it-director", includeDotted: true)
    _ = try org.childPage(of: "cio", offset: 1, limit: 20)
    _ = try org.reportTally(of: "pmo-it-director")
    _ = try org.roleIfPresent("nobody")
        _ = try org.countReports(to: "cio")
        _ = try org.countReports(to: "cio", all: true)
        _ = try org.rollup(of: "g599")
        _ = try org.find("holder 59")
        _ = try org.find("analyst", limit: 5)
        _ = try org.find("g59")
        // An update import: its changed fields are written by one set-based statement.
        _ = try org.importChart(.csv(roles: Array("key,title,holder\ng5,Analyst,Renamed Holder\ng6,Analyst,\n".utf8),
                                     file: "update.csv", options: ImportOptions(update: true)), options: ImportOptions(update: true))
        // Many renamed holders: the name index's refresh takes its path for
        // more than one stale row.
        let renamed = (100..<170).map { "g\($0),Analyst,Renamed \($0)\n" }.joined()
        _ = try org.importChart(.csv(roles: Array(("key,title,holder\n" + renamed).utf8), file: "renamed.csv",
                                     options: ImportOptions(update: true)), options: ImportOptions(update: true))
        _ = try org.commitCounter()
        _ = try org.newestChangeID()
        _ = refusal { try org.role("Holder 12") }
        try org.addRole(RoleDraft(key: "point-new", title: "Analyst", reportsTo: "g5"))
        _ = try org.updateRole("point-new", RoleChanges(holder: .holder("Someone"), salary: Money(minorUnits: 1, currency: "EUR")))
        try org.move("point-new", to: "g6")
        try org.addRole(RoleDraft(key: "point-assistant", title: "Assistant", assistantTo: "g5"))
        _ = try org.updateRole("point-assistant", RoleChanges(assistant: .assistantTo("g6")))
        _ = try org.details(of: "g6")
        _ = try org.reports(to: "g6")
        _ = try org.updateRole("point-assistant", RoleChanges(assistant: RoleChanges.AssistantChange.none))
        _ = try org.removeRole("point-assistant")
        try org.addDottedLine(from: "point-new", to: "cio")
        try org.removeDottedLine(from: "point-new", to: "cio")
        _ = try org.removeRole("point-new")
        let secret = try org.addToken(name: "plan-token", level: .read, branch: "g5")
        _ = try org.token(forSecret: secret)
        _ = try org.tokens()
        try org.revokeToken(name: "plan-token")
        log.stop(org.db)
        #expect(log.statements.contains(PMOLookup.nearestPMO), "a point query's PMO look-up was not among the statements checked")
        for refresh in [SearchIndex.firstStale, SearchIndex.staleFacts, SearchIndex.staleRoles] {
            #expect(log.statements.contains(refresh), "the name index's refresh was not among the statements checked: \(refresh)")
        }
        for (sql, stepped) in org.db.fullScanSteps() {
            // Units are few and read whole by design; a scan of the roles is not.
            if stepped > 300 { Issue.record("\(stepped) full-scan steps in: \(sql)") }
        }
        for (sql, steps) in try plans(of: log, on: org.db) {
            for step in steps where step.split(separator: " ").first == "SCAN" && ["role", "r"].contains(step.split(separator: " ").dropFirst().first ?? "") {
                Issue.record("\(step) in: \(sql)")
            }
            // An open range of role ids is a scan by another name (the search
            // index's refresh read every role that way on each write).
            for step in steps where step == "SEARCH r USING INTEGER PRIMARY KEY (rowid>?)"
                || step == "SEARCH role USING INTEGER PRIMARY KEY (rowid>?)" {
                Issue.record("\(step) in: \(sql)")
            }
        }
    }
}

extension QueryPlanTests {
    /// A one-word search's whole-name look-up reads the whole names' own
    /// index: under the primary key it read every name word like it (a
    /// common surname at a million roles, 23,000 rows) to find none.
    @Test func aWholeNameLookUpReadsOnlyWholeNames() throws {
        let org = try sizeableChart()
        let log = StatementLog(org.db)
        _ = try org.find("analyst")
        _ = try org.find("holder 12")
        log.stop(org.db)
        let wholeName = try plans(of: log, on: org.db).filter { $0.sql.contains("field = 2") }
        #expect(!wholeName.isEmpty, "the trace caught no whole-name look-up")
        for (sql, steps) in wholeName {
            #expect(steps == ["SEARCH search_term USING COVERING INDEX search_term_whole_name (term=?)"], "\(sql)")
        }
    }
}

extension QueryPlanTests {
    /// The chart as of a moment before a planned reorganisation is laid over
    /// the file: a point query reads main's indexes and the few kept rows,
    /// never the whole role table, and no plan builds an index of its own.
    @Test func pointQueriesOnTheChartBeforeAPlanNeverScanTheRoleTable() throws {
        let folder = try TemporaryDirectory()
        let org = try sizeableChart(at: folder.file("org.db"))
        org.intent = ChangeIntent(command: "plan", effective: Timestamp(milliseconds: Timestamp.now().milliseconds + 86_400_000))
        try org.move("cio", to: nil)
        _ = try org.updateRole("g10", RoleChanges(holder: .vacate))
        _ = try org.removeRole("g599")
        let then = try org.asOf(.now())
        try #require(then.readsOverlay)
        _ = then.db.fullScanSteps(reset: true)
        let log = StatementLog(then.db)
        _ = try then.chain(of: "g599")
        _ = try then.compare("g599", "pm-crm")
        _ = try then.role("g10")
        _ = try then.details(of: "g10")
        _ = try then.details(of: "pmo-it")
        _ = try then.reports(to: "cio")
        _ = try then.countReports(to: "cio")
        _ = try then.countReports(to: "cio", all: true)
        _ = try then.rollup(of: "g599")
        // Now against after the plan (the live chart), through the plan's images.
        try then.forEachDifference(to: org, inStorageOrder: true,
                                   between: (.now(), Timestamp(milliseconds: Timestamp.now().milliseconds + 2 * 86_400_000))) { _ in }
        log.stop(then.db)
        for (sql, stepped) in then.db.fullScanSteps() where stepped > 300 {
            Issue.record("\(stepped) full-scan steps in: \(sql)")
        }
        let checked = try plans(of: log, on: then.db)
        #expect(checked.count > 10, "the trace caught too few statements to mean anything: \(checked.count)")
        for (sql, steps) in checked {
            for step in steps {
                let words = step.split(separator: " ")
                // `live` is main's table inside the views; a scan of the view
                // itself reads only what the pushed-down terms let through.
                if words.first == "SCAN" && words.dropFirst().first == "live" || step.contains("BLOOM FILTER")
                    || step.contains("AUTOMATIC") {
                    Issue.record("\(step) in: \(sql)")
                }
            }
        }
    }
}

/// The reads and writes people make every day, one of each.
private func everyday(_ org: OrgDatabase) throws {
    _ = try org.chain(of: "g599")
    _ = try org.compare("g599", "pm-crm")
    _ = try org.details(of: "g10")
    _ = try org.details(of: "pmo-it")
    _ = try org.reports(to: "cio", all: true, includeDotted: true)
    _ = try org.reports(to: "pmo-it-director", includeDotted: true)
    _ = try org.countReports(to: "ceo", all: true)
    _ = try org.countReports(to: "ceo", all: true, maxDepth: 2)
    try org.walkTree(includeDotted: true) { _ in }
    try org.walkTree(root: "cio", maxDepth: 2) { _ in }
    _ = try org.rollup(of: "ceo")
    _ = try org.rollup(of: "g599")
    _ = try org.managerRollups()
    _ = try org.managerRollups(under: "cio", maxDepth: 1)
    _ = try org.stats()
    _ = try org.check()
    _ = try org.ladder()
    try org.exportRoles { _ in }
    _ = try org.chart(root: "pmo-it-director", dottedReports: true)
    _ = try org.exportUnits()
    _ = try org.history(of: "g10")
    _ = try org.change(300)
    // A branch's history: the change table walked newest first, each change
    // tested through its own images and the branch's range of paths.
    _ = try org.history(within: "cio", limit: 20)
    _ = try org.history(within: "pmo-it-director", limit: 5, before: 400)
    _ = try org.change(300, liesWithin: "ceo")
    _ = try org.dottedLines(among: ["g0", "g40", "pmo-it-director", "cio", "cpo", "nobody"])
    // A diff in storage order, with every role on one side only, and the
    // key-order merge it falls back to.
    let before = try org.asOf(.beginning)
    _ = try org.differences(to: before)
    try org.forEachDifference(to: before, inStorageOrder: false) { _ in }
    // The same two moments compared through the history between them.
    try org.forEachDifference(to: before, inStorageOrder: true, between: (.now(), .beginning)) { _ in }
    _ = try org.find("holder 1")
    _ = try org.find("project man")
    _ = try org.find("Amara Okafor")
    _ = try org.find("pm-")
    _ = try org.unitTree()
    _ = refusal { try org.chain(of: "Grace") }
    _ = try org.references(for: ["g10", "g599", "cio", "pmo-it", "nobody"])
    try org.forEachNamedDifference(to: org.asOf(.beginning)) { _ in }
    // A sync of one branch, written (a dry run's rollback would take its
    // temporary tables, and the statements could not be explained): its
    // leavers are the ids in the branch that the import did not name.
    _ = try org.sync(.csv(roles: Array("key,title\ncio,Chief Information Officer\n".utf8), file: "hr.csv", options: ImportOptions()),
                     options: SyncOptions(leavers: .keep, scope: "cio", apply: true))
    try org.addRole(RoleDraft(key: "daily-new", title: "Analyst", reportsTo: "g5", unit: "pmo-it"))
    _ = try org.updateRole("daily-new", RoleChanges(title: "Senior Analyst", holder: .holder("Someone")))
    try org.move("g5", to: "cio")
    try org.addDottedLine(from: "daily-new", to: "cio")
    try org.removeDottedLine(from: "daily-new", to: "cio")
    _ = try org.removeRole("g5", reassignTo: "cio")
    _ = try org.undo()
    try org.move("g7", to: "cio")
    _ = try? org.undo(change: 3)
    _ = try? org.undo(change: 5, within: "cio")
}

extension QueryPlanTests {
    /// A bulk import into an empty chart: the rows, the name index built at
    /// once from the new roles (`SearchTermLoad`), the indexes built again.
    @Test func aBulkImportPlansNoBloomFilterOrAutomaticIndex() throws {
        try checkBulkImportPlans(on: emptyDatabase())
    }

    /// The same into a new file, whose pages the import writes once (`EmptyFileLoad`).
    @Test func aBulkImportIntoANewFilePlansNoBloomFilterOrAutomaticIndex() throws {
        let folder = try TemporaryDirectory()
        try checkBulkImportPlans(on: OrgDatabase(path: folder.file("org.db"), access: .write))
        #expect(!FileManager.default.fileExists(atPath: folder.file("org.db-journal")))
    }

    private func checkBulkImportPlans(on org: OrgDatabase) throws {
        let rows = (0..<300).map { "b\($0),Analyst,Holder \($0 % 9),\($0 == 0 ? "" : "b\($0 / 2)")" }
        let log = StatementLog(org.db)
        _ = try org.importChart(.csv(roles: Array(("key,title,holder,reports_to\n" + rows.joined(separator: "\n") + "\n").utf8),
                                     file: "roles.csv", options: ImportOptions()))
        log.stop(org.db)
        let checked = try plans(of: log, on: org.db)
        #expect(checked.contains { $0.sql.contains("json_each") })
        #expect(checked.contains { $0.sql == SearchTermLoad.rolesSQL })
        for (sql, steps) in checked {
            for step in steps where step.contains("BLOOM FILTER") || step.contains("AUTOMATIC") {
                Issue.record("\(step) in: \(sql)")
            }
        }
    }
}

extension QueryPlanTests {
    /// A units file into a chart without units: the rows, and the governing
    /// PMOs, each written by one statement over json_each; the indexes built again.
    @Test func aBulkUnitLoadPlansNoBloomFilterOrAutomaticIndex() throws {
        let org = try emptyDatabase()
        let projects = (0..<200).map { "p\($0),P \($0),project,,\($0 == 0 ? "co" : "p\($0 / 2)"),pmo" }
        let units = "key,name,kind,pmo_type,parent,governed_by\nco,Co,company,,,\npmo,PMO,pmo,directive,co,\n" + projects.joined(separator: "\n") + "\n"
        let log = StatementLog(org.db)
        _ = try org.importChart(.csv(roles: Array("key,title\nr,R\n".utf8), file: "roles.csv", units: Array(units.utf8),
                                     unitsFile: "units.csv", options: ImportOptions()))
        log.stop(org.db)
        let checked = try plans(of: log, on: org.db)
        for sql in [NewUnitRows.insertSQL, GovernanceChanges.deleteSQL, GovernanceChanges.insertSQL] {
            #expect(checked.contains { $0.sql == sql }, "not run: \(sql)")
        }
        for (sql, steps) in checked {
            for step in steps where step.contains("BLOOM FILTER") || step.contains("AUTOMATIC") {
                Issue.record("\(step) in: \(sql)")
            }
        }
    }
}
