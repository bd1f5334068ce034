import OrgSQLite

/// The roles part of an import. New roles are placed under their managers'
/// current positions in one pass (a role may name a manager further down the
/// file); existing roles, with --update, are then changed and moved; dotted
/// lines come last, when every role exists. Reporting lines are judged as
/// the file leaves the chart, not row by row: moves first detach every
/// moving role, so that each line in place while they are attached again
/// is one the final chart has, and a loop through dotted lines is looked
/// for once, over the lines the import added.
///
/// A new chart may hold a million roles, so new roles are read from the
/// cells' bytes: the usual plain ASCII values are checked and bound in
/// place, and anything else goes through the same string rules as updates.
struct RoleImport {
    typealias Field = ImportSource.RoleField
    typealias Record = ImportSource.Record<Field>

    private let source: ImportSource
    private let options: ImportOptions
    private let org: OrgDatabase
    private var file: String { source.rolesFile }
    private var db: Connection { org.db }
    /// The role records; a stored copy, which costs nothing (the buffers are
    /// shared), so that the hot loops do not copy the table, and count its
    /// buffers' references, at every cell they read.
    private let roles: RecordTable<Field>

    /// Each record's validated key, numbered as the records.
    private var keys = KeyTable(capacity: 0)
    /// The existing role of each record that updates one, by record index.
    private var existing = ExistingRoles()
    /// The records whose roles already hold what their cells give.
    private var unchanged = UnchangedRecords()
    /// True when the keys were matched by one scan of every role (a file
    /// naming much of the chart): other per-role reads are then avoided too.
    private var scannedEveryRole = false
    /// After that scan, each role's record by id (-1: none), so that a
    /// `reports_to` cell naming the role's manager as it is is known without
    /// a search of the key table (a million, in a sync).
    private var recordOfID: [Int32] = []
    /// The units' keys, numbered as `unitIDs`.
    private var unitKeys = KeyTable(capacity: 0)
    private var unitIDs: [Int64] = []
    /// Each new role's solid manager by record index (0: none, or not new).
    private var newManagerIDs: [Int64] = []
    /// Lines this import adds, for the one check for loops at the end.
    private var addedLines: [AddedLine] = []
    /// True when the chart had no roles before the import.
    private var newChart = false

    /// A reporting line the import adds: a move's new solid line, or a dotted line.
    private struct AddedLine {
        let role: Int64
        let manager: Int64
        let record: Int32
        let solid: Bool
    }

    /// An existing role the file gives another manager.
    private struct Move {
        let record: Int
        let role: Int64
        let target: Int64?
    }

    /// What changes pending at the import's moment set: left to them.
    private let planned: PlannedRows

    init(source: ImportSource, options: ImportOptions, org: OrgDatabase, planned: PlannedRows = PlannedRows()) throws {
        self.source = source
        self.options = options
        self.org = org
        self.planned = planned
        roles = source.roles
    }

    /// The ids of the existing roles the records name.
    var namedRoleIDs: IDSet { existing.idSet { _ in true } }

    mutating func run(report: inout ImportReport) throws {
        try readKeys()
        let (ids, checkDepthAfterMoves) = try insertNewRoles(report: &report)
        let moves = try updateExistingRoles(report: &report)
        let wanted = try removeStaleDottedLines(ids: ids, report: &report)
        try applyMoves(moves)
        if checkDepthAfterMoves { try refuseDeepNewRoles(ids: ids) }
        try addDottedLines(ids: ids, wanted: wanted, report: &report)
        try refuseLoops()
        try markAssistants(ids: ids)
    }

    // MARK: - Keys

    private mutating func readKeys() throws {
        // Units are few: their keys are checked in memory. Existing roles are
        // looked up one by one only when there are any, which saves a
        // million lookups when loading a new chart.
        // The largest id, not EXISTS: a search of the primary key, never a scan.
        let lastID = try db.integer("SELECT max(id) FROM role")
        let rolesExist = lastID != nil
        newChart = !rolesExist
        let units = try db.statement("SELECT id, key FROM unit").map { ($0.int(0), $0.text(1)) }
        unitKeys = KeyTable(capacity: units.count)
        for (id, key) in units {
            var key = key
            _ = key.withUTF8 { unitKeys.insert($0) }
            unitIDs.append(id)
        }
        keys = KeyTable(capacity: roles.count)
        existing = ExistingRoles(records: roles.count)
        unchanged = UnchangedRecords(records: roles.count)
        let existingRole = try db.statement(Self.existingRoleSQL)
        // A file naming much of a large chart (a sync) reads the roles once,
        // in storage order, after its keys are known: a million look-ups in
        // the file's random order cost several times that.
        let scan = try rolesExist && options.update && roles.count >= Self.scanMinimum
            && Int64(roles.count) * 8 >= lastID ?? 0
        scannedEveryRole = scan
        // Copies (sharing their storage) that the loops read while they note
        // records in this importer's own tables.
        let (records, knownUnitKeys, knownUnitIDs) = (roles, unitKeys, unitIDs)
        try withText { text in
            for index in roles.indices {
                let line = roles.line(index)
                let cell = UnsafeBufferPointer(rebasing: text[roles.cell(index, .key) ?? 0..<0])
                let earlier: Int?
                var key: String? = nil
                if PlainCell.isKey(cell) {
                    earlier = keys.insert(cell)
                } else {
                    key = try atLine(file, line, "key") { try Validation.key(String(decoding: cell, as: UTF8.self)) }
                    earlier = key!.withUTF8 { keys.insert($0) }
                }
                if let earlier { throw duplicate(index, earlier) }
                let clash = if let key { unitKeys.find(key) } else { unitKeys.find(cell) }
                if clash != nil {
                    throw importError(file, line, "key", "'\(keys.key(index))' is already a unit's key")
                }
                guard rolesExist && !scan else { continue }
                // One look-up per key: a clash with a unit's key was refused above.
                if let taken = try existingRole.first([.text(keys.key(index))], { row in
                    if options.update {
                        unchanged.judge(index, row, from: 5, roles: records, text: text, unitKeys: knownUnitKeys, unitIDs: knownUnitIDs)
                    }
                    return Self.roleRow(row)
                }) {
                    guard options.update else {
                        throw OrgError.importRefused(file: file, line: line, column: "key", problem: .alreadyExists(key: taken.key, kind: .role))
                    }
                    existing.note(index, id: taken.id, managerID: taken.managerID)
                }
            }
            guard scan, let lastID else { return }
            recordOfID = [Int32](repeating: -1, count: Int(lastID) + 1)
            try db.statement(Self.everyRoleSQL).forEachRow { row in
                guard let found = row.withTextBytes(1, { $0.flatMap { keys.find($0) } }) else { return }
                let id = row.int(0)
                existing.note(found, id: id, managerID: row.optionalInt(2))
                recordOfID[Int(id)] = Int32(found)
                unchanged.judge(found, row, from: 3, roles: records, text: text, unitKeys: knownUnitKeys, unitIDs: knownUnitIDs)
            }
        }
    }

    /// The size of file from which an update reads every role instead of looking each key up.
    static let scanMinimum = 20_000
    /// Every role in storage order, with the fields an update compares (from column 3).
    static let everyRoleSQL = "SELECT id, key, manager_id, \(UnchangedRecords.columns) FROM role"

    /// An existing role by key, as `OrgDatabase.roleRow(_:)` reads it, with
    /// the fields an update compares (from column 5).
    static let existingRoleSQL = "SELECT id, key, manager_id, path, depth, \(UnchangedRecords.columns) FROM role WHERE key = ?"

    private static func roleRow(_ row: Row) -> OrgDatabase.RoleRow {
        OrgDatabase.RoleRow(id: row.int(0), key: row.text(1), managerID: row.optionalInt(2), path: row.text(3), depth: Int(row.int(4)))
    }

    /// Calls `body` with the bytes of the records' cells.
    private func withText<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try roles.text.withUnsafeBufferPointer(body)
    }

    private func duplicate(_ index: Int, _ earlier: Int) -> OrgError {
        // The key that repeats is the later record's, as validated.
        let cell = roles.text[roles.cell(index, .key) ?? 0..<0]
        let key = Validation.nfc(String(decoding: cell, as: UTF8.self))
        return importError(file, roles.line(index), "key", "the key '\(key)' appears twice (also on line \(roles.line(earlier)))")
    }

    /// The record whose key `text` names, as a dictionary of lowercased
    /// strings would find it: ASCII bytes compare without case; other text
    /// is lowercased and normalised first, since keys themselves are ASCII.
    private func record(named text: UnsafeBufferPointer<UInt8>) -> Int? {
        if text.allSatisfy({ $0 < 0x80 }) { return keys.find(text) }
        let folded = Validation.nfc(String(decoding: text, as: UTF8.self).lowercased())
        return folded.utf8.allSatisfy { $0 < 0x80 } ? keys.find(folded) : nil
    }

    // MARK: - New roles

    /// Where a new role's manager is.
    private enum Manager {
        case none
        case newRole(Int32)
        /// An index into the rows of existing managers.
        case existingRole(Int32)
    }

    private func manager(of index: Int, text: UnsafeBufferPointer<UInt8>, existingManagers: inout [OrgDatabase.RoleRow]) throws -> Manager {
        guard let cell = roles.cell(index, .reportsTo), !cell.isEmpty else { return .none }
        let line = roles.line(index)
        let row: OrgDatabase.RoleRow
        if let target = record(named: UnsafeBufferPointer(rebasing: text[cell])) {
            if target == index { throw importError(file, line, "reports_to", "'\(keys.key(index))' cannot report to itself") }
            guard let updated = existing.id(target) else { return .newRole(Int32(target)) }
            row = try org.roleRow(id: updated)
        } else {
            let key = String(decoding: text[cell], as: UTF8.self)
            row = try atLine(file, line, "reports_to") { try org.roleRow(key) }
        }
        existingManagers.append(row)
        return .existingRole(Int32(existingManagers.count - 1))
    }

    private func isUpdate(_ index: Int) -> Bool {
        existing.id(index) != nil
    }

    /// Inserts the new roles depth first, parents before their reports, and
    /// numbers them in that order: every manager exists before its reports
    /// (no deferred key checks), and both the table and the path index are
    /// written in order, the way a later walk of the chart reads them.
    /// Returns each new role's id by record index (0 for updates), and
    /// whether some new roles hang below a role the file may move, so that
    /// their final depth is known only after the moves.
    private mutating func insertNewRoles(report: inout ImportReport) throws -> (ids: [Int64], checkDepthAfterMoves: Bool) {
        let count = roles.count
        var managers: [Manager] = []
        managers.reserveCapacity(count)
        var existingManagers: [OrgDatabase.RoleRow] = []
        var tops: [Int32] = []
        // Each new role's reports, in file order: those of role n are
        // reports[firstReport[n]..<firstReport[n + 1]].
        var firstReport = [Int32](repeating: 0, count: count + 1)
        // One copy of this importer for the loop, rather than one per record
        // that a closure over a mutating method's self would make.
        let importer = self
        try importer.withText { text in
            for index in 0..<count {
                let update = importer.isUpdate(index)
                let manager = update ? Manager.none : try importer.manager(of: index, text: text, existingManagers: &existingManagers)
                managers.append(manager)
                guard !update else { continue }
                if case .newRole(let parent) = manager { firstReport[Int(parent) + 1] += 1 } else { tops.append(Int32(index)) }
            }
        }
        for index in 0..<count { firstReport[index + 1] += firstReport[index] }
        var reports = [Int32](repeating: 0, count: Int(firstReport[count]))
        var filled = firstReport
        for index in 0..<count {
            guard case .newRole(let parent) = managers[index] else { continue }
            reports[Int(filled[Int(parent)])] = Int32(index)
            filled[Int(parent)] += 1
        }
        filled = []
        let bulk = try BulkLoad(db: db)
        var checks = CheckSkipping(db: db)
        // A refusal leaves the connection checking, as it found it.
        defer { try? checks.end() }
        var batch = NewRoleBatch()
        let fullBatch = try insertStatement(rows: NewRoleBatch.size)
        var ids = [Int64](repeating: 0, count: count)
        newManagerIDs = [Int64](repeating: 0, count: count)
        var next = try org.nextID(in: .role)
        // Existing roles whose manager the file may change.
        let mayMove = existing.idSet { roles.cell($0, .reportsTo) != nil }
        var checkDepthAfterMoves = false
        var placed = 0
        // The path of the role just placed, and where the path of each level
        // of its ancestors below the top ends: depth first, a role's manager
        // is always the last role placed one level up.
        var path: [UInt8] = []
        var pathEnds: [Int] = []
        var stack: [(index: Int32, level: Int)] = []
        for top in tops {
            let (basePath, baseDepth, topManager): ([UInt8], Int, Int64?) = switch managers[Int(top)] {
            case .existingRole(let row): (Array(existingManagers[Int(row)].path.utf8), existingManagers[Int(row)].depth + 1, existingManagers[Int(row)].id)
            default: ([], 0, nil)
            }
            // Below a role that may move, a new role's depth is settled by the
            // moves; until then only its depth within the file's tree can be
            // judged, which still bounds what is written.
            let depthSettled = topManager == nil || mayMove.isEmpty || PathLabel.ids(in: String(decoding: basePath, as: UTF8.self)).allSatisfy { !mayMove.contains($0) }
            if !depthSettled { checkDepthAfterMoves = true }
            stack.append((top, 0))
            while let (index, level) = stack.popLast() {
                let index = Int(index)
                let id = next
                next += 1
                ids[index] = id
                let managerID: Int64?
                if level == 0 {
                    path.removeAll(keepingCapacity: true)
                    path.append(contentsOf: basePath)
                    managerID = topManager
                } else {
                    path.removeSubrange(pathEnds[level - 1]...)
                    guard case .newRole(let parent) = managers[index] else { preconditionFailure("a report below a top has a new manager") }
                    managerID = ids[Int(parent)]
                }
                if depthSettled ? baseDepth + level > PathLabel.maximumDepth : level > PathLabel.maximumDepth {
                    throw tooDeep(index, depth: depthSettled ? baseDepth + level : level)
                }
                newManagerIDs[index] = managerID ?? 0
                PathLabel.appendSegment(id, to: &path)
                if level < pathEnds.count { pathEnds[level] = path.count } else { pathEnds.append(path.count) }
                batch.add(index: index, id: id, manager: managerID, depth: baseDepth + level, path: path)
                if batch.isFull {
                    try insert(batch, rows: batch.rows.indices, with: fullBatch, checks: &checks)
                    batch.removeAll()
                }
                placed += 1
                for report in reports[Int(firstReport[index])..<Int(firstReport[index + 1])].reversed() {
                    stack.append((report, level + 1))
                }
            }
        }
        // The rest go in statements of 10 rows, then of 1, so that whatever the
        // count only three shapes of statement stay in the connection's cache.
        var start = 0
        for size in [10, 1] where batch.rows.count - start >= size {
            let statement = try insertStatement(rows: size)
            while batch.rows.count - start >= size {
                try insert(batch, rows: start..<start + size, with: statement, checks: &checks)
                start += size
            }
        }
        try checks.end()
        try bulk.restore()
        report.rolesAdded += placed
        // A new role never reached from a top is on, or below, a cycle of
        // reporting lines within the file.
        guard placed < count - existing.count else { return (ids, checkDepthAfterMoves) }
        var onPath: [Int] = []
        var seen: Set<Int> = []
        var index = (0..<count).first { !isUpdate($0) && ids[$0] == 0 }!
        while seen.insert(index).inserted, case .newRole(let parent) = managers[index] {
            onPath.append(index)
            index = Int(parent)
        }
        let loop = onPath[onPath.firstIndex(of: index)!...].map { keys.key($0) } + [keys.key(index)]
        throw importError(file, roles.line(index), "reports_to", "the file's reporting lines form a cycle " + loop.joined(separator: " → "))
    }

    private func tooDeep(_ index: Int, depth: Int) -> OrgError {
        importError(file, roles.line(index), "reports_to", "\(OrgError.tooDeep(key: keys.key(index), depth: depth, limit: PathLabel.maximumDepth))")
    }

    /// After the moves, the new roles whose depth waited for them.
    private func refuseDeepNewRoles(ids: [Int64]) throws {
        guard let first = ids.lazy.filter({ $0 > 0 }).min() else { return }
        guard let (id, depth) = try db.statement("SELECT id, depth FROM role WHERE id >= ? AND depth > ? ORDER BY id LIMIT 1")
            .first([.integer(first), .integer(Int64(PathLabel.maximumDepth))], { ($0.int(0), Int($0.int(1))) }) else { return }
        guard let index = ids.firstIndex(of: id) else { throw OrgDatabase.vanished("role", id) }
        throw tooDeep(index, depth: depth)
    }

    /// New roles waiting to be inserted: one statement inserts a batch of
    /// rows, which runs the statement's fixed costs once per batch instead
    /// of once per row.
    private struct NewRoleBatch {
        static let size = 100
        struct Row {
            let index: Int
            let id: Int64
            let manager: Int64?
            let depth: Int
            /// Where the role's path ends in `paths`; it starts where the previous one ends.
            let pathEnd: Int
        }
        private(set) var rows: [Row] = []
        private(set) var paths: [UInt8] = []

        var isFull: Bool { rows.count == Self.size }

        mutating func add(index: Int, id: Int64, manager: Int64?, depth: Int, path: [UInt8]) {
            paths.append(contentsOf: path)
            rows.append(Row(index: index, id: id, manager: manager, depth: depth, pathEnd: paths.count))
        }

        mutating func removeAll() {
            rows.removeAll(keepingCapacity: true)
            paths.removeAll(keepingCapacity: true)
        }
    }

    private static let columns = "id, key, title, holder, unit_id, grade, salary_minor, currency, rung, manager_id, path, depth"
    private static let columnCount: Int32 = 12

    /// The statement that inserts `rows` roles.
    private func insertStatement(rows: Int) throws -> Statement {
        try db.statement("INSERT INTO role (\(Self.columns)) VALUES "
            + repeatElement("(" + repeatElement("?", count: Int(Self.columnCount)).joined(separator: ", ") + ")", count: rows)
            .joined(separator: ", "))
    }

    /// Checks and inserts `rows` of `batch` with `statement`, which inserts
    /// that many; without SQLite's CHECKs when every value is proven to pass them.
    private func insert(_ batch: NewRoleBatch, rows: Range<Int>, with statement: Statement, checks: inout CheckSkipping) throws {
        // Text is bound in place from these buffers, which stay put until the
        // statement has run; its bindings are cleared before they can move.
        try withText { text in
            try keys.bytes.withUnsafeBufferPointer { keyBytes in
                try batch.paths.withUnsafeBufferPointer { paths in
                    defer { statement.clearBindings() }
                    var pathStart = rows.lowerBound == 0 ? 0 : batch.rows[rows.lowerBound - 1].pathEnd
                    // Ids, managers, paths and depths are made here and pass
                    // their CHECKs by construction; keys and fields are looked at.
                    var proven = true
                    for (slot, row) in batch.rows[rows].enumerated() {
                        let first = Int32(slot) * Self.columnCount + 1
                        try statement.bind(first, row.id)
                        let key = UnsafeBufferPointer(rebasing: keyBytes[keys.range(row.index)])
                        try statement.bind(first + 1, borrowing: key)
                        let fieldsProven = try bindFields(of: row.index, to: statement, at: first + 2, text: text)
                        proven = proven && fieldsProven && PlainCell.isKey(key)
                        if let manager = row.manager { try statement.bind(first + 9, manager) } else { try statement.bindNull(first + 9) }
                        try statement.bind(first + 10, borrowing: UnsafeBufferPointer(rebasing: paths[pathStart..<row.pathEnd]))
                        try statement.bind(first + 11, Int64(row.depth))
                        pathStart = row.pathEnd
                    }
                    try checks.use(skipping: proven)
                    try statement.runBound()
                }
            }
        }
    }

    /// Checks the fields of the new role at `index` and binds them from
    /// `first` on, in the order title, holder, unit_id, grade, salary_minor,
    /// currency, rung. The checks run in the order they always have for new
    /// roles (a title given, the salary, then the title's text, holder,
    /// unit, grade, rung), so a record with several faults is refused for
    /// the same one. Returns whether every value bound is one the role
    /// table's CHECK constraints accept as proven here (plain cells, or
    /// NULL), not left to SQLite's checks.
    private func bindFields(of index: Int, to statement: Statement, at first: Int32, text: UnsafeBufferPointer<UInt8>) throws -> Bool {
        let line = roles.line(index)
        var proven = true
        func string(_ cell: Range<Int>?) -> String? { cell.map { String(decoding: text[$0], as: UTF8.self) } }
        func bytes(_ cell: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[cell]) }
        func bind(_ parameter: Int32, _ value: SQLValue?) throws {
            switch value ?? .null {
            case .null: try statement.bindNull(parameter)
            case .integer(let value): try statement.bind(parameter, value)
            case .text(let value): try statement.bind(parameter, value)
            case .real: preconditionFailure("no role column holds a real")
            }
        }

        guard let title = roles.cell(index, .title), !title.isEmpty else {
            throw importError(file, line, "title", "a new role needs a title")
        }
        let amount = roles.cell(index, .salary), currency = roles.cell(index, .currency)
        var plainSalary: Int64?
        var salary: (minor: SQLValue, currency: SQLValue)?
        if let amount, let currency, let minor = PlainCell.amount(bytes(amount)), PlainCell.isCurrency(bytes(currency)) {
            plainSalary = minor
        } else {
            salary = try self.salary(amount: string(amount), currency: string(currency), line: line)
        }

        if let trimmed = PlainCell.text(title, in: text) {
            try statement.bind(first, borrowing: bytes(trimmed))
        } else {
            let value = try atLine(file, line, "title") { try Validation.text(string(title)!, field: "title") }
            try bind(first, .text(value))
            proven = CheckSkipping.passes(text: value)
        }

        if let holder = roles.cell(index, .holder), let trimmed = PlainCell.text(holder, in: text) {
            try statement.bind(first + 1, borrowing: bytes(trimmed))
        } else {
            let holder = try self.holder(string(roles.cell(index, .holder)), line: line)
            try bind(first + 1, holder)
            if case .text(let value)? = holder, !CheckSkipping.passes(text: value) { proven = false }
        }

        if let unit = roles.cell(index, .unit), !unit.isEmpty, let number = unitKeys.find(bytes(unit)) {
            try statement.bind(first + 2, unitIDs[number])
        } else {
            try bind(first + 2, try self.unit(string(roles.cell(index, .unit)), line: line))
        }

        if let grade = roles.cell(index, .grade), let value = PlainCell.grade(bytes(grade)) {
            try statement.bind(first + 3, value)
        } else {
            try bind(first + 3, try self.grade(string(roles.cell(index, .grade)), line: line))
        }

        if let plainSalary, let currency {
            try statement.bind(first + 4, plainSalary)
            try statement.bind(first + 5, borrowing: bytes(currency))
        } else {
            try bind(first + 4, salary?.minor)
            try bind(first + 5, salary?.currency)
            if let salary, !CheckSkipping.passes(minor: salary.minor, currency: salary.currency) { proven = false }
        }

        let rung = try rung(string(roles.cell(index, .rung)), line: line)
        try bind(first + 6, rung)
        if let rung, !CheckSkipping.passes(rung: rung) { proven = false }
        return proven
    }

    // MARK: - Existing roles (an update)

    /// Changes the fields of existing roles, and returns the moves the file asks for.
    private mutating func updateExistingRoles(report: inout ImportReport) throws -> [Move] {
        var moves: [Move] = []
        var batch = try RoleUpdateBatch(db: db)
        let importer = self
        try importer.withText { text in
            for index in importer.existing.indices {
                let id = importer.existing.id(index)!
                let line = importer.roles.line(index)
                if importer.planned.fields[id] == nil {
                    // The usual role, which no plan touches: its cells are
                    // checked and bound from the file's bytes, unless they
                    // were found to hold what the role holds already.
                    if !importer.unchanged.contains(index) {
                        try batch.add(role: id) { statement in try importer.bindChanges(of: index, to: statement, text: text) }
                    }
                } else {
                    let row = try org.roleRow(id: id)
                    let record = importer.roles[index]
                    if let removal = importer.planned.field(0, of: id), removal.value == nil {
                        // A role a plan removes later keeps what it has until then.
                        report.plannedConflicts.append(PlannedChangeConflict(key: row.key, field: "role", sourceValue: nil, plannedValue: "removed",
                                                                             change: removal.change, effective: removal.effective))
                        continue
                    }
                    let changes = try importer.changesLeftToPlans(try importer.changes(of: record), of: row, record: record, report: &report)
                    try batch.add(role: id, changes: changes)
                }
                guard let cell = importer.roles.cell(index, .reportsTo) else { continue }
                let manager = importer.existing.managerID(index)
                let named = UnsafeBufferPointer(rebasing: text[cell])
                if let manager, importer.isKey(of: manager, named) { continue }
                let target = cell.isEmpty ? nil : try importer.existingManager(named, line: line)
                guard target != manager else { continue }
                if let plan = importer.planned.field(7, of: id) {
                    report.plannedConflicts.append(PlannedChangeConflict(
                        key: try org.roleRow(id: id).key, field: "reports_to", sourceValue: cell.isEmpty ? nil : String(decoding: text[cell], as: UTF8.self),
                        plannedValue: importer.plannedText(plan, group: 7), change: plan.change, effective: plan.effective))
                    continue
                }
                if target == id { throw importError(importer.file, line, "reports_to", "\(OrgError.selfReport(key: try org.roleRow(id: id).key))") }
                moves.append(Move(record: index, role: id, target: target))
            }
        }
        report.rolesUpdated += try batch.apply()
        report.rolesMoved += moves.count
        return moves
    }

    /// Checks the cells of the record at `index` that update an existing
    /// role, in the order ``changes(of:)`` checks them, and binds them to
    /// `statement` as ``RoleUpdateBatch`` numbers its parameters; returns
    /// the mask of the columns given. Plain ASCII cells are bound from the
    /// file's bytes, anything else goes through the string rules.
    private func bindChanges(of index: Int, to statement: Statement, text: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        let line = roles.line(index)
        var given: Int64 = 0
        func string(_ cell: Range<Int>?) -> String? { cell.map { String(decoding: text[$0], as: UTF8.self) } }
        func bytes(_ cell: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[cell]) }
        func bind(_ column: Int, _ value: SQLValue) throws {
            let parameter = Int32(column + 3)
            given |= 1 << column
            switch value {
            case .null: try statement.bindNull(parameter)
            case .integer(let value): try statement.bind(parameter, value)
            case .text(let value): try statement.bind(parameter, value)
            case .real: preconditionFailure("no role column holds a real")
            }
        }
        func bind(_ column: Int, borrowing cell: Range<Int>) throws {
            given |= 1 << column
            try statement.bind(Int32(column + 3), borrowing: bytes(cell))
        }
        // Columns as RoleUpdateBatch.columns orders them.
        let (title, holder, unit, grade, rung, minor, currency) = (0, 1, 2, 3, 4, 5, 6)
        if let cell = roles.cell(index, .title) {
            if let trimmed = PlainCell.text(cell, in: text) {
                try bind(title, borrowing: trimmed)
            } else {
                try bind(title, .text(try atLine(file, line, "title") { try Validation.text(string(cell)!, field: "title") }))
            }
        }
        if let cell = roles.cell(index, .holder) {
            if let trimmed = PlainCell.text(cell, in: text) {
                try bind(holder, borrowing: trimmed)
            } else if let value = try self.holder(string(cell), line: line) {
                try bind(holder, value)
            }
        }
        if let cell = roles.cell(index, .unit) {
            if !cell.isEmpty, let number = unitKeys.find(bytes(cell)) {
                try bind(unit, .integer(unitIDs[number]))
            } else if let value = try self.unit(string(cell), line: line) {
                try bind(unit, value)
            }
        }
        if let cell = roles.cell(index, .grade) {
            if let value = PlainCell.grade(bytes(cell)) {
                try bind(grade, .integer(value))
            } else if let value = try self.grade(string(cell), line: line) {
                try bind(grade, value)
            }
        }
        if let value = try self.rung(string(roles.cell(index, .rung)), line: line) { try bind(rung, value) }
        if let amount = roles.cell(index, .salary) {
            let currencyCell = roles.cell(index, .currency)
            if let currencyCell, let value = PlainCell.amount(bytes(amount)), PlainCell.isCurrency(bytes(currencyCell)) {
                try bind(minor, .integer(value))
                try bind(currency, borrowing: currencyCell)
            } else if let salary = try salary(amount: string(amount), currency: string(currencyCell), line: line) {
                try bind(minor, salary.minor)
                try bind(currency, salary.currency)
            }
        }
        return given
    }

    /// The changes the record of an existing role asks for, checked, by column.
    private func changes(of record: Record) throws -> [(column: String, value: SQLValue)] {
        let line = record.line
        var changes: [(column: String, value: SQLValue)] = []
        if let title = record[.title] {
            changes.append(("title", .text(try atLine(file, line, "title") { try Validation.text(title, field: "title") })))
        }
        if let value = try holder(record[.holder], line: line) { changes.append(("holder", value)) }
        if let value = try unit(record[.unit], line: line) { changes.append(("unit_id", value)) }
        if let value = try grade(record[.grade], line: line) { changes.append(("grade", value)) }
        if let value = try rung(record[.rung], line: line) { changes.append(("rung", value)) }
        if let salary = try salary(amount: record[.salary], currency: record[.currency], line: line) {
            changes += [("salary_minor", salary.minor), ("currency", salary.currency)]
        }
        return changes
    }

    /// True when `cell` is the key of the role `id` as this import's own
    /// records give it (known after a scan of every role): the cell names
    /// that role, as ``existingManager(_:line:)`` would find.
    private func isKey(of id: Int64, _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard id < recordOfID.count, case let record = recordOfID[Int(id)], record >= 0 else { return false }
        return keys.matches(Int(record), cell)
    }

    /// The id of the existing role a `reports_to` cell names. A manager the
    /// file also updates was read with its record: no second look-up per
    /// row. Keys are ASCII, found without case as the database finds them;
    /// any other cell goes to the database's look-up and its message.
    private func existingManager(_ cell: UnsafeBufferPointer<UInt8>, line: Int) throws -> Int64 {
        if cell.allSatisfy({ $0 < 0x80 }), let index = keys.find(cell), let id = existing.id(index) { return id }
        let key = String(decoding: cell, as: UTF8.self)
        return try atLine(file, line, "reports_to") { try org.roleRow(key).id }
    }

    /// The changes of one existing role less those to fields a pending
    /// change sets, each of which is noted as a conflict when the file's
    /// value differs from the field's value at the import's moment.
    private func changesLeftToPlans(_ changes: [(column: String, value: SQLValue)], of row: OrgDatabase.RoleRow,
                                    record: Record, report: inout ImportReport) throws -> [(column: String, value: SQLValue)] {
        guard planned.fields[row.id] != nil else { return changes }
        let shape = ChangeReverter.Table.role
        var kept: [(column: String, value: SQLValue)] = []
        for change in changes {
            guard let group = shape.fields.firstIndex(where: { $0.contains(change.column) }),
                  let plan = planned.field(group, of: row.id) else {
                kept.append(change)
                continue
            }
            guard change.column != "currency" else { continue }
            let now = try db.statement("SELECT \(shape.fields[group].joined(separator: ", ")) FROM role WHERE id = ?")
                .first([.integer(row.id)]) { row in (0..<Int32(shape.fields[group].count)).map { row.value($0) } }
            let fromFile = group == 5 ? [change.value, changes.first { $0.column == "currency" }?.value ?? .null] : [change.value]
            guard now != fromFile else { continue }
            let field: Field = switch change.column {
            case "title": .title
            case "holder": .holder
            case "unit_id": .unit
            case "grade": .grade
            case "rung": .rung
            default: .salary
            }
            var text = record[field].flatMap { $0.isEmpty ? nil : $0 }
            if field == .salary, let amount = text { text = amount + (record[.currency].map { " " + $0 } ?? "") }
            report.plannedConflicts.append(PlannedChangeConflict(
                key: row.key, field: field.column, sourceValue: text, plannedValue: plannedText(plan, group: group),
                change: plan.change, effective: plan.effective))
        }
        return kept
    }

    /// A planned field's value in words: a key for a manager or a unit.
    private func plannedText(_ plan: PlannedRows.Field, group: Int) -> String? {
        guard let value = plan.value, let first = value.first else { return nil }
        switch (group, first) {
        case (7, .integer(let id)): return planned.roleKeys[id] ?? "#\(id)"
        case (3, .integer(let id)): return planned.unitKeys[id] ?? "#\(id)"
        case (5, .integer(let minor)):
            guard value.count > 1, case .text(let currency) = value[1] else { return nil }
            return "\(Money(minorUnits: minor, currency: currency).amount) \(currency)"
        case (_, .integer(let number)): return String(number)
        case (_, .text(let text)): return text
        default: return nil
        }
    }

    /// Moves existing roles, with their trees. With several moves, every
    /// moving role is first made a root: the lines left are all lines of the
    /// final chart, so attaching the roles again, in any order, finds a loop
    /// (or a chart too deep) only when the final chart has one. Dotted lines
    /// are left to the check at the end.
    private mutating func applyMoves(_ moves: [Move]) throws {
        if moves.count > 1 {
            for move in moves { _ = try org.rehang(try org.roleRow(id: move.role), under: nil) }
        }
        for move in moves {
            let role = try org.roleRow(id: move.role)
            guard let targetID = move.target else {
                if moves.count == 1 { _ = try org.rehang(role, under: nil) }
                continue
            }
            let target = try org.roleRow(id: targetID)
            try atLine(file, roles.line(move.record), "reports_to") {
                try org.refuseSolidCycle(adding: role, reportingTo: target)
                _ = try org.rehang(role, under: target)
            }
            addedLines.append(AddedLine(role: role.id, manager: targetID, record: Int32(move.record), solid: true))
        }
    }

    // MARK: - Dotted lines

    /// The managers named in the `dotted_to` cell of record `index`, in order
    /// (duplicates kept, for the check to name them), as role ids.
    private func dottedTargets(of index: Int, ids: [Int64], text: UnsafeBufferPointer<UInt8>) throws -> [Int64] {
        guard let cell = roles.cell(index, .dottedTo), !cell.isEmpty else { return [] }
        let line = roles.line(index)
        var targets: [Int64] = []
        for part in String(decoding: text[cell], as: UTF8.self).split(separator: ";") {
            var name = String(part).trimmingSpaces()
            guard !name.isEmpty else { continue }
            if let target = name.withUTF8({ record(named: $0) }) {
                targets.append(existing.id(target) ?? ids[target])
            } else {
                targets.append(try atLine(file, line, "dotted_to") { try org.roleRow(name).id })
            }
        }
        return targets
    }

    /// Removes the dotted lines of existing roles that their `dotted_to`
    /// cells no longer name, before any line is added or moved, and returns
    /// the lines each such role should have.
    private func removeStaleDottedLines(ids: [Int64], report: inout ImportReport) throws -> [Int: [Int64]] {
        guard !existing.isEmpty else { return [:] }
        var wanted: [Int: [Int64]] = [:]
        let current = try db.statement("SELECT manager_id FROM dotted_line WHERE role_id = ?")
        // After a scan of every role, the few roles with dotted lines are
        // read at once (in order), rather than a look-up for each of a
        // million roles that mostly finds nothing.
        let drawing = scannedEveryRole ? try db.statement(Self.rolesWithLinesSQL).map { $0.int(0) } : nil
        try withText { text in
            for index in existing.indices where roles.cell(index, .dottedTo) != nil {
                let role = existing.id(index)!
                let targets = try dottedTargets(of: index, ids: ids, text: text)
                // Most roles have no dotted line and the file names none:
                // nothing is kept for them (a million of them, in a sync).
                if !targets.isEmpty { wanted[index] = targets }
                if let drawing, !Self.sortedContains(drawing, role) { continue }
                let lines = try current.map([.integer(role)]) { $0.int(0) }
                guard !lines.isEmpty else { continue }
                for stale in Set(lines).subtracting(targets) {
                    try db.run("DELETE FROM dotted_line WHERE role_id = ? AND manager_id = ?", [.integer(role), .integer(stale)])
                    report.dottedLinesRemoved += 1
                }
            }
        }
        return wanted
    }

    /// The roles that have a dotted line, each once, in id order (the table's key).
    static let rolesWithLinesSQL = "SELECT DISTINCT role_id FROM dotted_line ORDER BY role_id"

    /// Whether the sorted `ids` hold `id`.
    private static func sortedContains(_ ids: [Int64], _ id: Int64) -> Bool {
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id
    }

    /// Adds the dotted lines the file names, checking each against the
    /// role's own lines in memory; loops are looked for once, afterwards.
    private mutating func addDottedLines(ids: [Int64], wanted: [Int: [Int64]], report: inout ImportReport) throws {
        let current = try db.statement("SELECT manager_id FROM dotted_line WHERE role_id = ?")
        let managerOf = try db.statement("SELECT manager_id FROM role WHERE id = ?")
        let importer = self
        try importer.withText { text in
            for index in importer.roles.indices {
                let update = importer.isUpdate(index)
                let targets = update ? wanted[index] ?? [] : try importer.dottedTargets(of: index, ids: ids, text: text)
                guard !targets.isEmpty else { continue }
                let line = importer.roles.line(index)
                let role = importer.existing.id(index) ?? ids[index]
                // The role's own key, for a refusal's message only.
                func key() throws -> String { update ? try org.roleRow(id: role).key : importer.keys.key(index) }
                // An existing role has moved by now: its lines are read afresh.
                let manager = update ? try managerOf.first([.integer(role)]) { $0.optionalInt(0) } ?? nil : importer.newManagerIDs[index]
                let had = update ? Set(try current.map([.integer(role)]) { $0.int(0) }) : []
                var adding: Set<Int64> = []
                for target in targets {
                    if target == role { throw importError(importer.file, line, "dotted_to", "\(OrgError.selfReport(key: try key()))") }
                    if had.contains(target) { continue }
                    if target == manager || !adding.insert(target).inserted {
                        let error = OrgError.lineExists(role: try key(), manager: try org.roleRow(id: target).key, solid: target == manager)
                        throw importError(importer.file, line, "dotted_to", error)
                    }
                    addedLines.append(AddedLine(role: role, manager: target, record: Int32(index), solid: false))
                    report.dottedLinesAdded += 1
                }
            }
        }
        guard report.dottedLinesAdded > 0 else { return }
        // In key order, the table's rows are appended rather than scattered
        // over its pages; for a new chart, the index by manager is built once
        // at the end.
        addedLines.sort { ($0.role, $0.manager) < ($1.role, $1.manager) }
        let bulk = newChart ? try BulkLoad(db: db, table: "dotted_line", triggers: ["history_dotted_line_insert"]) : nil
        let batchSize = 100
        let batch = try db.statement("INSERT INTO dotted_line (role_id, manager_id) VALUES "
            + repeatElement("(?, ?)", count: batchSize).joined(separator: ", "))
        let single = try db.statement("INSERT INTO dotted_line (role_id, manager_id) VALUES (?, ?)")
        func insert(_ lines: ArraySlice<AddedLine>, with statement: Statement) throws {
            // The single-row statement is shared through the cache with
            // writes that leave it stepped; binding needs it reset.
            statement.clearBindings()
            for (slot, line) in lines.enumerated() {
                try statement.bind(Int32(2 * slot + 1), line.role)
                try statement.bind(Int32(2 * slot + 2), line.manager)
            }
            try statement.runBound()
        }
        var chunk: [AddedLine] = []
        chunk.reserveCapacity(batchSize)
        for line in addedLines where !line.solid {
            chunk.append(line)
            if chunk.count == batchSize {
                try insert(chunk[...], with: batch)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        for index in chunk.indices { try insert(chunk[index...index], with: single) }
        try bulk?.restore()
    }

    /// Refuses the import when the lines it added close a loop of solid and
    /// dotted lines, naming the loop at the line of the file that added one of them.
    private func refuseLoops() throws {
        guard !addedLines.isEmpty, try db.integer("SELECT EXISTS (SELECT 1 FROM dotted_line)") == 1 else { return }
        guard let loop = try LineLoops.find(from: addedLines.lazy.map(\.manager), in: db) else { return }
        // The loop as role → manager pairs; the one the file added earliest names it.
        var added: [Pair: AddedLine] = [:]
        for line in addedLines { added[Pair(line.role, line.manager)] = added[Pair(line.role, line.manager)] ?? line }
        let steps = loop.indices.map { Pair(loop[$0], loop[($0 + 1) % loop.count]) }
        guard let first = steps.compactMap({ added[$0] }).min(by: { $0.record < $1.record }) else {
            throw OrgError.internalError(detail: "the chart had a reporting loop before the import")
        }
        let start = loop.firstIndex(of: first.role)!
        let ordered = loop[start...] + loop[..<start] + [first.role]
        let path = try ordered.map { try org.roleRow(id: $0).key }
        throw importError(file, roles.line(Int(first.record)), first.solid ? "reports_to" : "dotted_to", "\(OrgError.cycle(path: path))")
    }

    private struct Pair: Hashable {
        let role: Int64
        let manager: Int64
        init(_ role: Int64, _ manager: Int64) {
            self.role = role
            self.manager = manager
        }
    }

    // MARK: - Field values from text: nil when the file has no such column

    private func holder(_ text: String?, line: Int) throws -> SQLValue? {
        guard let text else { return nil }
        if text.isEmpty { return .null }
        return .text(try atLine(file, line, "holder") { try Validation.text(text, field: "holder") })
    }

    private func unit(_ key: String?, line: Int) throws -> SQLValue? {
        guard let key else { return nil }
        if key.isEmpty { return .null }
        // Unit keys are ASCII: any other text is left to the database's look-up and its message.
        if let number = unitKeys.find(key) { return .integer(unitIDs[number]) }
        return .integer(try atLine(file, line, "unit") { try org.unitID(key) })
    }

    private func grade(_ text: String?, line: Int) throws -> SQLValue? {
        guard let text else { return nil }
        if text.isEmpty { return .null }
        guard let grade = Int(text) else { throw importError(file, line, "grade", "\(text.quotedForMessage) is not a whole number") }
        _ = try atLine(file, line, "grade") { try Validation.grade(grade) }
        return .integer(Int64(grade))
    }

    // MARK: - Assistants

    /// Marks the roles whose `assistant_to` cell names a role, once every
    /// line is in place. An assistant reports to the role it assists, so the
    /// cell must name the role's manager as the file leaves it. With the
    /// column in the file, an empty cell means the role assists nobody.
    /// Rows without the column cost a look at one cell each.
    private func markAssistants(ids: [Int64]) throws {
        let managerOf = try db.statement("SELECT manager_id FROM role WHERE id = ?")
        let mark = try db.statement("UPDATE role SET assistant = ? WHERE id = ? AND assistant <> ?")
        try withText { text in
            for index in roles.indices {
                // No cell (no such column or field): the row says nothing of assisting.
                guard let cell = roles.cell(index, .assistantTo) else { continue }
                let role = existing.id(index) ?? ids[index]
                let name = String(decoding: text[cell], as: UTF8.self).trimmingSpaces()
                guard !name.isEmpty else {
                    if isUpdate(index) { try mark.run([.integer(0), .integer(role), .integer(0)]) }
                    continue
                }
                let line = roles.line(index)
                var lookup = name
                let assisted = if let target = lookup.withUTF8({ record(named: $0) }) {
                    existing.id(target) ?? ids[target]
                } else {
                    try atLine(file, line, "assistant_to") { try org.roleRow(name).id }
                }
                if assisted == role {
                    throw importError(file, line, "assistant_to", OrgError.selfAssistant(key: keys.key(index)))
                }
                guard try managerOf.first([.integer(role)], { $0.optionalInt(0) }) == assisted else {
                    throw importError(file, line, "assistant_to",
                                      "an assistant reports to the role it assists; give \(name.quotedForMessage) as its reports_to too")
                }
                try mark.run([.integer(1), .integer(role), .integer(1)])
            }
        }
    }

    private func rung(_ text: String?, line: Int) throws -> SQLValue? {
        guard let text else { return nil }
        if text.isEmpty { return .null }
        guard let rung = Rung(rawValue: text.lowercased()) else {
            throw importError(file, line, "rung", "\(text.quotedForMessage) is not a rung; use one of " + Rung.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return .text(rung.rawValue)
    }

    private func salary(amount: String?, currency: String?, line: Int) throws -> (minor: SQLValue, currency: SQLValue)? {
        guard let amount else { return nil }
        let currency = currency ?? ""
        if amount.isEmpty && currency.isEmpty { return (.null, .null) }
        guard !amount.isEmpty, !currency.isEmpty else {
            throw importError(file, line, amount.isEmpty ? "salary" : "currency", "salary and currency go together: give both or neither")
        }
        let money = try atLine(file, line, "salary") { try Money(amount: amount, currency: currency) }
        return (.integer(money.minorUnits), .text(money.currency))
    }
}
