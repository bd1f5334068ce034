import Foundation
import Testing

@Suite("Import and export commands")
struct ImportExportCommandTests {
    static let d3Sample = "/work/shared/data/d3-org-chart-sample.csv"
    static let d3Arguments = ["--ignore-unknown-columns", "--map", "id=key", "--map", "parentId=reports_to",
                              "--map", "positionName=title", "--map", "name=holder"]

    /// A sandbox with an empty, initialised database.
    private func emptySandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok("init")
        return sandbox
    }

    private func write(_ text: String, to name: String, in sandbox: Sandbox) throws {
        try Data(text.utf8).write(to: sandbox.url(name))
    }

    @Test("the d3-org-chart sample imports with --map, then chain and check work",
          .enabled(if: FileManager.default.fileExists(atPath: d3Sample)))
    func d3SampleImport() throws {
        let sandbox = try emptySandbox()
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.d3Sample), to: sandbox.url("d3.csv"))
        let result = try sandbox.ok(["import", "d3.csv"] + Self.d3Arguments)
        #expect(result.stdout == "Imported d3.csv: 1516 roles added.\n")
        let chain = try sandbox.ok("chain", "O-7562")
        #expect(chain.stdoutLines.count == 10)
        #expect(chain.stdoutLines.first?.hasPrefix("O-7562  ") == true)
        #expect(chain.stdoutLines.last?.contains("O-6066  Chief Executive Officer — Ian Devling") == true)
        // Leading spaces of names and trailing spaces of titles are trimmed.
        #expect(chain.stdoutLines.contains { $0.contains("O-6067  CTO — Davolio Nancy") })
        let check = try sandbox.run("check")
        #expect(check.status == 0, "\(check)")
        let exported = try sandbox.ok("export", "--format", "csv")
        #expect(exported.stdout.components(separatedBy: "\r\n").count == 1518)  // CSV lines end in CRLF
    }

    @Test("the d3 sample with --json reports its counts, and --dry-run writes nothing",
          .enabled(if: FileManager.default.fileExists(atPath: d3Sample)))
    func d3DryRunJSON() throws {
        let sandbox = try emptySandbox()
        let before = try sandbox.databaseBytes()
        let result = try sandbox.ok(["import", Self.d3Sample, "--dry-run", "--json"] + Self.d3Arguments)
        let object = try JSONObject.parse(result.stdout)
        #expect(object["dryRun"] as? Bool == true)
        #expect(object["rolesAdded"] as? Int == 1516)
        #expect(object["unitsAdded"] as? Int == 0)
        #expect(try sandbox.databaseBytes() == before)
        #expect(try sandbox.ok("export", "--format", "csv").stdoutLines.count == 1)
    }

    @Test("a bad CSV row exits 1 with one line naming FILE:LINE and the column; nothing is written")
    func badRow() throws {
        let sandbox = try Sandbox.example()
        try write("key,title,reports_to\r\nnew-a,A,ceo\r\n\"new-b\",\"B, with comma\",new-a\r\nnew-c,C,nobody\r\n", to: "roles.csv", in: sandbox)
        let before = try sandbox.ok("export", "--format", "json").stdout
        let result = try sandbox.run("import", "roles.csv")
        expectFailure(result, status: Exit.refused, mentions: ["nothing was imported"])
        #expect(result.stderr.hasPrefix("orgctl: roles.csv:4: column 'reports_to': "), "\(result.stderr)")
        #expect(try sandbox.ok("export", "--format", "json").stdout == before)
    }

    @Test("an unknown column exits 1 and names it at line 1")
    func unknownColumn() throws {
        let sandbox = try emptySandbox()
        try write("key,title,colour\na,A,red\n", to: "roles.csv", in: sandbox)
        let result = try sandbox.run("import", "roles.csv")
        expectFailure(result, status: Exit.refused, mentions: ["--ignore-unknown-columns"])
        #expect(result.stderr.hasPrefix("orgctl: roles.csv:1: column 'colour': "), "\(result.stderr)")
        try sandbox.ok("import", "roles.csv", "--ignore-unknown-columns")
    }

    @Test("a malformed --map is a usage error")
    func badMap() throws {
        let sandbox = try emptySandbox()
        try write("key,title\na,A\n", to: "roles.csv", in: sandbox)
        let result = try sandbox.run("import", "roles.csv", "--map", "key")
        #expect(result.status == Exit.usage, "\(result)")
    }

    @Test("--dry-run reports what would change and writes nothing")
    func dryRun() throws {
        let sandbox = try Sandbox.example()
        try write("key,title,reports_to\nnew-a,A,ceo\nnew-b,B,new-a\n", to: "roles.csv", in: sandbox)
        let before = try sandbox.ok("export", "--format", "json").stdout
        let result = try sandbox.ok("import", "roles.csv", "--dry-run")
        #expect(result.stdout == "Dry run, nothing written: would import roles.csv: 2 roles added.\n")
        #expect(try sandbox.ok("export", "--format", "json").stdout == before)
        let real = try sandbox.ok("import", "roles.csv")
        #expect(real.stdout == "Imported roles.csv: 2 roles added.\n")
    }

    @Test("--json gives every count")
    func jsonCounts() throws {
        let sandbox = try Sandbox.example()
        try write("key,title,reports_to,dotted_to\nnew-a,A,ceo,cpo\ncio,CIO,ceo,cpo\n", to: "roles.csv", in: sandbox)
        let object = try JSONObject.parse(try sandbox.ok("import", "roles.csv", "--update", "--json").stdout)
        #expect(object["dryRun"] as? Bool == false)
        #expect(object["rolesAdded"] as? Int == 1)
        #expect(object["rolesUpdated"] as? Int == 1)
        #expect(object["rolesMoved"] as? Int == 0)
        #expect(object["dottedLinesAdded"] as? Int == 2)
        #expect(object["dottedLinesRemoved"] as? Int == 0)
        #expect(object["unitsAdded"] as? Int == 0)
        #expect(object["governanceAdded"] as? Int == 0)
    }

    @Test("export --format csv -o, then import into an empty database, round-trips")
    func csvRoundTrip() throws {
        let source = try Sandbox.example()
        try source.ok("export", "--format", "csv", "-o", "roles.csv")
        try source.ok("export", "--format", "csv", "--units", "-o", "units.csv")
        let target = try emptySandbox()
        for name in ["roles.csv", "units.csv"] {
            try FileManager.default.copyItem(at: source.url(name), to: target.url(name))
        }
        let result = try target.ok("import", "--units", "units.csv", "roles.csv")
        #expect(result.stdout.hasPrefix("Imported roles.csv: "))
        for format in ["csv", "json"] {
            #expect(try target.ok("export", "--format", format).stdout == source.ok("export", "--format", format).stdout)
        }
        #expect(try target.ok("export", "--format", "csv", "--units").stdout == source.ok("export", "--format", "csv", "--units").stdout)
        #expect(try target.ok("chain", "pm-payments").stdout == source.ok("chain", "pm-payments").stdout)
    }

    @Test("export --format json -o, then import, round-trips")
    func jsonRoundTrip() throws {
        let source = try Sandbox.example()
        try source.ok("export", "--format", "json", "-o", "org.json")
        let target = try emptySandbox()
        try FileManager.default.copyItem(at: source.url("org.json"), to: target.url("org.json"))
        try target.ok("import", "org.json")
        #expect(try target.ok("export", "--format", "json").stdout == source.ok("export", "--format", "json").stdout)
    }

    @Test("export --root writes only that tree, its top without a manager")
    func rootExport() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("export", "--format", "csv", "--root", "cio")
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "key,title,holder,reports_to,unit,dotted_to,grade,salary,currency,rung,assistant_to")
        #expect(lines.dropFirst().first?.hasPrefix("cio,Chief Information Officer,Henrik Lund,,it,") == true)
        #expect(!lines.contains { $0.hasPrefix("ceo,") || $0.hasPrefix("coo,") })
        #expect(lines.contains { $0.hasPrefix("pm-payments,") })
    }

    @Test("export -o into a missing folder fails and leaves no file")
    func missingFolder() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.run("export", "--format", "csv", "-o", "no-such-folder/roles.csv")
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("orgctl: "), "\(result.stderr)")
        #expect(!sandbox.exists("no-such-folder"))
        #expect(try sandbox.files() == ["org.db"] || sandbox.files().allSatisfy { $0.hasPrefix("org.db") })
    }

    @Test("DOT and Mermaid exports use generated node ids")
    func graphs() throws {
        let sandbox = try Sandbox.example()
        let dot = try sandbox.ok("export", "--format", "dot").stdout
        #expect(dot.hasPrefix("digraph org {"))
        #expect(dot.contains("n0 [label=\"Chief Executive Officer\\nAmara Okafor\\nceo\"]"))
        #expect(dot.contains("style=dashed"))
        let mermaid = try sandbox.ok("export", "--format", "mermaid").stdout
        #expect(mermaid.contains("flowchart TB"))
        #expect(mermaid.contains("-.->"))
    }
}
