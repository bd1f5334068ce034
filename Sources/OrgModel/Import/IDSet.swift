/// A set of role ids, one bit per id up to the largest. A sync names every
/// role of a million-role chart: a sorted array of their ids held 8 MB and
/// cost a sort, and each membership test a binary search; this holds one
/// bit per id and answers with one read.
struct IDSet {
    private var words: [UInt64] = []
    /// How many ids the set holds.
    private(set) var count = 0

    /// The ids among `ids`, which may repeat.
    init<S: Sequence>(_ ids: S) where S.Element == Int64 {
        for id in ids { insert(id) }
    }

    /// Adds `id` (at least 0).
    mutating func insert(_ id: Int64) {
        precondition(id >= 0, "role ids are positive")
        let word = Int(id >> 6)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count))) }
        let bit: UInt64 = 1 << UInt64(id & 63)
        if words[word] & bit == 0 { count += 1 }
        words[word] |= bit
    }

    /// True when the set holds `id`.
    func contains(_ id: Int64) -> Bool {
        guard id >= 0, Int(id >> 6) < words.count else { return false }
        return words[Int(id >> 6)] & (1 << UInt64(id & 63)) != 0
    }

    /// True when the set holds no id.
    var isEmpty: Bool { count == 0 }
}
