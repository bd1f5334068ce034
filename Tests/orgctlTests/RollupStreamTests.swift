import Testing
import OrgModel
@testable import orgctl

/// `rollup --managers` writes each manager as it is made; the bytes must be
/// those of the whole list rendered at once, as before.
@Suite("rollup --managers, streamed")
struct RollupStreamTests {
    /// The JSON the command gave when it rendered the whole list as one value.
    func wholeList(_ org: OrgDatabase, key: String?, depth: Int?) throws -> String {
        let rollups = try org.managerRollups(under: key, maxDepth: depth)
        return JSON.object([
            ("top", .optional(rollups.first.flatMap { key == nil ? nil : $0.role.key })),
            ("count", .int(rollups.count)),
            ("managers", .array(rollups.map(RollupText.json))),
        ]).text + "\n"
    }

    @Test("--json gives, byte for byte, the whole list as one JSON value", arguments: [
        (nil, nil), ("cio", nil), ("cio", 1), ("ceo", 0), ("epmo-analyst", nil), (nil, 2),
    ] as [(String?, Int?)])
    func json(_ key: String?, _ depth: Int?) throws {
        let cli = try InProcess.example()
        let org = try OrgDatabase(path: cli.database, access: .read)
        var arguments = ["rollup", "--managers", "--json"] + (key.map { [$0] } ?? [])
        if let depth { arguments += ["--depth", String(depth)] }
        let result = try cli.run(arguments)
        #expect(result.status == 0)
        #expect(try result.text == wholeList(org, key: key, depth: depth))
    }

    @Test("--json for a chart without managers")
    func jsonWithoutManagers() throws {
        let cli = InProcess(sandbox: try Sandbox())
        try cli.run("init")
        #expect(try cli.text("rollup", "--managers", "--json") == "{\"top\":null,\"count\":0,\"managers\":[]}\n")
        #expect(try cli.text("rollup", "--managers") == "Nobody in the chart has reports.\n")
    }

    @Test("the text lines are those of every listed manager, in order")
    func text() throws {
        let cli = try InProcess.example()
        let org = try OrgDatabase(path: cli.database, access: .read)
        let expected = try org.managerRollups().map { RollupText.line($0) + "\n" }.joined()
        #expect(try cli.text("rollup", "--managers") == expected)
    }
}
