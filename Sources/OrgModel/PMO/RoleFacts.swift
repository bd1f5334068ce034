import OrgSQLite

/// The facts about one role that the PMO rules and comparisons read, loaded
/// by id and kept for the length of one operation.
struct RoleFacts {
    let id: Int64
    let key: String
    let title: String
    let holder: String?
    let unitID: Int64?
    let managerID: Int64?
    let path: String
    let depth: Int
    let grade: Int?
    let rung: Rung?

    /// The ids of its managers, nearest first.
    var chainIDs: [Int64] { Array(PathLabel.ids(in: path).dropLast().reversed()) }
}

/// Loads ``RoleFacts`` by id, each at most once.
final class RoleFactsCache {
    private let statement: Statement
    /// The first few roles read, searched in order: a comparison reads a
    /// handful, and a dictionary's first use costs the runtime a search of
    /// every conformance in the executable, more than those reads.
    private var first: [RoleFacts] = []
    /// Every role read after the first few.
    private var loaded: [Int64: RoleFacts] = [:]
    private static let firstFew = 32

    init(db: Connection) throws {
        statement = try db.statement(
            "SELECT id, key, title, holder, unit_id, manager_id, path, depth, grade, rung FROM role WHERE id = ?")
    }

    func facts(_ id: Int64) throws -> RoleFacts {
        if let known = first.first(where: { $0.id == id }) { return known }
        if !loaded.isEmpty, let known = loaded[id] { return known }
        guard let facts = try statement.first([.integer(id)], { row in
            RoleFacts(id: row.int(0), key: row.text(1), title: row.text(2), holder: row.optionalText(3),
                      unitID: row.optionalInt(4), managerID: row.optionalInt(5), path: row.text(6),
                      depth: Int(row.int(7)), grade: row.optionalInt(8).map { Int($0) },
                      rung: row.optionalText(9).flatMap(Rung.init(rawValue:)) ?? Rung.inferred(fromTitle: row.text(2)))
        }) else { throw OrgDatabase.vanished("role", id) }
        if first.count < Self.firstFew { first.append(facts) } else { loaded[id] = facts }
        return facts
    }
}
