/// The materialised path of a role: its ancestors' ids and its own, root first.
///
/// Each id is one segment: a length digit followed by the id in base 62, using
/// digits and letters in ASCII order. The segments are self-delimiting and sort
/// like the numbers they encode, so under SQLite's binary collation:
/// - the roles below a role are exactly the paths in `(path, path + "~")`;
/// - ordering by path walks the chart depth first, siblings in the order they
///   were added.
enum PathLabel {
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
