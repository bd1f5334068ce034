import Testing
@testable import OrgModel

/// An update from an HR file that knows nothing of the plans: it is worked
/// out on the chart as of its own moment, keeps every planned change, and
/// says where the file contradicts one. (The plans are dated far ahead so
/// that the tests keep meaning what they say whatever day they run.)
@Suite struct ImportAroundPlansTests {
    static let move = Timestamp.parse("2999-01-01", day: .start)!
    static let hire = Timestamp.parse("2999-01-15", day: .start)!
    static let after = Timestamp.parse("2999-02-01", day: .start)!

    /// The example with a planned move of pm-crm under cio and a planned
    /// hire under cio; returns both changes' numbers.
    private func planned() throws -> (OrgDatabase, move: Int64, hire: Int64) {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "move", effective: Self.move)
        try org.move("pm-crm", to: "cio")
        let move = try org.history()[0].id
        org.intent = ChangeIntent(command: "hire", effective: Self.hire)
        try org.addRole(RoleDraft(key: "pm-new", title: "Project Manager", holder: "Noémie Brun", reportsTo: "cio"))
        let hire = try org.history()[0].id
        org.intent = ChangeIntent(command: "import")
        return (org, move, hire)
    }

    private func update(_ org: OrgDatabase, _ csv: String, dryRun: Bool = false) throws -> ImportReport {
        let options = ImportOptions(update: true, dryRun: dryRun)
        return try org.importChart(.csv(roles: Array(csv.utf8), file: "hr.csv", options: options), options: options)
    }

    /// The way it failed: next month's file, knowing neither plan.
    @Test func nextMonthsFileKeepsThePlannedMoveAndHire() throws {
        let (org, _, _) = try planned()
        let chainToday = try org.asOf(.now()).chain(of: "pm-crm").map(\.key)
        let start = Timestamp.now()
        let report = try update(org, """
            key,title,holder,reports_to
            pm-crm,Project Manager,Ravi Patel,prog-digital-manager
            pm-fleet,Project Manager,Ann Lee,ops-director
            pm-mobile,Project Manager,Olafur Arnalds,prog-digital-manager

            """)
        #expect(report.rolesAdded == 1)
        #expect(report.rolesUpdated == 1)
        #expect(report.rolesMoved == 0)
        #expect(report.plannedConflicts.isEmpty)
        #expect(try org.asOf(Self.after).chain(of: "pm-crm").map(\.key) == ["pm-crm", "cio", "ceo"])
        #expect(try org.asOf(.now()).chain(of: "pm-crm").map(\.key) == chainToday)
        #expect(chainToday[1] == "prog-digital-manager")
        #expect(try org.asOf(Self.after).role("pm-new").reportsTo == "cio")
        #expect(refusal { try org.asOf(.now()).role("pm-new") } != nil)
        // What the import changed, and only that, is its recorded change.
        // (Names aside: a summary names people as the import found them.)
        #expect(try org.history()[0].summary.map(withoutNames).sorted() == (try org.asOf(Timestamp(milliseconds: start.milliseconds - 1))
            .differences(to: org.asOf(.now())).map { withoutNames($0.description) }.sorted()))
        #expect(try org.asOf(.now()).role("pm-fleet").holder == "Ann Lee")
        #expect(try org.asOf(Self.after).role("pm-mobile").reportsTo == "prog-digital-manager")
        #expect(try pathInvariantViolations(org).isEmpty)
    }

    @Test func aFileThatMovesWhatAPlanMovesKeepsThePlanAndSaysSo() throws {
        let (org, move, _) = try planned()
        let report = try update(org, "key,holder,reports_to\npm-crm,Ravi Patel,coo\n")
        #expect(report.plannedConflicts == [PlannedChangeConflict(key: "pm-crm", field: "reports_to", sourceValue: "coo",
                                                                  plannedValue: "cio", change: move, effective: Self.move)])
        #expect(report.rolesMoved == 0)
        #expect(try org.asOf(.now()).role("pm-crm").reportsTo == "prog-digital-manager")
        #expect(try org.asOf(Self.after).role("pm-crm").reportsTo == "cio")
    }

    @Test func aFieldAPlanSetsIsKeptOtherFieldsOfTheRoleAreWritten() throws {
        let org = try exampleDatabase()
        org.intent = ChangeIntent(command: "plan", effective: Self.move)
        try org.updateRole("pm-fleet", RoleChanges(holder: .holder("Planned Person")))
        let plan = try org.history()[0].id
        org.intent = ChangeIntent(command: "import")
        let report = try update(org, "key,holder,grade\npm-fleet,Hired Today,7\n")
        #expect(report.plannedConflicts == [PlannedChangeConflict(key: "pm-fleet", field: "holder", sourceValue: "Hired Today",
                                                                  plannedValue: "Planned Person", change: plan, effective: Self.move)])
        #expect(try org.asOf(.now()).role("pm-fleet").holder == nil)
        #expect(try org.asOf(.now()).role("pm-fleet").grade == 7)
        #expect(try org.asOf(Self.after).role("pm-fleet").holder == "Planned Person")
    }

    @Test func aPlannedHireInTheFileIsLeftToThePlan() throws {
        let (org, _, hire) = try planned()
        let report = try update(org, "key,title,reports_to\npm-new,Project Manager,cio\n")
        #expect(report.rolesAdded == 0)
        #expect(report.plannedConflicts == [PlannedChangeConflict(key: "pm-new", field: "role", sourceValue: "Project Manager",
                                                                  plannedValue: "added", change: hire, effective: Self.hire)])
        #expect(refusal { try org.asOf(.now()).role("pm-new") } != nil)
        #expect(try org.asOf(Self.after).role("pm-new").holder == "Noémie Brun")
    }

    @Test func aDryRunReportsTheSameAndWritesNothing() throws {
        let (org, move, _) = try planned()
        let count = try org.history().count
        let report = try update(org, "key,holder,reports_to\npm-crm,Someone Else,coo\n", dryRun: true)
        #expect(report.dryRun)
        #expect(report.rolesUpdated == 1)
        #expect(report.plannedConflicts.map(\.change) == [move])
        #expect(try org.history().count == count)
        #expect(try org.asOf(.now()).role("pm-crm").holder == "Ravi Patel")
    }
}
