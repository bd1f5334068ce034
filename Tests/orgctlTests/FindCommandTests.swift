import Foundation
import Testing
@testable import OrgModel
@testable import orgctl

/// `orgctl find`, `orgctl units`, and unknown keys that are people's names,
/// on an HR-style chart keyed by ids with accented names.
@Suite struct FindCommandTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A sandbox whose org.db holds the HR sample.
    private func hrSample() throws -> InProcess {
        let cli = InProcess(sandbox: try Sandbox())
        try cli.run("import", "--units", Self.fixtures.appendingPathComponent("hr-sample-units.csv").path,
                    Self.fixtures.appendingPathComponent("hr-sample.csv").path)
        return cli
    }

    @Test func findShowsKeyTitleHolderUnitAndTop() throws {
        let cli = try hrSample()
        #expect(try cli.text("find", "renee") == """
            E1033  PMO Analyst — Renée Lévesque  unit pmo (Enterprise PMO)  top E1001 (Amara Okafor)

            """)
        #expect(try cli.text("find", "dom cer") == """
            E1007  Project Manager — Dominika Černá  unit prj-payroll (Payroll Renewal)  top E1001 (Amara Okafor)

            """)
        #expect(try cli.text("find", "oconnor").hasPrefix("E1008  Operations Manager — Siobhán O'Connor  unit ops (Operations)"))
        #expect(try cli.text("find", "payroll") == """
            prj-payroll  Payroll Renewal, project  in it  head E1007 (Dominika Černá)

            """)
        #expect(try cli.text("find", "amara okafor") == """
            E1001  Chief Executive Officer — Amara Okafor  unit corp (Nordlys Group)

            """)
        #expect(try cli.text("find", "nobody-here") == "Nothing matches 'nobody-here'; try fewer or shorter words.\n")
        #expect(try cli.run("find", "e10", "--limit", "3").lines.map { String($0.prefix(5)) } == ["E1001", "E1002", "E1003"])
    }

    @Test func findJSONCarriesTheRoleAndWhyItMatched() throws {
        let cli = try hrSample()
        let object = try JSONObject.parse(try cli.text("find", "cerna", "--json"))
        #expect(object["query"] as? String == "cerna")
        #expect(object["count"] as? Int == 1)
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(result["found"] as? String == "role")
        #expect(result["match"] as? String == "name")
        #expect(result["key"] as? String == "E1007")
        #expect(result["holder"] as? String == "Dominika Černá")
        #expect(result["unit"] as? String == "prj-payroll")
        #expect(result["unitName"] as? String == "Payroll Renewal")
        #expect((result["top"] as? [String: Any])?["holder"] as? String == "Amara Okafor")
        let unit = try #require((try JSONObject.parse(try cli.text("find", "human resources", "--json"))["results"] as? [[String: Any]])?.first)
        #expect(unit["found"] as? String == "unit")
        #expect(unit["kind"] as? String == "department")
        #expect(unit["match"] as? String == "whole-name")
        #expect(unit["headHolder"] as? String == "Henrik Lund")
    }

    @Test func findRefusesALimitBelowOne() throws {
        let cli = try hrSample()
        #expect(throws: (any Error).self) { try cli.run("find", "renee", "--limit", "0") }
    }

    @Test func unitsListsTheTreeWithHeadsGovernanceAndHeadcount() throws {
        let cli = try hrSample()
        #expect(try cli.text("units") == """
            corp  Nordlys Group — company, head E1001 (Amara Okafor), 60 roles
              fin  Finance — department, head E1003 (Priya Raman), 9 roles
              hr  Human Resources — department, head E1002 (Henrik Lund), 13 roles
              it  Information Technology — division, head E1004 (Tomasz Wiśniewski), 10 roles
                prj-payroll  Payroll Renewal — project, head E1007 (Dominika Černá), governed by pmo (Enterprise PMO), 1 role
              ops  Operations — division, head E1005 (Isabel Duarte), 13 roles
              pmo  Enterprise PMO — enterprise PMO, head E1006 (Grace Whitfield), 14 roles

            """)
        let object = try JSONObject.parse(try cli.text("units", "--json"))
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(object["count"] as? Int == 7)
        let payroll = try #require(units.first { $0["key"] as? String == "prj-payroll" })
        #expect(payroll["governedBy"] as? String == "pmo")
        #expect(payroll["depth"] as? Int == 2)
        #expect(payroll["headHolder"] as? String == "Dominika Černá")
        #expect(payroll["roles"] as? Int == 1)
        #expect(units.first?["headcount"] as? Int == 60)
    }

    @Test func unitsOfAChartWithoutUnits() throws {
        let cli = InProcess(sandbox: try Sandbox())
        try cli.run("init")
        #expect(try cli.text("units") == "No units yet; add one with 'orgctl add unit KEY --name NAME --kind KIND'.\n")
        #expect(try cli.text("units", "--json") == "{\"count\":0,\"units\":[]}\n")
    }

    /// A name typed where a key belongs is answered with the people it names.
    @Test func anUnknownKeyThatIsANameSuggestsThePerson() throws {
        let cli = try hrSample()
        func message(_ arguments: String...) -> String? {
            do {
                try cli.run(arguments)
                return nil
            } catch let error as OrgError {
                return ErrorText.text(error)
            } catch {
                return "\(error)"
            }
        }
        #expect(message("chain", "Renée") == "no role or unit has the key 'Renée'; did you mean E1033 (Renée Lévesque)?")
        #expect(message("move", "E1007", "--to", "dominika") == "no role has the key 'dominika'; did you mean E1007 (Dominika Černá)?")
        #expect(message("show", "human resources") == "no role or unit has the key 'human resources'; did you mean hr (Human Resources)?")
        #expect(message("add", "role", "x", "--title", "T", "--unit", "nowhere") == "no unit has the key 'nowhere'; list the units with 'orgctl units'")
        #expect(message("chain", "E1099") == "no role or unit has the key 'E1099'; did you mean 'E1009', 'E1019', 'E1029'?")
    }

    /// End to end: a planned hire is found as of its start and not before,
    /// and a refused name-for-key leaves the file as it was.
    @Test func findAsOfSeesAPlannedHireFromItsDate() throws {
        let sandbox = try Sandbox()
        try sandbox.ok("import", "--units", Self.fixtures.appendingPathComponent("hr-sample-units.csv").path,
                       Self.fixtures.appendingPathComponent("hr-sample.csv").path)
        try sandbox.ok("add", "role", "E1080", "--title", "Payroll Specialist", "--holder", "Zoë Ærø", "--reports-to", "E1002",
                       "--effective", "2999-01-15")
        #expect(try sandbox.ok("find", "zoe aero", "--as-of", "2999-01-14").stdout == "Nothing matches 'zoe aero'; try fewer or shorter words.\n")
        #expect(try sandbox.ok("find", "zoe aero", "--as-of", "2999-01-15").stdout.hasPrefix("E1080  Payroll Specialist — Zoë Ærø"))
        #expect(try sandbox.ok("find", "aero").stdout == "Nothing matches 'aero'; try fewer or shorter words.\n")
        let before = try sandbox.databaseBytes()
        let refused = try sandbox.run("move", "E1007", "--to", "Renée")
        #expect(refused.status == 1)
        #expect(refused.stderr == "orgctl: no role has the key 'Renée'; did you mean E1033 (Renée Lévesque)?\n")
        #expect(try sandbox.databaseBytes() == before)
    }
}
