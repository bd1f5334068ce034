import Foundation
import Testing
@testable import OrgModel

/// What fixes a problem is data a caller can act on; the words name no command.
@Suite("Remedies")
struct RemedyTests {
    private func plain(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!LibraryTextTests.speaksCLI(text), "\(text)", sourceLocation: sourceLocation)
    }

    @Test("errors carry their fix as a value, and plain words")
    func errors() {
        let cases: [(OrgError, Remedy?)] = [
            (.wouldOrphan(key: "ceo", reports: 2), .reassignReports(of: "ceo", to: nil)),
            (.databaseMissing(path: "org.db"), .createDatabase(path: "org.db")),
            (.pmoTypeRequired(unit: "pmo"), .setPMOType(unit: "pmo", oneOf: PMOType.allCases)),
            (.pmoHasNoHead(pmo: "pmo"), .setUnitHead(unit: "pmo", role: nil)),
            (.unitHasNoHead(key: "ops"), .setUnitHead(unit: "ops", role: nil)),
            (.alreadyGoverned(unit: "proj", by: "pmo"), .removeGovernance(pmo: "pmo", unit: "proj")),
            (.duplicateKey(key: "cto", takenBy: .role), .chooseAnotherKey(key: "cto", takenBy: .role)),
            (.selfReport(key: "cto"), .chooseAnotherManager(role: "cto", outside: nil)),
            (.unknownKey(key: "ctoo", expected: .role, suggestions: ["cto"]), .useExistingKey(suggestions: ["cto"], kind: .role)),
            (.notAnOrgDatabase(path: "roles.csv", problem: .textFile), .importFile(path: "roles.csv")),
            (.busy(path: "org.db"), .tryAgain),
            (.internalError(detail: "x"), nil),
        ]
        for (error, remedy) in cases {
            #expect(error.remedy == remedy, "\(error)")
            plain(error.description)
        }
        let moment = Timestamp(milliseconds: 1_780_000_000_000)
        let conflict = OrgError.plannedChangeConflict(key: "pm", moment: moment, change: 7, from: moment, detail: "puts pm under cfo")
        #expect(conflict.remedies == [.takeEffect(onOrAfter: moment), .undoChange(7)])
        plain(OrgError.notInForce(key: "pm", moment: moment, change: 3, from: moment).description)
        plain(OrgError.nothingToUndo(path: "org.db").description)
        for problem in OrgError.FileProblem.allCases { plain(OrgError.notAnOrgDatabase(path: "x.db", problem: problem).description) }
    }

    @Test("an unknown import column offers a map or to ignore it, in words that name no flag")
    func unknownColumn() throws {
        let org = try emptyDatabase()
        let error = refusal { try importCSV(org, "key,title,colour\nr,R,red\n") }
        guard case let .importRefused(file, line, column, problem)? = error else {
            Issue.record("expected importRefused, got \(String(describing: error))")
            return
        }
        #expect(file == "roles.csv" && line == 1 && column == "colour")
        guard case let .unknownColumn(known) = problem else { Issue.record("\(problem)"); return }
        #expect(known.contains("title"))
        #expect(error?.remedies == [.mapColumn(column: "colour", toOneOf: known), .ignoreUnknownColumns])
        plain(error?.description ?? "")
    }

    @Test("an existing key in an import without update asks for an update")
    func existingKey() throws {
        let org = try emptyDatabase()
        try importCSV(org, "key,title\nceo,Boss\n")
        let error = refusal { try importCSV(org, "key,title\nceo,Boss\n") }
        #expect(error?.remedy == .updateExisting)
        guard case .importRefused(_, 2, "key", .alreadyExists("ceo", .role))? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        plain(error?.description ?? "")
    }

    @Test("every finding of the example chart is in plain words, and the limits are remedies")
    func exampleFindings() throws {
        let org = try exampleDatabase()
        let findings = try org.check(limits: CheckLimits(maxSpan: 1, maxDepth: 1))
        #expect(findings.contains { $0.rule == .spanOfControl && $0.remedy == .raiseLimit(.span) })
        #expect(findings.contains { $0.rule == .chainDepth && $0.remedy == .raiseLimit(.depth) })
        for finding in findings {
            plain(finding.message)
            #expect(finding.message.hasPrefix(finding.situation))
        }
    }

    @Test("a plan that cannot find a project manager's business line says so, with the move to make as a remedy")
    func planNote() throws {
        let org = try emptyDatabase()
        try org.addUnit(UnitDraft(key: "co", name: "Company", kind: .company))
        try org.addUnit(UnitDraft(key: "pmo", name: "The PMO", kind: .pmo, pmoType: .directive, parent: "co"))
        try org.addUnit(UnitDraft(key: "proj", name: "A Project", kind: .project, parent: "co"))
        try org.addRole(RoleDraft(key: "ceo", title: "Chief Executive Officer", holder: "C", unit: "co"))
        try org.addRole(RoleDraft(key: "pmo-head", title: "PMO Director", holder: "H", reportsTo: "ceo", unit: "pmo"))
        try org.addRole(RoleDraft(key: "pm", title: "Project Manager", holder: "P", reportsTo: "pmo-head", unit: "proj"))
        try org.updateUnit("pmo", UnitChanges(head: "pmo-head"))
        try org.updateUnit("proj", UnitChanges(head: "pm"))
        try org.addGovernance(pmo: "pmo", unit: "proj")
        let plan = try org.planPMOTypeChange("pmo", to: .controlling)
        let note = try #require(plan.notes.first)
        #expect(note.remedy == .moveRole(role: "pm", to: nil))
        #expect(note.message.hasPrefix(note.situation) && note.situation.hasPrefix("no business line is known for pm"))
        plain(note.message)
    }

    @Test("a remedy survives a round trip through JSON")
    func codable() throws {
        let remedies: [Remedy] = [.moveRole(role: "pm-x", to: "pmo-head"), .setPMOType(unit: nil, oneOf: [.directive]),
                                  .takeEffect(onOrAfter: Timestamp(milliseconds: 5)), .raiseLimit(.depth), .updateExisting]
        let data = try JSONEncoder().encode(remedies)
        #expect(try JSONDecoder().decode([Remedy].self, from: data) == remedies)
    }
}
