import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// A first import into a file with no chart writes its pages once, straight
/// into the file under a rollback journal, then puts the file back into
/// WAL mode: the same chart as the import through the log, all or nothing,
/// and a file every later command opens as before.
@Suite struct EmptyFileLoadTests {
    /// A tree of `count` roles (fan-out 6) in two units, with repeated
    /// holders and titles, and, when `cycle`, two roles at the end that
    /// report to each other, which the import finds only after every other
    /// role is in.
    private static func source(count: Int, cycle: Bool = false) throws -> ImportSource {
        var roles = "key,title,holder,reports_to,unit,grade,salary,currency\n"
        for index in 0..<count {
            let manager = index == 0 ? "" : "r\((index - 1) / 6)"
            let holder = index % 4 == 0 ? "" : "Holder \(index % 97) Name\(index % 13)"
            roles += "r\(index),Analyst \(index % 31),\(holder),\(manager),\(index % 2 == 0 ? "ops" : "fin"),\(index % 12),\(1000 + index),EUR\n"
        }
        if cycle { roles += "x1,Loop,,x2,,,,\nx2,Loop,,x1,,,,\n" }
        let units = "key,name,kind\nops,Operations,department\nfin,Finance,department\n"
        return try .csv(roles: Array(roles.utf8), file: "roles.csv", units: Array(units.utf8), unitsFile: "units.csv", options: ImportOptions())
    }

    /// Everything the chart holds, row by row, history aside (its moments differ).
    private func contents(_ org: OrgDatabase) throws -> [String] {
        var rows: [String] = []
        for (table, order) in [("role", "id"), ("unit", "id"), ("dotted_line", "1"), ("search_term", "1"),
                               ("search_stale", "1"), ("role_was", "1"), ("unit_was", "1")] {
            let columns = try org.db.statement("SELECT name FROM pragma_table_info(?)").map([.text(table)]) { "quote(\($0.text(0)))" }
            try org.db.statement("SELECT \(columns.joined(separator: " || '|' || ")) FROM \(table) ORDER BY \(order)")
                .forEachRow { rows.append(table + ": " + $0.text(0)) }
        }
        rows += try org.db.statement("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name").map { $0.text(0) }
        rows += try org.db.statement("SELECT count(*) || ' changes' FROM change").map { $0.text(0) }
        return rows
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func aFirstImportGoesStraightIntoTheFileAndLeavesItInWALMode() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        let report = try org.importChart(Self.source(count: 5_000))
        #expect(report.rolesAdded == 5_000)
        #expect(try org.db.journalMode() == "wal")
        #expect(try org.db.statement("PRAGMA locking_mode").first([], { $0.text(0) }) == "normal")
        #expect(try org.db.integer("PRAGMA synchronous") == 1, "commits in WAL mode sync at the checkpoint again")
        #expect(!FileManager.default.fileExists(atPath: folder.file("org.db-journal")))
        // The load's pages never went through the log: it holds at most the
        // switch back to WAL, not the file's megabytes.
        #expect(fileSize(folder.file("org.db-wal")) < 64 * 1024)
        #expect(fileSize(folder.file("org.db")) > 1_000_000)
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        #expect(try org.db.statement("PRAGMA foreign_key_check").map { $0.text(0) } == [])

        // Another process reads the file and writes to it as to any other.
        let reader = try OrgDatabase(path: folder.file("org.db"), access: .read)
        #expect(try reader.role("r4999").reportsTo == "r833")
        try org.addRole(RoleDraft(key: "late", title: "Analyst", reportsTo: "r0"))
        #expect(try reader.role("late").reportsTo == "r0")
    }

    /// The same import through the log (another connection holds the file
    /// open, so the journal mode stays) stores the same rows.
    @Test func theChartIsTheOneTheLogWouldHaveHeld() throws {
        let folder = try TemporaryDirectory()
        let once = try OrgDatabase(path: folder.file("once.db"), access: .write)
        try once.importChart(Self.source(count: 3_000))
        let logged = try OrgDatabase(path: folder.file("logged.db"), access: .write)
        let holder = try OrgDatabase(path: folder.file("logged.db"), access: .read)
        #expect(try holder.isEmpty())
        try logged.importChart(Self.source(count: 3_000))
        #expect(fileSize(folder.file("logged.db-wal")) > 1_000_000, "the file held open was loaded through its log")
        #expect(try contents(once) == contents(logged))
        #expect(try contents(once).count > 3_000)
    }

    @Test func aRefusalPartWayLeavesTheEmptyFileAsItWas() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        let before = try contents(org)
        let pages = try org.db.integer("PRAGMA page_count")
        let error = refusal { try org.importChart(Self.source(count: 5_000, cycle: true)) }
        guard case .importFailed(file: "roles.csv", line: 5_002, column: "reports_to", let message)? = error else {
            Issue.record("not refused for the cycle: \(String(describing: error))")
            return
        }
        #expect(message.contains("cycle"))
        #expect(try contents(org) == before)
        #expect(try org.db.integer("PRAGMA page_count") == pages)
        #expect(try org.db.journalMode() == "wal")
        #expect(try org.db.integer("PRAGMA synchronous") == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.file("org.db-journal")))
        // The next import goes through.
        try org.importChart(Self.source(count: 5_000))
        #expect(try org.db.integer("SELECT count(*) FROM role") == 5_000)
    }

    /// A dry run and an import into a chart that holds roles go through the
    /// log as before.
    @Test func onlyAKeptImportIntoAnEmptyChartLeavesTheLog() throws {
        let folder = try TemporaryDirectory()
        let org = try OrgDatabase(path: folder.file("org.db"), access: .write)
        try org.importChart(Self.source(count: 3_000), options: ImportOptions(dryRun: true))
        #expect(try org.isEmpty())
        try org.addRole(RoleDraft(key: "top", title: "Chief"))
        try org.importChart(Self.source(count: 3_000))
        #expect(fileSize(folder.file("org.db-wal")) > 1_000_000)
        #expect(try org.db.journalMode() == "wal")
    }
}
