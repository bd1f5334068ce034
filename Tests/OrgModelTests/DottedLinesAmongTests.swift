import Testing
@testable import OrgModel

/// The dotted lines among a set of roles: both ends must be in the set.
@Suite struct DottedLinesAmongTests {
    @Test func onlyLinesWithBothEndsAmongTheKeys() throws {
        let org = try exampleDatabase()
        try org.addDottedLine(from: "pm-crm", to: "pmo-it-director")
        #expect(try org.dottedLines(among: ["PMO-IT-Director", "cpo", "pm-crm", "nobody", "not a key"])
                == [DottedLineEnds(role: "pm-crm", manager: "pmo-it-director"),
                    DottedLineEnds(role: "pmo-it-director", manager: "cpo")])
        #expect(try org.dottedLines(among: ["pmo-it-director", "cio"]).isEmpty)
        #expect(try org.dottedLines(among: [String]()).isEmpty)
    }
}
