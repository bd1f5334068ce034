import OrgSQLite

/// What a check of a whole database file found.
public struct Verification: Sendable, Equatable {
    /// The kinds of check, each named as a report shows it.
    public enum Check: String, Sendable, CaseIterable {
        /// SQLite's own check of every page, index and constraint.
        case integrity
        /// Every reference between rows points at a row that exists.
        case foreignKeys = "foreign-keys"
        /// Each role's stored path label follows from its manager's.
        case path
        /// Each role's stored depth is one more than its manager's.
        case depth
        /// No role reports, through its managers, to itself.
        case cycle
        /// The recorded history agrees with itself and with the chart.
        case history
    }

    /// One thing found wrong.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let check: Check
        /// One line: what is wrong, naming the rows concerned.
        public let detail: String

        public var description: String { "\(check.rawValue): \(detail)" }
    }

    /// The problems found, in the order of the checks, at most the number asked for.
    public internal(set) var problems: [Problem] = []
    /// How many problems were found in all (SQLite's own check stops
    /// counting at the number asked for).
    public internal(set) var problemCount = 0
    /// How many roles, units and recorded changes the file holds; nil when
    /// damage keeps them from being counted.
    public internal(set) var roles: Int?
    public internal(set) var units: Int?
    public internal(set) var changes: Int?

    /// True when every check passed.
    public var isSound: Bool { problemCount == 0 }
}

extension OrgDatabase {
    /// Checks the whole file, reading every page: SQLite's integrity and
    /// foreign-key checks, then the chart's own invariants (each role's path
    /// label and depth against its manager's, no reporting cycle) and the
    /// history's (its records closed, its id marks in order and not above
    /// what was given, every before-image and undo pointing at a change that
    /// can own it). Keeps the first `limit` problems and counts the rest.
    /// Writes nothing. Damage that stops a check is reported as a problem of
    /// that check, and the other checks still run.
    public func verify(keepingAtMost limit: Int = 1_000) throws(OrgError) -> Verification {
        var found = VerificationBuilder(limit: max(limit, 0))
        try read {
            try found.guarded(.integrity) { found in try integrityProblems(&found, limit: limit) }
            let integrityFound = found.result.problemCount
            do {
                found.result.roles = Int(try db.integer("SELECT count(*) FROM role") ?? 0)
                found.result.units = Int(try db.integer("SELECT count(*) FROM unit") ?? 0)
                found.result.changes = recordsHistory ? Int(try db.integer("SELECT count(*) FROM change") ?? 0) : 0
            } catch let error as SQLiteError where error.isDamage {
                // The counts are for a sound file; a damaged one is already reported.
                if integrityFound == 0 { found.add(.integrity, "the rows cannot all be counted: \(error.message)") }
            }
            try found.guarded(.foreignKeys) { found in try foreignKeyProblems(&found) }
            var labelsAgree = true
            try found.guarded(.path) { found in labelsAgree = try pathProblems(&found) }
            // Labels that each follow from their manager's grow longer at every
            // step down, so they cannot go round a loop: only when some do not
            // agree can there be a cycle to look for.
            if !labelsAgree { try found.guarded(.cycle) { found in try cycleProblems(&found) } }
            if recordsHistory { try found.guarded(.history) { found in try historyProblems(&found) } }
        }
        return found.result
    }

    /// SQLite's `integrity_check`, which reads every page of every table and index.
    private func integrityProblems(_ found: inout VerificationBuilder, limit: Int) throws {
        var reported = false
        do {
            // One more than is kept, so that a count above the limit says so.
            try db.statement("PRAGMA integrity_check(\(max(limit, 1) + 1))").forEachRow { row in
                // A row may hold several lines, headed by the schema's name.
                for line in row.text(0).split(separator: "\n") where line != "ok" && !line.hasPrefix("*** in database ") {
                    found.add(.integrity, String(line))
                    reported = true
                }
            }
        } catch let error as SQLiteError where error.isDamage && reported {
            // SQLite lists what it found, then stops on the same damage.
        }
    }

    /// SQLite's `foreign_key_check`: rows whose references point at nothing.
    private func foreignKeyProblems(_ found: inout VerificationBuilder) throws {
        try db.statement("PRAGMA foreign_key_check").forEachRow { row in
            let table = row.text(0), rowID = row.optionalInt(1), parent = row.text(2), constraint = row.int(3)
            found.add(.foreignKeys) {
                let column = try db.statement("SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE id = ?")
                    .first([.text(table), .integer(constraint)]) { $0.text(0) } ?? "?"
                guard let rowID else { return "a \(table) row: its \(column) names a \(parent) that does not exist" }
                let quoted = "\"" + column.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                let value = try db.statement("SELECT \(quoted) FROM \"\(table)\" WHERE rowid = ?")
                    .first([.integer(rowID)]) { $0.value(0) }
                let named = table == "role" || table == "unit"
                    ? try db.statement("SELECT key FROM \(table) WHERE id = ?").first([.integer(rowID)]) { " '\($0.text(0))'" } ?? ""
                    : ""
                return "\(table)\(named) (id \(rowID)): its \(column) \(Self.shown(value)) names no \(parent)"
            }
        }
    }

    /// Each role's path label and depth against its manager's, in one pass.
    /// Returns true when every label agrees.
    private func pathProblems(_ found: inout VerificationBuilder) throws -> Bool {
        var labelsAgree = true
        try db.statement("""
            SELECT r.id, r.key, r.path, r.depth, r.manager_id, m.id, m.key, m.path, m.depth
            FROM role r LEFT JOIN role m ON m.id = r.manager_id
            """).forEachRow { row in
            let id = row.int(0), key = row.text(1), path = row.text(2), depth = row.int(3)
            guard id > 0 else {
                labelsAgree = false
                return found.add(.path, "role '\(key)' has id \(id); role ids are positive")
            }
            // A manager that does not exist is the foreign-key check's to report.
            guard row.isNull(4) || !row.isNull(5) else { return }
            let isRoot = row.isNull(4)
            let managerKey = row.text(6)
            let expectedPath = (isRoot ? "" : row.text(7)) + PathLabel.segment(id)
            let expectedDepth = isRoot ? 0 : row.int(8) + 1
            if path != expectedPath {
                labelsAgree = false
                found.add(.path, isRoot
                    ? "role '\(key)' is a root, yet its stored path label is '\(path)', not '\(expectedPath)'"
                    : "role '\(key)' reports to '\(managerKey)', yet its stored path label is '\(path)', not '\(expectedPath)'")
            }
            if depth != expectedDepth {
                found.add(.depth, isRoot
                    ? "role '\(key)' is a root, yet its stored depth is \(depth), not 0"
                    : "role '\(key)' reports to '\(managerKey)' at depth \(expectedDepth - 1), yet its stored depth is \(depth), not \(expectedDepth)")
            }
        }
        return labelsAgree
    }

    /// Reporting cycles, each named once, from the manager column alone.
    private func cycleProblems(_ found: inout VerificationBuilder) throws {
        var manager: [Int64: Int64] = [:], key: [Int64: String] = [:]
        try db.statement("SELECT id, manager_id, key FROM role").forEachRow { row in
            if let boss = row.optionalInt(1) { manager[row.int(0)] = boss }
            key[row.int(0)] = row.text(2)
        }
        // 1: on the walk now being followed; 2: known to reach a root or a known cycle.
        var state: [Int64: UInt8] = [:]
        for start in manager.keys.sorted() where state[start] == nil {
            var walk: [Int64] = []
            var current: Int64? = start
            while let id = current, state[id] == nil {
                state[id] = 1
                walk.append(id)
                current = manager[id]
            }
            if let id = current, state[id] == 1, let loopStart = walk.firstIndex(of: id) {
                let loop = walk[loopStart...].map { key[$0] ?? "#\($0)" }
                found.add(.cycle, "a reporting cycle: " + (loop + [loop[0]]).joined(separator: " → "))
            }
            for id in walk { state[id] = 2 }
        }
    }

    /// The history's own invariants, each one set-based query over the
    /// change log and its before-images.
    private func historyProblems(_ found: inout VerificationBuilder) throws {
        try db.statement("SELECT id FROM change WHERE role_seq_end IS NULL OR unit_seq_end IS NULL").forEachRow { row in
            found.add(.history, "change #\(row.int(0)) was never closed: the write that made it did not finish recording it")
        }
        try db.statement("""
            SELECT id, role_seq, role_seq_end, unit_seq, unit_seq_end FROM change
            WHERE role_seq_end < role_seq OR unit_seq_end < unit_seq
            """).forEachRow { row in
            found.add(.history, "change #\(row.int(0)) records the highest ids after it (role \(row.int(2)), unit \(row.int(4))) below those before it (role \(row.int(1)), unit \(row.int(3)))")
        }
        // Ids are never given twice, so each change starts where the one
        // before it ended, or above (rows written unrecorded in between).
        try db.statement("""
            SELECT id, previous, role_seq, previous_role_end, unit_seq, previous_unit_end FROM (
                SELECT id, role_seq, unit_seq, lag(id) OVER w AS previous,
                       lag(role_seq_end) OVER w AS previous_role_end, lag(unit_seq_end) OVER w AS previous_unit_end
                FROM change WINDOW w AS (ORDER BY id))
            WHERE role_seq < previous_role_end OR unit_seq < previous_unit_end
            """).forEachRow { row in
            found.add(.history, "change #\(row.int(0)) starts from role id \(row.int(2)) and unit id \(row.int(4)), below where change #\(row.int(1)) ended (\(row.int(3)), \(row.int(5))): ids would be given twice")
        }
        try newestMarkProblems(&found)
        // The triggers record only rows that existed before the change
        // (ids at or below its starting marks), always into a change that exists.
        let images: [(table: String, owner: String, above: String)] = [
            ("role_was", "id", "w.id > c.role_seq"),
            ("unit_was", "id", "w.id > c.unit_seq"),
            ("dotted_line_was", "role_id", "w.role_id > c.role_seq OR w.manager_id > c.role_seq"),
            ("governance_was", "unit_id", "w.unit_id > c.unit_seq OR w.pmo_id > c.unit_seq"),
        ]
        for image in images {
            try db.statement("""
                SELECT w.change_id, count(*) FROM \(image.table) w LEFT JOIN change c ON c.id = w.change_id
                WHERE c.id IS NULL GROUP BY w.change_id
                """).forEachRow { row in
                found.add(.history, "\(image.table) holds \(row.int(1)) before-image\(row.int(1) == 1 ? "" : "s") for change #\(row.int(0)), which is not in the change log")
            }
            try db.statement("""
                SELECT w.change_id, w.\(image.owner) FROM \(image.table) w JOIN change c ON c.id = w.change_id
                WHERE \(image.above)
                """).forEachRow { row in
                found.add(.history, "\(image.table) holds an image of id \(row.int(1)) for change #\(row.int(0)), which that change created: it was never recorded as existing before it")
            }
        }
        try db.statement("""
            SELECT u.id, u.undoes, u.undoes >= u.id FROM change u JOIN change t ON t.id = u.undoes
            WHERE u.undoes >= u.id OR t.undoes IS NOT NULL
            """).forEachRow { row in
            found.add(.history, row.int(2) == 1
                ? "change #\(row.int(0)) undoes change #\(row.int(1)), which was recorded after it"
                : "change #\(row.int(0)) undoes change #\(row.int(1)), which is itself an undo; undos are not undone")
        }
        try db.statement("""
            SELECT undoes, group_concat('#' || id, ', ') FROM change WHERE undoes IS NOT NULL
            GROUP BY undoes HAVING count(*) > 1
            """).forEachRow { row in
            found.add(.history, "change #\(row.int(0)) is undone more than once (by \(row.text(1)))")
        }
    }

    /// The newest change's end marks against the chart: nothing has been
    /// written since it, so they are the highest ids ever given, and no row
    /// has a higher id.
    private func newestMarkProblems(_ found: inout VerificationBuilder) throws {
        guard let newest = try db.statement("""
            SELECT id, role_seq, role_seq_end, unit_seq, unit_seq_end,
                   (SELECT coalesce(max(id), 0) FROM role), (SELECT coalesce(max(id), 0) FROM unit)
            FROM change WHERE role_seq_end IS NOT NULL AND unit_seq_end IS NOT NULL ORDER BY id DESC LIMIT 1
            """).first([], { row in (0..<7).map { row.int(Int32($0)) } }) else { return }
        let change = newest[0]
        for (table, start, end, highest) in [("role", newest[1], newest[2], newest[5]), ("unit", newest[3], newest[4], newest[6])] {
            if highest > end {
                found.add(.history, "\(table) id \(highest) is above the highest \(table) id the history gave out (\(end), at change #\(change)): the row was written without being recorded")
            } else if end > max(start, highest) {
                found.add(.history, "change #\(change) records \(table) ids up to \(end) as given, but none above \(max(start, highest)) was")
            }
        }
    }

    /// A stored value as a report quotes it.
    private static func shown(_ value: SQLValue?) -> String {
        switch value {
        case .integer(let number): String(number)
        case .text(let text): "'\(text)'"
        case .real(let number): String(number)
        case .null, nil: "NULL"
        }
    }
}

/// Collects problems: counts them all, keeps the first few.
struct VerificationBuilder {
    let limit: Int
    var result = Verification()

    mutating func add(_ check: Verification.Check, _ detail: String) {
        result.problemCount += 1
        if result.problems.count < limit { result.problems.append(.init(check: check, detail: detail)) }
    }

    /// Counts a problem, working out its words only when they are kept.
    mutating func add(_ check: Verification.Check, _ detail: () throws -> String) {
        result.problemCount += 1
        guard result.problems.count < limit else { return }
        result.problems.append(.init(check: check, detail: (try? detail()) ?? "a row refers to a missing row"))
    }

    /// Runs one check; damage that stops it becomes one of its problems, so
    /// the checks after it still run. Anything else (a lock held too long)
    /// stops the whole verification.
    mutating func guarded(_ check: Verification.Check, _ body: (inout VerificationBuilder) throws -> Void) throws {
        do {
            try body(&self)
        } catch let error as SQLiteError where error.isDamage {
            add(check, "the check stopped: part of the file cannot be read (\(error.message))")
        }
    }
}

extension SQLiteError {
    /// True for the codes SQLite gives when a page cannot be read as what it should hold.
    var isDamage: Bool { code == .corrupt || code == .notADatabase || code == .ioError }
}
