import Testing
@testable import OrgModel

@Suite("Removing roles")
struct RemovalTests {
    @Test func reportsGoToTheRemovedRolesManagerByDefault() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pmo": "cio", "pm1": "pmo", "pm2": "pmo", "dev": "pm1"])
        let removed = try org.role("pmo")
        let report = try org.removeRole("pmo")
        #expect(report == RemovalReport(removed: removed, reassignedTo: "cio", reassigned: ["pm1", "pm2"], unitsWithoutHead: []))
        #expect(try org.role("pm1").reportsTo == "cio")
        #expect(try org.role("pm1").depth == 2)
        #expect(try org.role("dev").depth == 3)
        #expect(try keys(org.chain(of: "dev")) == ["dev", "pm1", "cio", "ceo"])
        #expect(try keys(org.reports(to: "cio").reports.map(\.role)) == ["pm1", "pm2"])
        guard case .unknownKey("pmo", .role, _)? = refusal({ try org.role("pmo") }) else {
            Issue.record("a removed role is still found")
            return
        }
    }

    @Test func reportsGoWhereTheyAreReassigned() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "coo": "ceo", "ops": "coo", "pmo": "cio", "pm1": "pmo", "dev": "pm1"])
        let report = try org.removeRole("pmo", reassignTo: "ops")
        #expect(report.reassignedTo == "ops")
        #expect(report.reassigned == ["pm1"])
        #expect(try org.role("pm1").reportsTo == "ops")
        #expect(try org.role("pm1").depth == 3)
        #expect(try org.role("dev").depth == 4)
        #expect(try keys(org.chain(of: "dev")) == ["dev", "pm1", "ops", "coo", "ceo"])
    }

    @Test func aLeafGoesWithoutReassigningAnyone() throws {
        let org = try orgChart(["ceo": nil, "pm": "ceo"])
        let report = try org.removeRole("pm", reassignTo: "ceo")
        #expect(report.reassignedTo == nil)
        #expect(report.reassigned.isEmpty)
        #expect(try org.countReports(to: "ceo") == 0)
    }

    @Test func aRootWithReportsNeedsSomewhereToPutThem() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "coo": "ceo", "other": nil])
        let before = try snapshot(org)
        #expect(refusal { try org.removeRole("ceo") } == OrgError.wouldOrphan(key: "ceo", reports: 2))
        #expect(try snapshot(org) == before)
        // Reassigned to another root, the reports stay in one piece.
        try org.removeRole("ceo", reassignTo: "other")
        #expect(try keys(org.chain(of: "cio")) == ["cio", "other"])
        #expect(try org.role("coo").depth == 1)
        // A root with no reports goes freely.
        try org.removeRole("cio")
        try org.removeRole("coo")
        try org.removeRole("other")
        #expect(try org.isEmpty())
    }

    @Test func reportsCannotBeReassignedIntoTheRemovedRolesOwnTree() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pm": "cio", "dev": "pm"])
        let before = try snapshot(org)
        #expect(refusal { try org.removeRole("cio", reassignTo: "dev") } == OrgError.reassignInsideSubtree(key: "cio", target: "dev"))
        #expect(refusal { try org.removeRole("cio", reassignTo: "pm") } == OrgError.reassignInsideSubtree(key: "cio", target: "pm"))
        #expect(refusal { try org.removeRole("cio", reassignTo: "cio") } == OrgError.selfReport(key: "cio"))
        #expect(try snapshot(org) == before)
    }

    @Test func reassigningAcrossADottedLoopIsACycle() throws {
        // x has a dotted line to pm, so pm cannot come to report (solid) to x.
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pm": "cio", "coo": "ceo", "x": "coo"])
        try org.addDottedLine(from: "x", to: "pm")
        let before = try snapshot(org)
        guard case .cycle(let path)? = refusal({ try org.removeRole("cio", reassignTo: "x") }) else {
            Issue.record("a removal closed a loop")
            return
        }
        #expect(path == ["pm", "x", "pm"])
        #expect(try snapshot(org) == before)
    }

    @Test func unitsItHeadedAreLeftWithoutAHead() throws {
        let org = try exampleDatabase()
        let report = try org.removeRole("pm-payments")
        #expect(report.unitsWithoutHead == ["proj-payments"])
        #expect(try org.unit("proj-payments").head == nil)
        let cpo = try org.removeRole("cpo")
        #expect(cpo.unitsWithoutHead == ["epmo"])
        #expect(cpo.reassignedTo == "ceo")
        #expect(Set(cpo.reassigned) == ["epmo-director", "portfolio-manager"])
        #expect(try org.unit("epmo").head == nil)
        #expect(refusal { try org.reports(to: "epmo") } == OrgError.unitHasNoHead(key: "epmo"))
    }

    @Test func itsDottedLinesGoWithIt() throws {
        let org = try exampleDatabase()
        // cpo has dotted reports from three PMO heads; pm-warehouse has a dotted line out.
        try org.removeRole("cpo")
        try org.removeRole("pm-warehouse")
        #expect(try org.db.integer("SELECT count(*) FROM dotted_line d JOIN role r ON r.id = d.role_id WHERE r.key = 'pm-warehouse'") == 0)
        guard case .role(let itHead) = try org.details(of: "pmo-it-director"),
              case .role(let opsHead) = try org.details(of: "pmo-ops-manager") else { return }
        #expect(itHead.dottedTo.isEmpty)
        #expect(opsHead.dottedTo.isEmpty)
        #expect(opsHead.dottedReports == ["pm-fleet"])
        #expect(try org.db.integer("SELECT count(*) FROM dotted_line") == 2)
    }

    @Test func aDottedLineToTheNewManagerBecomesTheSolidLine() throws {
        let org = try orgChart(["ceo": nil, "cio": "ceo", "pmo": "cio", "pm": "pmo"])
        try org.addDottedLine(from: "pm", to: "cio")
        try org.removeRole("pmo")
        guard case .role(let pm) = try org.details(of: "pm") else { return }
        #expect(pm.role.reportsTo == "cio")
        #expect(pm.dottedTo.isEmpty)
    }

    @Test func anUnknownRoleIsNotRemoved() throws {
        let org = try exampleDatabase()
        guard case .unknownKey("pm-paymnts", .role, let suggestions)? = refusal({ try org.removeRole("pm-paymnts") }) else {
            Issue.record("an unknown role was removed")
            return
        }
        #expect(suggestions.first == "pm-payments")
        guard case .unknownKey("nobody", .role, _)? = refusal({ try org.removeRole("pm-payments", reassignTo: "nobody") }) else {
            Issue.record("reports were reassigned to an unknown role")
            return
        }
    }
}
