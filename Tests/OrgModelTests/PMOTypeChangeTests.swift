import Testing
@testable import OrgModel

/// A role's solid manager and its dotted managers (sorted).
private struct Lines: Equatable, CustomStringConvertible {
    var solid: String?
    var dotted: [String]
    var description: String { "solid \(solid ?? "none"), dotted \(dotted)" }
}

private func lines(_ org: OrgDatabase, _ key: String) throws -> Lines {
    let dotted = try org.db.statement("""
        SELECT m.key FROM dotted_line d JOIN role r ON r.id = d.role_id JOIN role m ON m.id = d.manager_id
        WHERE r.key = ? ORDER BY m.key
        """).map([.text(key)]) { $0.text(0) }
    return Lines(solid: try org.role(key).reportsTo, dotted: dotted)
}

/// A line change without its reason, for exact comparison.
private struct Change: Equatable, CustomStringConvertible {
    var action: LineChange.Action
    var role: String
    var from: String?
    var to: String?
    init(_ action: LineChange.Action, _ role: String, from: String? = nil, to: String? = nil) {
        self.action = action; self.role = role; self.from = from; self.to = to
    }
    init(_ change: LineChange) { self.init(change.action, change.role, from: change.from, to: change.to) }
    var description: String { "\(action.rawValue) \(role) \(from ?? "-") -> \(to ?? "-")" }
}

/// Plans the change, checks that planning wrote nothing and gave exactly
/// `expected`, then applies it and checks the same changes came back.
@discardableResult
private func planAndApply(_ org: OrgDatabase, _ pmo: String, to type: PMOType, expected: [Change],
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> PMOTypePlan {
    let before = try snapshot(org)
    let plan = try org.planPMOTypeChange(pmo, to: type)
    #expect(try snapshot(org) == before, "planning wrote to the database", sourceLocation: sourceLocation)
    #expect(plan.applied == false, sourceLocation: sourceLocation)
    #expect(plan.pmo == pmo, sourceLocation: sourceLocation)
    #expect(plan.to == type, sourceLocation: sourceLocation)
    #expect(plan.changes.map(Change.init) == expected, sourceLocation: sourceLocation)
    #expect(plan.changes.allSatisfy { !$0.reason.isEmpty }, sourceLocation: sourceLocation)
    let applied = try org.changePMOType(pmo, to: type)
    #expect(applied.applied, sourceLocation: sourceLocation)
    #expect(applied.changes.map(Change.init) == expected, sourceLocation: sourceLocation)
    #expect(try org.unit(pmo).pmoType == type, sourceLocation: sourceLocation)
    return applied
}

@Suite struct PMOTypeChangeTests {
    @Test func supportiveToDirective() throws {
        let org = try exampleDatabase()
        #expect(try lines(org, "pm-rebrand") == Lines(solid: "brand-director", dotted: []))
        let plan = try planAndApply(org, "pmo-mkt", to: .directive, expected: [
            Change(.move, "pm-rebrand", from: "brand-director", to: "pmo-mkt-manager"),
            Change(.addDotted, "pm-rebrand", to: "brand-director"),
        ])
        #expect(plan.from == .supportive)
        #expect(try lines(org, "pm-rebrand") == Lines(solid: "pmo-mkt-manager", dotted: ["brand-director"]))
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func directiveToControlling() throws {
        let org = try exampleDatabase()
        #expect(try lines(org, "prog-digital-manager") == Lines(solid: "pmo-it-director", dotted: []))
        try planAndApply(org, "pmo-it", to: .controlling, expected: [
            Change(.move, "prog-digital-manager", from: "pmo-it-director", to: "cio"),
            Change(.addDotted, "prog-digital-manager", to: "pmo-it-director"),
            Change(.addDotted, "pm-crm", to: "pmo-it-director"),
            Change(.addDotted, "pm-payments", to: "pmo-it-director"),
        ])
        #expect(try lines(org, "prog-digital-manager") == Lines(solid: "cio", dotted: ["pmo-it-director"]))
        // The programme's project managers move with their programme manager
        // and, under a controlling PMO, get their own dotted line to it.
        #expect(try lines(org, "pm-payments") == Lines(solid: "prog-digital-manager", dotted: ["pmo-it-director"]))
        #expect(try lines(org, "pm-crm") == Lines(solid: "prog-digital-manager", dotted: ["pmo-it-director"]))
    }

    /// A project manager who heads two governed projects is planned for once.
    @Test func aManagerHeadingTwoGovernedUnitsIsPlannedOnce() throws {
        let org = try exampleDatabase()
        try org.addUnit(UnitDraft(key: "proj-erp", name: "ERP Upgrade", kind: .project, parent: "it", head: "pm-crm"))
        try org.addGovernance(pmo: "pmo-it", unit: "proj-erp")
        try planAndApply(org, "pmo-it", to: .controlling, expected: [
            Change(.move, "prog-digital-manager", from: "pmo-it-director", to: "cio"),
            Change(.addDotted, "prog-digital-manager", to: "pmo-it-director"),
            Change(.addDotted, "pm-crm", to: "pmo-it-director"),
            Change(.addDotted, "pm-payments", to: "pmo-it-director"),
        ])
        #expect(try lines(org, "pm-crm") == Lines(solid: "prog-digital-manager", dotted: ["pmo-it-director"]))
    }

    /// A change the tool applies leaves no error of the new type's rules, in
    /// both directions, even for a programme whose unit sits inside the PMO.
    @Test func directiveToControllingAndBackLeavesNoRuleErrors() throws {
        let org = try exampleDatabase()
        try org.changePMOType("pmo-it", to: .controlling)
        var errors = try org.check().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.rule.rawValue) \($0.roles)" })")
        try org.changePMOType("pmo-it", to: .directive)
        errors = try org.check().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.rule.rawValue) \($0.roles)" })")
        #expect(try lines(org, "pm-payments") == Lines(solid: "prog-digital-manager", dotted: []))
    }

    @Test func controllingToDirective() throws {
        let org = try exampleDatabase()
        #expect(try lines(org, "pm-fleet") == Lines(solid: "ops-director", dotted: ["pmo-ops-manager"]))
        try planAndApply(org, "pmo-ops", to: .directive, expected: [
            Change(.move, "pm-fleet", from: "ops-director", to: "pmo-ops-manager"),
            Change(.removeDotted, "pm-fleet", from: "pmo-ops-manager"),
            Change(.addDotted, "pm-fleet", to: "ops-director"),
            Change(.move, "pm-warehouse", from: "ops-director", to: "pmo-ops-manager"),
            Change(.removeDotted, "pm-warehouse", from: "pmo-ops-manager"),
            Change(.addDotted, "pm-warehouse", to: "ops-director"),
        ])
        // The dotted line to the PMO became the solid line, and the plan says so.
        #expect(try lines(org, "pm-fleet") == Lines(solid: "pmo-ops-manager", dotted: ["ops-director"]))
        #expect(try lines(org, "pm-warehouse") == Lines(solid: "pmo-ops-manager", dotted: ["ops-director"]))
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func controllingToSupportive() throws {
        let org = try exampleDatabase()
        try planAndApply(org, "pmo-ops", to: .supportive, expected: [
            Change(.removeDotted, "pm-fleet", from: "pmo-ops-manager"),
            Change(.removeDotted, "pm-warehouse", from: "pmo-ops-manager"),
        ])
        #expect(try lines(org, "pm-fleet") == Lines(solid: "ops-director", dotted: []))
        #expect(try lines(org, "pm-warehouse") == Lines(solid: "ops-director", dotted: []))
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func supportiveToControlling() throws {
        let org = try exampleDatabase()
        try planAndApply(org, "pmo-mkt", to: .controlling, expected: [
            Change(.addDotted, "pm-rebrand", to: "pmo-mkt-manager"),
        ])
        #expect(try lines(org, "pm-rebrand") == Lines(solid: "brand-director", dotted: ["pmo-mkt-manager"]))
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: ["pmo-it", "pmo-ops", "pmo-mkt"])
    func secondEnterprisePMOIsRefused(pmo: String) throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        #expect(refusal { try org.planPMOTypeChange(pmo, to: .enterprise) } == .secondEnterprisePMO(pmo: pmo, existing: "epmo"))
        #expect(refusal { try org.changePMOType(pmo, to: .enterprise) } == .secondEnterprisePMO(pmo: pmo, existing: "epmo"))
        #expect(try snapshot(org) == before)
    }

    @Test func sameTypeChangesNothing() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let plan = try org.changePMOType("pmo-ops", to: .controlling)
        #expect(plan.changes.isEmpty)
        #expect(plan.notes.map(\.message) == ["pmo-ops is already a controlling PMO; nothing changes"])
        #expect(plan.notes.first?.remedy == nil)
        #expect(try snapshot(org) == before)
    }

    @Test func nonPMOIsRefused() throws {
        let org = try exampleDatabase()
        #expect(refusal { try org.planPMOTypeChange("it", to: .directive) } == .notAPMO(unit: "it", kind: .division))
    }

    @Test func directiveThenBackToControllingRestoresLines() throws {
        let org = try exampleDatabase()
        let keys = ["pm-fleet", "pm-warehouse", "pmo-ops-manager", "ops-director"]
        let original = try keys.map { try lines(org, $0) }
        try org.changePMOType("pmo-ops", to: .directive)
        #expect(try keys.map { try lines(org, $0) } != original)
        let back = try org.changePMOType("pmo-ops", to: .controlling)
        #expect(back.changes.map(Change.init) == [
            Change(.move, "pm-fleet", from: "pmo-ops-manager", to: "ops-director"),
            Change(.removeDotted, "pm-fleet", from: "ops-director"),
            Change(.addDotted, "pm-fleet", to: "pmo-ops-manager"),
            Change(.move, "pm-warehouse", from: "pmo-ops-manager", to: "ops-director"),
            Change(.removeDotted, "pm-warehouse", from: "ops-director"),
            Change(.addDotted, "pm-warehouse", to: "pmo-ops-manager"),
        ])
        #expect(try keys.map { try lines(org, $0) } == original)
        #expect(try org.unit("pmo-ops").pmoType == .controlling)
    }

    @Test func planThatWouldCloseACycleIsRefusedAndWritesNothing() throws {
        // The PMO's head reports (solid) to the project manager it would take
        // over, so making the PMO directive would close a loop.
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
        try org.addUnit(UnitDraft(key: "pmo", name: "PMO", kind: .pmo, pmoType: .supportive, parent: "co"))
        try org.addUnit(UnitDraft(key: "proj", name: "Project", kind: .project, parent: "co"))
        try org.addRole(RoleDraft(key: "ceo", title: "CEO", holder: "C", unit: "co"))
        try org.addRole(RoleDraft(key: "pm", title: "Project Manager", holder: "P", reportsTo: "ceo", unit: "proj"))
        try org.addRole(RoleDraft(key: "pmo-head", title: "PMO Manager", holder: "H", reportsTo: "pm", unit: "pmo"))
        try org.updateUnit("co", UnitChanges(head: "ceo"))
        try org.updateUnit("pmo", UnitChanges(head: "pmo-head"))
        try org.updateUnit("proj", UnitChanges(head: "pm"))
        try org.addGovernance(pmo: "pmo", unit: "proj")

        let plan = try org.planPMOTypeChange("pmo", to: .directive)
        #expect(plan.changes.map(Change.init) == [
            Change(.move, "pm", from: "ceo", to: "pmo-head"),
            Change(.addDotted, "pm", to: "ceo"),
        ])
        let before = try snapshot(org)
        let error = refusal { try org.changePMOType("pmo", to: .directive) }
        guard case .cycle? = error else {
            Issue.record("expected a cycle refusal, got \(String(describing: error))")
            return
        }
        #expect(try snapshot(org) == before)
        #expect(try org.unit("pmo").pmoType == .supportive)
        #expect(try lines(org, "pm") == Lines(solid: "ceo", dotted: []))
    }

    @Test func directiveNeedsAHead() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "pmo", name: "PMO", kind: .pmo, pmoType: .supportive))
        try org.addUnit(UnitDraft(key: "proj", name: "Project", kind: .project))
        try org.addRole(RoleDraft(key: "boss", title: "Boss", holder: "B"))
        try org.addRole(RoleDraft(key: "pm", title: "Project Manager", holder: "P", reportsTo: "boss", unit: "proj"))
        try org.updateUnit("proj", UnitChanges(head: "pm"))
        try org.addGovernance(pmo: "pmo", unit: "proj")
        let before = try snapshot(org)
        #expect(refusal { try org.changePMOType("pmo", to: .directive) } == .pmoHasNoHead(pmo: "pmo"))
        #expect(try snapshot(org) == before)
    }
}
