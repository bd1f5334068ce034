/// A connection's prepared statements by their SQL, in a table hashed by
/// hand. A `Dictionary` keyed by `String` would cost the Swift runtime, at
/// its first use in a process, a search of every protocol conformance in
/// the executable for `String: Hashable`: about a tenth of a point
/// command's instructions. Buckets of arrays, grown as statements are added,
/// keep a look-up as cheap as hashing the text's ends once.
struct StatementCache {
    private var buckets: [[Statement]] = Array(repeating: [], count: 32)
    private var count = 0

    /// The statement prepared for `sql`, if any.
    func statement(for sql: String) -> Statement? {
        for statement in buckets[index(of: sql)] where statement.sql == sql { return statement }
        return nil
    }

    /// Keeps `statement` under its SQL, which must not be cached already.
    mutating func insert(_ statement: Statement) {
        if count >= buckets.count * 2 { grow() }
        buckets[index(of: statement.sql)].append(statement)
        count += 1
    }

    /// Forgets every statement (which finalizes those nobody else holds).
    mutating func removeAll() {
        buckets = Array(repeating: [], count: 32)
        count = 0
    }

    private mutating func grow() {
        let old = buckets
        buckets = Array(repeating: [], count: buckets.count * 4)
        for bucket in old {
            for statement in bucket { buckets[index(of: statement.sql)].append(statement) }
        }
    }

    /// The bucket of `sql`.
    private func index(of sql: String) -> Int {
        let hash = sql.utf8.withContiguousStorageIfAvailable(Self.hash)
            ?? Array(sql.utf8).withUnsafeBufferPointer(Self.hash)
        return Int(truncatingIfNeeded: hash) & (buckets.count - 1)
    }

    /// How many bytes at each end of a text its hash reads.
    private static let sampled = 48

    /// FNV-1a over the length and the first and last ``sampled`` bytes, read
    /// from the text's own buffer: hashing every byte of every statement
    /// through the string's view was a twentieth of a small write. Statements
    /// are short or differ near an end, and a rare collision costs one
    /// comparison of texts.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        let head = min(bytes.count, sampled), tail = max(head, bytes.count - sampled)
        for index in 0..<head { hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3 }
        for index in tail..<bytes.count { hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
