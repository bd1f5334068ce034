import Foundation
import Testing

/// The plain point commands run in a process of their own with SQLite's
/// small allocations taken from a pool (`OrgDatabase.allocateForOneShortCommand`);
/// the same line with `--db=PATH` goes through ArgumentParser, which leaves
/// SQLite on malloc. Both must write the same bytes and leave the same chart.
@Suite("Point commands with pooled allocations")
struct PointCommandProcessTests {
    /// Reads, each run both ways on one chart.
    @Test(arguments: [
        ["chain", "pm-payments"],
        ["compare", "ceo", "pm-payments"],
        ["who-reports-to", "ceo", "--all"],
        ["find", "project", "--limit", "5"],
        ["chain", "pm-payments", "--json"],
        ["chain", "nobody"],
    ])
    func aReadWritesWhatItsArgumentParserFormWrites(arguments: [String]) throws {
        let sandbox = try Sandbox.example()
        let pooled = try sandbox.run(arguments + ["--db", "org.db"])
        let parsed = try sandbox.run(arguments + ["--db=org.db"])
        #expect(pooled.status == parsed.status)
        #expect(pooled.stdout == parsed.stdout)
        #expect(pooled.stderr == parsed.stderr)
        #expect(!pooled.stdout.isEmpty || !pooled.stderr.isEmpty)
    }

    /// The same writes and refusals on two copies of a chart, one through
    /// each path: the same answers, and the same chart after them.
    @Test func writesLeaveWhatTheirArgumentParserFormsLeave() throws {
        let pooled = try Sandbox.example(), parsed = try Sandbox.example()
        let writes: [[String]] = [
            ["add", "role", "pm-new", "--title", "Project Manager", "--holder", "Zoë Ångström", "--reports-to", "pmo-it-director",
             "--unit", "pmo-it"],
            ["add", "role", "pm-new", "--title", "Again"],
            ["add", "role", "pm-other", "--title", "Analyst", "--reports-to", "nobody"],
            ["set", "role", "pm-new", "--holder", "Jane O'Neil"],
            ["set", "role", "pm-new", "--vacate", "--json"],
            ["move", "pm-new", "--to", "ceo"],
            ["move", "ceo", "--to", "pm-new"],
            ["add", "role", "pm-assistant", "--title", "Assistant", "--assistant-to", "pm-new", "--json"],
        ]
        for write in writes {
            let viaPool = try pooled.run(write + ["--db", "org.db"])
            let viaParser = try parsed.run(write + ["--db=org.db"])
            #expect(viaPool.status == viaParser.status, "\(write)")
            #expect(viaPool.stdout == viaParser.stdout, "\(write)")
            #expect(viaPool.stderr == viaParser.stderr, "\(write)")
        }
        for read in [["print", "tree"], ["show", "pm-new", "--json"], ["find", "jane"]] {
            #expect(try pooled.ok(read).stdout == parsed.ok(read).stdout, "\(read)")
        }
    }
}
