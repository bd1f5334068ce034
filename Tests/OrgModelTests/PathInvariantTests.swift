import Testing
@testable import OrgModel

/// Every way the materialised path (role.path, role.depth) disagrees with the
/// manager_id column, or the lines form a loop, as readable sentences; empty
/// when the chart is sound. The checks use plain recursive SQL over manager_id
/// and dotted_line, never the path, so they cannot share the path's bugs.
func pathInvariantViolations(_ org: OrgDatabase) throws -> [String] {
    var problems: [String] = []
    let db = org.db

    // Depth is the number of solid ancestors. UNION (not UNION ALL) keeps the
    // walk finite even if manager_id loops.
    let depthSQL = """
        WITH RECURSIVE up(start, ancestor) AS (
            SELECT id, manager_id FROM role WHERE manager_id IS NOT NULL
            UNION
            SELECT up.start, r.manager_id FROM up JOIN role r ON r.id = up.ancestor WHERE r.manager_id IS NOT NULL)
        SELECT r.key, r.depth, (SELECT count(*) FROM up WHERE up.start = r.id) FROM role r ORDER BY r.id
        """
    for (key, depth, ancestors) in try db.statement(depthSQL).map([], { ($0.text(0), $0.int(1), $0.int(2)) }) where depth != ancestors {
        problems.append("\(key): depth \(depth) but \(ancestors) solid ancestors")
    }

    // The path range of each role holds exactly its recursive subtree.
    let subtreeSQL = """
        WITH RECURSIVE below(top, id) AS (
            SELECT manager_id, id FROM role WHERE manager_id IS NOT NULL
            UNION
            SELECT below.top, r.id FROM below JOIN role r ON r.manager_id = below.id),
        ranged(top, id) AS (
            SELECT p.id, d.id FROM role p JOIN role d ON d.path > p.path AND d.path < p.path || '~'),
        mismatch(side, top, id) AS (
            SELECT 'path range only', * FROM (SELECT * FROM ranged EXCEPT SELECT * FROM below)
            UNION ALL
            SELECT 'subtree only', * FROM (SELECT * FROM below EXCEPT SELECT * FROM ranged))
        SELECT m.side, p.key, d.key FROM mismatch m JOIN role p ON p.id = m.top JOIN role d ON d.id = m.id
        """
    for (side, top, role) in try db.statement(subtreeSQL).map([], { ($0.text(0), $0.text(1), $0.text(2)) }) {
        problems.append("\(role) under \(top): in the \(side)")
    }

    // The label itself: the manager's path followed by the role's own segment.
    let rows = try db.statement("SELECT id, key, manager_id, path FROM role")
        .map { (id: $0.int(0), key: $0.text(1), manager: $0.optionalInt(2), path: $0.text(3)) }
    let pathByID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.path) })
    for row in rows {
        let expected = (row.manager.flatMap { pathByID[$0] } ?? "") + PathLabel.segment(row.id)
        if row.path != expected { problems.append("\(row.key): path \(row.path) but expected \(expected)") }
    }

    // Solid and dotted lines together never loop.
    let cycleSQL = """
        WITH RECURSIVE line(report, boss) AS (
            SELECT id, manager_id FROM role WHERE manager_id IS NOT NULL
            UNION SELECT role_id, manager_id FROM dotted_line),
        reach(start, boss) AS (
            SELECT report, boss FROM line
            UNION
            SELECT reach.start, line.boss FROM reach JOIN line ON line.report = reach.boss)
        SELECT r.key FROM reach JOIN role r ON r.id = reach.start WHERE reach.start = reach.boss ORDER BY r.key
        """
    for key in try db.statement(cycleSQL).map([], { $0.text(0) }) {
        problems.append("\(key) reports round to itself")
    }
    return problems
}

/// Whether `boss` already reports, through any chain of solid and dotted lines,
/// to `role`: exactly when a new line from `role` up to `boss` closes a loop.
func reaches(_ org: OrgDatabase, from boss: String, to role: String) throws -> Bool {
    let sql = """
        WITH RECURSIVE line(report, boss) AS (
            SELECT id, manager_id FROM role WHERE manager_id IS NOT NULL
            UNION SELECT role_id, manager_id FROM dotted_line),
        up(id) AS (
            SELECT id FROM role WHERE key = ?1
            UNION SELECT line.boss FROM up JOIN line ON line.report = up.id)
        SELECT EXISTS (SELECT 1 FROM up JOIN role r ON r.id = up.id WHERE r.key = ?2)
        """
    return try org.db.integer(sql, [.text(boss), .text(role)]) == 1
}

@Suite("The materialised path always agrees with manager_id")
struct PathInvariantTests {
    @Test func theExampleIsSound() throws {
        #expect(try pathInvariantViolations(exampleDatabase()) == [])
    }

    /// A few hundred random writes; after each one the path must still agree
    /// with manager_id, refusals must be the expected ones for that write (and
    /// only when they are deserved), and a refused write must change nothing.
    @Test(arguments: [(UInt64(1), true), (2, true), (3, true), (1, false), (2, false), (3, false)])
    func randomWritesKeepThePathTrue(seed: UInt64, startFromExample: Bool) throws {
        let org = try startFromExample ? exampleDatabase() : emptyDatabase()
        var random = SplitMix64(seed: seed)
        var nextKey = 1
        var outcomes: [String: Int] = [:]
        var unexpected: [String: Int] = [:]

        for step in 0..<300 {
            let roles = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
            let dotted = try org.db.statement("""
                SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
                ORDER BY 1, 2
                """).map { ($0.text(0), $0.text(1)) }
            let before = try snapshot(org)
            let context = "seed \(seed), step \(step)"
            let op: String
            let error: OrgError?
            let allowed: (OrgError) -> Bool

            // The draw is made even when it is overridden, so every seed keeps its sequence.
            let draw = random.below(100)
            switch roles.count < 3 ? 0 : draw {
            case 0..<30:
                let key = "r\(nextKey)"
                nextKey += 1
                let manager = random.chance(15) ? nil : random.pick(roles)
                op = "add \(key) under \(manager ?? "nobody")"
                error = refusal { try org.addRole(RoleDraft(key: key, title: "Role \(key)", reportsTo: manager)) }
                allowed = { _ in false }
            case 30..<55:
                let role = random.pick(roles)!
                let manager = random.chance(10) ? nil : random.pick(roles)
                op = "move \(role) to \(manager ?? "nobody")"
                let deserved = try manager.map { try reaches(org, from: $0, to: role) } ?? false
                error = refusal { try org.move(role, to: manager) }
                allowed = { error in
                    switch error {
                    case .selfReport(let key): return key == role && manager == role
                    case .cycle(let path): return deserved && manager != role && path.first == role && path.last == role
                    default: return false
                    }
                }
                if error == nil, deserved, manager != role {
                    Issue.record("\(context): \(op) closed a loop and was not refused")
                }
            case 55..<65:
                let role = random.pick(roles)!
                let target = random.chance(50) ? random.pick(roles) : nil
                op = "remove \(role)" + (target.map { " reassigning to \($0)" } ?? "")
                error = refusal { try org.removeRole(role, reassignTo: target) }
                allowed = { error in
                    switch error {
                    case .wouldOrphan(let key, _): return key == role && target == nil
                    case .reassignInsideSubtree(let key, let into): return key == role && into == target
                    case .selfReport(let key): return key == role && target == role
                    case .cycle: return target != nil
                    default: return false
                    }
                }
            case 65..<85:
                let role = random.pick(roles)!
                let manager = random.pick(roles)!
                op = "dotted \(role) to \(manager)"
                let deserved = try reaches(org, from: manager, to: role)
                let solidBoss = try org.role(role).reportsTo
                let exists = dotted.contains { $0 == (role, manager) }
                error = refusal { try org.addDottedLine(from: role, to: manager) }
                allowed = { error in
                    switch error {
                    case .selfReport(let key): return key == role && manager == role
                    case .lineExists(_, _, let solid): return solid ? solidBoss == manager : exists
                    case .cycle(let path): return deserved && path.first == role && path.last == role
                    default: return false
                    }
                }
                if error == nil, deserved || exists || solidBoss == manager {
                    Issue.record("\(context): \(op) was accepted but should have been refused")
                }
            default:
                let line = random.chance(70) ? random.pick(dotted) : nil
                let (role, manager) = line ?? (random.pick(roles)!, random.pick(roles)!)
                op = "undot \(role) from \(manager)"
                error = refusal { try org.removeDottedLine(from: role, to: manager) }
                allowed = { error in
                    if case .noSuchLine = error { return line == nil }
                    return false
                }
            }

            if let error {
                let kind = Mirror(reflecting: error).children.first?.label ?? "\(error)"
                outcomes["refused: " + kind, default: 0] += 1
                // One issue per kind of write and error is enough to see a bug;
                // the count of the rest goes in the summary below.
                if !allowed(error) {
                    let what = op.prefix { $0 != " " } + ": " + kind
                    unexpected[what, default: 0] += 1
                    if unexpected[what] == 1 {
                        Issue.record("\(context): \(op) was refused with an unexpected error: \(error)")
                    }
                }
                #expect(try snapshot(org) == before, "\(context): refused \(op) changed the database")
            } else {
                outcomes["done: " + op.prefix(4), default: 0] += 1
            }
            let problems = try pathInvariantViolations(org)
            try #require(problems.isEmpty, "\(context): after \(op): \(problems.joined(separator: "; "))")
        }

        #expect(unexpected.isEmpty, "seed \(seed): unexpected refusals \(unexpected.sorted { $0.key < $1.key })")
        #expect(try org.db.integer("PRAGMA foreign_key_check") == nil)
        #expect(try org.db.statement("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        // The run exercised what it claims to: each kind of write both happened and was refused.
        for kind in ["done: add ", "done: move", "done: remo", "done: dott", "done: undo"] {
            #expect(outcomes[kind, default: 0] > 0, "seed \(seed): no successful \(kind)")
        }
        #expect(outcomes["refused: cycle", default: 0] > 0, "seed \(seed): no cycle was refused")
    }

    /// Imports of new roles (reporting to existing roles, or to roles earlier
    /// or later in the same file) and, with update, moves of existing roles in
    /// the same file, between ordinary moves and removals: after each step the
    /// path still agrees with manager_id, and a refused import (a loop in the
    /// file, a key twice) changes nothing.
    @Test(arguments: [UInt64(21), 22, 23])
    func randomImportsKeepThePathTrue(seed: UInt64) throws {
        let org = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        var outcomes: [String: Int] = [:]
        for step in 0..<40 {
            let roles = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
            let batch = (0..<(1 + random.below(12))).map { _ in
                nextKey += 1
                return "i\(nextKey)"
            }
            var lines = ["key,title,reports_to"]
            for key in batch {
                let manager = random.chance(40) ? random.pick(batch)! : random.chance(10) ? "" : random.pick(roles)!
                lines.append("\(key),Imported \(key),\(manager)")
            }
            let update = random.chance(50)
            if update {
                for _ in 0..<random.below(4) {
                    let role = random.pick(roles)!
                    lines.append("\(role),Moved \(role),\(random.pick(roles + batch)!)")
                }
            }
            let before = try snapshot(org)
            let context = "seed \(seed), step \(step)"
            if let error = refusal({
                try org.importChart(.csv(roles: Array(lines.joined(separator: "\n").utf8), file: "roles.csv",
                                         options: ImportOptions(update: update)))
            }) {
                guard importFailure(error) != nil else {
                    Issue.record("\(context): an import was refused without naming its line: \(error)")
                    continue
                }
                outcomes["refused", default: 0] += 1
                #expect(try snapshot(org) == before, "\(context): a refused import changed the database")
            } else {
                outcomes[update ? "imported with moves" : "imported", default: 0] += 1
            }
            if let role = random.pick(roles), random.chance(50) {
                _ = refusal { try org.move(role, to: random.pick(roles)) }
            } else if let role = random.pick(roles) {
                _ = refusal { try org.removeRole(role, reassignTo: random.pick(roles)) }
            }
            let problems = try pathInvariantViolations(org)
            try #require(problems.isEmpty, "\(context): \(problems.joined(separator: "; "))")
        }
        for kind in ["refused", "imported", "imported with moves"] {
            #expect(outcomes[kind, default: 0] > 0, "seed \(seed): no import \(kind) (\(outcomes))")
        }
    }

    /// Ids past 61 take two base-62 digits; moving trees across that boundary
    /// must keep every range right.
    @Test func segmentsOfDifferentLengthsSortAsTheirIds() throws {
        let org = try orgChart(["root": nil])
        for index in 1...130 {
            try org.addRole(RoleDraft(key: "r\(index)", title: "R", reportsTo: index % 3 == 0 || index == 1 ? "root" : "r\(index / 2)"))
        }
        try org.move("r61", to: "r62")
        try org.move("r7", to: "r100")
        try org.removeRole("r2", reassignTo: "r100")
        #expect(try pathInvariantViolations(org) == [])
        var walked: [String] = []
        try org.walkTree { walked.append($0.role.key) }
        #expect(walked.count == 130)
    }
}
