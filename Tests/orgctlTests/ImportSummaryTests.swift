import Foundation
import Testing

/// What `import --update` says it did: roles added, moved and changed apart,
/// lines and units, in the same words for a dry run as for the real import.
@Suite("Import summary")
struct ImportSummaryTests {
    private func sandbox(roles: String, units: String? = nil) throws -> Sandbox {
        let sandbox = try Sandbox.example()
        try Data(roles.utf8).write(to: sandbox.url("roles.csv"))
        if let units { try Data(units.utf8).write(to: sandbox.url("units.csv")) }
        return sandbox
    }

    @Test("a file that only moves roles says so")
    func movesOnly() throws {
        let sandbox = try sandbox(roles: "key,reports_to\npm-crm,pmo-it-director\ncfo,coo\n")
        let dry = try sandbox.ok("import", "roles.csv", "--update", "--dry-run")
        #expect(dry.stdout == "Dry run, nothing written: would import roles.csv: 0 roles added, 2 moved, 0 changed.\n")
        let real = try sandbox.ok("import", "roles.csv", "--update")
        #expect(real.stdout == "Imported roles.csv: 0 roles added, 2 moved, 0 changed.\n")
    }

    @Test("a file that adds, moves and changes gives every figure, the same in a dry run and in JSON")
    func everyFigure() throws {
        let roles = """
            key,title,holder,reports_to,dotted_to
            new-a,Analyst,,cio,
            pm-crm,Project Manager,Someone New,prog-digital-manager,
            cfo,Chief Financial Officer,Ada Quist,coo,cpo
            pmo-it-director,PMO Director,Lena Fischer,cio,

            """
        let units = "key,name,kind,parent\nnew-proj,New Project,project,it\nfin,Finance Department,division,acme\n"
        let sandbox = try sandbox(roles: roles, units: units)
        let arguments = ["import", "roles.csv", "--units", "units.csv", "--update"]
        let summary = "roles.csv: 1 role added, 1 moved, 2 changed; 1 unit added, 1 changed; 1 dotted line added, 1 removed.\n"
        #expect(try sandbox.ok(arguments + ["--dry-run"]).stdout == "Dry run, nothing written: would import " + summary)
        let dry = try JSONObject.parse(try sandbox.ok(arguments + ["--dry-run", "--json"]).stdout)
        let real = try JSONObject.parse(try sandbox.ok(arguments + ["--json"]).stdout)
        for (field, value) in [("rolesAdded", 1), ("rolesMoved", 1), ("rolesUpdated", 2), ("unitsAdded", 1), ("unitsUpdated", 1),
                               ("dottedLinesAdded", 1), ("dottedLinesRemoved", 1), ("governanceAdded", 0)] {
            #expect(dry[field] as? Int == value, "\(field) in the dry run")
            #expect(real[field] as? Int == value, "\(field)")
        }
        #expect(dry["dryRun"] as? Bool == true && real["dryRun"] as? Bool == false)
        #expect(try sandbox.ok(arguments).stdout == "Imported roles.csv: nothing to add or change.\n")
    }
}
