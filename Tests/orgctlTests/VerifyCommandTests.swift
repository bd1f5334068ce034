import Foundation
import Testing

/// `orgctl verify`: exit 0 and one line for a sound file, one line per
/// problem and exit 85 otherwise, the usual codes for files it cannot use,
/// and never a change to the file.
@Suite("verify")
struct VerifyCommandTests {
    @Test("a sound database: one ok line with the counts, exit 0, and the file untouched")
    func sound() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "role", "pm-crm", "--holder", "Ann Lee")
        let before = try sandbox.databaseBytes()
        let result = try sandbox.ok("verify")
        #expect(result.stdoutLines.count == 1)
        let line = result.stdout
        #expect(line.hasPrefix("ok: ") && line.hasSuffix(" changes checked\n"), "\(result)")
        let json = try sandbox.json("verify")
        #expect(json["ok"] as? Bool == true)
        #expect(json["count"] as? Int == 0)
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let roles = try #require(json["roles"] as? Int), units = try #require(json["units"] as? Int)
        #expect(line == "ok: \(roles) roles, \(units) units, \(try #require(json["changes"] as? Int)) changes checked\n")
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.files() == ["org.db"])
    }

    @Test("files verify cannot open get the same codes as any other command, and are left alone")
    func unusable() throws {
        let sandbox = try Sandbox()
        expectFailure(try sandbox.run("verify"), status: Exit.missingDatabase, mentions: ["org.db"])
        #expect(try sandbox.files().isEmpty)
        let text = Data("key,title\nceo,CEO\n".utf8)
        try text.write(to: sandbox.url("org.db"))
        expectFailure(try sandbox.run("verify"), status: Exit.textFile, mentions: ["org.db"])
        expectFailure(try sandbox.run("verify", "--json"), status: Exit.textFile, mentions: ["org.db"])
        #expect(try Data(contentsOf: sandbox.url("org.db")) == text)
        #expect(try sandbox.files() == ["org.db"])
    }

    @Test("broken path labels and depths: one line each, at most 20, then a count; exit 85; the file untouched")
    func inconsistentChart() throws {
        guard Reliability.sqlite3 != nil else { return Reliability.skip("verify of a broken chart", because: "sqlite3 is not installed") }
        let sandbox = try Sandbox()
        var csv = "key,title,reports_to\n"
        for index in 0..<40 { csv += "r\(index),Title \(index),\(index == 0 ? "" : "r0")\n" }
        try Data(csv.utf8).write(to: sandbox.url("chart.csv"))
        try sandbox.ok("import", "chart.csv")
        _ = try Reliability.sqlite(sandbox.url("org.db"), """
            UPDATE role SET depth = 7 WHERE key <> 'r0';
            UPDATE role SET path = path || '1x' WHERE key = 'r0';
            """, write: true)
        let before = try sandbox.databaseBytes()

        let result = try sandbox.run("verify")
        #expect(result.status == Exit.damaged, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        try #require(lines.count == 22, "\(result)")
        // r0's label no longer leads to its reports' labels, so theirs are wrong too.
        #expect(lines[0] == "path: role 'r0' is a root, yet its stored path label is '111x', not '11'")
        #expect(lines.contains("depth: role 'r5' reports to 'r0' at depth 0, yet its stored depth is 7, not 1"))
        #expect(lines[20] == "… and 59 more (--json lists up to 79)")
        #expect(lines[21].hasPrefix("79 problems found in org.db; "))

        let report = try JSONObject.parse(try sandbox.run("verify", "--json").stdout)
        #expect(report["ok"] as? Bool == false)
        #expect(report["count"] as? Int == 79)
        let problems = try #require(report["problems"] as? [[String: String]])
        #expect(problems.count == 79)
        #expect(Set(problems.compactMap { $0["check"] }) == ["path", "depth"])
        #expect(try sandbox.databaseBytes() == before)
    }
}
