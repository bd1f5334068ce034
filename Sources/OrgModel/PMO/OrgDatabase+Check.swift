/// `check`: every rule of the domain, evaluated against the chart.
extension OrgDatabase {
    /// Every finding, errors first. An empty list means the chart follows
    /// every rule.
    public func check(limits: CheckLimits = CheckLimits()) throws(OrgError) -> [Finding] {
        try read {
            let units = try units()
            let context = try PMOContext(units: units, db: db)
            let roles = try RoleFactsCache(db: db)
            var findings = try governedManagerFindings(context, roles)
            findings += try supportiveFindings(context, roles)
            findings += try enterpriseFindings(context, roles, units)
            // The shape rules read every role: one sequential pass for all three.
            let shape = try ChartShape(db: db, limits: limits)
            let keyOf = try db.statement("SELECT key FROM role WHERE id = ?")
            let key = { (id: Int64) throws -> String in
                guard let key = try keyOf.first([.integer(id)], { $0.text(0) }) else { throw Self.vanished("role", id) }
                return key
            }
            findings += try spanFindings(shape, limits, key)
            findings += try depthFindings(shape, limits)
            findings += vacantHeadFindings(units, context: context, roles: roles)
            findings += try ladderFindings(shape, key)
            let order = Dictionary(uniqueKeysWithValues: CheckRule.allCases.enumerated().map { ($1, $0) })
            return findings.sorted {
                ($0.severity, order[$0.rule]!, $0.roles.first ?? "") < ($1.severity, order[$1.rule]!, $1.roles.first ?? "")
            }
        }
    }

    // MARK: - Project managers under governance (rules 1–3)

    private func governedManagerFindings(_ context: PMOContext, _ roles: RoleFactsCache) throws -> [Finding] {
        var findings: [Finding] = []
        for governed in context.governedManagers {
            guard let pmo = context.pmos[governed.pmoID] else { continue }
            let manager = try roles.facts(governed.roleID)
            let lines = try PMOLines(of: manager, in: pmo, context: context, roles: roles, db: db)
            let headKey = try pmo.headID.map { try roles.facts($0).key }
            let head = headKey ?? "the PMO's head"
            let who = "\(manager.key) (head of \(governed.unitKey), governed by \(pmo.type.rawValue) PMO \(pmo.unit.key))"
            let boss = try manager.managerID.map { try roles.facts($0).key } ?? "nobody"
            let policy = PMOPolicy.of(pmo.type)
            if policy.solidLine == .intoPMO, !lines.solidInto, let rule = policy.solidLineRule {
                findings.append(Finding(rule: rule, roles: [manager.key, boss], units: [governed.unitKey, pmo.unit.key],
                    situation: "\(who) reports to \(boss), outside the PMO; \(policy.reason)",
                    advice: ", so move it to \(head)", remedy: .moveRole(role: manager.key, to: headKey)))
            } else if policy.solidLine == .inBusiness, lines.solidInto, let rule = policy.solidLineRule {
                findings.append(Finding(rule: rule, roles: [manager.key, boss], units: [governed.unitKey, pmo.unit.key],
                    situation: "\(who) reports (solid) into the PMO through \(boss); \(policy.reason)",
                    advice: policy.dottedLine == .required
                        ? ", so move it back to its business manager and keep a dotted line to \(head)"
                        : ", so move it to its business line or make the PMO directive",
                    remedy: .moveRole(role: manager.key, to: nil)))
            } else if policy.dottedLine == .required, !lines.dottedInto, let rule = policy.dottedLineRule {
                findings.append(Finding(rule: rule, roles: [manager.key], units: [governed.unitKey, pmo.unit.key],
                    situation: "\(who) has no dotted line to the PMO, so its compliance oversight is invisible",
                    advice: "; add one to \(head)", remedy: .addDottedLine(role: manager.key, to: headKey)))
            }
        }
        return findings
    }

    /// Project managers placed under a supportive PMO without governance.
    private func supportiveFindings(_ context: PMOContext, _ roles: RoleFactsCache) throws -> [Finding] {
        let governed = Set(context.governedManagers.map(\.roleID))
        var findings: [Finding] = []
        let reportsOf = try db.statement("SELECT id FROM role WHERE manager_id = ?")
        // A PMO whose project managers keep their solid line in the business,
        // and which has no line to them at all, has no project manager under it.
        for pmo in context.pmos.values.sorted(by: { $0.unit.key < $1.unit.key })
        where PMOPolicy.of(pmo.type).solidLine == .inBusiness && PMOPolicy.of(pmo.type).dottedLine == .none {
            let memberRoles = try db.statement("SELECT id FROM role WHERE unit_id = ?")
            var inside = Set(try pmo.memberUnitIDs.flatMap { try memberRoles.map([.integer($0)]) { $0.int(0) } })
            if let head = pmo.headID { inside.insert(head) }
            for boss in inside.sorted() {
                for report in try reportsOf.map([.integer(boss)], { $0.int(0) }) where !governed.contains(report) {
                    let facts = try roles.facts(report)
                    guard facts.rung == .projectManager, !inside.contains(report) else { continue }
                    let bossKey = try roles.facts(boss).key
                    findings.append(Finding(rule: .supportiveHasNoSolidPMs, roles: [facts.key, bossKey], units: [pmo.unit.key],
                        situation: "project manager \(facts.key) reports (solid) to \(bossKey) in \(pmo.type.rawValue) PMO \(pmo.unit.key); \(PMOPolicy.of(pmo.type).reason)",
                        advice: ", so move it to its business line or make the PMO directive", remedy: .moveRole(role: facts.key, to: nil)))
                }
            }
        }
        return findings
    }

    // MARK: - Enterprise PMO (rules 4–5)

    private func enterpriseFindings(_ context: PMOContext, _ roles: RoleFactsCache, _ units: UnitDirectory) throws -> [Finding] {
        let enterprise = context.pmos.values.filter { $0.type == .enterprise }.sorted { $0.unit.key < $1.unit.key }
        var findings: [Finding] = []
        if enterprise.count > 1 {
            let keys = enterprise.map(\.unit.key)
            findings.append(Finding(rule: .singleEnterprisePMO, roles: [], units: keys,
                situation: "there are \(keys.count) enterprise PMOs (\(keys.joined(separator: ", "))); an organisation has one, with the others under it",
                advice: ": change the others' type", remedy: .setPMOType(unit: nil, oneOf: PMOType.allCases.filter { $0 != .enterprise })))
        }
        for pmo in enterprise {
            guard let headID = pmo.headID else { continue }
            let head = try roles.facts(headID)
            if head.depth == 0 {
                findings.append(Finding(rule: .enterpriseHeadReportsToTop, roles: [head.key], units: [pmo.unit.key],
                    situation: "\(head.key), head of enterprise PMO \(pmo.unit.key), reports to nobody; \(PMOPolicy.of(.enterprise).reason)",
                    advice: ": move it under the CEO or president", remedy: .moveRole(role: head.key, to: nil)))
            } else if head.depth > 1, let top = head.chainIDs.last, let boss = head.managerID {
                let topKey = try roles.facts(top).key, bossKey = try roles.facts(boss).key
                findings.append(Finding(rule: .enterpriseHeadReportsToTop, roles: [head.key, bossKey, topKey], units: [pmo.unit.key],
                    situation: "\(head.key), head of enterprise PMO \(pmo.unit.key), reports to \(bossKey) instead of the top; \(PMOPolicy.of(.enterprise).reason)",
                    advice: ": move it to \(topKey)", remedy: .moveRole(role: head.key, to: topKey)))
            }
        }
        guard enterprise.count == 1, let top = enterprise.first else { return findings }
        for pmo in context.pmos.values.sorted(by: { $0.unit.key < $1.unit.key }) where pmo.id != top.id {
            if units.isUnit(pmo.id, within: top.id) { continue }
            guard let headID = pmo.headID else { continue }
            let head = try roles.facts(headID)
            if try PMOLines(of: head, in: top, context: context, roles: roles, db: db).any { continue }
            let epmoHeadKey = try top.headID.map { try roles.facts($0).key }
            let epmoHead = epmoHeadKey ?? "the enterprise PMO's head"
            findings.append(Finding(rule: .pmoUnderEnterprise, roles: [head.key], units: [pmo.unit.key, top.unit.key],
                situation: "\(pmo.type.rawValue) PMO \(pmo.unit.key) neither sits in nor reports to enterprise PMO \(top.unit.key), so enterprise standards do not reach it",
                advice: "; add a dotted line from \(head.key) to \(epmoHead)", remedy: .addDottedLine(role: head.key, to: epmoHeadKey)))
        }
        return findings
    }

    // MARK: - Shape (rule 6) and vacancies (rule 7)

    private func spanFindings(_ shape: ChartShape, _ limits: CheckLimits, _ key: (Int64) throws -> String) throws -> [Finding] {
        // Widest first, then by key as SQLite's NOCASE orders keys (ASCII).
        try shape.wideManagers.map { (key: try key($0.id), reports: $0.reports) }
            .sorted { $0.reports != $1.reports ? $0.reports > $1.reports : $0.key.lowercased() < $1.key.lowercased() }
            .map { manager in
                Finding(rule: .spanOfControl, roles: [manager.key], units: [],
                        situation: "\(manager.key) has \(manager.reports) direct reports, more than the limit of \(limits.maxSpan)",
                        advice: "; consider a layer of team leads, or raise the limit", remedy: .raiseLimit(.span))
            }
    }

    private func depthFindings(_ shape: ChartShape, _ limits: CheckLimits) throws -> [Finding] {
        let count = shape.tooDeep
        guard count > 0, let deepest = try db.statement("SELECT key, depth FROM role ORDER BY depth DESC LIMIT 1")
            .first([], { ($0.text(0), $0.int(1)) }) else { return [] }
        return [Finding(rule: .chainDepth, roles: [deepest.0], units: [],
            situation: "\(count) role\(count == 1 ? "" : "s") sit more than \(limits.maxDepth) levels below the top; the deepest, \(deepest.0), is \(deepest.1) levels down. Long chains slow decisions",
            advice: ": consider flattening, or raise the limit", remedy: .raiseLimit(.depth))]
    }

    private func vacantHeadFindings(_ units: UnitDirectory, context: PMOContext, roles: RoleFactsCache) -> [Finding] {
        var findings: [Finding] = []
        for entry in units.byID.values.sorted(by: { $0.unit.key < $1.unit.key }) {
            let unit = entry.unit
            if let head = unit.head {
                let vacant = (try? db.integer("SELECT 1 FROM role WHERE key = ? AND holder IS NULL", [.text(head)])) != nil
                if vacant {
                    findings.append(Finding(rule: .vacantHead, roles: [head], units: [unit.key],
                        situation: "\(unit.key) (\(unit.name)) is headed by \(head), which is vacant",
                        advice: "; give it a holder", remedy: .fillRole(role: head)))
                }
            } else {
                findings.append(Finding(rule: .vacantHead, roles: [], units: [unit.key],
                    situation: "\(unit.key) (\(unit.name)) has no head role, so nobody answers for it",
                    advice: "; name one", remedy: .setUnitHead(unit: unit.key, role: nil)))
            }
        }
        return findings
    }

    // MARK: - Ladder

    private func ladderFindings(_ shape: ChartShape, _ key: (Int64) throws -> String) throws -> [Finding] {
        try shape.inversions.map { inversion in
            let role = try key(inversion.role), boss = try key(inversion.manager)
            return Finding(rule: .ladderInversion, roles: [role, boss], units: [],
                situation: "\(role) (\(inversion.rung.title)) reports to \(boss) (\(inversion.bossRung.title)), a lower rung of the \(inversion.rung.ladder.name)",
                advice: "; swap the line, or correct a title or rung", remedy: .moveRole(role: role, to: nil))
        }
    }
}

extension Finding {
    init(rule: CheckRule, roles: [String], units: [String], situation: String, advice: String, remedy: Remedy?) {
        self.init(severity: rule.severity, rule: rule, roles: roles, units: units, message: situation + advice,
                  situation: situation, remedy: remedy)
    }
}
