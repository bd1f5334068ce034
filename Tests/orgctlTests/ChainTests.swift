import Foundation
import Testing

@Suite("chain")
struct ChainTests {
    @Test("chain climbs from the role to the root, one level per line")
    func text() throws {
        let sandbox = try Sandbox.example()
        let result = try sandbox.ok("chain", "pm-payments")
        #expect(result.stdoutLines == [
            "pm-payments  Project Manager — Jane Doe  [pmo-it: directive PMO]",
            "↑ prog-digital-manager  Programme Manager — Kwame Mensah  [pmo-it: directive PMO]",
            "  ↑ pmo-it-director  PMO Director — Lena Fischer  [pmo-it: directive PMO]",
            "    ↑ cio  Chief Information Officer — Henrik Lund",
            "      ↑ ceo  Chief Executive Officer — Amara Okafor",
        ])
    }

    @Test("a root's chain is itself; a unit's key means its head")
    func rootAndUnit() throws {
        let sandbox = try Sandbox.example()
        #expect(try sandbox.ok("chain", "ceo").stdout == "ceo  Chief Executive Officer — Amara Okafor\n")
        #expect(try sandbox.ok("chain", "fin").stdoutLines == [
            "cfo  Chief Financial Officer — vacant",
            "↑ ceo  Chief Executive Officer — Amara Okafor",
        ])
    }

    @Test("chain --json lists role objects from the role up, with their depths")
    func json() throws {
        let sandbox = try Sandbox.example()
        let json = try sandbox.json("chain", "pm-payments")
        #expect(json["key"] as? String == "pm-payments")
        let chain = try JSONObject.roles(json["chain"])
        #expect(JSONObject.keys(chain) == ["pm-payments", "prog-digital-manager", "pmo-it-director", "cio", "ceo"])
        #expect(chain.map { $0["depth"] as? Int } == [4, 3, 2, 1, 0])
        #expect(chain.first?["holder"] as? String == "Jane Doe")
        #expect(JSONObject.isNull(chain.last?["reportsTo"]))
    }

    @Test("chain of an unknown key suggests the nearest key")
    func unknown() throws {
        let sandbox = try Sandbox.example()
        expectFailure(try sandbox.run("chain", "pm-paymnts"), status: Exit.refused,
                      mentions: ["'pm-paymnts'", "did you mean 'pm-payments'?"])
    }
}
