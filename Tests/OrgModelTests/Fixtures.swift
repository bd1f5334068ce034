import Foundation
import Testing
@testable import OrgModel

/// A fresh in-memory database holding the enterprise PMO example.
func exampleDatabase() throws -> OrgDatabase {
    let org = try OrgDatabase.inMemory()
    try org.initialise(with: .enterprisePMO)
    return org
}

/// A fresh, empty in-memory database.
func emptyDatabase() throws -> OrgDatabase {
    try OrgDatabase.inMemory()
}

/// A fresh database holding roles added in order as (key, manager) pairs, each
/// titled after its key, so a test can draw the chart it needs in one line.
func orgChart(_ lines: KeyValuePairs<String, String?>) throws -> OrgDatabase {
    let org = try emptyDatabase()
    for (key, manager) in lines {
        try org.addRole(RoleDraft(key: key, title: "Role \(key)", reportsTo: manager))
    }
    return org
}

/// The error `body` throws, or nil when it succeeds; lets a test compare a
/// refusal with `==` in one `#expect`. The library promises to throw only
/// ``OrgError``, so anything else is recorded as an issue.
func refusal<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> OrgError? {
    do {
        _ = try body()
        return nil
    } catch let error as OrgError {
        return error
    } catch {
        Issue.record("threw \(error), which is not an OrgError", sourceLocation: sourceLocation)
        return nil
    }
}

/// Every row of every table (or of `only` these), in a stable order, as
/// text: two snapshots are equal exactly when a write changed nothing.
func snapshot(_ org: OrgDatabase, only: [String]? = nil) throws -> String {
    var out = ""
    let tables = try only ?? org.db.statement("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0.text(0) }
    for table in tables {
        let columns = try org.db.statement("SELECT name FROM pragma_table_info(?) ORDER BY cid").map([.text(table)]) { $0.text(0) }
        let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
        let order = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        out += "[\(table)]\n"
        for line in try org.db.statement("SELECT \(row) FROM \"\(table)\" ORDER BY \(order)").map([], { $0.text(0) }) {
            out += line + "\n"
        }
    }
    return out
}

/// The keys of some roles, in order.
func keys(_ roles: [Role]) -> [String] { roles.map(\.key) }

/// A folder under /tmp that exists for the life of the object.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = "/tmp/orgmodel-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names of the files in the folder, sorted.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// SplitMix64: a tiny generator whose sequence depends only on its seed, so a
/// failing random run can be replayed exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound. (The standard library's ranged random may change
    /// its algorithm between releases; this does not.)
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability percent/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[below(items.count)] }
}
