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
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
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

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x061C, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
