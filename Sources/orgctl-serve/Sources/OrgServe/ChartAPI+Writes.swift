import Hummingbird
import OrgModel

/// The write routes: each one OrgModel write (one transaction, one recorded
/// change) on the writer connection, after the caller's rights, the branch
/// and the revision are checked on that same connection.
extension ChartAPI {
    struct NewRole: Decodable {
        var key: String
        var title: String
        var holder: String?
        var reportsTo: String?
        var unit: String?
        var grade: Int?
    }

    struct RoleEdit: Decodable {
        var revision: String?
        var title: String?
        var holder: String?
        var unit: String?
        var grade: Int?
        var vacant: Bool?
    }

    struct Move: Decodable {
        var revision: String?
        var to: String
        var dryRun: Bool?
    }

    struct DottedLine: Decodable {
        var to: String
    }

    func addWriteRoutes(to router: Router<BasicRequestContext>) {
        route(router, .post, "/api/roles") { request, _ in
            await self.handle(request, writing: true) { caller in
                let new = try await self.body(request, as: NewRole.self)
                try self.checkLength(new.key, new.reportsTo, new.unit)
                let answer = try await self.write(caller, command: "add \(new.key)") { database, guarded in
                    if caller.branch != nil {
                        // A new root is outside every branch.
                        guard let manager = new.reportsTo else { throw APIError.outsideBranch(new.key) }
                        try guarded.require(manager)
                    }
                    _ = try database.addRole(RoleDraft(key: new.key, title: new.title, holder: new.holder,
                                                       reportsTo: new.reportsTo, unit: new.unit, grade: new.grade))
                    return new.key
                }
                return Answer.json(answer, status: .created)
            }
        }
        route(router, .patch, "/api/roles/:key") { request, context in
            await self.handle(request, writing: true) { caller in
                let key = try self.key(context)
                let edit = try await self.body(request, as: RoleEdit.self)
                try self.checkLength(edit.unit)
                let holder: RoleChanges.HolderChange? = edit.vacant == true ? .vacate : edit.holder.map { .holder($0) }
                let changes = RoleChanges(title: edit.title, holder: holder, unit: edit.unit, grade: edit.grade)
                guard !changes.isEmpty else { throw APIError.invalid("The body changes nothing.", value: nil) }
                // A new unit changes the unit's counts too: only the role's own fields are known.
                let ownFields = edit.unit == nil ? key : nil
                return Answer.json(try await self.write(caller, command: "set \(key)", changingOnlyFieldsOf: ownFields) { database, guarded in
                    try guarded.require(key)
                    try guarded.checkRevision(edit.revision, of: key)
                    _ = try database.updateRole(key, changes)
                    return key
                })
            }
        }
        route(router, .post, "/api/roles/:key/move") { request, context in
            await self.handle(request, writing: true) { caller in
                let key = try self.key(context)
                let move = try await self.body(request, as: Move.self)
                try self.checkLength(move.to)
                if move.dryRun == true { return Answer.json(try await self.tryMove(key, move, caller)) }
                return Answer.json(try await self.write(caller, command: "move \(key) to \(move.to)", moving: key) { database, guarded in
                    try guarded.require(key)
                    try guarded.require(move.to)
                    if let manager = try database.role(key).reportsTo { try guarded.require(manager) }
                    try guarded.checkRevision(move.revision, of: key)
                    _ = try database.move(key, to: move.to)
                    return key
                })
            }
        }
        route(router, .delete, "/api/roles/:key") { request, context in
            await self.handle(request, writing: true) { caller in
                let key = try self.key(context)
                let revision = request.uri.queryParameters.get("revision")
                return Answer.json(try await self.write(caller, command: "remove \(key)") { database, guarded in
                    try guarded.require(key)
                    // Its reports go to its manager, who must be inside the branch too.
                    if caller.branch != nil {
                        guard let manager = try database.role(key).reportsTo else { throw APIError.outsideBranch(key) }
                        try guarded.require(manager)
                    }
                    try guarded.checkRevision(revision, of: key)
                    let removed = try database.removeRole(key)
                    return removed.reassignedTo ?? key
                })
            }
        }
        route(router, .post, "/api/roles/:key/dotted") { request, context in
            await self.handle(request, writing: true) { caller in
                let key = try self.key(context)
                let line = try await self.body(request, as: DottedLine.self)
                try self.checkLength(line.to)
                return Answer.json(try await self.write(caller, command: "add dotted line \(key) to \(line.to)") { database, guarded in
                    try guarded.require(key)
                    try guarded.require(line.to)
                    try database.addDottedLine(from: key, to: line.to)
                    return key
                }, status: .created)
            }
        }
        route(router, .delete, "/api/roles/:key/dotted/:to") { request, context in
            await self.handle(request, writing: true) { caller in
                let key = try self.key(context)
                let to = try self.key(context, "to")
                return Answer.json(try await self.write(caller, command: "remove dotted line \(key) to \(to)") { database, guarded in
                    try guarded.require(key)
                    try guarded.require(to)
                    try database.removeDottedLine(from: key, to: to)
                    return key
                })
            }
        }
    }

    func checkLength(_ values: String?...) throws {
        for value in values.compactMap({ $0 }) where value.utf8.count > configuration.limits.textBytes {
            throw APIError.invalid("A key is longer than \(configuration.limits.textBytes) bytes.", value: nil)
        }
    }

    /// Runs one write for `caller`, recorded as `serve: COMMAND (TOKEN)`, and
    /// answers with the change it recorded. `body` returns the key whose
    /// history holds the change. When the write changes nothing but the own
    /// fields (title, holder, grade, vacancy) of the role `changingOnlyFieldsOf`,
    /// the answers kept that do not show that role stay kept, searches
    /// included unless the role's fields as they were before and after place
    /// it differently among the search's matches; when it moves the role
    /// `moving`, those that show neither it nor its old and new managers'
    /// chains (``WrittenRoles``).
    func write(_ caller: Caller, command: String, changingOnlyFieldsOf ownFields: String? = nil,
               moving moved: String? = nil,
               _ body: @escaping @Sendable (OrgDatabase, WriteGuard) throws -> String) async throws -> JSON {
        try await store.write(carrying: [answers, callers]) { database in
            let guarded = WriteGuard(database: database, caller: caller)
            database.intent = ChangeIntent(command: "serve: \(command) (\(caller.name))")
            // Asked before the write's own checks, which word its refusals.
            let oldChain = moved.flatMap { try? database.chain(of: $0) } ?? []
            // The role's fields before the write, read on the writer: what searches found it by.
            let before = ownFields.flatMap { try? database.roleIfPresent($0) }
            let newestBefore = try database.newestChangeID()
            let othersBefore = try database.commitCounter()
            let touched = try body(database, guarded)
            let after = try database.newestChangeID()
            var change = JSON.null
            if after != newestBefore, let after {
                // Nobody else committed meanwhile: the newest change is this
                // write's, read by its number (a role's whole history takes
                // most of a write's time at a million roles). Otherwise it is
                // looked for among the changes that touched the role.
                let record = try database.commitCounter() == othersBefore
                    ? database.change(after) : database.history(of: touched).first { $0.id == after }
                change = record.map { Shapes.change($0) } ?? .null
            }
            var written = try ownFields.map { WrittenRoles(roles: [try database.role($0)], before: before.map { [$0] } ?? []) }
            if let moved {
                // chain(of:) starts at the role itself: the moved role, then both chains above it;
                // a move changes no role's own fields.
                let roles = oldChain + (try database.chain(of: moved))
                written = WrittenRoles(roles: roles, before: roles, moved: true)
            }
            return (JSON.object([("change", change), ("version", .string(try Self.version(database)))]), written)
        }
    }

    /// A move worked out and not made: the same checks the move makes before
    /// it writes (the keys, the branch, the revision, no loop).
    private func tryMove(_ key: String, _ move: Move, _ caller: Caller) async throws -> JSON {
        try await store.write { database in
            let guarded = WriteGuard(database: database, caller: caller)
            do {
                try guarded.require(key)
                try guarded.require(move.to)
                if let manager = try database.role(key).reportsTo { try guarded.require(manager) }
                try guarded.checkRevision(move.revision, of: key)
                let chain = try database.chain(of: move.to)
                if let loop = chain.firstIndex(where: { $0.key.lowercased() == key.lowercased() }) {
                    throw OrgError.cycle(path: [key] + chain[..<loop].reversed().map(\.key) + [key])
                }
                // The move made and rolled back, with the rules checked around it.
                let preview = try database.previewMove(key, to: move.to)
                var findings: [JSON] = []
                for finding in preview.newFindings {
                    let roles = try finding.roles.filter { try guarded.isVisible($0) }
                    guard roles.count == finding.roles.count, caller.branch == nil || !roles.isEmpty else { continue }
                    let names = try database.references(for: roles)
                    findings.append(Shapes.finding(finding, references: roles.compactMap { names.role($0).map(Shapes.roleRef) }))
                }
                return .object([("ok", .bool(true)), ("error", .null), ("newFindings", .array(findings))])
            } catch let error as APIError {
                return .object([("ok", .bool(false)), ("error", error.json), ("newFindings", .array([]))])
            } catch let error as OrgError {
                return .object([("ok", .bool(false)), ("error", APIError(error).json), ("newFindings", .array([]))])
            }
        }
    }
}

/// The checks a write makes on the writer connection before it writes: the
/// branch, and the revision the client read.
struct WriteGuard {
    let database: OrgDatabase
    let caller: Caller

    /// Refuses a role outside the caller's branch (403), or one that does not exist (404).
    func require(_ key: String) throws {
        // A caller without a branch needs only the key to be a role's: one
        // look-up. A unit's key (its head role) and a missing key (refused
        // with similar keys) take the chain's path.
        if caller.branch == nil, try database.kind(of: key) == .role { return }
        let chain: [Role]
        do {
            chain = try database.chain(of: key)
        } catch let error {
            guard ChartView.isMissing(error) else { throw error }
            throw caller.branch == nil ? APIError(error) : APIError.notFound(key)
        }
        guard let branch = caller.branch else { return }
        guard chain.contains(where: { $0.key.lowercased() == branch.lowercased() }) else { throw APIError.outsideBranch(key) }
    }

    /// True when the caller may see the role `key` (which exists).
    func isVisible(_ key: String) throws -> Bool {
        guard let branch = caller.branch else { return true }
        return try database.chain(of: key).contains { $0.key.lowercased() == branch.lowercased() }
    }

    /// Refuses (409) when the role changed since the client read `revision`.
    func checkRevision(_ revision: String?, of key: String) throws {
        guard let revision else { return }
        guard let sent = Revision.parse(revision) else { throw APIError.invalid("The revision is not one this server gave.", value: revision) }
        let role = try database.role(key)
        guard case .role(let details) = try database.details(of: key) else { return }
        guard Revision.digest(role, dottedTo: details.dottedTo) != sent.digest else { return }
        let later = try database.history(of: key).filter { $0.id > sent.changeID }
        let label = role.holder.map { "\(role.key) (\($0))" } ?? role.key
        let message = later.first.map { "\(label) was changed by change \($0.id) (\($0.command)) after you loaded it." }
            ?? "\(label) was changed after you loaded it."
        var error = APIError.invalid(message, value: key, fix: "Load the role again and make your change on what it is now.")
        error.status = .conflict
        error.code = "conflict"
        error.extra = [("changes", .array(later.map { Shapes.change($0) }))]
        throw error
    }
}
