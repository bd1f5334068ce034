/// An LDAP distinguished name (RFC 4514) in the one form two spellings of the
/// same entry share: a `manager` value written `CN=Jane  Doe, OU=Staff` by
/// one tool names the entry another wrote as `cn=jane doe,ou=staff`.
struct DistinguishedName: Equatable {
    /// Each relative name's parts, attribute types in lower case and values
    /// unescaped as written.
    private(set) var components: [[(type: String, value: String)]]

    static func == (lhs: DistinguishedName, rhs: DistinguishedName) -> Bool { lhs.normalised == rhs.normalised }

    /// Parses `text`; nil when it is not a DN (an unfinished escape, a part
    /// without `=`).
    init?(_ text: String) {
        var components: [[(type: String, value: String)]] = []
        var parts: [(type: String, value: String)] = []
        var type: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var bytes = Array(text.utf8)[...]
        func finishPart() -> Bool {
            let name = String(decoding: type, as: UTF8.self).trimmingSpaces()
            guard inValue, !name.isEmpty else { return false }
            parts.append((name.lowercased(), String(decoding: value, as: UTF8.self)))
            type = []
            value = []
            inValue = false
            return true
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst() else { return nil }
                if let high = Self.hexValue(next), let low = bytes.first.flatMap(Self.hexValue) {
                    bytes = bytes.dropFirst()
                    (inValue ? { value.append(high << 4 | low) } : { type.append(high << 4 | low) })()
                } else if inValue {
                    value.append(next)
                } else {
                    type.append(next)
                }
            case UInt8(ascii: "=") where !inValue:
                inValue = true
            case UInt8(ascii: "+"):
                guard finishPart() else { return nil }
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                guard finishPart() else { return nil }
                components.append(parts)
                parts = []
            default:
                (inValue ? { value.append(byte) } : { type.append(byte) })()
            }
        }
        if !type.isEmpty || inValue || !parts.isEmpty {
            guard finishPart() else { return nil }
            components.append(parts)
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    /// The DN as compared: types and values in lower case, values trimmed
    /// with runs of spaces made one (LDAP's caseIgnoreMatch), the parts of a
    /// multi-valued name sorted, specials escaped again.
    var normalised: String {
        components.map { parts in
            parts.map { part in
                let words = part.value.lowercased().split(separator: " ", omittingEmptySubsequences: true)
                return part.type + "=" + Self.escaped(words.joined(separator: " "))
            }.sorted().joined(separator: "+")
        }.joined(separator: ",")
    }

    /// The value of the first relative name when its type is `type` (so
    /// `uid=jdoe,ou=people,…` gives `jdoe` for `uid`), as written.
    func leafValue(of type: String) -> String? {
        components.first?.first { $0.type == type.lowercased() }?.value.trimmingSpaces()
    }

    private static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            if ",+=\\\"<>;".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
