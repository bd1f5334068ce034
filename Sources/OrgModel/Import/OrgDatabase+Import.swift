import OrgSQLite

/// Importing a whole chart: all or nothing, in one transaction.
extension OrgDatabase {
    /// Imports units and roles. Every record is checked first; any bad one
    /// aborts with `FILE:LINE: what is wrong` and nothing is written. Roles
    /// may report to roles further down the file. With `options.dryRun`,
    /// everything is done and counted inside the transaction, then rolled back.
    ///
    /// ```swift
    /// let options = ImportOptions(update: true, dryRun: true)
    /// let source = try ImportSource.json(Array(jsonText.utf8), file: "org.json", options: options)
    /// let report = try org.importChart(source, options: options)
    /// print(report.rolesAdded, report.rolesMoved)   // what it would do; nothing written
    /// ```
    @discardableResult
    public func importChart(_ source: ImportSource, options: ImportOptions = ImportOptions()) throws(OrgError) -> ImportReport {
        // No bigger page cache: in WAL mode pages that do not fit are written
        // to the log early, which they would be at commit anyway, and a cache
        // that held the whole new database only added to the peak memory.
        // At its own moment: a change planned for later is neither read as
        // the chart now nor undone by a file that does not know it.
        // A first import into a new file writes each page once, not into the
        // log and again into the file.
        return try writingPagesOnceIfEmpty(commit: !options.dryRun) { () throws(OrgError) -> ImportReport in
            try writeAtItsMomentKnowingPlans(commit: !options.dryRun) { planned in
                // Roles may name managers further down the file: foreign keys are
                // checked when the transaction commits, not row by row.
                try db.execute(script: "PRAGMA defer_foreign_keys = ON")
                var importer = try ChartImporter(org: self, source: source, options: options, planned: planned)
                var report = try importer.run()
                report.dryRun = options.dryRun
                return report
            }
        }
    }
}

/// One import, inside its transaction.
struct ChartImporter {
    typealias Field = ImportSource.RoleField
    typealias UnitField = ImportSource.UnitField

    let org: OrgDatabase
    private(set) var source: ImportSource
    let options: ImportOptions
    let planned: PlannedRows
    var db: Connection { org.db }
    var report = ImportReport()
    /// The ids of the existing roles the source names (once run).
    private(set) var namedRoleIDs = IDSet([])

    init(org: OrgDatabase, source: ImportSource, options: ImportOptions, planned: PlannedRows = PlannedRows()) throws {
        self.org = org
        self.source = try Self.leavingPlannedRoles(source, planned, report: &report)
        self.options = options
        self.planned = planned
    }

    /// The source less the roles a pending change adds: the file may know
    /// of a hire before its date, and the plan brings it then.
    private static func leavingPlannedRoles(_ source: ImportSource, _ planned: PlannedRows, report: inout ImportReport) throws -> ImportSource {
        guard !planned.added.isEmpty else { return source }
        var kept: [ImportSource.Record<Field>] = []
        var dropped = false
        for record in source.roles {
            if let key = record[.key], let plan = planned.added[key.trimmingSpaces().lowercased()] {
                report.plannedConflicts.append(PlannedChangeConflict(key: key.trimmingSpaces(), field: "role", sourceValue: record[.title],
                                                                     plannedValue: "added", change: plan.change, effective: plan.effective))
                dropped = true
            } else {
                kept.append(record)
            }
        }
        guard dropped else { return source }
        var filtered = source
        filtered.roles = try RecordTable(kept, file: source.rolesFile)
        return filtered
    }

    mutating func run() throws -> ImportReport {
        if options.createUnits { try createNamedUnits() }
        var units = UnitImport(source: source, options: options)
        try units.insertOrUpdate(org: org, report: &report)
        var roles = try RoleImport(source: source, options: options, org: org, planned: planned)
        try roles.run(report: &report)
        namedRoleIDs = roles.namedRoleIDs
        try units.link(org: org, report: &report)
        return report
    }
}

extension ChartImporter {
    /// Departments named in the roles' unit cells become units: a cell is
    /// matched with a unit's key, then with a unit's name (the cell is then
    /// read as that unit's key); a unit is created for any other (kind
    /// department, named as the file names it, keyed by the name made a key).
    mutating func createNamedUnits() throws {
        var keys: [String: String] = [:], names: [String: String] = [:]
        try db.statement("SELECT key, name FROM unit").forEachRow { row in
            keys[row.text(0).lowercased()] = row.text(0)
            names[row.text(1).lowercased()] = row.text(0)
        }
        let unitFile = source.units
        var renamed: [String: String] = [:]
        // Keys are shared by roles and units: a department numbered like an
        // employee (HR's DEPARTMENT_ID 100 beside EMPLOYEE_ID 100) gets
        // another. Read only when a unit is created: a million keys in a set
        // were most of a sync's time and memory here.
        var roleKeys: Set<String>? = nil
        // A million rows name a few departments: each cell is looked at once.
        var seen = Set<String>()
        for index in source.roles.indices {
            guard let raw = source.roles.string(index, .unit), seen.insert(raw).inserted else { continue }
            let cell = raw.trimmingSpaces()
            guard !cell.isEmpty else { continue }
            let loose = cell.lowercased()
            if keys[loose] != nil || renamed[loose] != nil { continue }
            if unitFile.indices.contains(where: { unitFile[$0][.key]?.lowercased() == loose }) { continue }
            if let key = names[loose] {
                renamed[loose] = key
                continue
            }
            if roleKeys == nil {
                var found = Set(source.roles.indices.compactMap { source.roles.string($0, .key)?.trimmingSpaces().lowercased() })
                try db.statement("SELECT key FROM role").forEachRow { found.insert($0.text(0).lowercased()) }
                roleKeys = found
            }
            let key = Self.unitKey(from: cell, taken: { keys[$0.lowercased()] != nil || roleKeys!.contains($0.lowercased()) })
            let line = source.roles.line(index)
            let name = try atLine(source.rolesFile, line, "unit") { try Validation.text(cell, field: "name") }
            try db.run("INSERT INTO unit (id, key, name, kind) VALUES (?, ?, ?, 'department')",
                       [.integer(try org.nextID(in: .unit)), .text(key), .text(name)])
            report.unitsAdded += 1
            keys[key.lowercased()] = key
            if key.lowercased() != loose { renamed[loose] = key }
        }
        guard !renamed.isEmpty else { return }
        // Cells that named a unit by its name now give its key.
        var records: [ImportSource.Record<Field>] = []
        for index in source.roles.indices {
            var record = source.roles[index]
            if let cell = record[.unit]?.trimmingSpaces(), let key = renamed[cell.lowercased()] { record[.unit] = key }
            records.append(record)
        }
        source.roles = try RecordTable(records, file: source.rolesFile)
    }

    /// A unit key for a department's name: itself when it is a valid key,
    /// else its letters and digits joined by hyphens, numbered when taken.
    static func unitKey(from name: String, taken: (String) -> Bool) -> String {
        if (try? Validation.key(name)) != nil, !taken(name) { return name }
        var key = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" {
                key.unicodeScalars.append(scalar)
            } else if !key.isEmpty && key.last != "-" {
                key.append("-")
            }
        }
        while key.last == "-" { key.removeLast() }
        key = String((key.isEmpty ? "unit" : key).prefix(55))
        if taken(key) { key = "dept-" + key }
        var candidate = key, number = 2
        while taken(candidate) {
            candidate = "\(key)-\(number)"
            number += 1
        }
        return candidate
    }
}

/// A failure at one field of one record.
func importError(_ file: String, _ line: Int, _ field: String?, _ message: String) -> OrgError {
    .importFailed(file: file, line: line, column: field, message: message)
}

/// A failure at one field of one record, for a refusal of the chart: errors
/// worded the same for every caller are quoted as text, the others kept as
/// data so that a caller can word their fix in its own terms.
func importError(_ file: String, _ line: Int, _ field: String?, _ error: OrgError) -> OrgError {
    switch error {
    case .importFailed, .importRefused:
        return error
    case .cycle, .selfReport, .tooDeep, .unitCycle, .lineExists, .invalidKey, .invalidText, .invalidValue,
         .reassignInsideSubtree, .wrongKind:
        return .importFailed(file: file, line: line, column: field, message: "\(error)")
    default:
        return .importRefused(file: file, line: line, column: field, problem: .refused(error))
    }
}

/// Runs `body`, turning a model error into one that names the file, line and column.
func atLine<T>(_ file: String, _ line: Int, _ column: String?, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as OrgError {
        switch error {
        case .importFailed, .importRefused: throw error
        default: throw importError(file, line, column, error)
        }
    }
}

/// A loop of reporting lines, solid and dotted together, through lines an
/// import added. Such a loop runs from the added line's manager up to its
/// role, so only the roles reachable upwards from those managers need
/// looking at: they are gathered once (by index look-ups, or, when they may
/// be most of the chart, by reading every line), then peeled off from the
/// top down; whatever cannot be peeled is on, or below, a loop. Each role
/// and line is handled a fixed number of times, however many lines were added.
enum LineLoops {
    /// A loop as role ids, each reporting to the next and the last to the
    /// first; nil when there is none.
    static func find<Managers: Collection<Int64>>(from managers: Managers, in db: Connection) throws -> [Int64]? {
        let highest = try db.integer("SELECT max(id) FROM role") ?? 0
        if managers.count * 8 >= highest && highest < Int64(Int32.max) {
            // Most of the chart: every line, each role numbered by its own id.
            var graph = Graph(highestID: highest)
            try db.statement("SELECT id, manager_id FROM role WHERE manager_id IS NOT NULL").forEachRow { graph.add($0.int(0), reportsTo: $0.int(1)) }
            try db.statement("SELECT role_id, manager_id FROM dotted_line").forEachRow { graph.add($0.int(0), reportsTo: $0.int(1)) }
            return graph.loop()
        }
        var graph = Graph(highestID: nil)
        let up = try db.statement("""
            SELECT manager_id FROM role WHERE id = ?1 AND manager_id IS NOT NULL
            UNION ALL SELECT manager_id FROM dotted_line WHERE role_id = ?1
            """)
        var pending = Array(Set(managers))
        for id in pending { _ = graph.node(id) }
        while let id = pending.popLast() {
            try up.forEachRow([.integer(id)]) { row in
                let manager = row.int(0)
                if !graph.has(manager) { pending.append(manager) }
                graph.add(id, reportsTo: manager)
            }
        }
        return graph.loop()
    }

    private struct Graph {
        /// Node numbers of the roles met so far; nil when a role's id is its number.
        private var index: [Int64: Int32]?
        private var ids: [Int64] = []
        private var nodeCount: Int
        private var from: [Int32] = []
        private var to: [Int32] = []

        init(highestID: Int64?) {
            if let highestID {
                nodeCount = Int(highestID) + 1
            } else {
                index = [:]
                nodeCount = 0
            }
        }

        func has(_ id: Int64) -> Bool { index?[id] != nil }

        mutating func node(_ id: Int64) -> Int32 {
            guard index != nil else { return Int32(id) }
            if let known = index![id] { return known }
            index![id] = Int32(nodeCount)
            ids.append(id)
            nodeCount += 1
            return Int32(nodeCount - 1)
        }

        private func id(of node: Int) -> Int64 { index == nil ? Int64(node) : ids[node] }

        mutating func add(_ role: Int64, reportsTo manager: Int64) {
            from.append(node(role))
            to.append(node(manager))
        }

        /// Offsets and members of each node's edges grouped by `key`.
        private func grouped(by key: [Int32], taking value: [Int32]) -> (start: [Int], members: [Int32]) {
            var start = [Int](repeating: 0, count: nodeCount + 1)
            for node in key { start[Int(node) + 1] += 1 }
            for node in 0..<nodeCount { start[node + 1] += start[node] }
            var fill = start
            var members = [Int32](repeating: 0, count: key.count)
            for (node, other) in zip(key, value) {
                members[fill[Int(node)]] = other
                fill[Int(node)] += 1
            }
            return (start, members)
        }

        func loop() -> [Int64]? {
            // Managers still in place, per role: a role whose managers are
            // all peeled off is peeled off in turn.
            var unpeeled = [Int32](repeating: 0, count: nodeCount)
            for role in from { unpeeled[Int(role)] += 1 }
            let reports = grouped(by: to, taking: from)
            var ready = (0..<nodeCount).filter { unpeeled[$0] == 0 }
            while let manager = ready.popLast() {
                for report in reports.members[reports.start[manager]..<reports.start[manager + 1]] {
                    unpeeled[Int(report)] -= 1
                    if unpeeled[Int(report)] == 0 { ready.append(Int(report)) }
                }
            }
            guard var current = (0..<nodeCount).first(where: { unpeeled[$0] > 0 }) else { return nil }
            // Every role left has a manager left: going up from one must come round.
            let managers = grouped(by: from, taking: to)
            var seenAt: [Int: Int] = [:]
            var walk: [Int] = []
            while seenAt[current] == nil {
                seenAt[current] = walk.count
                walk.append(current)
                current = Int(managers.members[managers.start[current]..<managers.start[current + 1]].first { unpeeled[Int($0)] > 0 }!)
            }
            return walk[seenAt[current]!...].map { id(of: $0) }
        }
    }
}
