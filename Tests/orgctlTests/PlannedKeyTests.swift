import Testing

/// A key that only a planned change brings is named as planned, with the
/// date to ask about, not as unknown.
@Suite struct PlannedKeyTests {
    @Test func aPlannedHireIsNamedWithItsDate() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "E1080", "--title", "Payroll Specialist", "--holder", "Zoë Ærø", "--reports-to", "cfo",
                       "--effective", "2999-01-15")
        let before = try sandbox.databaseBytes()
        let today = try sandbox.run("chain", "E1080")
        #expect(today.status == 1)
        #expect(today.stderr == "orgctl: E1080 is planned from 2999-01-15; add --as-of 2999-01-15 to see it\n")
        let move = try sandbox.run("move", "pm-crm", "--to", "e1080")
        // A write names the change that brings it and when to make the write.
        #expect(move.stderr.hasPrefix("orgctl: 'E1080' is not in the chart at "))
        #expect(move.stderr.contains("change #2 brings it from 2999-01-15; give this change --effective 2999-01-15 or later"))
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.ok("chain", "E1080", "--as-of", "2999-01-15").stdout.hasPrefix("E1080  Payroll Specialist — Zoë Ærø\n"))
    }

    @Test func aPlannedUnitIsNamedWithItsDate() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "unit", "payroll", "--name", "Payroll", "--kind", "team", "--effective", "2999-02-01")
        let show = try sandbox.run("show", "payroll")
        #expect(show.status == 1)
        #expect(show.stderr == "orgctl: payroll is planned from 2999-02-01; add --as-of 2999-02-01 to see it\n")
    }

    @Test func aKeyNoChangeBringsIsStillUnknown() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("add", "role", "E1080", "--title", "Analyst", "--reports-to", "cfo", "--effective", "2999-01-15")
        #expect(try sandbox.run("chain", "E1081").stderr.hasPrefix("orgctl: no role or unit has the key 'E1081'"))
    }
}
