import OrgModel

/// Names put next to the keys in a sentence the library wrote in keys.
enum NamedText {
    /// `text` with the first mention of each of `keys` followed by its holder
    /// (a role) or name (a unit): `cfo` becomes `cfo (Ines Duarte)`. Only the
    /// words before the first quote are touched, so a command quoted for
    /// the reader to run is never altered; a mention already followed by a
    /// parenthesis is left as it is.
    static func label(_ text: String, keys: [String], in references: References) -> String {
        let bytes = Array(text.utf8)
        let prose = bytes.firstIndex(of: UInt8(ascii: "'")) ?? bytes.endIndex
        var insertions: [(at: Int, text: String)] = []
        var done = Set<String>()
        for key in keys where done.insert(key.lowercased()).inserted {
            let label = references.label(key)
            guard label != key, let end = firstMention(of: Array(key.utf8), in: bytes[..<prose]) else { continue }
            // The sentence says it itself.
            if bytes[end...].starts(with: Array(", which is vacant".utf8)) { continue }
            if bytes[end...].starts(with: Array(" (".utf8)) {
                // A role already followed by a remark gets its holder first
                // inside it: `pm-crm (Ravi Patel, head of proj-crm)`.
                if let role = references.role(key) { insertions.append((end + 2, (role.holder ?? "vacant") + ", ")) }
                continue
            }
            insertions.append((end, String(label.dropFirst(key.count))))
        }
        var result = ""
        var start = 0
        for insertion in insertions.sorted(by: { $0.at < $1.at }) {
            result += String(decoding: bytes[start..<insertion.at], as: UTF8.self) + insertion.text
            start = insertion.at
        }
        return result + String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Where the first mention of `key` as a word of its own ends: not part of
    /// a longer key (a full stop after it ends a sentence when a space or the
    /// end follows).
    private static func firstMention(of key: [UInt8], in text: ArraySlice<UInt8>) -> Int? {
        guard !key.isEmpty, text.count >= key.count else { return nil }
        for start in text.startIndex...(text.endIndex - key.count) where text[start..<start + key.count].elementsEqual(key) {
            let end = start + key.count
            let clearBefore = start == text.startIndex || !Self.isKeyByte(text[start - 1])
            let clearAfter = end == text.endIndex || !Self.isKeyByte(text[end])
                || (text[end] == UInt8(ascii: ".") && (end + 1 == text.endIndex || text[end + 1] == UInt8(ascii: " ")))
            if clearBefore && clearAfter { return end }
        }
        return nil
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
