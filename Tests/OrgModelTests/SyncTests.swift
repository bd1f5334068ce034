import Testing
@testable import OrgModel

/// `sync`: the chart made to match an HR export, leavers handled by policy,
/// planned changes kept, and the plan in structured steps.
@Suite struct SyncTests {
    static let base = """
        key,title,holder,reports_to
        E1000,Chief Executive Officer,Ingrid Bergman,
        E1030,Director of Operations,Małgorzata Nowak,E1000
        E1032,Director of Delivery,Olafur Arnalds,E1000
        E1034,Engineer,Mikaël Søndergaard,E1030
        E1013,Analyst,Nuño Peña,E1030
        E1040,Manager,Amara Okafor,E1032
        E1041,Analyst,Lars Berg,E1040

        """
    /// Next month: E1034 moved, E1013 left, E1090 hired, E1040 promoted.
    static let nextMonth = """
        key,title,holder,reports_to
        E1000,Chief Executive Officer,Ingrid Bergman,
        E1030,Director of Operations,Małgorzata Nowak,E1000
        E1032,Director of Delivery,Olafur Arnalds,E1000
        E1034,Engineer,Mikaël Søndergaard,E1032
        E1040,Senior Manager,Amara Okafor,E1032
        E1041,Analyst,Lars Berg,E1040
        E1090,Analyst,Noémie Brun,E1040

        """

    private func chart() throws -> OrgDatabase {
        let org = try OrgDatabase.inMemory()
        try org.importChart(source(Self.base))
        return org
    }

    private func source(_ csv: String) throws -> ImportSource {
        try .csv(roles: Array(csv.utf8), file: "hr.csv", options: ImportOptions(update: true))
    }

    private func name(_ key: String, _ holder: String?) -> SyncPlan.RoleName { .init(key: key, holder: holder) }

    private var expectedSteps: [SyncPlan.Step] {
        [.moves(name("E1034", "Mikaël Søndergaard"), from: name("E1030", "Małgorzata Nowak"), to: name("E1032", "Olafur Arnalds")),
         .leaves(name("E1013", "Nuño Peña"), removed: false),
         .joins(name("E1090", "Noémie Brun"), under: name("E1040", "Amara Okafor")),
         .changes(name("E1040", "Amara Okafor"), field: "title", from: "Manager", to: "Senior Manager")]
    }

    @Test func everyRoleInThePlanIsNamedWithItsTitle() throws {
        let org = try chart()
        let plan = try org.sync(source(Self.nextMonth))
        let move = try #require(plan.steps.first)
        guard case .moves(let role, let from, let to) = move else { Issue.record("\(move) is not a move"); return }
        #expect(role.title == "Engineer" && from?.title == "Director of Operations" && to?.title == "Director of Delivery")
        #expect(plan.steps.contains(.leaves(.init(key: "E1013", holder: "Nuño Peña", title: "Analyst"), removed: false)))
        #expect(plan.steps.contains(.changes(.init(key: "E1040", holder: "Amara Okafor", title: "Senior Manager"),
                                             field: "title", from: "Manager", to: "Senior Manager")))
    }

    @Test func theSameFileIsInStep() throws {
        let org = try chart()
        let plan = try org.sync(source(Self.base))
        #expect(plan.isInStep)
        #expect(plan.conflicts.isEmpty)
    }

    @Test func withoutApplyNothingIsWrittenAndThePlanSaysEverything() throws {
        let org = try chart()
        let recorded = try org.history().count
        let plan = try org.sync(source(Self.nextMonth))
        #expect(plan.steps.map(\.untitled) == expectedSteps)
        #expect(!plan.applied)
        #expect(try org.history().count == recorded)
        #expect(try org.role("E1034").reportsTo == "E1030")
        #expect(try org.role("E1013").holder == "Nuño Peña")
    }

    @Test func applyVacatesLeaversByDefaultAsOneChange() throws {
        let org = try chart()
        let recorded = try org.history().count
        let plan = try org.sync(source(Self.nextMonth), options: SyncOptions(apply: true))
        #expect(plan.applied)
        #expect(plan.steps.map(\.untitled) == expectedSteps)
        #expect(try org.history().count == recorded + 1)
        #expect(try org.role("E1034").reportsTo == "E1032")
        #expect(try org.role("E1013").holder == nil)
        #expect(try org.role("E1090").reportsTo == "E1040")
        #expect(try org.role("E1040").title == "Senior Manager")
        #expect(try org.sync(source(Self.nextMonth)).isInStep)
    }

    @Test func removeTakesLeaversOutAndHandsTheirReportsUp() throws {
        let org = try chart()
        let csv = Self.base.replacing("E1040,Manager,Amara Okafor,E1032\n", with: "")
            .replacing("E1041,Analyst,Lars Berg,E1040\n", with: "")
        try org.addRole(RoleDraft(key: "E1050", title: "Intern", reportsTo: "E1040"))
        let plan = try org.sync(source(csv + "E1050,Intern,,E1032\n"), options: SyncOptions(leavers: .remove, apply: true))
        #expect(plan.steps.map(\.untitled).contains(.leaves(name("E1040", "Amara Okafor"), removed: true)))
        #expect(plan.steps.map(\.untitled).contains(.leaves(name("E1041", "Lars Berg"), removed: true)))
        #expect(refusal { try org.role("E1040") } != nil)
        #expect(refusal { try org.role("E1041") } != nil)
        #expect(try org.role("E1050").reportsTo == "E1032")
        #expect(try pathInvariantViolations(org).isEmpty)
    }

    @Test func keepLeavesLeaversAloneAndNamesThem() throws {
        let org = try chart()
        let plan = try org.sync(source(Self.nextMonth), options: SyncOptions(leavers: .keep, apply: true))
        #expect(!plan.steps.contains { if case .leaves = $0 { true } else { false } })
        #expect(plan.leaversKept.map(\.untitled) == [name("E1013", "Nuño Peña")])
        #expect(try org.role("E1013").holder == "Nuño Peña")
    }

    @Test func scopeComparesOneBranch() throws {
        let org = try chart()
        let division = """
            key,title,holder,reports_to
            E1032,Director of Delivery,Olafur Arnalds,E1000
            E1040,Manager,Amara Okafor,E1032

            """
        let plan = try org.sync(source(division), options: SyncOptions(scope: "E1032", apply: true))
        #expect(plan.steps.map(\.untitled) == [.leaves(name("E1041", "Lars Berg"), removed: false)])
        #expect(try org.role("E1013").holder == "Nuño Peña")
    }

    @Test func anUnknownScopeIsRefusedAndNothingChanges() throws {
        let org = try chart()
        let recorded = try org.history().count
        #expect(refusal { try org.sync(source(Self.nextMonth), options: SyncOptions(scope: "E9999", apply: true)) } != nil)
        #expect(try org.history().count == recorded)
        #expect(try org.role("E1034").reportsTo == "E1030")
    }

    /// The way it failed: a planned move and hire, then this month's file
    /// (knowing neither) synced with apply.
    @Test func plannedMoveAndHireSurviveASync() throws {
        let org = try chart()
        let move = Timestamp.parse("2999-01-01", day: .start)!, hire = Timestamp.parse("2999-01-15", day: .start)!
        org.intent = ChangeIntent(command: "plan", effective: move)
        try org.move("E1034", to: "E1032")
        let moveChange = try org.history()[0].id
        org.intent = ChangeIntent(command: "plan", effective: hire)
        try org.addRole(RoleDraft(key: "E1090", title: "Analyst", holder: "Noémie Brun", reportsTo: "E1040"))
        org.intent = ChangeIntent(command: "sync")
        let file = Self.base.replacing("E1041,Analyst,Lars Berg,E1040", with: "E1041,Analyst,Lars Berg,E1032")
            .replacing("E1034,Engineer,Mikaël Søndergaard,E1030", with: "E1034,Engineer,Mikaël Søndergaard,E1000")
        let plan = try org.sync(source(file), options: SyncOptions(apply: true))
        #expect(plan.steps.map(\.untitled) == [.moves(name("E1041", "Lars Berg"), from: name("E1040", "Amara Okafor"), to: name("E1032", "Olafur Arnalds"))])
        #expect(plan.conflicts == [PlannedChangeConflict(key: "E1034", field: "reports_to", sourceValue: "E1000", plannedValue: "E1032",
                                                         change: moveChange, effective: move)])
        let after = try org.asOf(Timestamp.parse("2999-02-01", day: .start)!)
        #expect(try after.chain(of: "E1034").map(\.key) == ["E1034", "E1032", "E1000"])
        #expect(try after.role("E1090").reportsTo == "E1040")
        #expect(try org.asOf(.now()).role("E1041").reportsTo == "E1032")
        #expect(try org.asOf(.now()).role("E1034").reportsTo == "E1030")
    }
}

extension SyncPlan.RoleName {
    /// The name by key and holder alone, as most of these tests write it.
    var untitled: Self { .init(key: key, holder: holder) }
}

extension SyncPlan.Step {
    /// The step with its roles named by key and holder alone.
    var untitled: Self {
        switch self {
        case .joins(let role, let manager): .joins(role.untitled, under: manager?.untitled)
        case .moves(let role, let from, let to): .moves(role.untitled, from: from?.untitled, to: to?.untitled)
        case .leaves(let role, let removed): .leaves(role.untitled, removed: removed)
        case .changes(let role, let field, let from, let to): .changes(role.untitled, field: field, from: from, to: to)
        case .dottedLine(let role, let to, let drawn): .dottedLine(role.untitled, to: to.untitled, drawn: drawn)
        case .unitAdded: self
        case .assistant(let role, let to, let becomes): .assistant(role.untitled, to: to?.untitled, becomes: becomes)
        }
    }
}
