import Foundation
import Testing

/// `orgctl sync`, end to end: the plan in people's words, --apply as one
/// change, exit codes, --json, and planned changes kept.
@Suite struct SyncCommandTests {
    static let base = """
        key,title,holder,reports_to
        E1000,Chief Executive Officer,Ingrid Bergman,
        E1030,Director of Operations,Małgorzata Nowak,E1000
        E1032,Director of Delivery,Olafur Arnalds,E1000
        E1034,Engineer,Mikaël Søndergaard,E1030
        E1013,Analyst,Nuño Peña,E1030
        E1040,Manager,Amara Okafor,E1032

        """
    static let nextMonth = """
        key,title,holder,reports_to
        E1000,Chief Executive Officer,Ingrid Bergman,
        E1030,Director of Operations,Małgorzata Nowak,E1000
        E1032,Director of Delivery,Olafur Arnalds,E1000
        E1034,Engineer,Mikaël Søndergaard,E1032
        E1040,Manager,Amara Okafor,E1032
        E1090,Analyst,Noémie Brun,E1040

        """

    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try Data(Self.base.utf8).write(to: sandbox.url("base.csv"))
        try Data(Self.nextMonth.utf8).write(to: sandbox.url("hr.csv"))
        try sandbox.ok("import", "base.csv")
        return sandbox
    }

    @Test func thePlanInPeoplesWordsThenApplied() throws {
        let sandbox = try sandbox()
        let plan = try sandbox.ok("sync", "hr.csv")
        #expect(plan.stdout == """
            Plan for hr.csv: 1 joining, 1 moving, 1 leaving (vacate), 0 changed.
              E1034 (Mikaël Søndergaard) moves from E1030 (Małgorzata Nowak) to E1032 (Olafur Arnalds)
              E1013 (Nuño Peña) left: position vacant
              E1090 (Noémie Brun) joins under E1040 (Amara Okafor)
            Nothing written; run it again with --apply to make these changes.

            """)
        let exit = try sandbox.run("sync", "hr.csv", "--exit-code")
        #expect(exit.status == 1)
        #expect(exit.stdout == plan.stdout)
        let applied = try sandbox.ok("sync", "hr.csv", "--apply")
        #expect(applied.stdoutLines.first == "Synced with hr.csv: 1 joining, 1 moving, 1 leaving (vacate), 0 changed.")
        #expect(applied.stdoutLines.last == "Written as one change; 'orgctl undo' takes it back.")
        #expect(try sandbox.ok("show", "E1013").stdout.contains("vacant"))
        let again = try sandbox.run("sync", "hr.csv", "--exit-code")
        #expect(again.status == 0)
        #expect(again.stdout == "In step with hr.csv: nothing to change.\n")
    }

    @Test func removeAndJSON() throws {
        let sandbox = try sandbox()
        let json = try sandbox.json("sync", "hr.csv", "--leavers", "remove")
        #expect(json["applied"] as? Bool == false)
        #expect(json["leavers"] as? String == "remove")
        #expect(json["joins"] as? Int == 1)
        #expect(json["moves"] as? Int == 1)
        #expect(json["leaves"] as? Int == 1)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.map { $0["text"] as? String } == [
            "E1034 (Mikaël Søndergaard) moves from E1030 (Małgorzata Nowak) to E1032 (Olafur Arnalds)",
            "E1013 (Nuño Peña) left: role removed, its reports go to its manager",
            "E1090 (Noémie Brun) joins under E1040 (Amara Okafor)",
        ])
        try sandbox.ok("sync", "hr.csv", "--leavers", "remove", "--apply")
        #expect(try sandbox.run("show", "E1013").status == 1)
    }

    @Test func assistantsBecomingAndStoppingAreListed() throws {
        let sandbox = try Sandbox()
        try Data("""
            key,title,holder,reports_to,assistant_to
            E1000,Chief Executive Officer,Ingrid Bergman,,
            E1050,Executive Assistant,Noémie Brun,E1000,
            E1051,Office Manager,Amara Okafor,E1000,E1000

            """.utf8).write(to: sandbox.url("base.csv"))
        try Data("""
            key,title,holder,reports_to,assistant_to
            E1000,Chief Executive Officer,Ingrid Bergman,,
            E1050,Executive Assistant,Noémie Brun,E1000,E1000
            E1051,Office Manager,Amara Okafor,E1000,
            E1052,Assistant,Olafur Arnalds,E1000,E1000

            """.utf8).write(to: sandbox.url("hr.csv"))
        try sandbox.ok("import", "base.csv")
        let plan = try sandbox.ok("sync", "hr.csv")
        #expect(plan.stdout == """
            Plan for hr.csv: 1 joining, 0 moving, 0 leaving (vacate), 2 changed.
              E1052 (Olafur Arnalds) joins under E1000 (Ingrid Bergman)
              E1052 (Olafur Arnalds) becomes assistant to E1000 (Ingrid Bergman)
              E1050 (Noémie Brun) becomes assistant to E1000 (Ingrid Bergman)
              E1051 (Amara Okafor) stops being assistant to E1000 (Ingrid Bergman)
            Nothing written; run it again with --apply to make these changes.

            """)
        let json = try sandbox.json("sync", "hr.csv")
        #expect(json["changed"] as? Int == 2)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["join", "assistantAdded", "assistantAdded", "assistantRemoved"])
        #expect(steps.map { ($0["manager"] as? [String: Any])?["key"] as? String } == ["E1000", "E1000", "E1000", "E1000"])
        #expect(steps.map { $0["text"] as? String } == plan.stdoutLines.dropFirst().dropLast().map { String($0.dropFirst(2)) })
        try sandbox.ok("sync", "hr.csv", "--apply")
        #expect(try sandbox.ok("sync", "hr.csv").stdout == "In step with hr.csv: nothing to change.\n")
    }

    @Test func plannedChangesSurviveSyncApply() throws {
        let sandbox = try sandbox()
        try sandbox.ok("move", "E1034", "--to", "E1032", "--effective", "2999-01-01")
        try sandbox.ok("add", "role", "E1090", "--title", "Analyst", "--holder", "Noémie Brun", "--reports-to", "E1040",
                       "--effective", "2999-01-15")
        try Data((Self.base + "E1041,Analyst,Lars Berg,E1040\n").utf8).write(to: sandbox.url("month.csv"))
        let applied = try sandbox.ok("sync", "month.csv", "--apply")
        #expect(applied.stdoutLines.first == "Synced with month.csv: 1 joining, 0 moving, 0 leaving (vacate), 0 changed.")
        let chain = try sandbox.ok("chain", "E1034", "--as-of", "2999-02-01")
        #expect(chain.stdout.contains("E1032"))
        #expect(try sandbox.run("show", "E1090").status != 0)
        #expect(try sandbox.ok("show", "E1090", "--as-of", "2999-02-01").stdout.contains("Noémie Brun"))
    }
}
