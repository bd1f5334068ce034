import Foundation
import Testing

@Suite("history KEY")
struct HistoryKeyCommandTests {
    @Test("history KEY lists the changes that touched the key, not those whose words mention it")
    func historyOfAKeyIgnoresHoldersAndTitles() throws {
        let sandbox = try Sandbox.example()
        try sandbox.ok("set", "role", "pm-crm", "--holder", "cfo")
        try sandbox.ok("set", "role", "pm-fleet", "--title", "Deputy to the cfo")
        try sandbox.ok("move", "fin-controller", "--to", "coo")
        let ids = { (key: String) throws -> [Int] in
            try #require(try sandbox.json("history", key)["changes"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
        }
        #expect(try ids("cfo") == [4, 1])
        #expect(try ids("coo") == [4, 1])
        #expect(try ids("pm-crm") == [2, 1])
        #expect(try ids("fin-controller") == [4, 1])
    }
}
