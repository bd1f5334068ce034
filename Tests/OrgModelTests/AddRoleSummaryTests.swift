import Foundation
import OrgSQLite
import Testing
@testable import OrgModel

/// `addRole` answers with the role as it inserted it, words its change from
/// the same values, and keeps its manager's names for the answer, instead of
/// reading each back: what it says must be exactly what reading gives.
@Suite struct AddRoleSummaryTests {
    /// New roles of every shape: a root, a vacancy, keys given in another
    /// case, a unit inside a PMO, pay, a grade, a rung, an assistant.
    static let drafts = [
        RoleDraft(key: "new-root", title: "Founder"),
        RoleDraft(key: "new-vacant", title: "Analyst", reportsTo: "cio"),
        RoleDraft(key: "New-Cased", title: "Analyst", holder: "Zoë O'Brien", reportsTo: "CIO", unit: "PMO-IT"),
        RoleDraft(key: "new-paid", title: "Project Manager", holder: "Ada Byron", reportsTo: "pmo-it-director",
                  unit: "proj-payments", grade: 6, salary: Money(minorUnits: 51_638_50, currency: "GBP"), rung: .pmoManager),
        RoleDraft(key: "new-assistant", title: "Assistant", holder: "Jo Smith", unit: "fin", assistantTo: "Cio"),
        RoleDraft(key: "new-both", title: "Assistant", reportsTo: "ceo", assistantTo: "ceo"),
    ]

    /// The summary the change's images and rows give, read as a change
    /// that said nothing of what it did is read.
    private func summaryReadBack(_ org: OrgDatabase) throws -> String {
        let change = try #require(try org.db.statement("""
            SELECT id, role_seq, role_seq_end, unit_seq, unit_seq_end FROM change ORDER BY id DESC LIMIT 1
            """).first([]) { ($0.int(0), $0.int(1), $0.int(2), $0.int(3), $0.int(4)) })
        let lines = try ChangeSummary(db: org.db, change: change.0, roleRange: change.1...change.2,
                                      unitRange: change.3...change.4).lines(limit: ChangeLog.summaryLimit)
        return ChangeLog.lines(lines)
    }

    private func storedSummary(_ org: OrgDatabase) throws -> String? {
        try org.db.statement("SELECT summary FROM change ORDER BY id DESC LIMIT 1").first([]) { $0.text(0) }
    }

    @Test(arguments: drafts)
    func theAnswerAndTheSummaryAreWhatReadingBackGives(draft: RoleDraft) throws {
        let org = try exampleDatabase()
        let added = try org.addRole(draft)
        #expect(added == (try org.role(draft.key)))
        let stored = try #require(try storedSummary(org))
        #expect(stored == (try summaryReadBack(org)))
        #expect(stored.hasPrefix("added \(added.key) ("), "\(stored)")
        // The manager's names kept for the answer are the chart's.
        if let manager = added.reportsTo {
            let other = try exampleDatabase()
            _ = try other.addRole(draft)
            #expect(try org.references(for: [manager]).role(manager) == other.references(for: [manager, "nobody"]).role(manager))
        }
    }

    @Test func aWriteThatIsNotOneInsertIsSummarisedFromItsRows() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio"))
        _ = try org.updateRole("new-analyst", RoleChanges(holder: .holder("Ada Byron"), assistant: .assistantTo("ceo")))
        let stored = try #require(try storedSummary(org))
        #expect(stored == (try summaryReadBack(org)))
        #expect(stored.contains("moved from cio (Henrik Lund) to ceo (Amara Okafor)"), "\(stored)")
        // A change told of a created role that is not the one id it gave is read as usual.
        var told = ChangeSummary(db: org.db, change: 1, roleRange: 0...0, unitRange: 0...0)
        told.createdRole = ChangeSummary.CreatedRole(id: 7, state: RoleState(try org.role("ceo")), names: References())
        #expect(try told.lines(limit: 10) == ChangeSummary(db: org.db, change: 1, roleRange: 0...0, unitRange: 0...0).lines(limit: 10))
    }

    @Test func aPlannedOrBackdatedAddIsSummarisedFromItsRows() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "plan", effective: Timestamp.parse("2999-01-01", day: .start)!)
        _ = try org.updateRole("cio", RoleChanges(holder: .holder("Planned Holder")))
        org.intent = ChangeIntent(command: "today")
        try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio"))
        let stored = try #require(try storedSummary(org))
        #expect(stored == (try summaryReadBack(org)))
        // Worked out at its moment, the write keeps no names: the answer reads the chart.
        #expect(org.keptNames == nil)
        #expect(try org.references(for: ["cio"]).role("cio")?.holder == "Planned Holder")
    }
}

/// The manager's names a new role's write kept answer `references(for:)`
/// without a statement, and only while they are the chart's.
@Suite struct KeptNamesTests {
    /// The distinct statements `body` runs on `org`'s connection.
    private func statements(_ org: OrgDatabase, _ body: () throws -> Void) rethrows -> [String] {
        var seen: [String] = []
        org.db.traceStatements { seen.append($0) }
        defer { org.db.traceStatements(nil) }
        try body()
        return seen
    }

    private func file() throws -> (path: String, remove: () -> Void) {
        let folder = NSTemporaryDirectory() + "kept-names-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder + "/org.db", { try? FileManager.default.removeItem(atPath: folder) })
    }

    @Test func theAnswerAfterAnAddReadsNoNamesUntilAnotherConnectionCommits() throws {
        let (path, remove) = try file()
        defer { remove() }
        let org = try OrgDatabase(path: path, access: .write)
        try org.initialise(with: .enterprisePMO)
        try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio"))
        var names = References()
        let kept = try statements(org) { names = try org.references(for: ["cio"]) }
        #expect(!kept.contains(OrgDatabase.referenceSQL), "\(kept)")
        #expect(names.role("cio") == RoleReference(key: "cio", title: "Chief Information Officer", holder: "Henrik Lund", unit: "it"))
        // Keys other than the manager's, or its key in another case, are read.
        #expect(try statements(org) { _ = try org.references(for: ["cio", "ceo"]) }.contains(OrgDatabase.referenceSQL))
        #expect(try statements(org) { names = try org.references(for: ["CIO"]) }.contains(OrgDatabase.referenceSQL))
        #expect(names.role("cio")?.holder == "Henrik Lund")

        // Another connection's commit makes the kept names stale.
        let other = try OrgDatabase(path: path, access: .write)
        _ = try other.updateRole("cio", RoleChanges(holder: .holder("Someone Else")))
        let read = try statements(org) { names = try org.references(for: ["cio"]) }
        #expect(read.contains(OrgDatabase.referenceSQL))
        #expect(names.role("cio")?.holder == "Someone Else")
    }

    @Test func theNextWriteOnTheSameConnectionForgetsThem() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "cio"))
        #expect(org.keptNames != nil)
        _ = try org.updateRole("cio", RoleChanges(holder: .holder("Someone Else")))
        #expect(org.keptNames == nil)
        #expect(try org.references(for: ["cio"]).role("cio")?.holder == "Someone Else")
        // A refused add keeps nothing and changes nothing.
        let before = try snapshot(org)
        #expect(refusal { try org.addRole(RoleDraft(key: "new-analyst", title: "Analyst", reportsTo: "ceo")) } != nil)
        #expect(org.keptNames == nil)
        #expect(try snapshot(org) == before)
    }
}
