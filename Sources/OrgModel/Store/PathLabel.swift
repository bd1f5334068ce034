import OrgSQLite

/// The materialised path of a role: its ancestors' ids and its own, root first.
///
/// Each id is one segment: a length digit followed by the id in base 62, using
/// digits and letters in ASCII order. The segments are self-delimiting and sort
/// like the numbers they encode, so under SQLite's binary collation:
/// - the roles below a role are exactly the paths in `(path, path + "~")`;
/// - ordering by path walks the chart depth first, siblings in the order they
///   were added.
enum PathLabel {
    /// The deepest a role may sit: levels below the top of its chart, a root
    /// being 0. A label holds a segment per level, so with no limit a chain
    /// of n roles stores n²/2 segments: a 170 KB file of a 16,000-deep chain
    /// made a 952 MB database. At 100 levels a role's label is at most 101
    /// segments (505 bytes with ids below 62⁴), and `check` already calls a
    /// chain deeper than 12 unusual.
    static let maximumDepth = 100

    private static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    /// A byte greater than every byte a label can hold.
    static let upperBound = "~"

    /// The segment that encodes `id` (which is positive).
    static func segment(_ id: Int64) -> String {
        var bytes: [UInt8] = []
        appendSegment(id, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the segment that encodes `id` (which is positive) to `path`.
    static func appendSegment(_ id: Int64, to path: inout [UInt8]) {
        precondition(id > 0, "role ids are positive")
        var length = 0
        var value = id
        while value > 0 {
            length += 1
            value /= 62
        }
        path.append(UInt8(ascii: "0") + UInt8(length))
        let start = path.count
        path.append(contentsOf: repeatElement(0, count: length))
        value = id
        for position in (start..<start + length).reversed() {
            path[position] = digits[Int(value % 62)]
            value /= 62
        }
    }

    /// The ids a path holds, root first.
    static func ids(in path: String) -> [Int64] {
        var result: [Int64] = []
        var bytes = path.utf8.makeIterator()
        while let lengthByte = bytes.next() {
            var value: Int64 = 0
            for _ in 0..<Int(lengthByte - UInt8(ascii: "0")) {
                guard let byte = bytes.next(), let digit = digits.firstIndex(of: byte) else { return result }
                value = value * 62 + Int64(digit)
            }
            result.append(value)
        }
        return result
    }

    /// The exclusive upper end of the range of paths below `path`.
    static func end(of path: String) -> String { path + upperBound }
}

extension OrgDatabase {
    /// The deepest a role may sit, in levels below the top of its chart (a
    /// root is at 0): every write that could put a role deeper is refused.
    public static var maximumDepth: Int { PathLabel.maximumDepth }

    /// Throws ``OrgError/tooDeep(key:depth:limit:)`` when `depth` is past the limit.
    func refuseDepth(_ depth: Int, of key: @autoclosure () throws -> String) throws {
        guard depth > PathLabel.maximumDepth else { return }
        throw OrgError.tooDeep(key: try key(), depth: depth, limit: PathLabel.maximumDepth)
    }

    /// Refuses to shift the tree at `path` (or, without `includingTop`, the
    /// roles below its top) down by `depthChange` levels when that puts a
    /// role past the limit. Moving a tree up, or across at its own level,
    /// never needs to look.
    func refuseDeepening(treeAt path: String, by depthChange: Int, includingTop: Bool = true) throws {
        guard depthChange > 0 else { return }
        let range: [SQLValue] = [.text(path), .text(PathLabel.end(of: path))]
        let lower = includingTop ? "path >= ?1" : "path > ?1"
        guard let deepest = try db.integer("SELECT max(depth) FROM role WHERE \(lower) AND path < ?2", range) else { return }
        guard deepest + Int64(depthChange) > Int64(PathLabel.maximumDepth) else { return }
        let key = try db.statement("SELECT key FROM role WHERE \(lower) AND path < ?2 AND depth = ?3 ORDER BY path LIMIT 1")
            .first(range + [.integer(deepest)]) { $0.text(0) } ?? ""
        throw OrgError.tooDeep(key: key, depth: Int(deepest) + depthChange, limit: PathLabel.maximumDepth)
    }
}
