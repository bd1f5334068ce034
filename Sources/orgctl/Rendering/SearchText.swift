import OrgModel

/// How `find` shows what it found, one line each.
enum SearchText {
    /// `E1033  Payroll Manager — Renée Lévesque  unit hr (Human Resources)  top E1001 (Amara Okafor)`,
    /// or for a unit `hr  Human Resources, department  head E1030 (Jo Smith)`.
    static func line(_ result: SearchResult) -> String {
        switch result {
        case let .role(found):
            let role = found.role
            var text = "\(role.key)  \(role.title) — \(role.holder ?? "vacant")"
            if let unit = role.unit { text += "  unit \(unit) (\(found.unitName ?? unit))" }
            if found.top.key != role.key { text += "  top " + roleLabel(key: found.top.key, holder: found.top.holder) }
            return TerminalText.safe(text)
        case let .unit(found):
            let unit = found.unit
            var text = "\(unit.key)  \(unit.name), " + (unit.pmoType.map { "\($0.rawValue) PMO" } ?? unit.kind.rawValue)
            if let parent = unit.parent { text += "  in \(parent)" }
            text += "  head " + (unit.head.map { roleLabel(key: $0, holder: found.headHolder) } ?? "none")
            return TerminalText.safe(text)
        }
    }

    /// The `--json` object of one result: a role object (or a unit object)
    /// with `found` ("role" or "unit") and `match` first.
    static func json(_ result: SearchResult) -> JSON {
        let head: [(String, JSON)] = [("found", .string(result.isRole ? "role" : "unit")), ("match", .string(result.match.rawValue))]
        switch result {
        case let .role(found):
            guard case let .object(fields) = JSON.role(found.role, depth: found.role.depth, extra: [
                ("unitName", .optional(found.unitName)),
                ("top", .object([("key", .string(found.top.key)), ("title", .string(found.top.title)), ("holder", .optional(found.top.holder))])),
            ]) else { return .null }
            return .object(head + fields)
        case let .unit(found):
            guard case let .object(fields) = JSON.unit(found.unit) else { return .null }
            return .object(head + fields + [("headHolder", .optional(found.headHolder))])
        }
    }
}

extension SearchResult {
    var isRole: Bool {
        if case .role = self { return true }
        return false
    }
}
