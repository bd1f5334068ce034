import Foundation
import Testing
@testable import orgctl

/// Answers that speak in people: a role as `key (Holder)`, a unit as
/// `key (Name)`, in text and in `--json`.
@Suite("Names next to keys")
struct NamesTests {
    @Test("the role label has one form: key and holder, or vacant")
    func roleLabels() {
        #expect(roleLabel(key: "E1024", holder: "Ayşe Yılmaz") == "E1024 (Ayşe Yılmaz)")
        #expect(roleLabel(key: "REQ-301", holder: nil) == "REQ-301 (vacant)")
    }

    @Test("diff names the mover and both managers, in text and JSON")
    func diffNames() throws {
        let cli = try InProcess.example()
        let whatIf = cli.sandbox.url("what-if.db").path
        try FileManager.default.copyItem(atPath: cli.database, toPath: whatIf)
        _ = try InProcess.run(["move", "eng-director", "--to", "cmo", "--db", whatIf])
        _ = try InProcess.run(["set", "role", "pm-crm", "--unit", "it", "--db", whatIf])
        #expect(try cli.run("diff", whatIf).text == """
            eng-director (Mei Chen) moved from cio (Henrik Lund) to cmo (Chloé Bernard)
            pm-crm (Ravi Patel) unit: proj-crm (CRM Replacement) → it (Information Technology)

            """)
        let json = try JSONObject.parse(try cli.run("diff", whatIf, "--json").text)
        let move = try #require((json["changes"] as? [[String: Any]])?.first)
        #expect(move["key"] as? String == "eng-director")
        #expect((move["keyRef"] as? [String: Any])?["holder"] as? String == "Mei Chen")
        #expect((move["keyRef"] as? [String: Any])?["title"] as? String == "Director of Engineering")
        #expect((move["fromRef"] as? [String: Any])?["holder"] as? String == "Henrik Lund")
        #expect((move["toRef"] as? [String: Any])?["holder"] as? String == "Chloé Bernard")
    }

    @Test("diff names what was from the chart before and what is from the chart after")
    func diffNamesEachSideFromItsChart() throws {
        let cli = try InProcess.example()
        let whatIf = cli.sandbox.url("what-if.db").path
        try FileManager.default.copyItem(atPath: cli.database, toPath: whatIf)
        _ = try InProcess.run(["remove", "role", "prog-digital-manager", "--db", whatIf])
        let lines = try cli.run("diff", whatIf).lines
        #expect(lines.contains("pm-payments (Jane Doe) moved from prog-digital-manager (Kwame Mensah) to pmo-it-director (Lena Fischer)"))
    }

    @Test("show names the chain, the manager, the unit and the units it heads")
    func showNames() throws {
        let cli = try InProcess.example()
        let lines = try cli.text("show", "pm-crm").components(separatedBy: "\n")
        #expect(lines.contains("reports to: prog-digital-manager (Kwame Mensah)"))
        #expect(lines.contains("unit:       proj-crm (CRM Replacement)"))
        #expect(lines.contains("chain:      prog-digital-manager (Kwame Mensah) → pmo-it-director (Lena Fischer) → cio (Henrik Lund) → ceo (Amara Okafor)"))
        #expect(lines.contains("heads:      proj-crm (CRM Replacement)"))
        let json = try JSONObject.parse(try cli.text("show", "pm-crm", "--json"))
        #expect((json["chainRefs"] as? [[String: Any]])?.map { $0["holder"] as? String }
            == ["Kwame Mensah", "Lena Fischer", "Henrik Lund", "Amara Okafor"])
        #expect((json["unitRef"] as? [String: Any])?["name"] as? String == "CRM Replacement")
    }

    @Test("compare starts with its verdict and names the rule; level and unrelated say so")
    func compareVerdicts() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("compare", "pm-payments", "pm-crm") == "They are level: their lowest common manager is prog-digital-manager (Kwame Mensah), with pm-payments 1 and pm-crm 1 level below it, the same distance, and neither a ladder rung nor a grade separates them.\n")
        try cli.run("add", "role", "chair", "--title", "Chair of the Board", "--holder", "Zoë Ng")
        #expect(try cli.text("compare", "chair", "cfo") == "They are unrelated: they sit in different trees (under chair (Zoë Ng) and ceo (Amara Okafor)), and neither a ladder rung nor a grade separates them.\n")
        try cli.run("set", "role", "chair", "--grade", "20")
        #expect(try cli.text("compare", "cfo", "chair").hasPrefix("chair (Zoë Ng) ranks higher by grade, though they are unrelated: "))
    }

    @Test("a type-change preview names everyone it moves")
    func previewNames() throws {
        let cli = try InProcess.example()
        let lines = try cli.text("set", "unit", "pmo-ops", "--pmo-type", "directive").components(separatedBy: "\n")
        #expect(lines[0] == "Changing pmo-ops (Operations PMO) from controlling to directive implies 6 line changes:")
        #expect(lines[1] == "  move pm-fleet (vacant): solid line ops-director (Pieter de Vries) → pmo-ops-manager (Fatima Zahra) (a directive PMO's project managers report into it)")
        // The dotted line a move makes solid is listed, as --apply removes it.
        #expect(lines[2] == "  remove the dotted line pm-fleet (vacant) → pmo-ops-manager (Fatima Zahra) (the dotted line to pmo-ops-manager becomes the solid line)")
        let json = try JSONObject.parse(try cli.text("set", "unit", "pmo-ops", "--pmo-type", "directive", "--json"))
        let first = try #require((json["changes"] as? [[String: Any]])?.first)
        #expect((first["roleRef"] as? [String: Any])?["key"] as? String == "pm-fleet")
        #expect(JSONObject.isNull((first["roleRef"] as? [String: Any])?["holder"]))
        #expect((first["toRef"] as? [String: Any])?["holder"] as? String == "Fatima Zahra")
    }

    @Test("a planned write says it is planned, and for when")
    func plannedWrites() throws {
        let cli = try InProcess.example()
        #expect(try cli.text("move", "pm-payments", "--to", "cio", "--effective", "2099-01-01")
            == "Planned for 2099-01-01: pm-payments (Jane Doe) moves from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund).\n")
        #expect(try cli.text("add", "line", "pm-crm", "--to", "cfo", "--effective", "2099-02-01")
            == "Planned for 2099-02-01: adds a dotted line from pm-crm (Ravi Patel) to cfo (vacant).\n")
        let json = try JSONObject.parse(try cli.text("set", "role", "cfo", "--holder", "Ann Lee", "--effective", "2099-03-01", "--json"))
        #expect(json["plannedFor"] as? String == "2099-03-01T00:00:00.000Z")
        #expect(try cli.text("move", "pm-crm", "--to", "cio").hasPrefix("Moved pm-crm (Ravi Patel) from "))
    }

    @Test("remove names who takes over and the units left without a head")
    func removeNames() throws {
        let cli = try InProcess.example()
        #expect(try cli.run("remove", "role", "prog-digital-manager").lines == [
            "Removed prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]",
            "2 direct reports now report to pmo-it-director (Lena Fischer): pm-payments (Jane Doe), pm-crm (Ravi Patel)",
            "Unit prog-digital (Digital Channels Programme) has no head now; name one with: orgctl set unit prog-digital --head KEY",
        ])
    }
}
