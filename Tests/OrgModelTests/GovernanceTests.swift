import Testing
@testable import OrgModel

@Suite struct GovernanceTests {
    @Test func refusesANonPMO() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        #expect(refusal { try org.addGovernance(pmo: "it", unit: "it-eng") } == .notAPMO(unit: "it", kind: .division))
        #expect(try snapshot(org) == before)
    }

    @Test func refusesAUnitAlreadyGoverned() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        #expect(refusal { try org.addGovernance(pmo: "pmo-it", unit: "proj-warehouse") }
                == .alreadyGoverned(unit: "proj-warehouse", by: "pmo-ops"))
        // Even by the same PMO.
        #expect(refusal { try org.addGovernance(pmo: "pmo-ops", unit: "proj-warehouse") }
                == .alreadyGoverned(unit: "proj-warehouse", by: "pmo-ops"))
        #expect(try snapshot(org) == before)
    }

    @Test func refusesAPMOGoverningItself() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        let error = refusal { try org.addGovernance(pmo: "pmo-it", unit: "pmo-it") }
        guard case .invalidValue(let field, _, _)? = error else {
            Issue.record("expected invalidValue, got \(String(describing: error))")
            return
        }
        #expect(field == "governed unit")
        #expect(try snapshot(org) == before)
    }

    @Test func removeMissingPairIsRefused() throws {
        let org = try exampleDatabase()
        let before = try snapshot(org)
        #expect(refusal { try org.removeGovernance(pmo: "pmo-it", unit: "proj-warehouse") }
                == .notGoverned(unit: "proj-warehouse", by: "pmo-it"))
        #expect(refusal { try org.removeGovernance(pmo: "pmo-it", unit: "it-eng") }
                == .notGoverned(unit: "it-eng", by: "pmo-it"))
        #expect(try snapshot(org) == before)
    }

    @Test func unknownKeysAreRefused() throws {
        let org = try exampleDatabase()
        let error = refusal { try org.addGovernance(pmo: "pmo-nope", unit: "it-eng") }
        guard case .unknownKey(let key, _, _)? = error else {
            Issue.record("expected unknownKey, got \(String(describing: error))")
            return
        }
        #expect(key == "pmo-nope")
    }

    @Test func addAndRemove() throws {
        let org = try exampleDatabase()
        #expect(try org.governedUnits(by: "pmo-it") == ["prog-digital"])
        #expect(try org.governedUnits(by: "pmo-ops") == ["proj-fleet", "proj-warehouse"])
        try org.addGovernance(pmo: "pmo-it", unit: "it-eng")
        #expect(try org.governedUnits(by: "pmo-it") == ["it-eng", "prog-digital"])
        try org.removeGovernance(pmo: "pmo-it", unit: "it-eng")
        #expect(try org.governedUnits(by: "pmo-it") == ["prog-digital"])
        try org.removeGovernance(pmo: "pmo-mkt", unit: "proj-rebrand")
        #expect(try org.governedUnits(by: "pmo-mkt") == [])
    }

    @Test func governanceMakesTheRulesApply() throws {
        // Governed by the directive IT PMO, engineering's director now breaks rule 1.
        let org = try exampleDatabase()
        try org.addGovernance(pmo: "pmo-it", unit: "it-eng")
        let errors = try org.check().filter { $0.severity == .error }
        #expect(errors.map(\.rule) == [.directivePMReportsToPMO])
        #expect(errors.first?.roles == ["eng-director", "cio"])
        #expect(errors.first?.units == ["it-eng", "pmo-it"])
    }
}
