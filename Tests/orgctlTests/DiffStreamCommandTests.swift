import Foundation
import Testing

@Suite("diff --json streams")
struct DiffStreamCommandTests {
    @Test("diff --json writes the changes as it finds them, then their count")
    func jsonChangesThenCount() throws {
        let sandbox = try Sandbox.example()
        try FileManager.default.copyItem(at: sandbox.url("org.db"), to: sandbox.url("what-if.db"))
        try sandbox.ok("move", "pm-crm", "--to", "cio", "--db", "what-if.db")
        try sandbox.ok("set", "role", "pm-fleet", "--holder", "Ines Sousa", "--db", "what-if.db")
        let out = try sandbox.ok("diff", "what-if.db", "--json").stdout
        #expect(out.hasPrefix("{\"changes\":[{\"kind\":\"role-moved\",\"key\":\"pm-crm\""))
        #expect(out.hasSuffix("}],\"count\":2}\n"))
        let json = try sandbox.json("diff", "what-if.db")
        #expect(json["count"] as? Int == 2)
        #expect((json["changes"] as? [[String: Any]])?.map { $0["text"] as? String } == [
            "pm-crm (Ravi Patel) moved from prog-digital-manager (Kwame Mensah) to cio (Henrik Lund)", "pm-fleet holder: vacant → Ines Sousa",
        ])
        #expect(try sandbox.ok("diff", "org.db", "--json").stdout == "{\"changes\":[],\"count\":0}\n")
        #expect(try sandbox.run("diff", "what-if.db", "--json", "--exit-code").status == Exit.refused)
    }
}
