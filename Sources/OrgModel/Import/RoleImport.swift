/// The roles part of an import. New roles are placed under their managers'
/// current positions in one pass (a role may name a manager further down the
/// file); existing roles, with --update, are then changed and moved with the
/// same checks as `move`; dotted lines come last, when every role exists.
struct RoleImport {
    typealias Field = ImportSource.RoleField
    typealias Record = ImportSource.Record<Field>

    private let source: ImportSource
    private let options: ImportOptions
    private let org: OrgDatabase
    private var file: String { source.rolesFile }
    private var db: Connection { org.db }

    /// Each record's validated key.
    private var keys: [String] = []
    /// Record index by lowercased key.
    private var indexByKey: [String: Int] = [:]
    /// The existing row of each record that updates a role, by record index.
    private var existing: [Int: OrgDatabase.RoleRow] = [:]
    private var unitIDs: [String: Int64] = [:]

    init(source: ImportSource, options: ImportOptions, org: OrgDatabase) throws {
        self.source = source
        self.options = options
        self.org = org
    }

    mutating func run(report: inout ImportReport) throws {
        try readKeys()
        try insertNewRoles(report: &report)
        try updateExistingRoles(report: &report)
        try addDottedLines(report: &report)
    }

    // MARK: - Keys

    private mutating func readKeys() throws {
        // Units are few: their keys are checked in memory. Existing roles are
        // looked up one by one only when there are any, which saves a
        // million lookups when loading a new chart.
        let rolesExist = try db.integer("SELECT EXISTS (SELECT 1 FROM role)") == 1
        let unitKeys = Set(try db.statement("SELECT key FROM unit").map { $0.text(0).lowercased() })
        keys.reserveCapacity(source.roles.count)
        for (index, record) in source.roles.enumerated() {
            let key = try atLine(file, record.line, "key") { try Validation.key(record[.key] ?? "") }
            let loose = key.lowercased()
            if let earlier = indexByKey[loose] {
                throw importError(file, record.line, "key", "the key '\(key)' appears twice (also on line \(source.roles[earlier].line))")
            }
            indexByKey[loose] = index
            keys.append(key)
            if unitKeys.contains(loose) { throw importError(file, record.line, "key", "'\(key)' is already a unit's key") }
            guard rolesExist else { continue }
            if let taken = try org.existing(key) {
                guard options.update else {
                    throw importError(file, record.line, "key", "the role '\(taken.key)' already exists; pass --update to change existing roles")
                }
                existing[index] = try org.roleRow(taken.key)
            }
        }
    }

    // MARK: - New roles

    /// Where a new role's manager is.
    private enum Manager {
        case none
        case newRole(Int)
        case existingRole(OrgDatabase.RoleRow)
    }

    private mutating func manager(of index: Int) throws -> Manager {
        let record = source.roles[index]
        guard let key = record.nonEmpty(.reportsTo) else { return .none }
        if let target = indexByKey[key.lowercased()] {
            if target == index { throw importError(file, record.line, "reports_to", "'\(keys[index])' cannot report to itself") }
            return existing[target].map(Manager.existingRole) ?? .newRole(target)
        }
        return .existingRole(try atLine(file, record.line, "reports_to") { try org.roleRow(key) })
    }

    /// Inserts the new roles depth first, parents before their reports, and
    /// numbers them in that order: every manager exists before its reports
    /// (no deferred key checks), and both the table and the path index are
    /// written in order, the way a later walk of the chart reads them.
    private mutating func insertNewRoles(report: inout ImportReport) throws {
        let count = source.roles.count
        var managers: [Manager] = []
        managers.reserveCapacity(count)
        var reports = [[Int]](repeating: [], count: count)
        var tops: [Int] = []
        for index in 0..<count {
            let manager = existing[index] == nil ? try manager(of: index) : Manager.none
            managers.append(manager)
            guard existing[index] == nil else { continue }
            if case .newRole(let parent) = manager { reports[parent].append(index) } else { tops.append(index) }
        }
        let bulk = try BulkIndexes(db: db)
        let insert = try db.statement("""
            INSERT INTO role (id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id, path, depth)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var ids = [Int64](repeating: 0, count: count)
        var paths = [String](repeating: "", count: count)
        var depths = [Int](repeating: 0, count: count)
        var next = try org.nextID(in: .role)
        var placed = 0
        for top in tops {
            var stack = [top]
            while let index = stack.popLast() {
                ids[index] = next
                next += 1
                let managerID: SQLValue
                switch managers[index] {
                case .none:
                    (paths[index], depths[index], managerID) = ("", 0, .null)
                case .existingRole(let row):
                    (paths[index], depths[index], managerID) = (row.path, row.depth + 1, .integer(row.id))
                case .newRole(let parent):
                    (paths[index], depths[index], managerID) = (paths[parent], depths[parent] + 1, .integer(ids[parent]))
                }
                paths[index] += PathLabel.segment(ids[index])
                try insert.run(try values(index, id: ids[index], manager: managerID, path: paths[index], depth: depths[index]))
                placed += 1
                stack.append(contentsOf: reports[index].reversed())
            }
        }
        try bulk.restore()
        report.rolesAdded += placed
        // A new role never reached from a top is on, or below, a cycle of
        // reporting lines within the file.
        guard placed < count - existing.count else { return }
        var onPath: [Int] = []
        var index = (0..<count).first { existing[$0] == nil && ids[$0] == 0 }!
        while !onPath.contains(index), case .newRole(let parent) = managers[index] {
            onPath.append(index)
            index = parent
        }
        let loop = onPath[onPath.firstIndex(of: index)!...].map { keys[$0] } + [keys[index]]
        throw importError(file, source.roles[index].line, "reports_to", "the file's reporting lines form a cycle " + loop.joined(separator: " → "))
    }

    /// The values of the INSERT for the new role at `index`.
    private mutating func values(_ index: Int, id: Int64, manager: SQLValue, path: String, depth: Int) throws -> [SQLValue] {
        let record = source.roles[index]
        guard let title = record.nonEmpty(.title) else {
            throw importError(file, record.line, "title", "a new role needs a title")
        }
        let salary = try salary(record)
        return [
            .integer(id), .text(keys[index]),
            .text(try atLine(file, record.line, "title") { try Validation.text(title, field: "title") }),
            try holder(record) ?? .null, try unit(record) ?? .null, try grade(record) ?? .null,
            salary?.minor ?? .null, salary?.currency ?? .null, try rung(record) ?? .null,
            manager, .text(path), .integer(Int64(depth)),
        ]
    }

    // MARK: - Existing roles (--update)

    private mutating func updateExistingRoles(report: inout ImportReport) throws {
        for (index, row) in existing.sorted(by: { $0.key < $1.key }) {
            let record = source.roles[index]
            var changes: [(column: String, value: SQLValue)] = []
            if let title = record[.title] {
                changes.append(("title", .text(try atLine(file, record.line, "title") { try Validation.text(title, field: "title") })))
            }
            if let value = try holder(record) { changes.append(("holder", value)) }
            if let value = try unit(record) { changes.append(("unit_id", value)) }
            if let value = try grade(record) { changes.append(("grade", value)) }
            if let value = try rung(record) { changes.append(("rung", value)) }
            if let salary = try salary(record) { changes += [("salary_minor", salary.minor), ("currency", salary.currency)] }
            // Only columns whose value differs are written, so that the report
            // (and a dry run) counts real changes, not rows that were read.
            var changed = false
            for (column, value) in changes {
                try db.run("UPDATE role SET \(column) = ?1 WHERE id = ?2 AND \(column) IS NOT ?1", [value, .integer(row.id)])
                changed = changed || db.changes > 0
            }
            if changed { report.rolesUpdated += 1 }
            guard let managerKey = record[.reportsTo] else { continue }
            let current = try org.roleRow(id: row.id)
            let target = managerKey.isEmpty ? nil : try atLine(file, record.line, "reports_to") { try org.roleRow(managerKey) }
            guard target?.id != current.managerID else { continue }
            _ = try atLine(file, record.line, "reports_to") { try org.performMove(current, to: target) }
            report.rolesMoved += 1
        }
    }

    // MARK: - Dotted lines

    private func addDottedLines(report: inout ImportReport) throws {
        for (index, record) in source.roles.enumerated() {
            guard let cell = record[.dottedTo] else { continue }
            let role = try org.roleRow(keys[index])
            let wanted = try cell.split(separator: ";").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                .map { target in try atLine(file, record.line, "dotted_to") { try org.roleRow(target) } }
            let current = Set(try db.statement("SELECT manager_id FROM dotted_line WHERE role_id = ?").map([.integer(role.id)]) { $0.int(0) })
            for stale in current.subtracting(wanted.map(\.id)) {
                try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(role.id), .integer(stale)])
                report.dottedLinesRemoved += 1
            }
            for target in wanted where !current.contains(target.id) {
                try atLine(file, record.line, "dotted_to") { try org.insertDottedLine(from: try org.roleRow(id: role.id), to: target) }
                report.dottedLinesAdded += 1
            }
        }
    }

    // MARK: - Field values: nil when the file has no such column

    private func holder(_ record: Record) throws -> SQLValue? {
        guard let text = record[.holder] else { return nil }
        if text.isEmpty { return .null }
        return .text(try atLine(file, record.line, "holder") { try Validation.text(text, field: "holder") })
    }

    private mutating func unit(_ record: Record) throws -> SQLValue? {
        guard let key = record[.unit] else { return nil }
        if key.isEmpty { return .null }
        if let id = unitIDs[key.lowercased()] { return .integer(id) }
        let id = try atLine(file, record.line, "unit") { try org.unitID(key) }
        unitIDs[key.lowercased()] = id
        return .integer(id)
    }

    private func grade(_ record: Record) throws -> SQLValue? {
        guard let text = record[.grade] else { return nil }
        if text.isEmpty { return .null }
        guard let grade = Int(text) else { throw importError(file, record.line, "grade", "'\(text)' is not a whole number") }
        _ = try atLine(file, record.line, "grade") { try Validation.grade(grade) }
        return .integer(Int64(grade))
    }

    private func rung(_ record: Record) throws -> SQLValue? {
        guard let text = record[.rung] else { return nil }
        if text.isEmpty { return .null }
        guard let rung = Rung(rawValue: text.lowercased()) else {
            throw importError(file, record.line, "rung", "'\(text)' is not a rung; use one of " + Rung.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return .text(rung.rawValue)
    }

    private func salary(_ record: Record) throws -> (minor: SQLValue, currency: SQLValue)? {
        guard let amount = record[.salary] else { return nil }
        let currency = record[.currency] ?? ""
        if amount.isEmpty && currency.isEmpty { return (.null, .null) }
        guard !amount.isEmpty, !currency.isEmpty else {
            throw importError(file, record.line, amount.isEmpty ? "salary" : "currency", "salary and currency go together: give both or neither")
        }
        let money = try atLine(file, record.line, "salary") { try Money(amount: amount, currency: currency) }
        return (.integer(money.minorUnits), .text(money.currency))
    }
}
