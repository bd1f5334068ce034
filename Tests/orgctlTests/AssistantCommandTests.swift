import Foundation
import Testing

@Suite("assistants")
struct AssistantCommandTests {
    /// The example with an assistant to the CEO, and the IT PMO's analyst
    /// made the CIO's assistant (which moves it under the CIO).
    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("add", "role", "ea-ceo", "--title", "Executive Assistant", "--holder", "Priya Nair",
                               "--assistant-to", "ceo").stdout
            == "Added ea-ceo  Executive Assistant — Priya Nair, assistant to ceo (Amara Okafor)\n")
        #expect(try sandbox.ok("set", "role", "pmo-it-analyst", "--assistant-to", "cio").stdout
            == "Updated pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO], assistant to cio (Henrik Lund)\n")
        return sandbox
    }

    @Test("who-reports-to lists assistants first, marked")
    func whoReportsTo() throws {
        let sandbox = try sandbox()
        #expect(try sandbox.ok("who-reports-to", "ceo").stdoutLines == [
            "ea-ceo  Executive Assistant — Priya Nair  (assistant)",
            "cpo  Chief Project Officer — Grace Whitfield  [epmo: enterprise PMO]",
            "cio  Chief Information Officer — Henrik Lund",
            "coo  Chief Operating Officer — Isabel Duarte",
            "cmo  Chief Marketing Officer — Chloé Bernard",
            "cfo  Chief Financial Officer — vacant",
        ])
        let json = try sandbox.json("who-reports-to", "cio")
        let reports = try #require(json["reports"] as? [[String: Any]])
        #expect(reports.first?["key"] as? String == "pmo-it-analyst")
        #expect(reports.first?["assistantTo"] as? String == "cio")
        #expect(reports.last?["assistantTo"] is NSNull)
    }

    @Test("print tree shows an assistant first under its manager, marked")
    func printTree() throws {
        let sandbox = try sandbox()
        expectLines(try sandbox.ok("print", "tree", "--root", "cio", "--depth", "1").stdoutLines, contain: [
            "cio  Chief Information Officer — Henrik Lund",
            "├── pmo-it-analyst  PMO Analyst — vacant  [pmo-it: directive PMO]  (assistant)",
            "├── pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]  (+3 below)",
            "└── eng-director  Director of Engineering — Mei Chen  (+1 below)",
        ])
    }

    @Test("show names the assistant and whom an assistant assists")
    func show() throws {
        let sandbox = try sandbox()
        expectLines(try sandbox.ok("show", "ceo").stdoutLines, contain: [
            "reports to: nobody (a root)",
            "assistant:  ea-ceo (Priya Nair)",
        ])
        expectLines(try sandbox.ok("show", "ea-ceo").stdoutLines, contain: [
            "reports to:   ceo (Amara Okafor)",
            "assistant to: ceo (Amara Okafor)",
        ])
        let json = try sandbox.json("show", "ceo")
        #expect(json["assistants"] as? [String] == ["ea-ceo"])
        #expect(json["assistantTo"] is NSNull)
    }

    @Test("history and diff say who became an assistant; --no-assistant ends it")
    func historyAndDiff() throws {
        let sandbox = try sandbox()
        expectLines(try sandbox.ok("history").stdoutLines, contain: [
            "    pmo-it-analyst (vacant) moved from pmo-it-director (Lena Fischer) to cio (Henrik Lund)",
            "    pmo-it-analyst (vacant) becomes assistant to cio (Henrik Lund)",
            "    added ea-ceo (Executive Assistant, Priya Nair) reporting to ceo (Amara Okafor)",
            "    ea-ceo (Priya Nair) becomes assistant to ceo (Amara Okafor)",
        ])
        #expect(try sandbox.ok("set", "role", "ea-ceo", "--no-assistant").stdout
            == "Updated ea-ceo  Executive Assistant — Priya Nair, not an assistant\n")
        #expect(try sandbox.ok("show", "ea-ceo").stdoutLines.contains { $0.hasPrefix("assistant to:") } == false)
        try sandbox.ok("undo")
        #expect(try sandbox.ok("show", "ea-ceo").stdoutLines.contains("assistant to: ceo (Amara Okafor)"))
    }

    @Test("refusals say what is wrong and change nothing")
    func refusals() throws {
        let sandbox = try sandbox()
        let before = try sandbox.databaseBytes()
        let cases: [([String], String)] = [
            (["set", "role", "ea-ceo", "--assistant-to", "ea-ceo"],
             "orgctl: refused: 'ea-ceo' cannot be its own assistant; name the role it assists\n"),
            (["set", "role", "ea-ceo", "--assistant-to", "cfoo"],
             "orgctl: no role has the key 'cfoo'; did you mean 'cfo', 'coo', 'ceo'?\n"),
            (["set", "role", "cio", "--assistant-to", "pmo-it-analyst"],
             "orgctl: refused: this would make a reporting cycle cio → pmo-it-analyst → cio; choose a manager outside cio's reporting tree\n"),
            (["add", "role", "x", "--title", "X", "--reports-to", "cfo", "--assistant-to", "ceo"],
             "orgctl: refused: 'x' would assist 'ceo' but report to 'cfo'; an assistant reports to the role it assists, so name 'ceo' as its manager or leave the manager out\n"),
        ]
        for (arguments, message) in cases {
            let result = try sandbox.run(arguments)
            #expect(result.status == Exit.refused, "\(arguments)")
            #expect(result.stderr == message)
        }
        expectFailure(try sandbox.run("set", "role", "ea-ceo", "--assistant-to", "ceo", "--no-assistant"),
                      status: Exit.usage, mentions: ["--assistant-to", "--no-assistant"])
        #expect(try sandbox.databaseBytes() == before)
    }

    @Test("export and import carry the assistant_to column")
    func exportImport() throws {
        let sandbox = try sandbox()
        let csv = try sandbox.ok("export", "--format", "csv").stdout.components(separatedBy: "\r\n")
        #expect(csv.first == "key,title,holder,reports_to,unit,dotted_to,grade,salary,currency,rung,assistant_to")
        #expect(csv.contains("ea-ceo,Executive Assistant,Priya Nair,ceo,,,,,,,ceo"))
        try sandbox.ok("export", "--format", "json", "-o", "org.json")
        try sandbox.ok("import", "org.json", "--db", "copy.db")
        #expect(try sandbox.ok("show", "pmo-it-analyst", "--db", "copy.db").stdoutLines.contains("assistant to: cio (Henrik Lund)"))
    }
}
