/// The rules for what users may type as keys and names, checked before any SQL
/// runs so that the message can say exactly what is wrong. The schema repeats
/// the key rule as a CHECK constraint, as a last line of defence.
enum Validation {
    static let maxKeyLength = 64
    static let maxTextLength = 200

    /// A key normalised to NFC, or an error saying why it cannot be one.
    static func key(_ raw: String) throws(OrgError) -> String {
        let key = nfc(raw)
        guard !key.isEmpty else {
            throw .invalidKey(key: raw, reason: "a key cannot be empty")
        }
        guard key.utf8.count <= maxKeyLength else {
            throw .invalidKey(key: raw, reason: "a key has at most \(maxKeyLength) characters")
        }
        guard key.utf8.allSatisfy(isKeyByte) else {
            throw .invalidKey(key: raw, reason: "a key may hold only letters a–z and A–Z, digits, '-', '_' and '.'")
        }
        return key
    }

    /// A title, holder or name, normalised to NFC and trimmed of surrounding
    /// spaces, or an error when it is empty, too long or holds control characters.
    static func text(_ raw: String, field: String) throws(OrgError) -> String {
        // Most text is printable ASCII, which needs neither normalising nor a
        // look-up of Unicode properties: check its bytes and trim it directly.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let bytes = raw.utf8
            guard let first = bytes.firstIndex(where: { $0 != 0x20 }), let last = bytes.lastIndex(where: { $0 != 0x20 }) else {
                throw .invalidText(field: field, value: raw, reason: "it cannot be empty")
            }
            guard bytes.distance(from: first, to: last) < maxTextLength else {
                throw .invalidText(field: field, value: raw, reason: "it has more than \(maxTextLength) characters")
            }
            return first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) ? raw : String(raw[first...last])
        }
        let text = nfc(raw).trimmingSpaces()
        guard !text.isEmpty else {
            throw .invalidText(field: field, value: raw, reason: "it cannot be empty")
        }
        // Counted in code points, as the schema's length() counts them.
        guard text.unicodeScalars.count <= maxTextLength else {
            throw .invalidText(field: field, value: raw, reason: "it has more than \(maxTextLength) characters")
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidText(field: field, value: raw,
                               reason: "it holds a control character (a newline, tab, escape or NUL)")
        }
        return text
    }

    static let grades = 0...1_000_000

    /// A grade within the range every export format carries exactly.
    static func grade(_ grade: Int) throws(OrgError) -> Int {
        guard grades.contains(grade) else {
            throw .invalidValue(field: "grade", value: String(grade), hint: "a grade is a whole number from \(grades.lowerBound) to \(grades.upperBound)")
        }
        return grade
    }

    /// True when `key` could be a stored key: safe to quote in a JSON array of keys.
    static func isPlausibleKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= maxKeyLength && key.utf8.allSatisfy(isKeyByte)
    }

    static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    static func nfc(_ string: String) -> String {
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return string }
        return CanonicalComposition.composed(string)
    }
}

extension String {
    func trimmingSpaces() -> String {
        let bytes = utf8
        if let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20, first < 0x80, last < 0x80 {
            return self
        }
        let scalars = unicodeScalars
        // Only blank characters are trimmed; control characters that Unicode
        // also calls whitespace (such as NEL) stay, for validation to refuse.
        let isBlank = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace && scalar.properties.generalCategory != .control }
        guard let start = scalars.firstIndex(where: { !isBlank($0) }),
              let end = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
