import Testing
@testable import OrgModel

/// Each role's solid manager ("" for a root) and dotted managers, by key.
private func lines(_ org: OrgDatabase) throws -> [String: (manager: String, dotted: Set<String>)] {
    var result: [String: (manager: String, dotted: Set<String>)] = [:]
    for role in try org.exportRolesList() { result[role.key] = (role.reportsTo ?? "", Set(role.dottedTo)) }
    return result
}

@discardableResult
private func update(_ org: OrgDatabase, _ csv: String, dryRun: Bool = false) throws -> ImportReport {
    try importCSV(org, csv, options: ImportOptions(update: true, dryRun: dryRun))
}

/// `import --update` judges the chart the file describes, not the order of
/// its rows: a reorganisation that is sound when finished is accepted
/// whatever order its rows come in, and one that leaves a loop is refused,
/// naming the loop. Its report counts what really changed, the same in a
/// dry run.
@Suite("Import with update")
struct ImportUpdateTests {
    @Test("a swap of manager and report is accepted with the rows in either order",
          arguments: [["a,A,b", "b,B,root"], ["b,B,root", "a,A,b"]])
    func swapInEitherOrder(rows: [String]) throws {
        let org = try orgChart(["root": nil, "a": "root", "b": "a", "c": "b"])
        let report = try update(org, (["key,title,reports_to"] + rows).joined(separator: "\n") + "\n")
        #expect(report.rolesMoved == 2 && report.rolesAdded == 0 && report.rolesUpdated == 2)
        #expect(keys(try org.chain(of: "a")) == ["a", "b", "root"])
        #expect(keys(try org.chain(of: "c")) == ["c", "b", "root"])
        #expect(try pathInvariantViolations(org) == [])
    }

    /// Reversing a chain moves every role under one that is, before the
    /// import, below it: every order of the rows must work.
    @Test func reversingAChainWorksInEveryOrderOfRows() throws {
        let rows = ["a,A,", "b,B,c", "c,C,d", "d,D,"]
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1], [1, 2, 3, 0], [3, 0, 1, 2]] {
            let org = try orgChart(["a": nil, "b": "a", "c": "b", "d": "c"])
            let csv = (["key,title,reports_to"] + order.map { rows[$0] }).joined(separator: "\n")
            #expect(refusal { try update(org, csv) } == nil, "order \(order)")
            #expect(keys(try org.chain(of: "b")) == ["b", "c", "d"], "order \(order)")
            #expect(try pathInvariantViolations(org) == [], "order \(order)")
        }
    }

    @Test("two roles exchanging managers, in either order")
    func exchangeOfManagers() throws {
        for rows in [["x,X,n", "y,Y,m"], ["y,Y,m", "x,X,n"]] {
            let org = try orgChart(["top": nil, "m": "top", "n": "top", "x": "m", "y": "n", "x1": "x"])
            let report = try update(org, (["key,title,reports_to"] + rows).joined(separator: "\n"))
            #expect(report.rolesMoved == 2)
            #expect(try org.role("x").reportsTo == "n" && org.role("y").reportsTo == "m")
            #expect(try pathInvariantViolations(org) == [])
        }
    }

    @Test("a file whose final chart has a loop is refused, naming it, in either order",
          arguments: [["a,A,b", "b,B,a"], ["b,B,a", "a,A,b"]])
    func realLoopIsRefused(rows: [String]) throws {
        let org = try orgChart(["root": nil, "a": "root", "b": "root"])
        let before = try snapshot(org)
        let error = refusal { try update(org, (["key,title,reports_to"] + rows).joined(separator: "\n")) }
        guard case let .importFailed(_, _, column, message)? = error else {
            Issue.record("expected an import failure, got \(String(describing: error))")
            return
        }
        #expect(column == "reports_to")
        #expect(message.contains("a → b → a") || message.contains("b → a → b"), "\(message)")
        #expect(try snapshot(org) == before)
    }

    /// The file removes a dotted line and adds the solid line that would
    /// have closed a loop with it: the chart it describes has no loop.
    @Test func aMoveThatLoopsOnlyWithADottedLineTheFileRemovesIsAccepted() throws {
        let org = try orgChart(["root": nil, "a": "root", "d": "root"])
        try org.addDottedLine(from: "d", to: "a")
        try update(org, "key,title,reports_to,dotted_to\na,A,d,\nd,D,root,\n")
        #expect(try org.role("a").reportsTo == "d")
        #expect(try lines(org)["d"]?.dotted == [])
        #expect(try pathInvariantViolations(org) == [])
    }

    @Test func aLoopThroughADottedLineIsRefusedAtTheLineThatAddsIt() throws {
        let org = try orgChart(["root": nil, "a": "root", "b": "a", "c": "root"])
        let before = try snapshot(org)
        // c moves under b; a takes a dotted line to c: a → c → b → a.
        let error = refusal { try update(org, "key,title,reports_to,dotted_to\nc,C,b,\na,A,root,c\n") }
        guard case let .importFailed(_, line, column, message)? = error else {
            Issue.record("expected an import failure, got \(String(describing: error))")
            return
        }
        #expect(line == 2 && column == "reports_to", "\(message)")
        #expect(message.contains("c → b → a → c"), "\(message)")
        #expect(try snapshot(org) == before)
    }

    /// One new line in a large chart: the roles above its manager are
    /// looked up one by one rather than the whole chart read.
    @Test func oneNewDottedLineInALargeChartIsCheckedAgainstTheLinesAboveIt() throws {
        let org = try emptyDatabase()
        // A binary tree, each role also dotted to the role numbered before it.
        let rows = (1..<200).map { "r\($0),R,r\(($0 - 1) / 2),\($0 > 1 ? "r\($0 - 1)" : "")" }
        try importCSV(org, (["key,title,reports_to,dotted_to", "r0,Root,,"] + rows).joined(separator: "\n"))
        let before = try snapshot(org)
        // r150 reports, through r74, r36, r17, r8 and r3, to r1.
        let error = refusal { try importCSV(org, "key,title,reports_to,dotted_to\nr1,R,r0,r150\n", options: ImportOptions(update: true)) }
        guard case let .importFailed(_, line, column, message)? = error else {
            Issue.record("expected an import failure, got \(String(describing: error))")
            return
        }
        #expect(line == 2 && column == "dotted_to", "\(message)")
        #expect(message.hasPrefix("refused: this would make a reporting cycle r1 → r150 → ") && message.contains(" → r1; "), "\(message)")
        #expect(try snapshot(org) == before)
        try importCSV(org, "key,title,reports_to,dotted_to\nr150,R,r74,r1\n", options: ImportOptions(update: true))
        #expect(try lines(org)["r150"]?.dotted == ["r1"])
        #expect(try pathInvariantViolations(org) == [])
    }

    @Test("the report counts roles added, moved and changed, lines and units, the same in a dry run")
    func reportFigures() throws {
        let roles = """
            key,title,holder,reports_to,dotted_to
            new-a,Analyst,,cio,
            new-b,Analyst,,new-a,cpo
            pm-crm,Project Manager,Someone New,prog-digital-manager,
            pm-payments,Project Manager,Jane Doe,cio,
            pmo-it-director,PMO Director,Lena Fischer,cio,
            pm-warehouse,Project Manager,Anna Kowalska,coo,pmo-ops-manager
            cfo,Chief Financial Officer,Ada Quist,coo,

            """
        let units = """
            key,name,kind,parent,governed_by
            new-proj,New Project,project,it,pmo-it
            fin,Finance Department,division,it,
            proj-payments,Payments Platform,project,prog-digital,pmo-it
            proj-crm,CRM Replacement,project,prog-digital,
            it-eng,Engineering,department,acme,

            """
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let dry = try importCSV(org, roles, units: units, options: ImportOptions(update: true, dryRun: true))
        #expect(try snapshot(org) == before)
        let real = try importCSV(org, roles, units: units, options: ImportOptions(update: true))
        var expected = real
        expected.dryRun = true
        #expect(dry == expected)
        // Moved: pm-payments, pm-warehouse, cfo. Changed fields: pm-crm's and cfo's holders.
        #expect(real == ImportReport(rolesAdded: 2, rolesUpdated: 2, rolesMoved: 3,
                                     // fin (name and parent, once), proj-payments (governed), it-eng (parent)
                                     unitsAdded: 1, unitsUpdated: 3,
                                     // new-b's; pmo-it-director's to cpo goes
                                     dottedLinesAdded: 1, dottedLinesRemoved: 1,
                                     governanceAdded: 2), "\(real)")
        #expect(try pathInvariantViolations(org) == [])
        // Importing the same files again changes nothing, and says so.
        #expect(try importCSV(org, roles, units: units, options: ImportOptions(update: true)).changesNothing)
    }

    @Test func aMoveAloneIsCountedAsAMoveAndNotAsAChange() throws {
        let org = try exampleDatabase()
        let report = try update(org, "key,reports_to\npm-crm,pmo-it-director\n")
        #expect(report == ImportReport(rolesMoved: 1))
        #expect(!report.changesNothing)
    }

    /// Random reorganisations of a small chart, in random row order, against
    /// a plain model of the chart the file describes: the import succeeds
    /// exactly when that chart has no loop of solid and dotted lines, and
    /// then leaves exactly that chart.
    @Test(arguments: [UInt64(41), 42, 43, 44])
    func updatesAreJudgedByTheChartTheyDescribe(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var accepted = 0, refused = 0
        for round in 0..<25 {
            let count = 12
            let org = try emptyDatabase()
            var keys: [String] = []
            for index in 0..<count {
                let key = "r\(index)"
                try org.addRole(RoleDraft(key: key, title: "R", reportsTo: index == 0 || random.chance(10) ? nil : random.pick(keys)))
                keys.append(key)
            }
            for _ in 0..<4 { _ = refusal { try org.addDottedLine(from: random.pick(keys)!, to: random.pick(keys)!) } }
            var model = try lines(org)
            var rows: [String] = []
            for key in keys.shuffled(using: &random).prefix(2 + random.below(5)) {
                let manager = random.chance(15) ? "" : random.pick(keys.filter { $0 != key })!
                let dotted = Set((0..<random.below(3)).compactMap { _ in random.pick(keys.filter { $0 != key && $0 != manager }) })
                model[key] = (manager, dotted)
                rows.append("\(key),R,\(manager),\(dotted.sorted().joined(separator: ";"))")
            }
            let before = try snapshot(org)
            let context = "seed \(seed), round \(round): \(rows)"
            let error = refusal { try update(org, (["key,title,reports_to,dotted_to"] + rows).joined(separator: "\n")) }
            if Self.hasLoop(model) {
                refused += 1
                guard case let .importFailed(_, _, _, message)? = error else {
                    Issue.record("\(context): a loop was let through, or refused oddly: \(String(describing: error))")
                    continue
                }
                #expect(message.contains("cycle"), "\(context): \(message)")
                #expect(try snapshot(org) == before, "\(context)")
            } else {
                accepted += 1
                #expect(error == nil, "\(context)")
                let after = try lines(org)
                for (key, expected) in model {
                    #expect(after[key]?.manager == expected.manager && after[key]?.dotted == expected.dotted, "\(context): \(key)")
                }
                #expect(try pathInvariantViolations(org) == [], "\(context)")
            }
        }
        #expect(accepted > 0 && refused > 0, "seed \(seed): \(accepted) accepted, \(refused) refused")
    }

    private static func hasLoop(_ model: [String: (manager: String, dotted: Set<String>)]) -> Bool {
        var state: [String: Int] = [:]  // 1: on the walk, 2: clear
        func visit(_ key: String) -> Bool {
            if state[key] == 2 { return false }
            if state[key] == 1 { return true }
            state[key] = 1
            let up = model[key].map { ($0.manager.isEmpty ? [] : [$0.manager]) + $0.dotted } ?? []
            if up.contains(where: visit) { return true }
            state[key] = 2
            return false
        }
        return model.keys.sorted().contains(where: visit)
    }
}
