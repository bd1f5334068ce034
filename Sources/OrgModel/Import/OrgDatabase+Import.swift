/// Importing a whole chart: all or nothing, in one transaction.
extension OrgDatabase {
    /// Imports units and roles. Every record is checked first; any bad one
    /// aborts with `FILE:LINE: what is wrong` and nothing is written. Roles
    /// may report to roles further down the file. With `options.dryRun`,
    /// everything is done and counted inside the transaction, then rolled back.
    @discardableResult
    public func importChart(_ source: ImportSource, options: ImportOptions = ImportOptions()) throws(OrgError) -> ImportReport {
        // No bigger page cache: in WAL mode pages that do not fit are written
        // to the log early, which they would be at commit anyway, and a cache
        // that held the whole new database only added to the peak memory.
        return try write(commit: !options.dryRun) {
            // Roles may name managers further down the file: foreign keys are
            // checked when the transaction commits, not row by row.
            try db.execute(script: "PRAGMA defer_foreign_keys = ON")
            var importer = try ChartImporter(org: self, source: source, options: options)
            var report = try importer.run()
            report.dryRun = options.dryRun
            return report
        }
    }
}

/// One import, inside its transaction.
struct ChartImporter {
    typealias Field = ImportSource.RoleField
    typealias UnitField = ImportSource.UnitField

    let org: OrgDatabase
    let source: ImportSource
    let options: ImportOptions
    var db: Connection { org.db }
    var report = ImportReport()

    init(org: OrgDatabase, source: ImportSource, options: ImportOptions) throws {
        self.org = org
        self.source = source
        self.options = options
    }

    mutating func run() throws -> ImportReport {
        var units = UnitImport(source: source, options: options)
        try units.insertOrUpdate(org: org, report: &report)
        var roles = try RoleImport(source: source, options: options, org: org)
        try roles.run(report: &report)
        try units.link(org: org, report: &report)
        return report
    }
}

/// A failure at one field of one record.
func importError(_ file: String, _ line: Int, _ field: String?, _ message: String) -> OrgError {
    .importFailed(file: file, line: line, column: field, message: message)
}

/// Runs `body`, turning a model error into one that names the file, line and column.
func atLine<T>(_ file: String, _ line: Int, _ column: String?, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as OrgError {
        switch error {
        case .importFailed: throw error
        default: throw importError(file, line, column, "\(error)")
        }
    }
}
