/// Keys found without regard to ASCII case, as the schema's NOCASE compares
/// them, by their bytes: an import of a million roles looks keys up millions
/// of times, and a dictionary of strings would hash and allocate for each.
/// Valid keys are ASCII, so ASCII case is the only case there is.
struct KeyTable {
    /// The keys, one after another, as given.
    private(set) var bytes: [UInt8] = []
    /// Where each key ends in `bytes`; key `n` starts where key `n - 1` ends.
    private var ends: [Int] = []
    /// Open addressing. A slot holds the high half of its key's hash (to
    /// skip most other keys without reading them) and the key's number
    /// plus one in the low half; 0 is an empty slot.
    private var slots: [UInt64]
    private let mask: Int

    /// A table for up to `capacity` keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        bytes.reserveCapacity(capacity * 10)
        ends.reserveCapacity(capacity)
    }

    var count: Int { ends.count }

    /// Where key `number` lies in `bytes`.
    func range(_ number: Int) -> Range<Int> {
        (number == 0 ? 0 : ends[number - 1])..<ends[number]
    }

    /// Key `number` as given.
    func key(_ number: Int) -> String {
        String(decoding: bytes[range(number)], as: UTF8.self)
    }

    /// Adds `key` as the next number, or returns the number of the key that
    /// already matches it (and adds nothing).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let (found, slot, tag) = lookUp(key)
        if let found { return found }
        precondition(ends.count < Int(UInt32.max) && ends.count * 2 < slots.count, "the key table is full")
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        slots[slot] = tag | UInt64(ends.count)
        return nil
    }

    /// True when key `number` matches `key` without regard to ASCII case.
    func matches(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { Self.equal(UnsafeBufferPointer(rebasing: $0[range(number)]), key) }
    }

    /// The number of the key that matches `key`, if any.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        lookUp(key).found
    }

    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// The key's number if it is in the table; otherwise the empty slot where it would go.
    private func lookUp(_ key: UnsafeBufferPointer<UInt8>) -> (found: Int?, slot: Int, tag: UInt64) {
        let hash = Self.hash(key)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                ends.withUnsafeBufferPointer { ends in
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return (nil, slot, tag) }
                        if entry & 0xFFFF_FFFF_0000_0000 == tag {
                            let number = Int(entry & 0xFFFF_FFFF) - 1
                            let start = number == 0 ? 0 : ends[number - 1]
                            if Self.equal(UnsafeBufferPointer(rebasing: bytes[start..<ends[number]]), key) { return (number, slot, tag) }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// FNV-1a over the lowercased bytes, its high bits folded into its low ones.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(lower(byte))) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }

    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == key.count else { return false }
        for offset in 0..<key.count where lower(stored[offset]) != lower(key[offset]) { return false }
        return true
    }
}
