import Foundation
import Testing

@Suite("writes while a change is planned")
struct PlannedChangeCommandTests {
    @Test("removing a role a planned move puts someone under is refused, naming the plan")
    func removalUnderAPlanIsRefused() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-crm", "--to", "cfo", "--effective", "2030-01-01")
        let before = try sandbox.ok("history", "--json").stdout
        let removal = try sandbox.run("remove", "role", "cfo")
        expectFailure(removal, status: Exit.refused, mentions: ["change #2", "2030-01-01", "pm-crm", "cfo"])
        #expect(try sandbox.ok("history", "--json").stdout == before)
        let today = try sandbox.ok("chain", "pm-crm", "--as-of", "now").stdoutLines.map { $0.split(separator: " ").first { $0 != "↑" } ?? "" }
        #expect(today == ["pm-crm", "prog-digital-manager", "pmo-it-director", "cio", "ceo"])
        let planned = try sandbox.ok("chain", "pm-crm", "--as-of", "2030-02-01").stdoutLines.map { $0.split(separator: " ").first { $0 != "↑" } ?? "" }
        #expect(planned == ["pm-crm", "cfo", "ceo"])
        // From the plan's date on, the removal goes through.
        let later = try sandbox.ok("remove", "role", "cfo", "--effective", "2030-01-01").stdoutLines
        #expect(later.first == "Planned for 2030-01-01: removes cfo  Chief Financial Officer — vacant")
        #expect(later.contains("2 direct reports will report to ceo (Amara Okafor): pm-crm (Ravi Patel), fin-controller (Ahmed Hassan)"))
        #expect(try sandbox.json("show", "cfo")["key"] as? String == "cfo")
        #expect(try sandbox.json("show", "pm-crm", "--as-of", "2030-02-01")["reportsTo"] as? String == "ceo")
    }
}
