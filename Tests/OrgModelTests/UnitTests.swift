import Testing
@testable import OrgModel

@Suite("Units")
struct UnitTests {
    @Test func aPMONeedsAType() throws {
        let org = try emptyDatabase()
        #expect(refusal { try org.addUnit(UnitDraft(key: "pmo", name: "PMO", kind: .pmo)) }
            == OrgError.pmoTypeRequired(unit: "pmo"))
        #expect(try org.isEmpty())
    }

    @Test(arguments: UnitKind.allCases.filter { $0 != .pmo })
    func onlyAPMOHasAType(_ kind: UnitKind) throws {
        let org = try emptyDatabase()
        #expect(refusal { try org.addUnit(UnitDraft(key: "u", name: "Unit", kind: kind, pmoType: .directive)) }
            == OrgError.pmoTypeOnNonPMO(unit: "u", kind: kind, type: .directive))
        #expect(try org.isEmpty())
    }

    @Test(arguments: PMOType.allCases)
    func aPMOOfEachType(_ type: PMOType) throws {
        let org = try emptyDatabase()
        let unit = try org.addUnit(UnitDraft(key: "pmo", name: "PMO", kind: .pmo, pmoType: type))
        #expect(unit.kind == .pmo)
        #expect(unit.pmoType == type)
    }

    @Test func parentAndHead() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "ceo", title: "CEO"))
        let company = try org.addUnit(UnitDraft(key: "acme", name: "Acme Holdings", kind: .company, head: "ceo"))
        #expect(company == OrgUnit(key: "acme", name: "Acme Holdings", kind: .company, pmoType: nil, parent: nil, head: "ceo"))
        let division = try org.addUnit(UnitDraft(key: "it", name: "IT", kind: .division, parent: "acme"))
        #expect(division.parent == "acme")
        #expect(division.head == nil)
        #expect(try org.unit("it") == division)

        guard case .unknownKey("nowhere", .unit, _)? = refusal({ try org.addUnit(UnitDraft(key: "x", name: "X", kind: .team, parent: "nowhere")) }) else {
            Issue.record("a unit was added under an unknown parent")
            return
        }
        guard case .unknownKey("nobody", .role, _)? = refusal({ try org.addUnit(UnitDraft(key: "x", name: "X", kind: .team, head: "nobody")) }) else {
            Issue.record("a unit was added with an unknown head")
            return
        }
        #expect(try org.kind(of: "x") == nil)
    }

    @Test func updatingNameParentAndHead() throws {
        let org = try exampleDatabase()
        let unit = try org.updateUnit("proj-rebrand", UnitChanges(name: "Brand Refresh 2", parent: "pmo-mkt", head: "brand-director"))
        #expect(unit.name == "Brand Refresh 2")
        #expect(unit.parent == "pmo-mkt")
        #expect(unit.head == "brand-director")
        // Moving the unit into the PMO moves its roles' PMO placement with it.
        #expect(try org.role("pm-rebrand").pmo?.key == "pmo-mkt")

        // An unknown head refuses the whole change, the new name included.
        guard case .unknownKey("nobody", .role, _)? = refusal({ try org.updateUnit("proj-rebrand", UnitChanges(name: "Other", head: "nobody")) }) else {
            Issue.record("a unit was given an unknown head")
            return
        }
        #expect(try org.unit("proj-rebrand").name == "Brand Refresh 2")
        guard case .unknownKey("nowhere", .unit, _)? = refusal({ try org.updateUnit("proj-rebrand", UnitChanges(parent: "nowhere")) }) else {
            Issue.record("a unit was moved under an unknown parent")
            return
        }
    }

    @Test func aUnitCannotBePlacedInsideItself() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "a", name: "A", kind: .division))
        try org.addUnit(UnitDraft(key: "b", name: "B", kind: .department, parent: "a"))
        try org.addUnit(UnitDraft(key: "c", name: "C", kind: .team, parent: "b"))
        let before = try snapshot(org)
        // The path runs from the unit moved, through its would-be parents, back to itself.
        #expect(refusal { try org.updateUnit("a", UnitChanges(parent: "c")) } == OrgError.unitCycle(path: ["a", "c", "b", "a"]))
        #expect(refusal { try org.updateUnit("a", UnitChanges(parent: "b")) } == OrgError.unitCycle(path: ["a", "b", "a"]))
        #expect(refusal { try org.updateUnit("b", UnitChanges(parent: "b")) } == OrgError.unitCycle(path: ["b", "b"]))
        #expect(try snapshot(org) == before)
        // Moving within the tree the other way is fine.
        #expect(try org.updateUnit("c", UnitChanges(parent: "a")).parent == "a")
    }

    @Test func onlyAnEmptyUnitCanBeRemoved() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "Div", name: "Division", kind: .division))
        try org.addUnit(UnitDraft(key: "team", name: "Team", kind: .team, parent: "Div"))
        try org.addRole(RoleDraft(key: "lead", title: "Team Lead", unit: "team"))

        #expect(refusal { try org.removeUnit("div") } == OrgError.unitNotEmpty(key: "Div", roles: 0, units: 1))
        #expect(refusal { try org.removeUnit("team") } == OrgError.unitNotEmpty(key: "team", roles: 1, units: 0))

        try org.removeRole("lead")
        try org.removeUnit("team")
        try org.removeUnit("div")
        #expect(try org.isEmpty())
        guard case .unknownKey("team", .unit, _)? = refusal({ try org.unit("team") }) else {
            Issue.record("a removed unit is still found")
            return
        }
    }

    @Test func removingAGoverningPMORemovesItsGovernance() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "pmo", name: "PMO", kind: .pmo, pmoType: .controlling))
        try org.addUnit(UnitDraft(key: "proj", name: "Project", kind: .project))
        try org.addGovernance(pmo: "pmo", unit: "proj")
        try org.removeUnit("pmo")
        #expect(try org.db.integer("SELECT count(*) FROM governance") == 0)
        #expect(try org.db.integer("PRAGMA foreign_key_check") == nil)
    }
}
