import Hummingbird
import OrgModel

/// The dotted (matrix) lines the page draws: those among the roles it shows.
extension ChartAPI {
    struct ShownRoles: Decodable {
        var keys: [String]
    }

    /// How many keys one request may name: a page shows a few thousand boxes at most.
    static let dottedLineKeysLimit = 5_000

    func addDottedLineRoutes(to router: Router<BasicRequestContext>) {
        // A POST, for a read, because the keys do not fit in an address.
        route(router, .post, "/api/dotted-lines") { request, _ in
            await self.handle(request) { caller in
                let moment = try Self.moment(request)
                let shown = try await self.body(request, as: ShownRoles.self)
                guard shown.keys.count <= Self.dottedLineKeysLimit else {
                    throw APIError.invalid("keys names more than \(Self.dottedLineKeysLimit) roles.", value: nil)
                }
                try self.checkLength(shown.keys.max { $0.utf8.count < $1.utf8.count })
                return Answer.json(try await self.view(caller, asOf: moment) { view in
                    var visible: [String: Bool] = [:]
                    func sees(_ key: String) throws -> Bool {
                        if let known = visible[key] { return known }
                        let answer = try view.contains(key)
                        visible[key] = answer
                        return answer
                    }
                    var lines: [JSON] = []
                    // Both ends must be roles the caller may see, whatever keys the request named.
                    for line in try view.chart.dottedLines(among: shown.keys) where try sees(line.role) && sees(line.manager) {
                        lines.append(.object([("role", .string(line.role)), ("manager", .string(line.manager))]))
                    }
                    return .object([("lines", .array(lines))])
                })
            }
        }
    }
}
