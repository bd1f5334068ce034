import Foundation
import Testing
@testable import OrgModel

/// A page of a manager's reports with their counts (`childPage`), and the
/// counts of one role (`reportTally`): the same reports, order and figures
/// as `reports(to:)` gives, from one statement.
@Suite struct ChildPageTests {
    @Test func everyManagersPageMatchesItsReportsInOrderWithTheirCounts() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "ea-ceo", title: "Executive Assistant", reportsTo: "ceo", assistantTo: "ceo"))
        try org.addDottedLine(from: "pm-crm", to: "cio")
        var managersSeen = 0
        try org.walkTree { node in
            let key = node.role.key
            let reports = try org.reports(to: key).reports.map(\.role)
            let page = try #require(try org.childPage(of: key, offset: 0, limit: 1_000))
            #expect(page.manager == node.role)
            #expect(page.total == reports.count)
            #expect(page.children.map(\.role) == reports)
            for child in page.children {
                let listed = try org.reports(to: child.role.key, includeDotted: true).reports
                #expect(child.directReports == listed.filter { $0.line == .solid }.count, "\(child.role.key)")
                #expect(child.dottedReports == listed.filter { $0.line == .dotted }.count, "\(child.role.key)")
                #expect(try org.reportTally(of: child.role.key) == ReportFigures(solid: child.directReports, dotted: child.dottedReports))
                let unit = try child.role.unit.map { try org.unit($0) }
                #expect(child.unitName == unit?.name)
                let heads = unit?.head?.lowercased() == child.role.key.lowercased()
                #expect(child.headedPMOType == (heads ? unit?.pmoType : nil))
            }
            if !reports.isEmpty { managersSeen += 1 }
        }
        #expect(managersSeen > 5)
        let ceo = try #require(try org.childPage(of: "CEO", offset: 0, limit: 10))
        #expect(ceo.children.first?.role.key == "ea-ceo")
        #expect(try org.reportTally(of: "cio").dotted == 1)
    }

    @Test func pagesAreSlicesOfTheWholeList() throws {
        let org = try exampleDatabase()
        let all = try org.reports(to: "ceo").reports.map(\.role.key)
        for offset in 0...all.count {
            for limit in 0...3 {
                let page = try #require(try org.childPage(of: "ceo", offset: offset, limit: limit))
                #expect(page.children.map(\.role.key) == Array(all.dropFirst(offset).prefix(limit)))
                #expect(page.total == all.count)
            }
        }
    }

    @Test func anUnknownKeyOrAUnitsKeyIsNoRoleAndCostsNoSuggestions() throws {
        let org = try exampleDatabase()
        #expect(try org.childPage(of: "nobody", offset: 0, limit: 10) == nil)
        #expect(try org.roleIfPresent("nobody") == nil)
        let unit = try #require(try org.unitTree().first?.unit.key)
        #expect(try org.childPage(of: unit, offset: 0, limit: 10) == nil)
        #expect(try org.roleIfPresent(unit) == nil)
        #expect(try org.roleIfPresent("Pm-Payments") == org.role("pm-payments"))
        #expect(refusal { try org.reportTally(of: "nobody") } != nil)
    }

    @Test func overTheChartAsOfAMomentAPlannedKeyIsStillRefusedAsPlanned() throws {
        let folder = NSTemporaryDirectory() + "childpage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let org = try OrgDatabase(path: folder + "/org.db", access: .write)
        try org.initialise(with: .enterprisePMO)
        org.intent.effective = Timestamp.parse("2999-01-01", day: .start)
        try org.addRole(RoleDraft(key: "planned-role", title: "Planned", reportsTo: "ceo"))
        let now = try org.snapshot(asOf: .now())
        guard case .plannedKey(let key, _, _, _)? = refusal({ try now.childPage(of: "planned-role", offset: 0, limit: 5) }) else {
            Issue.record("not refused as planned"); return
        }
        #expect(key == "planned-role")
        guard case .plannedKey? = refusal({ try now.roleIfPresent("planned-role") }) else {
            Issue.record("not refused as planned"); return
        }
        #expect(try now.childPage(of: "nobody", offset: 0, limit: 5) == nil)
        #expect(try now.childPage(of: "ceo", offset: 0, limit: 50)?.children.contains { $0.role.key == "planned-role" } == false)
    }

    /// Index look-ups only: no statement of a page reads a table whole.
    @Test func aPageIsReadThroughTheIndexesOnly() throws {
        let org = try exampleDatabase()
        for sql in [OrgDatabase.childPageSQL, OrgDatabase.reportTallySQL] {
            let steps = try org.db.statement("EXPLAIN QUERY PLAN " + sql).map { $0.text(3) }
            #expect(steps.contains { $0.contains("INDEX role_manager") || $0.contains("INDEX role_key") })
            for step in steps {
                #expect(!step.hasPrefix("SCAN"), "\(step) in \(sql)")
            }
        }
    }
}
