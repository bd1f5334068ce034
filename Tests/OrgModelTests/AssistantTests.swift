import Foundation
import Testing
@testable import OrgModel

/// Assistants: a role that assists the role it reports to, listed first
/// under it and left out of its span of control.
@Suite struct AssistantTests {
    /// ceo with an assistant and two reports; cfo has a report of its own.
    private func chart() throws -> OrgDatabase {
        let org = try orgChart(["ceo": nil, "cfo": "ceo", "cio": "ceo", "fin-analyst": "cfo", "pa": "cio"])
        try org.addRole(RoleDraft(key: "ea-ceo", title: "Executive Assistant", reportsTo: "ceo", assistantTo: "ceo"))
        return org
    }

    @Test func anAddedAssistantReportsToTheRoleItAssists() throws {
        let org = try chart()
        try org.addRole(RoleDraft(key: "ea-cfo", title: "Assistant", assistantTo: "cfo"))
        let role = try org.role("ea-cfo")
        #expect(role.reportsTo == "cfo")
        #expect(role.assistantTo == "cfo")
        #expect(try org.role("fin-analyst").assistantTo == nil)
        guard case .role(let details) = try org.details(of: "cfo") else { Issue.record("not a role"); return }
        #expect(details.assistants == ["ea-cfo"])
        #expect(details.directReports == 2)
    }

    @Test func assistantsComeFirstAmongReports() throws {
        let org = try chart()
        #expect(try org.reports(to: "ceo").reports.map(\.role.key) == ["ea-ceo", "cfo", "cio"])
        #expect(try org.reports(to: "ceo", all: true).reports.map(\.role.key) == ["ea-ceo", "cfo", "fin-analyst", "cio", "pa"])
        // An assistant with reports of its own comes first with its branch;
        // assistants among themselves keep the chart's order.
        try org.updateRole("cio", RoleChanges(assistant: .assistantTo("ceo")))
        #expect(try org.reports(to: "ceo", all: true).reports.map(\.role.key) == ["cio", "pa", "ea-ceo", "cfo", "fin-analyst"])
        var walked: [String] = []
        try org.walkTree { walked.append(String(repeating: " ", count: $0.depth) + $0.role.key + ($0.role.assistantTo == nil ? "" : "*")) }
        #expect(walked == ["ceo", " cio*", "  pa", " ea-ceo*", " cfo", "  fin-analyst"])
        var branch: [String] = []
        try org.walkTree(root: "cio") { branch.append($0.role.key) }
        #expect(branch == ["cio", "pa"])
    }

    @Test func settingAnAssistantElsewhereMovesItInOneRecordedChange() throws {
        let org = try chart()
        let before = try snapshot(org, only: ["role"])
        let changes = try org.history().count
        let role = try org.updateRole("fin-analyst", RoleChanges(assistant: .assistantTo("cio")))
        #expect(role.reportsTo == "cio")
        #expect(role.assistantTo == "cio")
        #expect(try org.history().count == changes + 1)
        #expect(try org.history().first?.summary == [
            "fin-analyst (vacant) moved from cfo (vacant) to cio (vacant)",
            "fin-analyst (vacant) becomes assistant to cio (vacant)",
        ])
        try org.undo()
        #expect(try snapshot(org, only: ["role"]) == before)
    }

    @Test func noAssistantKeepsTheManagerAndAMoveEndsTheAssisting() throws {
        let org = try chart()
        let role = try org.updateRole("ea-ceo", RoleChanges(assistant: RoleChanges.AssistantChange.none))
        #expect(role.reportsTo == "ceo")
        #expect(role.assistantTo == nil)
        #expect(try org.history().first?.summary == ["ea-ceo (vacant) is no longer assistant to ceo (vacant)"])
        try org.undo()
        #expect(try org.role("ea-ceo").assistantTo == "ceo")
        try org.move("ea-ceo", to: "cfo")
        #expect(try org.role("ea-ceo").assistantTo == nil)
        try org.undo()
        #expect(try org.role("ea-ceo").assistantTo == "ceo")
        // Removing the assisted role hands its assistant over as an ordinary report.
        try org.updateRole("pa", RoleChanges(assistant: .assistantTo("cio")))
        try org.removeRole("cio")
        #expect(try org.role("pa").reportsTo == "ceo")
        #expect(try org.role("pa").assistantTo == nil)
    }

    @Test func theChartAsOfAMomentAndItsDiffSeeAssistants() throws {
        let org = try chart()
        let moment = try #require(try org.history().first?.recordedAt)
        Thread.sleep(forTimeInterval: 0.01)
        try org.updateRole("cfo", RoleChanges(assistant: .assistantTo("ceo")))
        let then = try org.snapshot(asOf: moment)
        #expect(try then.role("cfo").assistantTo == nil)
        var lines: [String] = []
        try org.asOf(moment).forEachNamedDifference(to: org) { lines.append($0.description) }
        #expect(lines == ["cfo (vacant) becomes assistant to ceo (vacant)"])
    }

    @Test func assistantsAreLeftOutOfTheSpanOfControl() throws {
        let org = try chart()
        // ceo: two reports and one assistant; cfo, cio: one report each.
        let limits = CheckLimits(maxSpan: 1)
        let wide = try org.check(limits: limits).filter { $0.rule == .spanOfControl }
        #expect(wide.map(\.roles) == [["ceo"]])
        #expect(wide.first?.situation.contains("has 2 direct reports") == true)
        let span = try org.stats(limits: limits).span
        #expect(span.managers == 3)
        #expect(span.max == 2)
        // A manager whose only report is an assistant has no span at all.
        try org.updateRole("pa", RoleChanges(assistant: .assistantTo("cio")))
        #expect(try org.stats(limits: limits).span.managers == 2)
    }

    @Test func refusalsChangeNothing() throws {
        let org = try chart()
        let before = try snapshot(org)
        #expect(refusal { try org.updateRole("cfo", RoleChanges(assistant: .assistantTo("cfo"))) } == .selfAssistant(key: "cfo"))
        #expect(refusal { try org.addRole(RoleDraft(key: "ea", title: "T", assistantTo: "EA")) } == .selfAssistant(key: "ea"))
        #expect(refusal { try org.addRole(RoleDraft(key: "ea", title: "T", reportsTo: "cio", assistantTo: "cfo")) }
            == .assistantReportsElsewhere(key: "ea", assists: "cfo", reportsTo: "cio"))
        if case .unknownKey("cfoo", _, let suggestions)? = refusal({ try org.updateRole("pa", RoleChanges(assistant: .assistantTo("cfoo"))) }) {
            #expect(suggestions.contains("cfo"))
        } else {
            Issue.record("an unknown key was not refused as unknown")
        }
        #expect(refusal { try org.updateRole("cfo", RoleChanges(assistant: .assistantTo("fin-analyst"))) }
            == .cycle(path: ["cfo", "fin-analyst", "cfo"]))
        // Refused after another field changed in the same write: that goes too.
        #expect(refusal { try org.updateRole("cio", RoleChanges(title: "CTO", assistant: .assistantTo("pa"))) } != nil)
        #expect(try snapshot(org) == before)
    }

    @Test func exportAndImportKeepAssistants() throws {
        let org = try chart()
        var csv = ""
        try org.export(.csv, title: "t") { csv += $0 }
        #expect(csv.hasPrefix("key,title,holder,reports_to,unit,dotted_to,grade,salary,currency,rung,assistant_to\r\n"))
        #expect(csv.contains("ea-ceo,Executive Assistant,,ceo,,,,,,,ceo\r\n"))
        var json = ""
        try org.export(.json, title: "t") { json += $0 }
        let copy = try emptyDatabase()
        try copy.importChart(try ImportSource.csv(roles: Array(csv.utf8), file: "c.csv", options: ImportOptions()))
        #expect(try copy.role("ea-ceo").assistantTo == "ceo")
        #expect(try copy.role("cfo").assistantTo == nil)
        let fromJSON = try emptyDatabase()
        try fromJSON.importChart(try ImportSource.json(Array(json.utf8), file: "c.json"))
        #expect(try fromJSON.role("ea-ceo").assistantTo == "ceo")
    }

    @Test func anImportRefusesAnAssistantReportingElsewhere() throws {
        let org = try emptyDatabase()
        let before = try snapshot(org)
        let file = "key,title,reports_to,assistant_to\nceo,CEO,,\ncfo,CFO,ceo,\nea,EA,cfo,ceo\n"
        let error = refusal { try org.importChart(try ImportSource.csv(roles: Array(file.utf8), file: "a.csv", options: ImportOptions())) }
        #expect(error?.description
            == "a.csv:4: column 'assistant_to': an assistant reports to the role it assists; give 'ceo' as its reports_to too; nothing was imported")
        #expect(try snapshot(org) == before)
        // An update import with the column clears what an empty cell leaves empty.
        try org.importChart(try ImportSource.csv(roles: Array("key,title,reports_to,assistant_to\nceo,CEO,,\nea,EA,ceo,ceo\n".utf8), file: "b.csv", options: ImportOptions()))
        #expect(try org.role("ea").assistantTo == "ceo")
        try org.importChart(try ImportSource.csv(roles: Array("key,assistant_to\nea,\n".utf8), file: "c.csv",
                                                  options: ImportOptions(update: true)), options: ImportOptions(update: true))
        #expect(try org.role("ea").assistantTo == nil)
    }

    @Test(arguments: ["v1-enterprise-pmo.db", "v2-enterprise-pmo.db"])
    func anOldChartUpgradesAndTakesAssistants(fixture name: String) throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let dir = try TemporaryDirectory()
        let path = dir.file(name)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: path)
        let reader = try OrgDatabase(path: path, access: .read)
        let chartBefore = try snapshot(reader, only: ["unit", "dotted_line", "governance"])
        let writer = try OrgDatabase(path: path, access: .write)
        let role = try writer.updateRole("pm-payments", RoleChanges(assistant: .assistantTo("cio")))
        #expect(try writer.db.integer("PRAGMA user_version") == Int64(OrgDatabase.schemaVersion))
        #expect(role.assistantTo == "cio")
        #expect(try writer.role("cfo").assistantTo == nil)
        try writer.undo()
        #expect(try writer.role("pm-payments").assistantTo == nil)
        #expect(try snapshot(writer, only: ["unit", "dotted_line", "governance"]) == chartBefore)
        #expect(try pathInvariantViolations(writer).isEmpty)
    }
}
