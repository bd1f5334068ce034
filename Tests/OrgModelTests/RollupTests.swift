import Testing
@testable import OrgModel

/// Every role's team figures by a plain recursive walk over manager_id (never
/// the path), keyed by role: the reference the roll-ups are checked against.
private struct ReferenceTeam: Equatable {
    var roles: Int
    var filled: Int
    var salaries: [String: Int64]
    var direct: Int
}

private func referenceTeams(_ org: OrgDatabase) throws -> [String: ReferenceTeam] {
    var teams: [String: ReferenceTeam] = [:]
    try org.db.statement("""
        WITH RECURSIVE team(top, id) AS (
            SELECT id, id FROM role
            UNION ALL
            SELECT team.top, r.id FROM team JOIN role r ON r.manager_id = team.id)
        SELECT t.key, count(*), count(r.holder), r.currency, sum(r.salary_minor),
               (SELECT count(*) FROM role c WHERE c.manager_id = t.id)
        FROM team JOIN role t ON t.id = team.top JOIN role r ON r.id = team.id
        GROUP BY t.key, r.currency
        """).forEachRow { row in
        var team = teams[row.text(0)] ?? ReferenceTeam(roles: 0, filled: 0, salaries: [:], direct: Int(row.int(5)))
        team.roles += Int(row.int(1))
        team.filled += Int(row.int(2))
        if let currency = row.optionalText(3) { team.salaries[currency] = row.int(4) }
        teams[row.text(0)] = team
    }
    return teams
}

private func reference(_ rollup: Rollup) -> ReferenceTeam {
    ReferenceTeam(roles: rollup.team.roles, filled: rollup.team.filled,
                  salaries: Dictionary(uniqueKeysWithValues: rollup.team.salaryCost.map { ($0.currency, $0.minorUnits) }),
                  direct: rollup.directReports)
}

/// Every way the roll-ups disagree with the recursive reference, as sentences.
private func rollupMismatches(_ org: OrgDatabase) throws -> [String] {
    let expected = try referenceTeams(org)
    var problems: [String] = []
    for (key, team) in expected {
        let rollup = try org.rollup(of: key)
        if reference(rollup) != team { problems.append("rollup(of: \(key)) is \(reference(rollup)), expected \(team)") }
        if rollup.team.vacant != team.roles - team.filled { problems.append("\(key): vacant does not add up") }
        if rollup.below != team.roles - 1 { problems.append("\(key): below is \(rollup.below)") }
    }
    // Below a role, to a few depths: the role, then the managers the walk
    // meets down to that depth, each with its whole team.
    let sampled = try org.db.statement("SELECT r.key FROM role r WHERE EXISTS (SELECT 1 FROM role c WHERE c.manager_id = r.id) ORDER BY r.id LIMIT 8")
        .map { $0.text(0) }
    for top in sampled {
        var branch: [(key: String, depth: Int)] = []
        try org.walkTree(root: top) { node in if node.depth == 0 || node.childCount > 0 { branch.append((node.role.key, node.depth)) } }
        for limit in 0...2 {
            let listed = try org.managerRollups(under: top, maxDepth: limit)
            let want = branch.filter { $0.depth <= limit }
            if listed.map(\.role.key) != want.map(\.key) || listed.map(\.depth) != want.map(\.depth) {
                problems.append("managerRollups(under: \(top), maxDepth: \(limit)) lists \(listed.map(\.role.key))")
            }
            for rollup in listed where reference(rollup) != expected[rollup.role.key] {
                problems.append("managerRollups(under: \(top), maxDepth: \(limit)): \(rollup.role.key) is \(reference(rollup))")
            }
        }
    }
    // Every manager, once, in the order a depth-first walk meets them.
    var walkOrder: [String] = []
    try org.walkTree { node in if node.childCount > 0 { walkOrder.append(node.role.key) } }
    let listed = try org.managerRollups()
    if listed.map(\.role.key) != walkOrder { problems.append("managers listed \(listed.map(\.role.key)), walk order \(walkOrder)") }
    for rollup in listed {
        if reference(rollup) != expected[rollup.role.key] {
            problems.append("managerRollups: \(rollup.role.key) is \(reference(rollup)), expected \(String(describing: expected[rollup.role.key]))")
        }
        // The role as the walk built it (manager and unit from memory) is the role.
        if try rollup.role != org.role(rollup.role.key) { problems.append("managerRollups: \(rollup.role.key)'s role differs") }
    }
    return problems
}

@Suite("Headcount and salary roll-ups along the reporting lines")
struct RollupTests {
    @Test func aTeamIsTheRoleAndEveryoneBelowIt() throws {
        let org = try exampleDatabase()
        let cio = try org.rollup(of: "cio")
        #expect(cio.role.key == "cio")
        #expect(cio.team == Headcount(roles: 8, filled: 7, vacant: 1, salaryCost: [Money(minorUnits: 609_500_00, currency: "GBP")]))
        #expect(cio.below == 7)
        #expect(cio.directReports == 2)
        // Currencies are summed apart, in code order, never added together.
        #expect(try org.rollup(of: "ceo").team.salaryCost.map(\.currency) == ["EUR", "GBP"])
    }

    @Test func aUnitKeyMeansItsHead() throws {
        let org = try exampleDatabase()
        #expect(try org.rollup(of: "it") == org.rollup(of: "cio"))
    }

    @Test func aRoleWithNoReportsIsATeamOfOne() throws {
        let org = try exampleDatabase()
        let analyst = try org.rollup(of: "epmo-analyst")
        #expect(analyst.team.roles == 1 && analyst.below == 0 && analyst.directReports == 0)
        #expect(analyst.team.salaryCost == [Money(minorUnits: 51_638_00, currency: "GBP")])
        // Listed alone when asked for the managers under it.
        #expect(try org.managerRollups(under: "epmo-analyst").map(\.role.key) == ["epmo-analyst"])
    }

    @Test func theExampleAgreesWithARecursiveWalk() throws {
        #expect(try rollupMismatches(exampleDatabase()) == [])
    }

    /// Depth is counted from the role asked about, not from the root.
    @Test func aDepthLimitBelowARoleCountsFromThatRole() throws {
        let org = try exampleDatabase()
        let listed = try org.managerRollups(under: "cio", maxDepth: 1)
        #expect(listed.map(\.role.key) == ["cio", "pmo-it-director", "eng-director"])
        #expect(listed.map(\.depth) == [0, 1, 1])
        #expect(listed[1].team.roles == 5)
        // Past any chart's depth, and past what an integer holds, is no limit.
        #expect(try org.managerRollups(under: "cio", maxDepth: .max) == org.managerRollups(under: "cio"))
    }

    /// Each currency's total fits though all of them together would not:
    /// nothing is refused, and each currency is summed on its own.
    @Test func currenciesAreSummedApartEvenWhenTogetherTheyWouldOverflow() throws {
        let org = try emptyDatabase()
        let most = try Money(amount: "999999999999999.99", currency: "GBP")
        try org.addRole(RoleDraft(key: "boss", title: "Boss", salary: most))
        for index in 0..<90 {
            let currency = index < 45 ? "EUR" : "USD"
            try org.addRole(RoleDraft(key: "r\(index)", title: "Role", reportsTo: "boss",
                                      salary: Money(minorUnits: most.minorUnits, currency: currency)))
        }
        let team = try org.rollup(of: "boss").team
        #expect(team.roles == 91)
        #expect(team.salaryCost.map(\.currency) == ["EUR", "GBP", "USD"])
        #expect(team.salaryCost.map(\.minorUnits) == [45 * most.minorUnits, most.minorUnits, 45 * most.minorUnits])
        #expect(try org.managerRollups().first?.team == team)
    }

    @Test func aDepthLimitListsFewerManagersButSumsWholeTeams() throws {
        let org = try exampleDatabase()
        let all = try org.managerRollups(under: "ceo")
        let top = try org.managerRollups(under: "ceo", maxDepth: 1)
        #expect(try org.managerRollups(under: "cio").map(\.role) == ["cio", "pmo-it-director", "prog-digital-manager", "eng-director"].map { try org.role($0) })
        #expect(top.map(\.role.key) == all.filter { $0.depth <= 1 }.map(\.role.key))
        #expect(top == all.filter { $0.depth <= 1 })
        #expect(try org.managerRollups(under: "ceo", maxDepth: 0).map(\.role.key) == ["ceo"])
    }

    @Test func everyRootIsCoveredAndUnknownKeysAreRefused() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "board-chair", title: "Chair"))
        try org.addRole(RoleDraft(key: "board-secretary", title: "Secretary", reportsTo: "board-chair"))
        let listed = try org.managerRollups().map(\.role.key)
        #expect(listed.contains("board-chair") && listed.contains("ceo"))
        #expect(!listed.contains("board-secretary"))
        guard case .unknownKey(let key, _, _)? = refusal({ try org.rollup(of: "nobody") }) else {
            Issue.record("an unknown key was not refused as unknown")
            return
        }
        #expect(key == "nobody")
    }

    /// Each amount is bounded, their sum is not: a sum past Int64 is refused
    /// in words by every roll-up, in memory or in SQL, never a trap.
    @Test func salariesTooLargeToAddUpAreRefusedInWords() throws {
        let org = try emptyDatabase()
        let most = try Money(amount: "999999999999999.99", currency: "GBP")
        try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
        try org.addUnit(UnitDraft(key: "half", name: "Half", kind: .department, parent: "co"))
        try org.addRole(RoleDraft(key: "boss", title: "Boss", unit: "co", salary: most))
        for index in 0..<93 {
            try org.addRole(RoleDraft(key: "r\(index)", title: "Role", reportsTo: "boss", unit: index < 50 ? "co" : "half", salary: most))
        }
        // Each unit's own sum fits; the company's with its sub-unit does not.
        guard case .invalidValue(field: "salary", _, _)? = refusal({ try org.stats() }) else {
            Issue.record("stats did not refuse an overflowing sum")
            return
        }
        guard case .invalidValue(let field, _, let hint)? = refusal({ try org.managerRollups() }) else {
            Issue.record("an overflowing sum was not refused")
            return
        }
        #expect(field == "salary" && hint.contains("mistyped"))
        guard case .invalidValue(field: "salary", _, _)? = refusal({ try org.rollup(of: "boss") }) else {
            Issue.record("rollup(of:) did not refuse an overflowing sum in words")
            return
        }
    }

    /// Adds, moves, removals, new holders and pay: after every few writes
    /// each role's roll-up equals the recursive walk's.
    @Test(arguments: [UInt64(11), 12, 13])
    func randomWritesKeepRollupsTrue(seed: UInt64) throws {
        let org = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        for step in 0..<150 {
            let roles = try org.db.statement("SELECT key FROM role ORDER BY id").map { $0.text(0) }
            let role = random.pick(roles)!
            switch random.below(100) {
            case 0..<35:
                let currency = random.pick(["GBP", "EUR", "USD"])!
                _ = refusal {
                    try org.addRole(RoleDraft(key: "n\(step)", title: "New", holder: random.chance(70) ? "Someone" : nil,
                                              reportsTo: random.chance(10) ? nil : random.pick(roles),
                                              salary: random.chance(80) ? Money(minorUnits: Int64(random.below(9_000_000)), currency: currency) : nil))
                }
            case 35..<60:
                _ = refusal { try org.move(role, to: random.chance(10) ? nil : random.pick(roles)) }
            case 60..<70:
                _ = refusal { try org.removeRole(role, reassignTo: random.pick(roles)) }
            case 70..<85:
                _ = refusal { try org.updateRole(role, RoleChanges(holder: random.chance(50) ? .vacate : .holder("New Holder"))) }
            default:
                _ = refusal { try org.updateRole(role, RoleChanges(salary: Money(minorUnits: Int64(random.below(20_000_000)), currency: "EUR"))) }
            }
            guard step % 10 == 9 else { continue }
            let problems = try rollupMismatches(org)
            try #require(problems.isEmpty, "seed \(seed), step \(step): \(problems.prefix(5).joined(separator: "; "))")
        }
    }
}
