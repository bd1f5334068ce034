import OrgModel

/// How `units` shows each unit.
enum UnitTreeText {
    /// `  hr  Human Resources — department, head E1030 (Jo Smith), governed by pmo (Enterprise PMO), 12 roles`,
    /// indented two spaces a level; `names` gives each unit's name by key.
    static func line(_ entry: UnitTreeEntry, names: [String: String]) -> String {
        let unit = entry.unit
        var parts = [unit.pmoType.map { "\($0.rawValue) PMO" } ?? unit.kind.rawValue]
        parts.append("head " + (unit.head.map { roleLabel(key: $0, holder: entry.headHolder) } ?? "none"))
        if let pmo = entry.governedBy { parts.append("governed by \(pmo) (\(names[pmo] ?? pmo))") }
        parts.append(entry.headcount == 1 ? "1 role" : "\(entry.headcount) roles")
        let text = String(repeating: "  ", count: entry.depth) + "\(unit.key)  \(unit.name) — " + parts.joined(separator: ", ")
        return TerminalText.safe(text)
    }

    /// The unit object with `depth`, `headHolder`, `governedBy`, `roles`
    /// (in the unit itself) and `headcount` (with the units inside it).
    static func json(_ entry: UnitTreeEntry) -> JSON {
        guard case let .object(fields) = JSON.unit(entry.unit) else { return .null }
        return .object(fields + [
            ("depth", .int(entry.depth)),
            ("headHolder", .optional(entry.headHolder)),
            ("governedBy", .optional(entry.governedBy)),
            ("roles", .int(entry.ownRoles)),
            ("headcount", .int(entry.headcount)),
        ])
    }
}
