import Foundation
import Testing

@Suite("timestamps with more than three fractional digits")
struct TimestampArgumentTests {
    @Test("every date option takes a fraction of any length, cut to the millisecond")
    func longFractionsAreAccepted() throws {
        let sandbox = try Sandbox.example()
        let moment = "2999-01-01T10:00:00.1234567"
        try sandbox.ok("move", "pm-crm", "--to", "cio", "--effective", moment)
        #expect(try sandbox.ok("history").stdoutLines[0].contains("(effective 2999-01-01 10:00 UTC)"))
        let planned = try #require((try sandbox.json("history")["changes"] as? [[String: Any]])?.first)
        #expect(planned["effectiveAt"] as? String == "2999-01-01T10:00:00.123Z")
        // The change is in force from .123 on, and not at .1229999.
        #expect(try sandbox.json("show", "pm-crm", "--as-of", "2999-01-01T10:00:00.1239")["reportsTo"] as? String == "cio")
        #expect(try sandbox.json("show", "pm-crm", "--as-of", "2999-01-01T10:00:00.1229999")["reportsTo"] as? String
            == "prog-digital-manager")
        try sandbox.ok("print", "tree", "--as-of", "2026-01-01T10:00:00.1234")
        try sandbox.ok("history", "--since", "2026-01-01T10:00:00.12345678901234567890")
        try sandbox.ok("diff", "--from", "2026-01-01T10:00:00.1234", "--to", "2999-01-01T10:00:00.99999")
    }

    @Test("a bad fraction is a usage error naming the option, never a crash")
    func badFractionsAreUsageErrors() throws {
        let sandbox = try Sandbox.example()
        for (option, command) in [("--as-of", ["print", "tree"]), ("--since", ["history"]), ("--from", ["diff"]),
                                  ("--effective", ["set", "role", "cfo", "--holder", "X"])] {
            let result = try sandbox.run(command + [option, "2026-01-01T10:00:00.12x4"])
            #expect(result.status == Exit.usage, "\(option): \(result)")
            #expect(result.stderr.contains("\(option) '2026-01-01T10:00:00.12x4' is not a date or time"), "\(option)")
        }
    }
}
