import Foundation
import OrgModel
import Testing

// The code of the DocC articles (Sources/OrgModel/OrgModel.docc), run as
// written, so that an article cannot drift from the API it teaches.
@Suite struct DocumentationExampleTests {
    @Test func gettingStarted() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgmodel-docs-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let org = try OrgDatabase(path: path, access: .write)
        let reader = try OrgDatabase(path: path, access: .read)
        let scratch = try OrgDatabase.inMemory()
        #expect(try reader.isEmpty() && scratch.isEmpty())

        try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "Amara Okafor"))
        try org.addUnit(UnitDraft(key: "acme", name: "Acme Holdings", kind: .company, head: "ceo"))
        try org.addRole(RoleDraft(key: "cio", title: "Chief Information Officer", holder: "Priya Shah",
                                  reportsTo: "ceo", unit: "acme"))
        try org.addUnit(UnitDraft(key: "pmo-it", name: "IT Delivery PMO", kind: .pmo,
                                  pmoType: .directive, parent: "acme"))
        try org.addRole(RoleDraft(key: "pmo-it-director", title: "PMO Director", reportsTo: "cio", unit: "pmo-it"))
        try org.updateUnit("pmo-it", UnitChanges(head: "pmo-it-director"))
        try org.addRole(RoleDraft(key: "pm-payments", title: "Project Manager", reportsTo: "pmo-it-director"))
        try org.addUnit(UnitDraft(key: "proj-payments", name: "Payments Platform", kind: .project,
                                  parent: "acme", head: "pm-payments"))
        try org.addGovernance(pmo: "pmo-it", unit: "proj-payments")
        let findings = try org.check()
        #expect(findings.allSatisfy { $0.severity == .warning })

        #expect(try org.reports(to: "cio").reports.map(\.role.key) == ["pmo-it-director"])
        #expect(try org.reports(to: "pmo-it", all: true).reports.map(\.role.key) == ["pm-payments"])
        #expect(try org.chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "cio", "ceo"])
        #expect(try org.compare("pmo-it", "pm-payments").higher == .first)
    }

    @Test func pmoModelAndReportingLines() throws {
        let org = try OrgDatabase.inMemory()
        try org.initialise(with: .enterprisePMO)
        let findings = try org.check(limits: CheckLimits(maxSpan: 7, maxDepth: 8))
        #expect(findings.filter { $0.severity == .error }.isEmpty)

        let plan = try org.planPMOTypeChange("pmo-ops", to: .directive)
        #expect(!plan.changes.isEmpty && !plan.applied)
        #expect(try org.changePMOType("pmo-ops", to: .directive).applied)

        try org.addRole(RoleDraft(key: "pm-new", title: "Project Manager", reportsTo: "prog-digital-manager"))
        try org.addDottedLine(from: "pm-new", to: "cio")
        #expect(try org.move("pm-new", to: "cio").dottedLineReplaced)
        try org.addDottedLine(from: "pm-new", to: "pmo-it-director")
        let tree = try org.reports(to: "cio", all: true, includeDotted: true)
        #expect(tree.reports.contains { $0.role.key == "pm-new" && $0.line == .dotted && $0.dottedTo == "pmo-it-director" })
        #expect(try org.countReports(to: "cio", all: true) == tree.reports.filter { $0.line == .solid }.count)
        #expect(try org.rollup(of: "cio").team.roles == (try org.countReports(to: "cio", all: true)) + 1)
    }

    @Test func historyAndAsOf() throws {
        let org = try OrgDatabase.inMemory()
        try org.initialise(with: .enterprisePMO)
        org.intent = ChangeIntent(command: "reorganise IT")
        try org.move("pm-payments", to: "cio")
        #expect(try org.history(of: "pm-payments").first?.command == "reorganise IT")

        let january = try #require(Timestamp.parse("2099-01-01", day: .start))
        org.intent = ChangeIntent(command: "IT PMO joins the enterprise PMO", effective: january)
        try org.move("pmo-it-director", to: "cpo")
        org.intent = ChangeIntent()

        let now = try org.snapshot(asOf: .now())
        let later = try org.snapshot(asOf: try #require(Timestamp.parse("2099-01-01", day: .end)))
        #expect(try now.chain(of: "pmo-it-director").map(\.key) == ["pmo-it-director", "cio", "ceo"])
        #expect(try later.chain(of: "pmo-it-director").map(\.key) == ["pmo-it-director", "cpo", "ceo"])
        _ = try later.check()
        // The dotted line pmo-it-director had to cpo became its solid line.
        #expect(try now.differences(to: later).map(\.kind) == [.roleMoved, .dottedLineRemoved])
        #expect(try now.differences(to: later).first?.description == "pmo-it-director moved from cio to cpo")

        let undo = try org.undo()
        #expect(undo.undoes != nil)
    }
}
