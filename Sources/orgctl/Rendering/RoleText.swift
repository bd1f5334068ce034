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
