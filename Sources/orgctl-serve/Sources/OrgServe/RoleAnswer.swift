import OrgModel

/// The answer of `GET /api/roles/{key}`: everything the page's panel shows.
enum RoleAnswer {
    static func detail(of role: Role, in view: ChartView, version: String) throws -> JSON {
        let chart = view.chart
        guard case .role(let details) = try chart.details(of: role.key) else { throw APIError.notFound(role.key) }
        let chain = try chart.chain(of: role.key)
        let team = try chart.rollup(of: role.key).team
        var unitDetails = JSON.null
        if let key = role.unit {
            let unit = try chart.unit(key)
            unitDetails = .object([
                ("key", .string(unit.key)), ("name", .string(unit.name)), ("kind", .string(unit.kind.rawValue)),
                ("pmoType", .optional(unit.pmoType?.rawValue)), ("head", .optional(unit.head)),
            ])
        }
        let history = try chart.history(of: role.key).prefix(20).map { Shapes.change($0) }
        return .object([
            ("role", .object(try view.node(role) + [
                ("grade", role.grade.map(JSON.int) ?? .null),
                ("salary", role.salary.map { .object([("amount", .string($0.amount)), ("currency", .string($0.currency))]) } ?? .null),
                ("rung", .optional(role.rung?.rawValue)),
            ])),
            ("unitDetails", unitDetails),
            ("chain", .array(chain.dropFirst().filter { role in
                view.caller.branch == nil || (try? view.contains(role.key)) == true
            }.map(Shapes.roleRef))),
            ("path", .array(path(chain, branch: view.caller.branch).map(JSON.string))),
            ("rollup", .object([
                ("headcount", .int(team.roles)), ("vacancies", .int(team.vacant)),
                ("cost", .array(team.salaryCost.map { .object([("currency", .string($0.currency)), ("amount", .string($0.amount))]) })),
            ])),
            ("dottedManagers", .array(try view.references(details.dottedTo))),
            ("dottedReports", .array(try view.references(details.dottedReports))),
            ("history", .array(history)),
            ("revision", .string(Revision.of(role, dottedTo: details.dottedTo, version: version))),
        ])
    }

    /// Keys from the top (or the branch's root) down to the role.
    static func path(_ chain: [Role], branch: String?) -> [String] {
        var keys = chain.map(\.key)
        if let branch, let top = keys.firstIndex(where: { $0.lowercased() == branch.lowercased() }) {
            keys = Array(keys[...top])
        }
        return keys.reversed()
    }
}

/// A role's revision: the newest change number when it was read, and a
/// digest of everything a conflict is about (its fields, its manager and
/// depth, its dotted managers). Two revisions conflict when their digests
/// differ; the change number says where to start looking for what changed.
enum Revision {
    static func of(_ role: Role, dottedTo: [String], version: String) -> String {
        version + "-" + digest(role, dottedTo: dottedTo)
    }

    static func digest(_ role: Role, dottedTo: [String]) -> String {
        let fields: [String] = [
            role.key, role.title, role.holder ?? "\u{0}", role.reportsTo ?? "\u{0}", String(role.depth),
            role.unit ?? "\u{0}", role.grade.map(String.init) ?? "\u{0}",
            role.salary.map { $0.amount + $0.currency } ?? "\u{0}", role.explicitRung?.rawValue ?? "\u{0}",
        ] + dottedTo.sorted()
        // FNV-1a, 64 bits: stable across runs (Swift's Hasher is seeded per process).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in fields.joined(separator: "\u{1}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The change number and digest of a revision a client sent, or nil when it is not one.
    static func parse(_ text: String) -> (changeID: Int64, digest: String)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let id = Int64(parts[0]), parts[1].count == 16 else { return nil }
        return (id, String(parts[1]))
    }
}
