import Testing
@testable import OrgModel

/// The enterprise-pmo example must show each PMO type placing its project
/// managers as the domain describes.
@Suite("The enterprise PMO example")
struct ExampleTests {
    let org: OrgDatabase

    init() throws { org = try exampleDatabase() }

    private func dottedTo(_ key: String) throws -> [String] {
        guard case .role(let details) = try org.details(of: key) else { return [] }
        return details.dottedTo
    }

    @Test func initialiseRefusesADatabaseThatHoldsAnything() throws {
        #expect(refusal { try org.initialise(with: .enterprisePMO) } == OrgError.databaseNotEmpty(path: ":memory:"))
        #expect(refusal { try org.initialise() } == OrgError.databaseNotEmpty(path: ":memory:"))

        let oneUnit = try emptyDatabase()
        try oneUnit.addUnit(UnitDraft(key: "u", name: "U", kind: .team))
        #expect(refusal { try oneUnit.initialise(with: .enterprisePMO) } == OrgError.databaseNotEmpty(path: ":memory:"))
        #expect(try oneUnit.db.integer("SELECT count(*) FROM role") == 0)
    }

    @Test func initialiseWithoutAnExampleLeavesItEmpty() throws {
        let org = try emptyDatabase()
        try org.initialise()
        #expect(try org.isEmpty())
    }

    @Test func itIsSoundAndComplete() throws {
        #expect(try pathInvariantViolations(org) == [])
        #expect(try org.db.integer("SELECT count(*) FROM role") == 27)
        #expect(try org.db.integer("SELECT count(*) FROM unit") == 16)
        #expect(try org.db.integer("PRAGMA foreign_key_check") == nil)
        // Every unit has a head.
        #expect(try org.db.integer("SELECT count(*) FROM unit WHERE head_role_id IS NULL") == 0)
    }

    @Test func itHasAllFourPMOTypesAndOneEnterprisePMO() throws {
        let types = try org.db.statement("SELECT pmo_type FROM unit WHERE kind = 'pmo' ORDER BY key").map { $0.text(0) }
        #expect(Set(types) == Set(PMOType.allCases.map(\.rawValue)))
        #expect(types.filter { $0 == "enterprise" }.count == 1)
        #expect(try org.unit("epmo").pmoType == .enterprise)
        #expect(try org.unit("pmo-it").pmoType == .directive)
        #expect(try org.unit("pmo-ops").pmoType == .controlling)
        #expect(try org.unit("pmo-mkt").pmoType == .supportive)
    }

    @Test(arguments: ["pm-payments", "pm-crm"])
    func directivePMOsProjectManagersReportIntoIt(_ pm: String) throws {
        let chain = try keys(org.chain(of: pm))
        #expect(chain.contains("pmo-it-director"))
        #expect(try org.unit("pmo-it").head == "pmo-it-director")
        #expect(try org.role(pm).pmo?.type == .directive)
        #expect(try org.role(pm).rung == .projectManager)
    }

    @Test(arguments: ["pm-warehouse", "pm-fleet"])
    func controllingPMOsProjectManagersStayInTheBusiness(_ pm: String) throws {
        #expect(try org.role(pm).reportsTo == "ops-director")
        #expect(try dottedTo(pm) == ["pmo-ops-manager"])
        #expect(try org.unit("pmo-ops").head == "pmo-ops-manager")
        #expect(try keys(org.chain(of: pm)).contains("pmo-ops-manager") == false)
        let project = try #require(org.role(pm).unit)
        guard case .unit(let details) = try org.details(of: project) else { return }
        #expect(details.governedBy == "pmo-ops")
    }

    @Test func theSupportivePMOHasNoSolidProjectManagers() throws {
        #expect(try org.unit("pmo-mkt").head == "pmo-mkt-manager")
        let below = try org.reports(to: "pmo-mkt-manager", all: true).reports.map(\.role)
        #expect(!below.contains { $0.rung == .projectManager || $0.title.contains("Project Manager") })
        // The project it supports is run from the business.
        #expect(try org.role("pm-rebrand").reportsTo == "brand-director")
        #expect(try keys(org.chain(of: "pm-rebrand")).contains("pmo-mkt-manager") == false)
    }

    @Test func theEnterprisePMOsHeadReportsToTheRoot() throws {
        #expect(try org.unit("epmo").head == "cpo")
        let cpo = try org.role("cpo")
        #expect(cpo.reportsTo == "ceo")
        #expect(cpo.rung == .chiefProjectOfficer)
        let ceo = try org.role("ceo")
        #expect(ceo.reportsTo == nil)
        #expect(ceo.depth == 0)
        // The division PMOs answer to it on dotted lines.
        #expect(try dottedTo("pmo-it-director") == ["cpo"])
        #expect(try dottedTo("pmo-ops-manager") == ["cpo"])
        #expect(try dottedTo("pmo-mkt-manager") == ["cpo"])
    }

    @Test func someRolesAreVacant() throws {
        let vacant = try org.db.statement("SELECT key FROM role WHERE holder IS NULL ORDER BY key").map { $0.text(0) }
        #expect(vacant == ["cfo", "epmo-coordinator", "pm-fleet", "pmo-it-analyst"])
        #expect(try org.role("pm-fleet").isVacant)
        #expect(try !org.role("pm-warehouse").isVacant)
    }

    @Test func theLondonPMOSalaryIsTheAnalysts() throws {
        #expect(try org.role("epmo-analyst").salary == Money(minorUnits: 51_638_00, currency: "GBP"))
    }
}
