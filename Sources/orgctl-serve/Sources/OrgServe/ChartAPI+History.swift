import Hummingbird
import OrgModel

/// The history routes: the recorded changes and undo. A token limited to a
/// branch sees and undoes only the changes that lie wholly inside its branch
/// (OrgModel's `history(within:)`): a change that touched a role outside it
/// too, or a unit, is left out whole, and refused by name when undone.
extension ChartAPI {
    struct Undo: Decodable {
        var change: Int64?
    }

    func addHistoryRoutes(to router: Router<BasicRequestContext>) {
        route(router, .get, "/api/history") { request, _ in
            await self.handle(request) { caller in
                let limit = try Self.number(request, "limit", default: 50, max: 1_000)
                let before = try request.uri.queryParameters.get("before").map { _ in
                    Int64(try Self.number(request, "before", default: 0, max: Int(Int64.max)))
                }
                return Answer.json(try await self.store.read { database in
                    let changes: [ChangeRecord]
                    if let branch = caller.branch {
                        changes = try Self.inBranch(branch) { try database.history(within: branch, limit: limit, before: before) }
                    } else {
                        changes = Array(try database.history().lazy.filter { before == nil || $0.id < before! }.prefix(limit))
                    }
                    return .object([("changes", .array(changes.map { Shapes.change($0) }))])
                })
            }
        }
        route(router, .post, "/api/undo") { request, _ in
            await self.handle(request, writing: true) { caller in
                let undo = try await self.body(request, as: Undo.self)
                if caller.branch != nil && undo.change == nil {
                    throw APIError.forbidden("Undoing the last change of the whole chart needs a token that is not limited to a branch; name the change to undo.",
                                             value: nil)
                }
                return Answer.json(try await self.store.write { database in
                    database.intent = ChangeIntent(command: "serve: undo" + (undo.change.map { " \($0)" } ?? "") + " (\(caller.name))")
                    let record: ChangeRecord
                    if let branch = caller.branch, let change = undo.change {
                        // Checked again inside the undo's own transaction.
                        guard try Self.inBranch(branch, { try database.change(change, liesWithin: branch) }) else {
                            throw APIError.forbidden("Change \(change) changed the chart outside the branch this access token may change.",
                                                     value: String(change))
                        }
                        record = try database.undo(change: change, within: branch)
                    } else {
                        record = try undo.change.map { try database.undo(change: $0) } ?? database.undo()
                    }
                    return .object([("change", Shapes.change(record)), ("version", .string(try Self.version(database)))])
                })
            }
        }
    }

    /// `body`, with a branch whose top role is gone answered as not found
    /// (OrgModel's suggestions of similar keys could name roles outside).
    private static func inBranch<T>(_ branch: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OrgError where ChartView.isMissing(error) {
            throw APIError.notFound(branch)
        }
    }
}
