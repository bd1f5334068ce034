import Foundation
import OrgModel
import Testing

// Without @testable: whatever these tests reach is what an adopting package
// can reach, so an operation that stops being usable from outside fails here.

/// A chart in a file of its own, removed with its side files afterwards.
private struct ChartFile: ~Copyable {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("orgmodel-public-\(UUID().uuidString).db").path

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A company with a directive PMO governing one project whose manager still
/// reports to the business.
private func buildChart(_ org: OrgDatabase) throws {
    try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "Amara Okafor"))
    try org.addUnit(UnitDraft(key: "acme", name: "Acme Holdings", kind: .company, head: "ceo"))
    try org.addRole(RoleDraft(key: "cio", title: "Chief Information Officer", holder: "Priya Shah",
                              reportsTo: "ceo", unit: "acme"))
    try org.addUnit(UnitDraft(key: "pmo-it", name: "IT Delivery PMO", kind: .pmo, pmoType: .directive, parent: "acme"))
    try org.addRole(RoleDraft(key: "pmo-it-director", title: "PMO Director", holder: "Lena Fischer", reportsTo: "cio",
                              unit: "pmo-it", grade: 8, salary: try Money(amount: "95000", currency: "GBP")))
    try org.updateUnit("pmo-it", UnitChanges(head: "pmo-it-director"))
    try org.addRole(RoleDraft(key: "pm-payments", title: "Project Manager", holder: "Sam Okoro", reportsTo: "cio",
                              salary: try Money(amount: "70000.50", currency: "GBP")))
    try org.addUnit(UnitDraft(key: "proj-payments", name: "Payments Platform", kind: .project, parent: "acme",
                              head: "pm-payments"))
    try org.addGovernance(pmo: "pmo-it", unit: "proj-payments")
}

@Suite struct PublicAPITests {
    @Test func buildCheckAndFixAChartInAFile() throws {
        let file = ChartFile()
        let org = try OrgDatabase(path: file.path, access: .write)
        try buildChart(org)
        #expect(try org.governedUnits(by: "pmo-it") == ["proj-payments"])

        let findings = try org.check()
        let breach = try #require(findings.first { $0.rule == .directivePMReportsToPMO })
        #expect(breach.severity == .error)
        #expect(breach.roles.contains("pm-payments"))
        #expect(!breach.message.isEmpty)

        let moved = try org.move("pm-payments", to: "pmo-it-director")
        #expect(moved.from == "cio" && moved.to == "pmo-it-director" && moved.movedCount == 1)
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)

        // Another connection to the same file sees the committed chart.
        let reader = try OrgDatabase(path: file.path, access: .read)
        #expect(try reader.chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "cio", "ceo"])
    }

    @Test func walkRollUpAndCompare() throws {
        let org = try OrgDatabase.inMemory()
        try buildChart(org)
        try org.move("pm-payments", to: "pmo-it-director")
        try org.addDottedLine(from: "pm-payments", to: "ceo")

        let tree = try org.reports(to: "cio", all: true)
        #expect(tree.manager.key == "cio")
        #expect(tree.reports.map { "\($0.role.key)@\($0.depth)" } == ["pmo-it-director@1", "pm-payments@2"])
        #expect(try org.countReports(to: "pmo-it", all: true) == 1)
        let dotted = try org.reports(to: "ceo", includeDotted: true).reports.filter { $0.line == .dotted }
        #expect(dotted.map(\.role.key) == ["pm-payments"])

        let team = try org.rollup(of: "pmo-it").team
        #expect(team.roles == 2 && team.filled == 2 && team.vacant == 0)
        #expect(team.salaryCost == [Money(minorUnits: 16_500_050, currency: "GBP")])

        let answer = try org.compare("pmo-it", "pm-payments")
        #expect(answer.higher == .first)
        #expect(answer.basis == .chain)
        #expect(answer.levels == 1)
        #expect(answer.first.unit == "pmo-it" && answer.first.key == "pmo-it-director")
    }

    @Test func historyPlansAsOfAndUndo() throws {
        let org = try OrgDatabase.inMemory()
        try buildChart(org)
        org.intent = ChangeIntent(command: "move pm-payments into the PMO")
        try org.move("pm-payments", to: "pmo-it-director")
        let latest = try #require(try org.history(of: "pm-payments").first)
        #expect(latest.command == "move pm-payments into the PMO")
        #expect(!latest.summary.isEmpty)

        let january = try #require(Timestamp.parse("2099-01-01", day: .start))
        org.intent = ChangeIntent(command: "PMO to the top", effective: january)
        try org.move("pmo-it-director", to: "ceo")
        org.intent = ChangeIntent()
        let plan = try #require(try org.history().first)
        #expect(plan.effectiveAt == january)
        #expect(try org.hasChanges(after: .now()))
        #expect(try org.hasPlannedChanges(after: .now()))
        #expect(try !org.hasPlannedChanges(after: try #require(Timestamp.parse("2099-01-02", day: .start))))
        #expect(try org.snapshotNow().chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "cio", "ceo"])

        let today = try org.snapshot(asOf: .now())
        #expect(try today.chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "cio", "ceo"])
        let then = try org.snapshot(asOf: try #require(Timestamp.parse("2099-01-01", day: .end)))
        #expect(try then.chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "ceo"])
        let planned = try today.differences(to: then)
        #expect(planned.map(\.kind) == [.roleMoved])
        #expect(planned.first?.key == "pmo-it-director")
        // A snapshot answers as of its moment and is no database: a client
        // cannot write through it (ChartSnapshot has no write methods).
        #expect(then.moment == Timestamp.parse("2099-01-01", day: .end))
        #expect(!((then as Any) is OrgDatabase))
        #expect(try then.find("Lena").first.map { if case .role(let found) = $0 { found.role.key } else { "" } } == "pmo-it-director")

        let undo = try org.undo()
        #expect(undo.undoes == plan.id)
        #expect(try !org.hasChanges(after: .now()))
        #expect(try !org.hasPlannedChanges(after: .now()))
        // A write recorded after a moment takes effect then: a change after it, and no plan.
        let beforeRetitle = Timestamp(milliseconds: Timestamp.now().milliseconds - 1)
        try org.updateRole("pm-payments", RoleChanges(title: "Payments Lead"))
        #expect(try org.hasChanges(after: beforeRetitle))
        #expect(try !org.hasPlannedChanges(after: beforeRetitle))
        #expect(try org.chain(of: "pm-payments").map(\.key) == ["pm-payments", "pmo-it-director", "cio", "ceo"])
    }

    @Test func exportImportsIntoAnotherChart() throws {
        let org = try OrgDatabase.inMemory()
        try buildChart(org)
        var json = ""
        try org.export(.json, title: "Acme") { json += $0 }

        let copy = try OrgDatabase.inMemory()
        let report = try copy.importChart(try ImportSource.json(Array(json.utf8), file: "acme.json"))
        #expect(report.rolesAdded == 4 && report.unitsAdded == 3 && report.governanceAdded == 1)
        #expect(try org.differences(to: copy).isEmpty)
    }

    @Test func aPreparedSearchJudgesRolesAsFindDoes() throws {
        let org = try OrgDatabase.inMemory()
        try buildChart(org)
        let roles = try ["ceo", "cio", "pmo-it-director", "pm-payments"].map { try org.role($0) }
        for text in ["priya", "Priya Shah", "chief", "pm", "PM-PAYMENTS", "director lena", "zzz"] {
            let search = PreparedSearch(text)
            var found: [String: SearchMatch] = [:]
            for case .role(let role) in try org.find(text, limit: 100) { found[role.role.key] = role.match }
            for role in roles {
                #expect(search.match(SearchTerms(role)) == found[role.key], "\(role.key) for \(text)")
                #expect(search.match(SearchTerms(role)) == role.searchMatch(for: text))
            }
        }
        #expect(SearchTerms(try org.role("cio")) == SearchTerms(try org.role("cio")))
        #expect(SearchTerms(try org.role("cio")) != SearchTerms(try org.role("ceo")))
    }

    @Test func exampleOrganisationPassesItsOwnRules() throws {
        let org = try OrgDatabase.inMemory()
        try org.initialise(with: .enterprisePMO)
        #expect(try org.check().filter { $0.severity == .error }.isEmpty)
        #expect(try org.stats().pmosByType.count == 4)
    }
}
