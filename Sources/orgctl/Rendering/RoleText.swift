import OrgModel

/// How a role reads on one line of text.
enum RoleText {
    /// `key  Title — Holder  [pmo-key: directive PMO]`, with "vacant" for no holder.
    static func line(_ role: Role) -> String {
        var text = "\(role.key)  \(role.title) — \(role.holder ?? "vacant")"
        if let pmo = role.pmo { text += "  [\(pmo.key): \(pmo.type.rawValue) PMO]" }
        return TerminalText.safe(text)
    }
}

/// Text made safe to print on a terminal: control characters and the Unicode
/// controls that reorder text are shown as escapes, never sent raw.
enum TerminalText {
    static func safe(_ text: String) -> String {
        guard mayBeUnsafe(text) else { return text }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// False when no bytes of `text` encode an unsafe scalar: the controls
    /// below U+0020, U+007F and U+0080–U+009F (C2 80–9F), U+061C (D8 9C),
    /// and U+200E–F, U+202A–E, U+2066–9 (E2 80 8E–8F, E2 80 AA–AE, E2 81 A6–A9).
    /// Only a hint for speed: the scalar check decides.
    private static func mayBeUnsafe(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            switch (previous.0, previous.1, byte) {
            case (_, 0xC2, 0x80...0x9F), (_, 0xD8, 0x9C), (0xE2, 0x80, 0x8E...0x8F), (0xE2, 0x80, 0xAA...0xAE), (0xE2, 0x81, 0xA6...0xA9):
                return true
            default:
                previous = (previous.1, byte)
            }
        }
        return false
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x061C, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
