import OrgModel

/// References in `--json`: next to a bare key a script already reads, a
/// sibling `…Ref` (or `…Refs` for a list) with who or what the key names.
extension JSON {
    /// A role's reference: `{"key", "title", "holder"}`.
    static func reference(_ role: RoleReference) -> JSON {
        .object([("key", .string(role.key)), ("title", .string(role.title)), ("holder", .optional(role.holder))])
    }

    /// A unit's reference: `{"key", "name"}`.
    static func reference(_ unit: UnitReference) -> JSON {
        .object([("key", .string(unit.key)), ("name", .string(unit.name))])
    }

    /// The reference of whatever `key` names, or null.
    static func reference(_ key: String?, in references: References) -> JSON {
        guard let key else { return .null }
        return reference(role: references.role(key), unit: references.unit(key))
    }

    /// A role's or a unit's reference, or null.
    static func reference(role: RoleReference?, unit: UnitReference?) -> JSON {
        if let role { return reference(role) }
        if let unit { return reference(unit) }
        return .null
    }

    /// The references of `keys`, in their order (null for a key that names nothing).
    static func references(_ keys: [String], in references: References) -> JSON {
        .array(keys.map { reference($0, in: references) })
    }
}
