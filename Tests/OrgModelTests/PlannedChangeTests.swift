import Testing
@testable import OrgModel

/// A change planned for later never leaks into the chart before its date,
/// and a write made meanwhile never alters what the plan does at its date:
/// a write that would is refused, naming the plan.
@Suite struct PlannedChangeTests {
    static let plan = Timestamp.parse("2999-01-01", day: .start)!
    static let afterPlan = Timestamp.parse("2999-02-01", day: .start)!
    static let justBeforePlan = Timestamp(milliseconds: plan.milliseconds - 1)

    /// The example with one write planned for ``plan``; returns the plan's change number.
    private func planned(_ org: OrgDatabase, _ write: (OrgDatabase) throws -> Void) throws -> Int64 {
        org.intent = ChangeIntent(command: "planned", effective: Self.plan)
        try write(org)
        org.intent = ChangeIntent(command: "today")
        return try org.history()[0].id
    }

    /// What the plan does at its date, in plain words.
    private func planEffect(_ org: OrgDatabase) throws -> [String] {
        try org.asOf(Self.justBeforePlan).differences(to: org.asOf(Self.plan)).map(\.description).sorted()
    }

    /// Makes a write today and returns its refusal, if any. Either way,
    /// today's chart changes by exactly what the write recorded (nothing
    /// when refused), and the plan does at its date what it did before.
    private func today(_ org: OrgDatabase, sourceLocation: SourceLocation = #_sourceLocation,
                       _ write: (OrgDatabase) throws -> Void) throws -> OrgError? {
        let before = try org.asOf(.now())
        let effect = try planEffect(org)
        let recorded = try org.history().count
        let error = refusal { try write(org) }
        let after = try org.asOf(.now())
        // Names as the change is recorded: the live rows, planned changes included.
        let changed = try before.differences(to: after).map { withoutNames($0.description) }.sorted()
        if error == nil {
            #expect(try org.history().count == recorded + 1, sourceLocation: sourceLocation)
            #expect(changed == (try org.history()[0].summary.map(withoutNames).sorted()), sourceLocation: sourceLocation)
        } else {
            #expect(try org.history().count == recorded, sourceLocation: sourceLocation)
            #expect(changed.isEmpty, "a refused write changed today's chart: \(changed)", sourceLocation: sourceLocation)
        }
        #expect(try planEffect(org) == effect, "the write altered what the plan does", sourceLocation: sourceLocation)
        #expect(try pathInvariantViolations(after).isEmpty, sourceLocation: sourceLocation)
        return error
    }

    /// The refusal names the plan, its date, and a way forward.
    private func expectNamesPlan(_ error: OrgError?, _ plan: Int64, mentioning words: [String] = [],
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("the write was accepted", sourceLocation: sourceLocation)
            return
        }
        let text = error.description
        #expect(text.contains("change #\(plan)"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains("2999-01-01"), "\(text)", sourceLocation: sourceLocation)
        for word in words { #expect(text.contains(word), "\(text)", sourceLocation: sourceLocation) }
        #expect(!text.contains("orgctl") && !text.contains("--"), "\(text)", sourceLocation: sourceLocation)
    }

    private func manager(_ org: OrgDatabase, _ key: String, at moment: Timestamp) throws -> String? {
        try org.asOf(moment).role(key).reportsTo
    }

    // MARK: - Removing a role

    /// The reported case: a role planned to move under the CFO must not move
    /// to the CEO today when the CFO is removed today.
    @Test func removingARoleThatAPlanPutsSomeoneUnderIsRefused() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.move("pm-crm", to: "cfo") }
        expectNamesPlan(try today(org) { try $0.removeRole("cfo") }, plan, mentioning: ["pm-crm", "cfo"])
        #expect(try manager(org, "pm-crm", at: .now()) == "prog-digital-manager")
        #expect(try manager(org, "pm-crm", at: Self.afterPlan) == "cfo")
        #expect(try manager(org, "fin-controller", at: .now()) == "cfo")

        // On the plan's date the removal is fine: both reports go to the CEO then.
        org.intent = ChangeIntent(effective: Self.plan)
        let report = try org.removeRole("cfo")
        #expect(report.reassigned.sorted() == ["fin-controller", "pm-crm"])
        #expect(try manager(org, "pm-crm", at: .now()) == "prog-digital-manager")
        #expect(try org.asOf(.now()).role("cfo").key == "cfo")
        #expect(try manager(org, "pm-crm", at: Self.afterPlan) == "ceo")
    }

    @Test func removingARoleThatAPlanMovesIsRefused() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.move("pm-crm", to: "cio") }
        expectNamesPlan(try today(org) { try $0.removeRole("pm-crm") }, plan, mentioning: ["pm-crm"])
    }

    /// Today the manager still has the report the plan moves away later:
    /// removing it would hand that report on today and strand the plan.
    @Test func removingTheManagerAPlanMovesSomeoneAwayFromIsRefused() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.move("pm-crm", to: "cio") }
        expectNamesPlan(try today(org) { try $0.removeRole("prog-digital-manager") }, plan, mentioning: ["pm-crm", "cio"])
        #expect(try manager(org, "pm-crm", at: .now()) == "prog-digital-manager")
    }

    @Test func removingARoleThePlanDoesNotInvolveIsAccepted() throws {
        let org = try exampleDatabase()
        _ = try planned(org) { try $0.move("pm-crm", to: "cfo") }
        #expect(try today(org) { try $0.removeRole("fin-controller") } == nil)
        #expect(try today(org) { try $0.removeRole("pm-payments") } == nil)
    }

    // MARK: - Setting and moving

    @Test func settingAFieldThatAPlanSetsIsRefusedAndAnotherFieldIsNot() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.updateRole("pm-fleet", RoleChanges(holder: .holder("Planned Person"))) }
        expectNamesPlan(try today(org) { try $0.updateRole("pm-fleet", RoleChanges(holder: .holder("Hired Today"))) }, plan,
                        mentioning: ["pm-fleet", "holder"])
        #expect(try today(org) { try $0.updateRole("pm-fleet", RoleChanges(grade: 7)) } == nil)
        #expect(try org.asOf(Self.afterPlan).role("pm-fleet").holder == "Planned Person")
        #expect(try org.asOf(.now()).role("pm-fleet").holder == nil)
    }

    @Test func movingARoleThatAPlanMovesIsRefusedAndMovingItsManagerIsNot() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.move("pm-crm", to: "cio") }
        expectNamesPlan(try today(org) { try $0.move("pm-crm", to: "coo") }, plan, mentioning: ["pm-crm"])
        #expect(try today(org) { try $0.move("prog-digital-manager", to: "cio") } == nil)
        #expect(try today(org) { try $0.updateRole("pm-crm", RoleChanges(holder: .holder("Hired Today"))) } == nil)
        #expect(try org.asOf(.now()).chain(of: "pm-crm").map(\.key) == ["pm-crm", "prog-digital-manager", "cio", "ceo"])
        #expect(try org.asOf(Self.afterPlan).chain(of: "pm-crm").map(\.key) == ["pm-crm", "cio", "ceo"])
    }

    /// Moving a role today onto the manager it has a dotted line to only
    /// until the plan removes that line would leave both lines today.
    @Test func aMoveOntoALineThePlanRemovesIsRefused() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.removeDottedLine(from: "pm-fleet", to: "pmo-ops-manager") }
        expectNamesPlan(try today(org) { try $0.move("pm-fleet", to: "pmo-ops-manager") }, plan, mentioning: ["pm-fleet"])
    }

    // MARK: - Units

    /// Today the unit still has the role the plan moves out: the refusal
    /// says so, counting as of today.
    @Test func removingAUnitThatIsEmptyOnlyThanksToAPlanIsRefused() throws {
        let org = try exampleDatabase()
        _ = try planned(org) { try $0.updateRole("pm-crm", RoleChanges(unit: "proj-payments")) }
        #expect(try today(org) { try $0.removeUnit("proj-crm") } == .unitNotEmpty(key: "proj-crm", roles: 1, units: 0))
    }

    /// Empty today, but a plan puts a role in it: the refusal names the
    /// plan, not roles that are not there yet.
    @Test func removingAUnitAPlanFillsIsRefusedNamingThePlan() throws {
        let org = try exampleDatabase()
        try org.addUnit(UnitDraft(key: "proj-new", name: "New Project", kind: .project, parent: "it"))
        let plan = try planned(org) { try $0.updateRole("pm-crm", RoleChanges(unit: "proj-new")) }
        expectNamesPlan(try today(org) { try $0.removeUnit("proj-new") }, plan, mentioning: ["proj-new", "pm-crm"])
    }

    /// Today proj-crm is inside prog-digital; only the plan takes it out.
    @Test func aUnitLoopTodayIsRefused() throws {
        let org = try exampleDatabase()
        _ = try planned(org) { try $0.updateUnit("proj-crm", UnitChanges(parent: "it")) }
        #expect(try today(org) { try $0.updateUnit("prog-digital", UnitChanges(parent: "proj-crm")) }
            == .unitCycle(path: ["prog-digital", "proj-crm", "prog-digital"]))
    }

    /// And the other way round: a loop only once the plan is in force.
    @Test func aUnitLoopOnThePlansDateIsRefused() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.updateUnit("it", UnitChanges(parent: "fin")) }
        expectNamesPlan(try today(org) { try $0.updateUnit("fin", UnitChanges(parent: "it-eng")) }, plan, mentioning: ["it", "fin"])
    }

    // MARK: - PMO type

    /// The line changes a new PMO type implies are worked out from the
    /// governance in force today, not from governance a plan adds later.
    @Test func aPMOTypeChangeFollowsTodaysGovernance() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "pm-new", title: "Project Manager", reportsTo: "cio"))
        try org.addUnit(UnitDraft(key: "proj-new", name: "New Project", kind: .project, parent: "it", head: "pm-new"))
        _ = try planned(org) { try $0.addGovernance(pmo: "pmo-it", unit: "proj-new") }
        #expect(try today(org) { try $0.changePMOType("pmo-it", to: .controlling) } == nil)
        let summary = try org.history()[0].summary
        #expect(!summary.contains { $0.contains("pm-new") }, "\(summary)")
        #expect(try org.asOf(.now()).db.integer("""
            SELECT count(*) FROM dotted_line d JOIN role r ON r.id = d.role_id WHERE r.key = 'pm-new'
            """) == 0)
    }

    @Test func aPMOTypeChangeStillCoversGovernanceAPlanEnds() throws {
        let org = try exampleDatabase()
        _ = try planned(org) { try $0.removeGovernance(pmo: "pmo-it", unit: "prog-digital") }
        #expect(try today(org) { try $0.changePMOType("pmo-it", to: .controlling) } == nil)
        #expect(try manager(org, "prog-digital-manager", at: .now()) == "cio")
        #expect(try org.asOf(Self.afterPlan).governedUnits(by: "pmo-it").isEmpty)
    }

    // MARK: - Dotted lines and undo

    @Test func aLineThePlanAddsOrRemovesCannotBeChangedToday() throws {
        let org = try exampleDatabase()
        let removal = try planned(org) { try $0.removeDottedLine(from: "pm-fleet", to: "pmo-ops-manager") }
        // Today the line is there.
        #expect(try today(org) { try $0.addDottedLine(from: "pm-fleet", to: "pmo-ops-manager") }
            == .lineExists(role: "pm-fleet", manager: "pmo-ops-manager", solid: false))
        expectNamesPlan(try today(org) { try $0.removeDottedLine(from: "pm-fleet", to: "pmo-ops-manager") }, removal,
                        mentioning: ["removes the dotted line from pm-fleet to pmo-ops-manager"])

        let org2 = try exampleDatabase()
        let addition = try planned(org2) { try $0.addDottedLine(from: "pm-rebrand", to: "pmo-mkt-manager") }
        // Today there is no such line.
        #expect(try today(org2) { try $0.removeDottedLine(from: "pm-rebrand", to: "pmo-mkt-manager") }
            == .noSuchLine(role: "pm-rebrand", manager: "pmo-mkt-manager"))
        expectNamesPlan(try today(org2) { try $0.addDottedLine(from: "pm-rebrand", to: "pmo-mkt-manager") }, addition,
                        mentioning: ["draws the dotted line from pm-rebrand to pmo-mkt-manager"])
        #expect(try today(org2) { try $0.addDottedLine(from: "pm-crm", to: "cfo") } == nil)
    }

    @Test func undoWhileAPlanIsPendingTakesBackOnlyItsChange() throws {
        let org = try exampleDatabase()
        _ = try planned(org) { try $0.move("pm-crm", to: "cio") }
        #expect(try today(org) { try $0.updateRole("pm-crm", RoleChanges(holder: .holder("Hired Today"))) } == nil)
        #expect(try today(org) { try $0.undo() } == nil)
        #expect(try org.asOf(Self.afterPlan).role("pm-crm").holder == "Ravi Patel")
        #expect(try manager(org, "pm-crm", at: Self.afterPlan) == "cio")
        // Then the plan itself.
        try org.undo()
        #expect(try manager(org, "pm-crm", at: Self.afterPlan) == "prog-digital-manager")
        #expect(try org.asOf(.now()).differences(to: org.asOf(Self.afterPlan)).isEmpty)
    }

    /// A role a plan adds is not there to point at before the plan's date,
    /// whatever later plans do to it: the refusal names the plan that adds it.
    @Test func aRoleAPlanAddsIsNotInForceBeforeItsDate() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.addRole(RoleDraft(key: "newdir", title: "Director", reportsTo: "ceo")) }
        org.intent = ChangeIntent(effective: Self.afterPlan)
        try org.updateRole("newdir", RoleChanges(holder: .holder("Later Hire")))
        org.intent = ChangeIntent()
        guard case .notInForce(let key, _, let change, let from)? = try today(org, { try $0.move("pm-crm", to: "newdir") }) else {
            Issue.record("a move under a role a plan adds later was not refused as not in force")
            return
        }
        #expect(key == "newdir")
        #expect(change == plan)
        #expect(from == Self.plan)
    }

    // MARK: - Writes checked only when they are recorded

    /// Governance and undo are not worked out as of their moment, but the
    /// check at recording refuses them as well when they would alter what a
    /// plan does. An import is worked out at its moment and leaves to the
    /// plan what the plan sets, saying so.
    @Test func governanceCannotAlterAPlanAndImportsLeaveItAlone() throws {
        let org = try exampleDatabase()
        let plan = try planned(org) { try $0.removeGovernance(pmo: "pmo-it", unit: "prog-digital") }
        expectNamesPlan(try today(org) { try $0.addGovernance(pmo: "pmo-mkt", unit: "prog-digital") }, plan,
                        mentioning: ["prog-digital"])

        let org2 = try exampleDatabase()
        _ = try planned(org2) { try $0.move("pm-crm", to: "cio") }
        let update = { (csv: String) in
            { (org: OrgDatabase) throws -> Void in
                _ = try org.importChart(.csv(roles: Array(csv.utf8), file: "roles.csv", options: ImportOptions(update: true)),
                                        options: ImportOptions(update: true))
            }
        }
        #expect(try today(org2, update("key,title,grade,reports_to\npm-crm,Project Manager,8,coo\n")) == nil)
        #expect(try manager(org2, "pm-crm", at: .now()) == "prog-digital-manager")
        #expect(try manager(org2, "pm-crm", at: Self.afterPlan) == "cio")
        #expect(try today(org2, update("key,title,holder,reports_to\npm-crm,Project Manager,Ann Lee,cio\n")) == nil)
    }

    // MARK: - Random writes around plans

    /// Random writes today, with plans mixed in. Two databases take the same
    /// writes: `withPlans` also takes the plans; `withoutPlans` takes only
    /// the writes `withPlans` accepted. Today's chart must be the same in
    /// both after every step (no plan leaks into today), and each plan must
    /// still do at its date exactly what it recorded.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func plansNeverLeakIntoTodayNorChangeUnderLaterWrites(seed: UInt64) throws {
        let withPlans = try exampleDatabase(), withoutPlans = try exampleDatabase()
        var random = SplitMix64(seed: seed)
        var nextKey = 0
        var plans: [(date: Timestamp, id: Int64, summary: [String])] = []
        var accepted = 0, refused = 0
        for step in 1...100 {
            if random.chance(25) {
                let date = Timestamp(milliseconds: Self.plan.milliseconds + Int64(random.below(50)) * 86_400_000 + Int64(step))
                withPlans.intent = ChangeIntent(command: "plan \(step)", effective: date)
                let write = RandomWrite.make(on: withPlans, &random, &nextKey)
                let recorded = try withPlans.history().count
                // A write that changes nothing records nothing.
                if refusal({ try write.apply(to: withPlans) }) == nil, try withPlans.history().count > recorded {
                    plans.append((date, try withPlans.history()[0].id, try withPlans.history()[0].summary))
                }
                continue
            }
            withPlans.intent = ChangeIntent(command: "step \(step)")
            var write = RandomWrite.make(on: withoutPlans, &random, &nextKey)
            var conflicts: [PlannedChangeConflict] = []
            if refusal({ conflicts = try write.apply(to: withPlans) }) == nil {
                accepted += 1
                // What an import left to a plan, the chart without plans does not take either.
                write = write.leaving(conflicts)
                let error = refusal { try write.apply(to: withoutPlans) }
                try #require(error == nil, "seed \(seed) step \(step): \(write) was accepted with plans pending, refused without: \(error!)")
            } else {
                refused += 1
            }
            let leak = try withPlans.asOf(.now()).differences(to: withoutPlans).map(\.description)
            try #require(leak.isEmpty, "seed \(seed) step \(step) after \(write): \(leak)")
        }
        #expect(accepted > 30, "seed \(seed): only \(accepted) writes accepted, \(refused) refused")
        #expect(plans.count > 5, "seed \(seed): only \(plans.count) plans recorded")
        for plan in plans {
            let before = try withPlans.asOf(Timestamp(milliseconds: plan.date.milliseconds - 1))
            // The summary names people as they were when the plan was
            // recorded; a later write may have changed a holder since.
            let effect = try before.differences(to: withPlans.asOf(plan.date)).map { withoutNames($0.description) }.sorted()
            // A dotted line the plan's removal took with it by the schema's
            // rule is gone already when a later write removed its other end.
            let expected = try plan.summary.map(withoutNames).filter { line in
                guard let range = line.range(of: " lost its dotted line to ") else { return true }
                let ends = [String(line[..<range.lowerBound]), String(line[range.upperBound...])]
                return try ends.allSatisfy { end in try before.db.integer("SELECT count(*) FROM role WHERE key = ?", [.text(end)]) == 1 }
            }
            #expect(effect == expected.sorted(), "seed \(seed): plan #\(plan.id)")
        }
        #expect(try pathInvariantViolations(withPlans).isEmpty)
        #expect(try withPlans.db.integer("PRAGMA foreign_key_check") == nil)
    }
}

/// One write, by keys, that can be made on either of two databases.
private enum RandomWrite: CustomStringConvertible {
    case addRole(String, manager: String?, unit: String?)
    case move(String, to: String?)
    case remove(String, reassignTo: String?)
    case addLine(String, String)
    case removeLine(String, String)
    case setHolder(String, String?)
    case setGrade(String, Int)
    case addUnit(String, parent: String?, head: String?)
    case setUnitParent(String, String)
    case setUnitHead(String, String)
    case setRoleUnit(String, String)
    case removeUnit(String)
    case pmoType(String, PMOType)
    case governance(pmo: String, unit: String, add: Bool)
    /// An HR file's row for an existing role, with --update: nil leaves a column out.
    case importRow(String, holder: String?, reportsTo: String?, grade: Int?)

    static func make(on org: OrgDatabase, _ random: inout SplitMix64, _ nextKey: inout Int) -> RandomWrite {
        let roles = (try? org.db.statement("SELECT key FROM role ORDER BY key").map { $0.text(0) }) ?? []
        let units = (try? org.db.statement("SELECT key FROM unit ORDER BY key").map { $0.text(0) }) ?? []
        let pmos = (try? org.db.statement("SELECT key FROM unit WHERE kind = 'pmo' ORDER BY key").map { $0.text(0) }) ?? []
        let lines = (try? org.db.statement("""
            SELECT r.key, m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id ORDER BY 1, 2
            """).map { ($0.text(0), $0.text(1)) }) ?? []
        func role() -> String { random.pick(roles) ?? "ceo" }
        if random.chance(15) {
            return .importRow(role(), holder: random.chance(50) ? "Person \(random.below(100))" : nil,
                              reportsTo: random.chance(50) ? role() : nil, grade: random.chance(50) ? random.below(20) : nil)
        }
        switch random.below(14) {
        case 0:
            nextKey += 1
            return .addRole("r\(nextKey)", manager: role(), unit: random.pick(units))
        case 1, 2: return .move(role(), to: role())
        case 3: return .remove(role(), reassignTo: random.chance(30) ? role() : nil)
        case 4: return .addLine(role(), role())
        case 5:
            if let (from, to) = random.pick(lines) { return .removeLine(from, to) }
            return .addLine(role(), role())
        case 6: return .setHolder(role(), random.chance(30) ? nil : "Person \(random.below(100))")
        case 7: return .setGrade(role(), random.below(20))
        case 8:
            nextKey += 1
            return .addUnit("u\(nextKey)", parent: random.pick(units), head: random.chance(50) ? role() : nil)
        case 9: return .setUnitParent(random.pick(units) ?? "acme", random.pick(units) ?? "acme")
        case 10: return .setUnitHead(random.pick(units) ?? "acme", role())
        case 11: return .setRoleUnit(role(), random.pick(units) ?? "acme")
        case 12: return random.chance(50) ? .removeUnit(random.pick(units) ?? "acme") : .pmoType(random.pick(pmos) ?? "pmo-it", PMOType.allCases[random.below(4)])
        default: return .governance(pmo: random.pick(pmos) ?? "pmo-it", unit: random.pick(units) ?? "acme", add: random.chance(60))
        }
    }

    /// The same write less the columns an import left to a plan.
    func leaving(_ conflicts: [PlannedChangeConflict]) -> RandomWrite {
        guard case let .importRow(key, holder, reportsTo, grade) = self, !conflicts.isEmpty else { return self }
        let fields = Set(conflicts.map(\.field))
        // A role a plan adds or removes is left to the plan whole.
        if fields.contains("role") { return .importRow(key, holder: nil, reportsTo: nil, grade: nil) }
        return .importRow(key, holder: fields.contains("holder") ? nil : holder, reportsTo: fields.contains("reports_to") ? nil : reportsTo,
                          grade: fields.contains("grade") ? nil : grade)
    }

    @discardableResult
    func apply(to org: OrgDatabase) throws -> [PlannedChangeConflict] {
        if case let .importRow(key, holder, reportsTo, grade) = self {
            let columns = [("key", key), ("holder", holder), ("reports_to", reportsTo), ("grade", grade.map(String.init))]
                .compactMap { name, value in value.map { (name, $0) } }
            let csv = columns.map(\.0).joined(separator: ",") + "\n" + columns.map(\.1).joined(separator: ",") + "\n"
            let options = ImportOptions(update: true)
            return try org.importChart(.csv(roles: Array(csv.utf8), file: "hr.csv", options: options), options: options).plannedConflicts
        }
        switch self {
        case let .addRole(key, manager, unit):
            try org.addRole(RoleDraft(key: key, title: "Role \(key)", reportsTo: manager, unit: unit))
        case let .move(key, to): try org.move(key, to: to)
        case let .remove(key, reassignTo): try org.removeRole(key, reassignTo: reassignTo)
        case let .addLine(from, to): try org.addDottedLine(from: from, to: to)
        case let .removeLine(from, to): try org.removeDottedLine(from: from, to: to)
        case let .setHolder(key, holder): try org.updateRole(key, RoleChanges(holder: holder.map { .holder($0) } ?? .vacate))
        case let .setGrade(key, grade): try org.updateRole(key, RoleChanges(grade: grade))
        case let .addUnit(key, parent, head):
            try org.addUnit(UnitDraft(key: key, name: "Unit \(key)", kind: .project, parent: parent, head: head))
        case let .setUnitParent(key, parent): try org.updateUnit(key, UnitChanges(parent: parent))
        case let .setUnitHead(key, head): try org.updateUnit(key, UnitChanges(head: head))
        case let .setRoleUnit(key, unit): try org.updateRole(key, RoleChanges(unit: unit))
        case let .removeUnit(key): try org.removeUnit(key)
        case let .pmoType(key, type): try org.changePMOType(key, to: type)
        case let .governance(pmo, unit, add):
            if add { try org.addGovernance(pmo: pmo, unit: unit) } else { try org.removeGovernance(pmo: pmo, unit: unit) }
        case .importRow: break
        }
        return []
    }

    var description: String {
        switch self {
        case let .addRole(key, manager, unit): "add role \(key) under \(manager ?? "-") in \(unit ?? "-")"
        case let .move(key, to): "move \(key) to \(to ?? "the top")"
        case let .remove(key, reassignTo): "remove \(key) reassigning to \(reassignTo ?? "its manager")"
        case let .addLine(from, to): "add line \(from) → \(to)"
        case let .removeLine(from, to): "remove line \(from) → \(to)"
        case let .setHolder(key, holder): "set \(key) holder \(holder ?? "vacant")"
        case let .setGrade(key, grade): "set \(key) grade \(grade)"
        case let .addUnit(key, parent, head): "add unit \(key) in \(parent ?? "-") headed by \(head ?? "-")"
        case let .setUnitParent(key, parent): "set unit \(key) parent \(parent)"
        case let .setUnitHead(key, head): "set unit \(key) head \(head)"
        case let .setRoleUnit(key, unit): "set \(key) unit \(unit)"
        case let .removeUnit(key): "remove unit \(key)"
        case let .pmoType(key, type): "set \(key) pmo type \(type)"
        case let .governance(pmo, unit, add): "\(add ? "add" : "remove") governance \(pmo) → \(unit)"
        case let .importRow(key, holder, reportsTo, grade):
            "import \(key) holder \(holder ?? "-") reports_to \(reportsTo ?? "-") grade \(grade.map(String.init) ?? "-")"
        }
    }
}

extension OrgDatabase {
    /// The differences to `other` with names, as a change's summary words them.
    func namedDifferences(to other: OrgDatabase) throws -> [ChartChange] {
        var changes: [ChartChange] = []
        try forEachNamedDifference(to: other) { changes.append($0) }
        return changes
    }
}

/// `text` without its parenthesised parts: the words of a change, whoever holds the roles.
func withoutNames(_ text: String) -> String {
    var result = "", depth = 0
    for character in text {
        if character == "(" { depth += 1; if result.hasSuffix(" ") { result.removeLast() } }
        if depth == 0 { result.append(character) }
        if character == ")" { depth = max(0, depth - 1) }
    }
    return result
}
