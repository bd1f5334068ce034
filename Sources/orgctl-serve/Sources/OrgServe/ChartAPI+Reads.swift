import Hummingbird
import OrgModel

/// The read routes: every one accepts `?asOf=` and answers only with roles the caller may see.
extension ChartAPI {
    func addReadRoutes(to router: Router<BasicRequestContext>) {
        route(router, .get, "/api/me") { request, _ in
            await self.handle(request) { caller in
                let publicRead = self.configuration.publicRead
                return Answer.json(try await self.view(caller, asOf: nil) { view in
                    .object([
                        ("name", .string(caller.name)), ("level", .string(caller.level.rawValue)),
                        ("branch", try caller.branch.map { Shapes.roleRef(try view.chart.role($0)) } ?? .null),
                        ("publicRead", .bool(publicRead)),
                    ])
                })
            }
        }
        route(router, .get, "/api/chart") { request, _ in
            await self.handle(request) { caller in
                let moment = try Self.moment(request)
                return Answer.json(try await self.store.read { database in
                    let view = ChartView(chart: try Self.snapshot(database, asOf: moment), caller: caller)
                    var roots: [Role] = []
                    if let branch = caller.branch {
                        roots = [try view.role(branch)]
                    } else {
                        try view.chart.walkTree(maxDepth: 0) { roots.append($0.role) }
                    }
                    // Counting a million roles takes a pass over them: done
                    // once per version of the file, date asked and branch.
                    let version = try Self.version(database)
                    let countsKey = [version, request.uri.queryParameters.get("asOf") ?? "now", caller.branch ?? ""]
                        .joined(separator: "|")
                    let counts = try self.chartCounts.cached(countsKey) {
                        var roles = 0
                        var vacancies = 0
                        for root in roots {
                            let team = try view.chart.rollup(of: root.key).team
                            roles += team.roles
                            vacancies += team.vacant
                        }
                        return (roles, vacancies)
                    }
                    let (roles, vacancies) = counts
                    return .object([
                        ("asOf", .string(view.chart.moment.description)), ("version", .string(version)),
                        ("roots", .array(try roots.map { .object(try view.node($0)) })),
                        ("roles", .int(roles)), ("vacancies", .int(vacancies)),
                    ])
                })
            }
        }
        route(router, .get, "/api/roles/:key/children") { request, context in
            await self.handle(request) { caller in
                if let kept = self.keptAnswer(caller, request) { return kept }
                let key = try self.key(context)
                let moment = try Self.moment(request)
                let offset = try Self.number(request, "offset", default: 0, max: Int(Int32.max))
                let limit = try Self.number(request, "limit", default: 200, max: 1_000)
                return try await self.cachedAnswer(caller, request) { database in
                    let view = ChartView(chart: try Self.snapshot(database, asOf: moment), caller: caller)
                    // One page from the manager index, each report with its counts, in print tree's order.
                    guard let page = try view.chart.childPage(of: key, offset: offset, limit: limit),
                          try view.contains(page.manager.key) else { throw APIError.notFound(key) }
                    let json = JSON.object([
                        ("parent", Shapes.roleRef(page.manager)),
                        ("children", .array(page.children.map { .object(Shapes.roleNode($0)) })),
                        ("total", .int(page.total)),
                    ])
                    return (json, Shown(keys: [page.manager.key] + page.children.map(\.role.key), inBranch: caller.branch != nil))
                }
            }
        }
        route(router, .get, "/api/roles/:key") { request, context in
            await self.handle(request) { caller in
                let key = try self.key(context)
                let moment = try Self.moment(request)
                return Answer.json(try await self.store.read { database in
                    let view = ChartView(chart: try Self.snapshot(database, asOf: moment), caller: caller)
                    return try RoleAnswer.detail(of: try view.role(key), in: view, version: try Self.version(database))
                })
            }
        }
        route(router, .get, "/api/search") { request, _ in
            await self.handle(request) { caller in
                if let kept = self.keptAnswer(caller, request) { return kept }
                guard let text = request.uri.queryParameters.get("q"), !text.isEmpty else {
                    throw APIError.invalid("Give the text to search for as q.", value: nil)
                }
                let moment = try Self.moment(request)
                let limit = try Self.number(request, "limit", default: 20, max: 100)
                return try await self.cachedAnswer(caller, request) { database in
                    let view = ChartView(chart: try Self.snapshot(database, asOf: moment), caller: caller)
                    // A branch token sees fewer; ask for more so that the answer is still full.
                    let found = try view.chart.find(text, limit: caller.branch == nil ? limit : limit * 5)
                    var seen = Set<String>()
                    var results: [JSON] = []
                    // Every role whose fields the answer shows or whose finding shapes it:
                    // all those found, and the chains of the results.
                    var shown: [String] = []
                    for result in found where results.count < limit {
                        let role: Role
                        switch result {
                        case .role(let found): role = found.role
                        case .unit(let found):
                            guard let head = found.unit.head else { continue }
                            role = try view.chart.role(head)
                        }
                        // A role found and left out still holds its place among those
                        // found: were it no longer found, another could take it.
                        shown.append(role.key)
                        guard seen.insert(role.key).inserted else { continue }
                        let chain = try view.chart.chain(of: role.key)
                        if let branch = caller.branch, !chain.contains(where: { $0.key.lowercased() == branch.lowercased() }) {
                            continue
                        }
                        shown += chain.map(\.key)
                        results.append(.object(try view.node(role) + [
                            ("path", .array(RoleAnswer.path(chain, branch: caller.branch).map(JSON.string))),
                            ("chainTop", Shapes.roleRef(chain.last!)),
                        ]))
                    }
                    return (.object([("results", .array(results))]), Shown(keys: shown, search: text, inBranch: caller.branch != nil))
                }
            }
        }
        route(router, .get, "/api/check") { request, _ in
            await self.handle(request) { caller in
                let moment = try Self.moment(request)
                return Answer.json(try await self.view(caller, asOf: moment) { view in
                    var findings: [JSON] = []
                    for finding in try view.chart.check() {
                        guard try finding.roles.allSatisfy({ try view.contains($0) }),
                              caller.branch == nil || !finding.roles.isEmpty else { continue }
                        findings.append(Shapes.finding(finding, references: try view.references(finding.roles)))
                    }
                    return .object([("findings", .array(findings))])
                })
            }
        }
        route(router, .get, "/api/units") { request, _ in
            await self.handle(request) { caller in
                let moment = try Self.moment(request)
                return Answer.json(try await self.view(caller, asOf: moment) { view in
                    var units: [JSON] = []
                    for entry in try view.chart.unitTree() {
                        if caller.branch != nil {
                            guard let head = entry.unit.head, try view.contains(head) else { continue }
                        }
                        units.append(.object([
                            ("key", .string(entry.unit.key)), ("name", .string(entry.unit.name)),
                            ("kind", .string(entry.unit.kind.rawValue)), ("pmoType", .optional(entry.unit.pmoType?.rawValue)),
                            ("parent", .optional(entry.unit.parent)), ("head", .optional(entry.unit.head)),
                            ("headHolder", .optional(entry.headHolder)), ("depth", .int(entry.depth)),
                            ("governedBy", .optional(entry.governedBy)), ("ownRoles", .int(entry.ownRoles)),
                            ("headcount", .int(entry.headcount)),
                        ]))
                    }
                    return .object([("units", .array(units))])
                })
            }
        }
        route(router, .get, "/api/units/:key/type-preview") { request, context in
            await self.handle(request) { caller in
                let key = try self.key(context)
                let moment = try Self.moment(request)
                guard let text = request.uri.queryParameters.get("to"), let type = PMOType(rawValue: text) else {
                    throw APIError.invalid("to must be one of " + PMOType.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                                           value: request.uri.queryParameters.get("to"))
                }
                return Answer.json(try await self.view(caller, asOf: moment) { view in
                    if caller.branch != nil {
                        guard let unit = try? view.chart.unit(key), let head = unit.head, try view.contains(head) else {
                            throw APIError.notFound(key)
                        }
                    }
                    let plan = try view.chart.planPMOTypeChange(key, to: type)
                    return .object([
                        ("pmo", .string(plan.pmo)), ("from", .string(plan.from.rawValue)), ("to", .string(plan.to.rawValue)),
                        ("changes", .array(try plan.changes.filter { try view.contains($0.role) }.map { change in
                            .object([
                                ("action", .string(change.action.rawValue)), ("role", .string(change.role)),
                                ("from", .optional(change.from)), ("to", .optional(change.to)), ("reason", .string(change.reason)),
                            ])
                        })),
                        ("notes", .array(plan.notes.map { note in
                            .object([("message", .string(note.message)), ("situation", .string(note.situation)),
                                     ("fix", .optional(note.remedy.flatMap(WebRemedy.text)))])
                        })),
                    ])
                })
            }
        }
        route(router, .get, "/api/diff") { request, _ in
            await self.handle(request) { caller in
                guard let fromText = request.uri.queryParameters.get("from"), let toText = request.uri.queryParameters.get("to") else {
                    throw APIError.invalid("Give both dates, from and to.", value: nil)
                }
                let from = try Self.date(fromText, "from")
                let to = try Self.date(toText, "to")
                return Answer.json(try await self.store.read { database in
                    let before = ChartView(chart: try database.snapshot(asOf: from), caller: caller)
                    let after = ChartView(chart: try OrgDatabase(path: database.path, access: .read).snapshot(asOf: to), caller: caller)
                    var changes: [JSON] = []
                    try before.chart.forEachNamedDifference(to: after.chart) { change in
                        if caller.branch != nil {
                            let roles = [change.key] + [change.fromRole?.key, change.toRole?.key].compactMap { $0 }
                            guard roles.allSatisfy({ before.containsRole($0) || after.containsRole($0) }) else { return }
                        }
                        changes.append(Shapes.chartChange(change))
                    }
                    return .object([("changes", .array(changes))])
                })
            }
        }
    }
}
