import Testing
@testable import OrgModel

/// `history KEY` lists exactly the changes that touched that role or unit:
/// those that wrote its row or one of its lines, found from the recorded
/// images and id ranges, never from the words of a summary.
@Suite struct HistoryKeyTests {
    /// The ids of the changes `history(of:)` lists for `key`, oldest first.
    private func touching(_ org: OrgDatabase, _ key: String) throws -> [Int64] {
        try org.history(of: key).map(\.id).reversed()
    }

    private func latest(_ org: OrgDatabase) throws -> Int64 { try org.history()[0].id }

    @Test func aHolderOrTitleNamedLikeAKeyDoesNotTouchThatRole() throws {
        let org = try exampleDatabase()
        try org.updateRole("pm-crm", RoleChanges(holder: .holder("cfo")))
        let holder = try latest(org)
        try org.updateRole("pm-fleet", RoleChanges(title: "Deputy to cio and cfo"))
        let title = try latest(org)
        try org.addRole(RoleDraft(key: "cfo-deputy", title: "cfo", holder: "ceo", reportsTo: "pm-warehouse"))
        let added = try latest(org)
        #expect(try touching(org, "cfo") == [1])
        #expect(try touching(org, "cio") == [1])
        #expect(try touching(org, "ceo") == [1])
        #expect(try touching(org, "pm-crm") == [1, holder])
        #expect(try touching(org, "pm-fleet") == [1, title])
        #expect(try touching(org, "pm-warehouse") == [1, added])
        #expect(try touching(org, "cfo-deputy") == [added])
    }

    /// A move touches the role that moved and both its old and new manager;
    /// a change to a report's other fields does not touch its manager.
    @Test func aMoveTouchesBothManagersAndAFieldChangeOnlyItsRole() throws {
        let org = try exampleDatabase()
        try org.move("pm-payments", to: "pmo-it-director")
        let move = try latest(org)
        try org.updateRole("pm-payments", RoleChanges(holder: .vacate))
        let vacate = try latest(org)
        try org.updateRole("pm-crm", RoleChanges(grade: 7))
        #expect(try touching(org, "pm-payments") == [1, move, vacate])
        #expect(try touching(org, "pmo-it-director") == [1, move])
        #expect(try touching(org, "prog-digital-manager") == [1, move])
        #expect(try touching(org, "cio") == [1])
    }

    @Test func addingAndRemovingReportsAndLinesTouchTheFarEnd() throws {
        let org = try exampleDatabase()
        try org.addRole(RoleDraft(key: "analyst", title: "Analyst", reportsTo: "cfo"))
        let add = try latest(org)
        try org.addDottedLine(from: "analyst", to: "cio")
        let line = try latest(org)
        try org.removeDottedLine(from: "pm-fleet", to: "pmo-ops-manager")
        let unline = try latest(org)
        try org.removeRole("fin-controller")
        let remove = try latest(org)
        #expect(try touching(org, "cfo") == [1, add, remove])
        #expect(try touching(org, "cio") == [1, line])
        #expect(try touching(org, "analyst") == [add, line])
        #expect(try touching(org, "pmo-ops-manager") == [1, unline])
        #expect(try touching(org, "pm-fleet") == [1, unline])
        // A role that is gone keeps its history.
        #expect(try touching(org, "fin-controller") == [1, remove])
    }

    /// Removing a manager moves its reports: the new manager is touched, and
    /// so is every report that moved.
    @Test func aRemovalTouchesTheReportsItMovesAndTheirNewManager() throws {
        let org = try exampleDatabase()
        try org.removeRole("ops-director")
        let remove = try latest(org)
        for key in ["ops-director", "coo", "pm-warehouse", "pm-fleet"] {
            #expect(try touching(org, key) == [1, remove], "\(key)")
        }
        #expect(try touching(org, "pmo-ops-manager") == [1])
        // The unit it was in lost a role.
        #expect(try touching(org, "ops") == [1, remove])
    }

    @Test func unitsAreTouchedByTheirRowsTheirRolesAndTheirGovernance() throws {
        let org = try exampleDatabase()
        try org.updateRole("pm-crm", RoleChanges(unit: "proj-payments"))
        let unit = try latest(org)
        try org.addUnit(UnitDraft(key: "proj-data", name: "cfo data", kind: .project, parent: "it", head: "pm-crm"))
        let added = try latest(org)
        try org.addGovernance(pmo: "pmo-it", unit: "proj-data")
        let governed = try latest(org)
        try org.updateUnit("proj-data", UnitChanges(parent: "fin"))
        let reparented = try latest(org)
        #expect(try touching(org, "proj-crm") == [1, unit])
        #expect(try touching(org, "proj-payments") == [1, unit])
        #expect(try touching(org, "proj-data") == [added, governed, reparented])
        #expect(try touching(org, "pmo-it") == [1, governed])
        #expect(try touching(org, "it") == [1, added, reparented])
        #expect(try touching(org, "fin") == [1, reparented])
        #expect(try touching(org, "pm-crm") == [1, unit, added])
        #expect(try touching(org, "cfo") == [1])
    }

    /// An import is one change; it touches the existing roles its new roles
    /// report to, or draw dotted lines to.
    @Test func anImportTouchesTheRolesItsNewRolesReportTo() throws {
        let org = try exampleDatabase()
        let csv = "key,title,holder,reports_to,dotted_to\nnew-a,Analyst,cfo,cio,\nnew-b,Analyst,,new-a,pm-crm\n"
        try org.importChart(.csv(roles: Array(csv.utf8), file: "roles.csv", options: ImportOptions()))
        let imported = try latest(org)
        #expect(try touching(org, "cio") == [1, imported])
        #expect(try touching(org, "pm-crm") == [1, imported])
        #expect(try touching(org, "new-b") == [imported])
        #expect(try touching(org, "cfo") == [1])
        #expect(try touching(org, "eng-director") == [1])
    }

    @Test func undoTouchesWhatItRestores() throws {
        let org = try exampleDatabase()
        try org.removeRole("pm-crm")
        let remove = try latest(org)
        let undo = try org.undo().id
        #expect(try touching(org, "pm-crm") == [1, remove, undo])
        #expect(try touching(org, "prog-digital-manager") == [1, remove, undo])
        #expect(try touching(org, "proj-crm") == [1, remove, undo])
    }

    @Test func keysAreMatchedWithoutRegardToCaseAndUnknownKeysHaveNoHistory() throws {
        let org = try exampleDatabase()
        try org.move("pm-crm", to: "cio")
        let move = try latest(org)
        #expect(try touching(org, "PM-CRM") == [1, move])
        #expect(try touching(org, "pm").isEmpty)
        #expect(try touching(org, "no-such-key").isEmpty)
        #expect(try org.history(of: "pm-crm", since: Timestamp(milliseconds: Timestamp.now().milliseconds + 60_000)).isEmpty)
    }
}
