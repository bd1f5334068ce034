import Testing
@testable import OrgModel

@Suite struct LadderTests {
    @Test(arguments: [
        ("PMO Coordinator", Rung.pmoCoordinator),
        ("PMO Officer", .pmoCoordinator),
        ("PMO Analyst", .pmoAnalyst),
        ("Senior PMO Analyst", .pmoAnalyst),
        ("PMO Manager", .pmoManager),
        ("Senior PMO Manager", .pmoManager),
        ("pmo lead", .pmoManager),
        ("PMO Director", .pmoDirector),
        ("Head of PMO", .pmoDirector),
        ("Chief Project Officer", .chiefProjectOfficer),
        ("Chief Project Management Officer", .chiefProjectOfficer),
        ("CPO", .chiefProjectOfficer),
        ("Project Manager", .projectManager),
        ("Senior Project Manager", .projectManager),
        ("IT Project Manager", .projectManager),
        ("Programme Manager", .programmeManager),
        ("Program Manager", .programmeManager),
        ("Portfolio Manager", .portfolioManager),
        ("Head of Projects", .headOfProjects),
        ("VP of Project Management", .headOfProjects),
        ("Vice President of Project Management", .headOfProjects),
    ])
    func titleMapsToRung(title: String, rung: Rung) {
        #expect(Rung.inferred(fromTitle: title) == rung)
    }

    @Test(arguments: ["Chief Executive Officer", "Software Engineer", "Director of Engineering", "Financial Controller", ""])
    func otherTitlesHaveNoRung(title: String) {
        #expect(Rung.inferred(fromTitle: title) == nil)
    }

    @Test func laddersAndRanks() {
        #expect(Rung.Ladder.pmo.rungs == [.pmoCoordinator, .pmoAnalyst, .pmoManager, .pmoDirector, .chiefProjectOfficer])
        #expect(Rung.Ladder.project.rungs == [.projectManager, .programmeManager, .portfolioManager, .headOfProjects])
        #expect(Rung.chiefProjectOfficer.rank == 5)
        #expect(Rung.pmoCoordinator.rank == 1)
        #expect(Rung.headOfProjects.rank == 4)
    }

    @Test func explicitRungOverridesTitle() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "lead", title: "Delivery Lead", rung: .pmoDirector))
        try org.addRole(RoleDraft(key: "promoted", title: "PMO Analyst", rung: .chiefProjectOfficer))
        try org.addRole(RoleDraft(key: "analyst", title: "PMO Analyst"))
        try org.addRole(RoleDraft(key: "nobody", title: "Engineer"))
        #expect(try org.role("lead").rung == .pmoDirector)
        #expect(try org.role("promoted").rung == .chiefProjectOfficer)
        let ladder = Dictionary(uniqueKeysWithValues: try org.ladder().map { ($0.rung, $0) })
        #expect(ladder[.pmoDirector].map { keys($0.roles) } == ["lead"])
        #expect(ladder[.chiefProjectOfficer].map { keys($0.roles) } == ["promoted"])
        #expect(ladder[.pmoAnalyst].map { keys($0.roles) } == ["analyst"])
        #expect(try org.ladder().map(\.count).reduce(0, +) == 3)
    }

    @Test func countsOnTheExample() throws {
        let rungs = try exampleDatabase().ladder()
        #expect(rungs.map(\.rung) == Rung.allCases)
        let counts = Dictionary(uniqueKeysWithValues: rungs.map { ($0.rung, $0.count) })
        #expect(counts == [
            .pmoCoordinator: 2, .pmoAnalyst: 2, .pmoManager: 3, .pmoDirector: 2, .chiefProjectOfficer: 1,
            .projectManager: 5, .programmeManager: 1, .portfolioManager: 1, .headOfProjects: 0,
        ])
        let managers = rungs.first { $0.rung == .pmoManager }.map { keys($0.roles) }
        #expect(managers == ["epmo-manager", "pmo-mkt-manager", "pmo-ops-manager"])
    }

    @Test func limitCapsTheListButNotTheCount() throws {
        let rungs = try exampleDatabase().ladder(limit: 2)
        let pms = try #require(rungs.first { $0.rung == .projectManager })
        #expect(pms.count == 5)
        #expect(keys(pms.roles) == ["pm-crm", "pm-fleet"])
    }
}
