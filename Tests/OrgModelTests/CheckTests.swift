import Testing
@testable import OrgModel

/// A company `co` with CEO `ceo`, a business manager `biz`, a PMO `pmo` of
/// `type` headed by `pmo-head` (reporting to the CEO), and a project `proj`
/// headed by project manager `pm`, reporting to `pmReportsTo`. The PMO
/// governs the project when `governed`; `pm` has a dotted line to each of
/// `dottedTo`. Every role is filled, so no vacancy warnings get in the way.
private func governedChart(_ type: PMOType, pmReportsTo: String, dottedTo: [String] = [],
                           governed: Bool = true) throws -> OrgDatabase {
    let org = try emptyDatabase()
    try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
    try org.addUnit(UnitDraft(key: "pmo", name: "The PMO", kind: .pmo, pmoType: type, parent: "co"))
    try org.addUnit(UnitDraft(key: "proj", name: "A Project", kind: .project, parent: "co"))
    try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "C", unit: "co"))
    try org.addRole(RoleDraft(key: "biz", title: "Business Director", holder: "B", reportsTo: "ceo", unit: "co"))
    try org.addRole(RoleDraft(key: "pmo-head", title: "PMO Director", holder: "H", reportsTo: "ceo", unit: "pmo"))
    try org.addRole(RoleDraft(key: "pm", title: "Project Manager", holder: "P", reportsTo: pmReportsTo, unit: "proj"))
    try org.updateUnit("co", UnitChanges(head: "ceo"))
    try org.updateUnit("pmo", UnitChanges(head: "pmo-head"))
    try org.updateUnit("proj", UnitChanges(head: "pm"))
    for manager in dottedTo { try org.addDottedLine(from: "pm", to: manager) }
    if governed { try org.addGovernance(pmo: "pmo", unit: "proj") }
    return org
}

private func findings(_ org: OrgDatabase, _ rule: CheckRule, limits: CheckLimits = CheckLimits()) throws -> [Finding] {
    try org.check(limits: limits).filter { $0.rule == rule }
}

/// A company with an enterprise PMO `epmo` headed by `cpo`, and optionally a
/// second PMO `pmo-x` headed by `x-head` reporting to the CEO.
private func enterpriseChart(cpoReportsTo: String?, secondPMO: PMOType? = nil) throws -> OrgDatabase {
    let org = try emptyDatabase()
    try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
    try org.addUnit(UnitDraft(key: "epmo", name: "Enterprise PMO", kind: .pmo, pmoType: .enterprise, parent: "co"))
    try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "C", unit: "co"))
    try org.addRole(RoleDraft(key: "coo", title: "Chief Operating Officer", holder: "O", reportsTo: "ceo", unit: "co"))
    try org.addRole(RoleDraft(key: "cpo", title: "Chief Project Officer", holder: "P", reportsTo: cpoReportsTo, unit: "epmo"))
    try org.updateUnit("co", UnitChanges(head: "ceo"))
    try org.updateUnit("epmo", UnitChanges(head: "cpo"))
    if let secondPMO {
        try org.addUnit(UnitDraft(key: "pmo-x", name: "Other PMO", kind: .pmo, pmoType: secondPMO, parent: "co"))
        try org.addRole(RoleDraft(key: "x-head", title: "PMO Manager", holder: "X", reportsTo: "ceo", unit: "pmo-x"))
        try org.updateUnit("pmo-x", UnitChanges(head: "x-head"))
    }
    return org
}

@Suite struct CheckTests {
    @Test func exampleHasNoErrors() throws {
        let org = try exampleDatabase()
        let all = try org.check()
        #expect(all.filter { $0.severity == .error }.isEmpty, "\(all)")
        // Its vacancies are warnings: finance's head (cfo) and fleet's project manager are vacant.
        let vacant = all.filter { $0.rule == .vacantHead }
        #expect(vacant.contains { $0.roles == ["cfo"] && $0.units == ["fin"] })
        #expect(vacant.contains { $0.roles == ["pm-fleet"] && $0.units == ["proj-fleet"] })
        #expect(all.allSatisfy { $0.severity == .warning })
    }

    @Test func severitiesFollowRules() {
        #expect(CheckRule.directivePMReportsToPMO.severity == .error)
        #expect(CheckRule.singleEnterprisePMO.severity == .error)
        #expect(CheckRule.spanOfControl.severity == .warning)
        #expect(CheckRule.ladderInversion.severity == .warning)
        #expect(CheckRule.allCases.count == 11)
        #expect(CheckRule.allCases.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func directivePMMustReportIntoPMO() throws {
        let broken = try findings(governedChart(.directive, pmReportsTo: "biz"), .directivePMReportsToPMO)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == ["pm", "biz"])
        #expect(broken.first?.units == ["proj", "pmo"])
        // The fix is data; the message says it in plain words.
        #expect(broken.first?.remedy == .moveRole(role: "pm", to: "pmo-head"))
        #expect(broken.first?.message.hasSuffix("so move it to pmo-head") == true)

        let fine = try governedChart(.directive, pmReportsTo: "pmo-head").check()
        #expect(fine.isEmpty, "\(fine)")
    }

    @Test func controllingPMKeepsBusinessLine() throws {
        let broken = try findings(governedChart(.controlling, pmReportsTo: "pmo-head"), .controllingPMReportsToBusiness)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == ["pm", "pmo-head"])
        #expect(broken.first?.units == ["proj", "pmo"])

        let fine = try governedChart(.controlling, pmReportsTo: "biz", dottedTo: ["pmo-head"]).check()
        #expect(fine.isEmpty, "\(fine)")
    }

    @Test func controllingPMHasDottedLineToPMO() throws {
        let org = try governedChart(.controlling, pmReportsTo: "biz")
        let broken = try findings(org, .controllingPMDottedToPMO)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == ["pm"])
        #expect(broken.first?.units == ["proj", "pmo"])
        #expect(try findings(org, .controllingPMReportsToBusiness).isEmpty)

        try org.addDottedLine(from: "pm", to: "pmo-head")
        #expect(try org.check().isEmpty)
    }

    @Test func supportivePMOHasNoSolidGovernedPMs() throws {
        let broken = try findings(governedChart(.supportive, pmReportsTo: "pmo-head"), .supportiveHasNoSolidPMs)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == ["pm", "pmo-head"])
        #expect(broken.first?.units == ["proj", "pmo"])

        #expect(try governedChart(.supportive, pmReportsTo: "biz").check().isEmpty)
    }

    @Test func supportivePMOHasNoSolidUngovernedPMs() throws {
        let broken = try findings(governedChart(.supportive, pmReportsTo: "pmo-head", governed: false), .supportiveHasNoSolidPMs)
        #expect(broken.count == 1)
        #expect(broken.first?.roles == ["pm", "pmo-head"])
        #expect(broken.first?.units == ["pmo"])

        #expect(try governedChart(.supportive, pmReportsTo: "biz", governed: false).check().isEmpty)
    }

    @Test func enterpriseHeadUnderSomeoneBelowTheTop() throws {
        let broken = try findings(enterpriseChart(cpoReportsTo: "coo"), .enterpriseHeadReportsToTop)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == ["cpo", "coo", "ceo"])
        #expect(broken.first?.units == ["epmo"])

        #expect(try enterpriseChart(cpoReportsTo: "ceo").check().isEmpty)
    }

    @Test func enterpriseHeadReportingToNobody() throws {
        let broken = try findings(enterpriseChart(cpoReportsTo: nil), .enterpriseHeadReportsToTop)
        #expect(broken.count == 1)
        #expect(broken.first?.roles == ["cpo"])
        #expect(broken.first?.units == ["epmo"])
    }

    @Test func singleEnterprisePMO() throws {
        let org = try enterpriseChart(cpoReportsTo: "ceo", secondPMO: .enterprise)
        let broken = try findings(org, .singleEnterprisePMO)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .error)
        #expect(broken.first?.roles == [])
        #expect(broken.first?.units == ["epmo", "pmo-x"])

        let fine = try enterpriseChart(cpoReportsTo: "ceo", secondPMO: .controlling)
        try fine.addDottedLine(from: "x-head", to: "cpo")
        #expect(try fine.check().isEmpty)
    }

    @Test func otherPMOsSitUnderTheEnterprisePMO() throws {
        let org = try enterpriseChart(cpoReportsTo: "ceo", secondPMO: .controlling)
        let broken = try findings(org, .pmoUnderEnterprise)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .warning)
        #expect(broken.first?.roles == ["x-head"])
        #expect(broken.first?.units == ["pmo-x", "epmo"])

        try org.addDottedLine(from: "x-head", to: "cpo")
        #expect(try findings(org, .pmoUnderEnterprise).isEmpty)

        // A solid line does as well as a dotted one.
        let solid = try enterpriseChart(cpoReportsTo: "ceo", secondPMO: .directive)
        try solid.move("x-head", to: "cpo")
        #expect(try solid.check().isEmpty)
    }

    @Test func spanOfControl() throws {
        let org = try orgChart(["boss": nil, "a": "boss", "b": "boss", "c": "boss"])
        let broken = try findings(org, .spanOfControl, limits: CheckLimits(maxSpan: 2))
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .warning)
        #expect(broken.first?.roles == ["boss"])
        #expect(broken.first?.units == [])
        #expect(broken.first?.message.contains("3 direct reports") == true)

        #expect(try findings(org, .spanOfControl, limits: CheckLimits(maxSpan: 3)).isEmpty)
    }

    @Test func chainDepth() throws {
        let org = try orgChart(["a": nil, "b": "a", "c": "b", "d": "c"])
        let broken = try findings(org, .chainDepth, limits: CheckLimits(maxDepth: 2))
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .warning)
        #expect(broken.first?.roles == ["d"])
        #expect(broken.first?.message.contains("3 levels down") == true)

        #expect(try findings(org, .chainDepth, limits: CheckLimits(maxDepth: 3)).isEmpty)
    }

    @Test func unitWithoutHead() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "team", name: "Team", kind: .team))
        let broken = try findings(org, .vacantHead)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .warning)
        #expect(broken.first?.roles == [])
        #expect(broken.first?.units == ["team"])

        try org.addRole(RoleDraft(key: "lead", title: "Team Lead", holder: "Someone", unit: "team"))
        try org.updateUnit("team", UnitChanges(head: "lead"))
        #expect(try org.check().isEmpty)
    }

    @Test func vacantHead() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "team", name: "Team", kind: .team))
        try org.addRole(RoleDraft(key: "lead", title: "Team Lead", unit: "team"))
        try org.updateUnit("team", UnitChanges(head: "lead"))
        let broken = try findings(org, .vacantHead)
        #expect(broken.count == 1)
        #expect(broken.first?.roles == ["lead"])
        #expect(broken.first?.units == ["team"])

        try org.updateRole("lead", RoleChanges(holder: .holder("Someone")))
        #expect(try org.check().isEmpty)
    }

    @Test func ladderInversion() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "analyst", title: "PMO Analyst"))
        try org.addRole(RoleDraft(key: "director", title: "PMO Director", reportsTo: "analyst"))
        let broken = try findings(org, .ladderInversion)
        #expect(broken.count == 1)
        #expect(broken.first?.severity == .warning)
        #expect(broken.first?.roles == ["director", "analyst"])

        let fine = try emptyDatabase()
        try fine.addRole(RoleDraft(key: "director", title: "PMO Director"))
        try fine.addRole(RoleDraft(key: "analyst", title: "PMO Analyst", reportsTo: "director"))
        // Different ladders never invert: a PMO coordinator may manage a project manager.
        try fine.addRole(RoleDraft(key: "coordinator", title: "PMO Coordinator", reportsTo: "director"))
        try fine.addRole(RoleDraft(key: "pm", title: "Project Manager", reportsTo: "coordinator"))
        #expect(try fine.check().isEmpty)
    }

    @Test func explicitRungCountsForInversion() throws {
        let org = try emptyDatabase()
        try org.addRole(RoleDraft(key: "boss", title: "Delivery Lead", rung: .pmoCoordinator))
        try org.addRole(RoleDraft(key: "report", title: "PMO Manager", reportsTo: "boss"))
        #expect(try findings(org, .ladderInversion).first?.roles == ["report", "boss"])
    }

    @Test func errorsComeBeforeWarnings() throws {
        let org = try governedChart(.directive, pmReportsTo: "biz")
        try org.addUnit(UnitDraft(key: "empty", name: "Empty", kind: .team))
        let all = try org.check()
        #expect(all.map(\.rule) == [.directivePMReportsToPMO, .vacantHead])
    }
}
