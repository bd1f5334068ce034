import ArgumentParser
import Foundation
import Testing
@testable import orgctl

/// The text commands render, run inside the test process with a memory
/// output: exact, line for line, against the enterprise-pmo example.
@Suite("In-process rendering")
struct InProcessRenderingTests {
    @Test("print tree: box-drawing branches, a cut marked with how many are below, dotted lines")
    func printTree() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("print", "tree", "--root", "it", "--depth", "2") == """
            cio  Chief Information Officer — Henrik Lund
            ├── pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]
            │   ├── pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO]
            │   └── prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]  (+2 below)
            └── eng-director  Director of Engineering — Mei Chen
                └── eng-lead-payments  Engineering Lead — Oliver Grant

            """)
        #expect(try cli.text("print", "tree", "--root", "pmo-it", "--dotted") == """
            pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]
            ├── pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO]
            └── prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]
                ├── pm-payments  Project Manager — Jane Doe  [pmo-it: directive PMO]
                │   └╌╌ eng-lead-payments  Engineering Lead — Oliver Grant  (dotted line)
                └── pm-crm  Project Manager — Ravi Patel  [pmo-it: directive PMO]

            """)
    }

    @Test("print tree of an empty chart says how to begin")
    func emptyTree() throws {
        let cli = InProcess(sandbox: try Sandbox())
        #expect(try cli.text("init").hasPrefix("Created "))
        #expect(try cli.text("print", "tree") == "The organisation is empty. Add a role with: orgctl add role KEY --title TITLE\n")
    }

    @Test("who-reports-to: direct reports, and everyone below indented with dotted lines marked")
    func whoReportsTo() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("who-reports-to", "cio") == """
            pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]
            eng-director  Director of Engineering — Mei Chen

            """)
        #expect(try cli.text("who-reports-to", "pmo-it", "--all", "--dotted") == """
            pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO]
            prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]
              pm-payments  Project Manager — Jane Doe  [pmo-it: directive PMO]
                eng-lead-payments  Engineering Lead — Oliver Grant  (dotted line to pm-payments)
              pm-crm  Project Manager — Ravi Patel  [pmo-it: directive PMO]

            """)
        #expect(try cli.text("who-reports-to", "ceo", "--all", "--count") == "26\n")
        #expect(try cli.text("who-reports-to", "pm-crm") == "Nobody reports to pm-crm.\n")
    }

    @Test("chain: each manager one step further in, up to the top")
    func chain() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("chain", "pm-payments") == """
            pm-payments  Project Manager — Jane Doe  [pmo-it: directive PMO]
            ↑ prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]
              ↑ pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]
                ↑ cio  Chief Information Officer — Henrik Lund
                  ↑ ceo  Chief Executive Officer — Amara Okafor

            """)
    }

    @Test("show of a role and of a unit: one fact a line, labels aligned")
    func show() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("show", "pm-payments") == """
            role:           pm-payments
            title:          Project Manager
            holder:         Jane Doe
            reports to:     prog-digital-manager (Kwame Mensah)
            unit:           proj-payments (Payments Platform)
            PMO:            pmo-it, IT Delivery PMO (directive)
            grade:          6
            salary:         68000 GBP
            depth:          4 (levels below the top)
            chain:          prog-digital-manager (Kwame Mensah) → pmo-it-director (Lena Fischer) → cio (Henrik Lund) → ceo (Amara Okafor)
            reports:        0 direct, 0 in all
            dotted reports: eng-lead-payments (Oliver Grant)
            heads:          proj-payments (Payments Platform)

            """)
        #expect(try cli.text("show", "pmo-it") == """
            unit:      pmo-it
            name:      IT Delivery PMO
            kind:      pmo
            PMO type:  directive (high control)
            within:    it (Information Technology) → acme (Acme Holdings)
            head:      pmo-it-director, PMO Director — Lena Fischer
            roles:     2 (1 vacant)
            sub-units: prog-digital (Digital Channels Programme)
            governs:   prog-digital (Digital Channels Programme)

            """)
    }

    @Test("check: warnings exit 0; an error is listed first and ends with status 1")
    func check() throws {
        let cli = try InProcess.example()
        let clean = try cli.run("check")
        #expect(clean.status == 0)
        #expect(clean.text == """
            warning [vacant-head] fin (Finance) is headed by cfo, which is vacant; fill it with 'orgctl set role cfo --holder NAME'
            warning [vacant-head] proj-fleet (Fleet Electrification) is headed by pm-fleet, which is vacant; fill it with 'orgctl set role pm-fleet --holder NAME'
            0 errors, 2 warnings.

            """)
        #expect(try cli.text("move", "pm-payments", "--to", "cio") == "Moved pm-payments (Jane Doe) from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund).\n")
        let broken = try cli.run("check")
        #expect(broken.status == Exit.refused)
        #expect(broken.lines.first == "error [directive-pm-reports-to-pmo] pm-payments (Jane Doe, head of proj-payments (Payments Platform), governed by directive PMO pmo-it (IT Delivery PMO)) reports to cio (Henrik Lund), outside the PMO; a directive PMO manages its projects directly, so move it with 'orgctl move pm-payments --to pmo-it-director'")
        #expect(broken.lines.count == 4)
        #expect(broken.lines.last == "1 error, 2 warnings.")
    }

    @Test("compare: which is higher, and on what basis")
    func compare() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("compare", "pmo-it", "pm-payments")
            == "pmo-it (through its head pmo-it-director (Lena Fischer)) is higher, by the solid chain: pm-payments (Jane Doe) reports to it through its solid line, 2 levels below.\n")
        #expect(try cli.text("compare", "pm-warehouse", "pmo-ops-manager")
            == "pmo-ops-manager (Fatima Zahra) is higher, by distance below their common manager: their lowest common manager is coo (Isabel Duarte), with pm-warehouse 2 and pmo-ops-manager 1 level below it; neither reports to the other, so this is rank in the chart, not authority over the other.\n")
    }

    @Test("rollup: one team as a block, and every manager's team a line, indented by depth")
    func rollup() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("rollup", "cio") == """
            cio  Chief Information Officer — Henrik Lund
              team:      8 roles (7 filled, 1 vacant): cio and 7 below, 2 direct
              salaries:  609500 GBP

            """)
        #expect(try cli.text("rollup", "cio", "--managers", "--depth", "1") == """
            cio  8 roles (7 filled, 1 vacant), 2 direct; salaries 609500 GBP
              pmo-it-director  5 roles (4 filled, 1 vacant), 2 direct; salaries 314500 GBP
              eng-director  2 roles (2 filled, 0 vacant), 1 direct; salaries 120000 GBP

            """)
    }

    @Test("stats: the summary, then a table of units with its columns aligned")
    func stats() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("stats", "--unit", "ops") == """
            Unit ops and the units inside it
              roles:      6 (5 filled, 1 vacant)
              salaries:   254000 EUR + 170000 GBP
              span:       3 managers; direct reports min 1, median 2, max 2; 0 over 10
              depth:      3 levels below the top
              PMOs:       0 supportive, 1 controlling, 0 directive, 0 enterprise
              PMs under:  0 supportive, 2 controlling, 0 directive, 0 enterprise PMOs (heads of governed units)

              unit            in the unit             with sub-units          salary cost with sub-units
              ops             2 (2 filled, 0 vacant)  6 (5 filled, 1 vacant)  254000 EUR + 170000 GBP
              pmo-ops         2 (2 filled, 0 vacant)  2 (2 filled, 0 vacant)  78000 EUR
              proj-fleet      1 (0 filled, 1 vacant)  1 (0 filled, 1 vacant)  none recorded
              proj-warehouse  1 (1 filled, 0 vacant)  1 (1 filled, 0 vacant)  71000 EUR

            """)
        let whole = try cli.text("stats").components(separatedBy: "\n")
        #expect(whole.prefix(3) == ["The whole organisation", "  roles:      27 (23 filled, 4 vacant)",
                                    "  salaries:   254000 EUR + 1737638 GBP"])
    }

    @Test("history: a heading per change with its command, its summary indented, long ones cut")
    func history() throws {
        // The changes are made by the binary, so that each is recorded with
        // the command line a user typed; the history is read in-process.
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-payments", "--to", "pmo-it-director")
        try sandbox.ok("set", "role", "pm-crm", "--holder", "Ann Lee", "--effective", "2030-01-01")
        let cli = InProcess(sandbox: sandbox)
        #expect(Self.recordedTimesHidden(try cli.text("history", "--limit", "2")) == """
            #3  TIME UTC (effective 2030-01-01)  orgctl set role pm-crm --holder 'Ann Lee' --effective 2030-01-01
                pm-crm holder: Ravi Patel → Ann Lee
            #2  TIME UTC  orgctl move pm-payments --to pmo-it-director
                pm-payments (Jane Doe) moved from prog-digital-manager (Kwame Mensah) to pmo-it-director (Lena Fischer)

            """)
        let lines = Self.recordedTimesHidden(try cli.text("history", "pm-crm")).components(separatedBy: "\n")
        #expect(lines.count == 17)
        #expect(lines[2] == "#1  TIME UTC  orgctl init --example enterprise-pmo")
        #expect(lines[3] == "    added unit acme (Acme Holdings, company)")
        #expect(lines[15] == "    … and 9 more (all of them with --json)")
        #expect(try cli.text("history", "pm-payments", "--since", "2999-01-01") == "No changes recorded for pm-payments in that period.\n")
    }

    @Test("diff: one line per difference against another database; none says so")
    func diff() throws {
        let cli = try InProcess.example()
        let whatIf = cli.sandbox.url("what-if.db").path
        try FileManager.default.copyItem(atPath: cli.database, toPath: whatIf)
        #expect(try InProcess.run(["move", "pm-crm", "--to", "cio", "--db", whatIf]).text == "Moved pm-crm (Ravi Patel) from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund).\n")
        try InProcess.run(["set", "role", "cfo", "--holder", "Ann Lee", "--db", whatIf])
        let changed = try cli.run("diff", whatIf, "--exit-code")
        #expect(changed.text == """
            cfo holder: vacant → Ann Lee
            pm-crm (Ravi Patel) moved from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund)

            """)
        #expect(changed.status == Exit.refused)
        let same = try cli.run("diff", cli.database, "--exit-code")
        #expect(same.text == "No differences.\n")
        #expect(same.status == 0)
        #expect(try cli.text("diff", whatIf, "--json")
            == #"{"changes":[{"kind":"role-changed","key":"cfo","field":"holder","from":null,"to":"Ann Lee","name":null,"holder":null,"text":"cfo holder: vacant → Ann Lee","keyRef":null,"fromRef":null,"toRef":null},{"kind":"role-moved","key":"pm-crm","field":null,"from":"prog-digital-manager","to":"cio","name":null,"holder":null,"text":"pm-crm (Ravi Patel) moved from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund)","keyRef":{"key":"pm-crm","title":"Project Manager","holder":"Ravi Patel"},"fromRef":{"key":"prog-digital-manager","title":"Programme Manager","holder":"Kwame Mensah"},"toRef":{"key":"cio","title":"Chief Information Officer","holder":"Henrik Lund"}}],"count":2}"# + "\n")
    }

    @Test("a command run in-process writes exactly what the binary writes to standard output")
    func sameAsTheBinary() throws {
        let sandbox = try Sandbox.example()
        let cli = InProcess(sandbox: sandbox)
        for arguments in [["print", "tree"], ["print", "tree", "--dotted", "--json"], ["who-reports-to", "ceo", "--all"],
                          ["ladder"], ["stats"], ["rollup", "--managers"], ["check", "--json"], ["show", "epmo"],
                          ["export", "--format", "csv"], ["export", "--format", "mermaid"], ["verify"]] {
            let binary = try sandbox.run(arguments + ["--db", cli.database])
            #expect(try cli.run(arguments).text == binary.stdout, "orgctl \(arguments.joined(separator: " "))")
        }
    }

    /// `history` text with each change's recorded time replaced by TIME.
    private static func recordedTimesHidden(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?m)^(#\d+  )\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)? UTC"#,
                                  with: "$1TIME UTC", options: .regularExpression)
    }
}

/// Option values that parse themselves once, when the command line is read.
@Suite("Arguments parsed once")
struct ParsedArgumentTests {
    @Test("--map SOURCE=FIELD is split at its first '='")
    func mapping() throws {
        let command = try #require(try Orgctl.parseAsRoot(["import", "in.csv", "--map", "Employee ID=key", "--map", "a=b=c"]) as? Import)
        #expect(command.mappings.map { $0.pair?.source } == ["Employee ID", "a"])
        #expect(command.mappings.map { $0.pair?.field } == ["key", "b=c"])
        for bad in ["key", "=key", "key=", "="] {
            #expect(ColumnMapping(argument: bad)?.pair == nil, "\(bad)")
            #expect(throws: (any Error).self) { try Orgctl.parseAsRoot(["import", "in.csv", "--map", bad]) }
        }
        #expect(Orgctl.message(for: Self.parseError(["import", "in.csv", "--map", "key"]))
            == "--map takes SOURCE=FIELD, such as --map \"Employee ID=key\"; got 'key'")
    }

    @Test("a date option holds both moments a bare date can mean; a bad one is a usage error naming the option")
    func dates() throws {
        let command = try #require(try Orgctl.parseAsRoot(["history", "--since", "2026-03-01"]) as? History)
        let since = try #require(command.since)
        #expect(since.timestamp(day: .start).description == "2026-03-01T00:00:00.000Z")
        #expect(since.timestamp(day: .end).description == "2026-03-01T23:59:59.999Z")
        let error = Self.parseError(["print", "tree", "--as-of", "2026-02-30"])
        #expect(Orgctl.message(for: error).hasPrefix("--as-of '2026-02-30' is not a date or time; use an ISO 8601 date such as 2026-03-01"))
        #expect(Orgctl.exitCode(for: error) == ExitCode(64))
    }

    private static func parseError(_ arguments: [String]) -> any Error {
        do {
            _ = try Orgctl.parseAsRoot(arguments)
        } catch {
            return error
        }
        Issue.record("orgctl \(arguments.joined(separator: " ")) parsed")
        return CancellationError()
    }
}
