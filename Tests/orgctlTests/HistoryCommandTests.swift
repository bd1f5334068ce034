import Foundation
import Testing

@Suite("history, undo, diff, --as-of, --effective")
struct HistoryCommandTests {
    @Test("history lists each write in plain words with the command that made it")
    func historyInPlainWords() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pm-payments", "--to", "pmo-it-director")
        try sandbox.ok("set", "role", "pm-crm", "--holder", "Ann Lee")
        let lines = try sandbox.ok("history").stdoutLines
        #expect(lines[0].hasPrefix("#3  "))
        #expect(lines[0].hasSuffix("  orgctl set role pm-crm --holder 'Ann Lee'"))
        #expect(lines[1] == "    pm-crm holder: Ravi Patel → Ann Lee")
        #expect(lines[2].hasSuffix("  orgctl move pm-payments --to pmo-it-director"))
        #expect(lines[3] == "    pm-payments (Jane Doe) moved from prog-digital-manager (Kwame Mensah) to pmo-it-director (Lena Fischer)")
        #expect(lines[4].hasSuffix("  orgctl init --example enterprise-pmo"))

        let json = try sandbox.json("history", "pm-payments")
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.map { $0["id"] as? Int } == [2, 1])
        #expect(changes[0]["summary"] as? [String] == ["pm-payments (Jane Doe) moved from prog-digital-manager (Kwame Mensah) to pmo-it-director (Lena Fischer)"])
        #expect(changes[0]["command"] as? String == "orgctl move pm-payments --to pmo-it-director")
        #expect((changes[0]["recordedAt"] as? String)?.hasSuffix("Z") == true)
        #expect(changes[0]["effectiveAt"] as? String == changes[0]["recordedAt"] as? String)
        #expect(changes[0]["undoes"] is NSNull)
        #expect(try sandbox.ok("history", "--limit", "1").stdoutLines.count == 2)
        #expect(lines[0].contains(" UTC  orgctl set role"))
        #expect(try sandbox.ok("history", "pm-payments", "--since", "2999-01-01").stdout == "No changes recorded for pm-payments in that period.\n")
    }

    @Test("undo reverts the last change, is recorded, and refuses when nothing is left")
    func undoIsRecorded() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.ok("export", "--format", "csv").stdout
        try sandbox.ok("move", "eng-director", "--to", "cmo")
        #expect(try sandbox.ok("undo").stdoutLines == [
            "Undid change #2; recorded as #3:",
            "    eng-director (Mei Chen) moved from cmo (Chloé Bernard) to cio (Henrik Lund)",
        ])
        #expect(try sandbox.ok("export", "--format", "csv").stdout == before)
        let undo = try #require((try sandbox.json("history")["changes"] as? [[String: Any]])?.first)
        #expect(undo["undoes"] as? Int == 2)
        #expect(undo["command"] as? String == "orgctl undo")
        try sandbox.ok("undo")
        let empty = try sandbox.run("undo")
        #expect(empty.status == Exit.refused)
        #expect(empty.stderr.hasPrefix("orgctl: there is nothing to undo in 'org.db'"))
        #expect(try sandbox.ok("print", "tree").stdout.hasPrefix("The organisation is empty."))
        let missing = try sandbox.run("undo", "--db", "never.db")
        #expect(missing.status == Exit.missingDatabase)
        #expect(!sandbox.exists("never.db"))
    }

    @Test("--effective plans a change; reads show it only --as-of its date")
    func plannedReorganisation() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("move", "pmo-it-director", "--to", "cpo", "--effective", "2999-01-01")
        #expect(try sandbox.json("show", "pmo-it-director")["reportsTo"] as? String == "cio")
        #expect(try sandbox.json("show", "pmo-it-director", "--as-of", "2999-01-01")["reportsTo"] as? String == "cpo")
        let chain = try sandbox.ok("chain", "pm-payments", "--as-of", "2999-01-01T00:00:00Z").stdoutLines
        #expect(chain.map { $0.split(separator: " ").first { $0 != "↑" } ?? "" }
            == ["pm-payments", "prog-digital-manager", "pmo-it-director", "cpo", "ceo"])
        #expect(try sandbox.ok("who-reports-to", "cpo", "--all", "--count", "--as-of", "2999-01-02").stdout == "10\n")
        #expect(try sandbox.ok("who-reports-to", "cpo", "--all", "--count").stdout == "5\n")
        let history = try sandbox.ok("history").stdoutLines
        #expect(history[0].contains("(effective 2999-01-01)"))
        #expect(try sandbox.ok("diff", "--from", "today", "--to", "2999-01-01").stdoutLines
            == ["pmo-it-director (Lena Fischer) moved from cio (Henrik Lund) to cpo (Grace Whitfield)",
                "pmo-it-director (Lena Fischer) lost its dotted line to cpo (Grace Whitfield)"])
    }

    @Test("--as-of before anything was recorded shows an empty chart; a bad date is a usage error")
    func asOfEdges() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("print", "tree", "--as-of", "2000-01-01").stdout.hasPrefix("The organisation is empty."))
        #expect(try sandbox.ok("export", "--format", "csv", "--as-of", "2000-01-01").stdoutLines.count == 1)
        for command in [["print", "tree"], ["stats"], ["compare", "ceo", "cfo"], ["chain", "cfo"], ["check"]] {
            let result = try sandbox.run(command + ["--as-of", "last tuesday"])
            #expect(result.status == Exit.usage, "\(command)")
            #expect(result.stderr.contains("--as-of"), "\(command): \(result.stderr)")
        }
        let bad = try sandbox.run("move", "cfo", "--to", "cio", "--effective", "2026-02-30")
        #expect(bad.status == Exit.usage)
        #expect(bad.stderr.contains("--effective '2026-02-30' is not a date or time; use an ISO 8601 date such as 2026-03-01"))
        #expect(try sandbox.json("show", "cfo")["reportsTo"] as? String == "ceo")
    }

    @Test("diff of a what-if copy lists exactly what the copy changed")
    func diffWhatIf() throws {
        let sandbox = try Sandbox.example()
        try FileManager.default.copyItem(at: sandbox.url("org.db"), to: sandbox.url("what-if.db"))
        try sandbox.ok("move", "pm-crm", "--to", "cio", "--db", "what-if.db")
        try sandbox.ok("set", "role", "pm-fleet", "--holder", "Ines Sousa", "--db", "what-if.db")
        try sandbox.ok("add", "line", "pm-rebrand", "--to", "pmo-mkt-manager", "--dotted", "--db", "what-if.db")
        #expect(try sandbox.ok("diff", "what-if.db").stdoutLines == [
            "pm-crm (Ravi Patel) moved from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund)",
            "pm-fleet holder: vacant → Ines Sousa",
            "pm-rebrand (Noah Williams) gained a dotted line to pmo-mkt-manager (Yuki Tanaka)",
        ])
        let json = try sandbox.json("diff", "what-if.db")
        #expect(json["count"] as? Int == 3)
        let first = try #require((json["changes"] as? [[String: Any]])?.first)
        #expect(first["kind"] as? String == "role-moved")
        #expect(first["key"] as? String == "pm-crm")
        #expect(first["from"] as? String == "prog-digital-manager")
        #expect(first["to"] as? String == "cio")
        #expect(try sandbox.run("diff", "what-if.db", "--exit-code").status == Exit.refused)
        #expect(try sandbox.run("diff", "org.db", "--exit-code").status == Exit.success)
        #expect(try sandbox.ok("diff", "org.db").stdout == "No differences.\n")
        try sandbox.ok("add", "unit", "proj-erp", "--name", "ERP Upgrade", "--kind", "project", "--parent", "it", "--db", "what-if.db")
        try sandbox.ok("add", "governs", "pmo-it", "proj-erp", "--db", "what-if.db")
        #expect(try sandbox.ok("diff", "what-if.db").stdoutLines.prefix(2) == [
            "added unit proj-erp (ERP Upgrade, project)",
            "proj-erp (ERP Upgrade) is now governed by pmo-it (IT Delivery PMO)",
        ])
        let reversed = try sandbox.run("diff", "--from", "today", "--to", "2020-01-01")
        #expect(reversed.status == Exit.usage)
        #expect(reversed.stderr.contains("--from today is after --to 2020-01-01"))
        let missing = try sandbox.run("diff", "nowhere.db")
        #expect(missing.status == Exit.missingDatabase)
        #expect(!sandbox.exists("nowhere.db"))
    }

    @Test("a refused write records nothing")
    func refusalsAreNotRecorded() throws {
        let sandbox = try Sandbox.example()
        let before = try sandbox.ok("history", "--json").stdout
        #expect(try sandbox.run("move", "ceo", "--to", "pm-payments").status == Exit.refused)
        #expect(try sandbox.run("add", "role", "ceo", "--title", "Again").status == Exit.refused)
        #expect(try sandbox.ok("move", "cfo", "--to", "ceo").stdout.contains("nothing changed"))
        #expect(try sandbox.ok("history", "--json").stdout == before)
    }
}
