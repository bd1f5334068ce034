import OrgModel

/// The JSON shape of each model value: the `--json` contract in the README.
extension JSON {
    static func role(_ role: Role, depth: Int? = nil, extra: [(String, JSON)] = []) -> JSON {
        var fields: [(String, JSON)] = [
            ("key", .string(role.key)),
            ("title", .string(role.title)),
            ("holder", .optional(role.holder)),
            ("vacant", .bool(role.isVacant)),
            ("reportsTo", .optional(role.reportsTo)),
            ("unit", .optional(role.unit)),
            ("grade", .optional(role.grade)),
            ("salary", role.salary.map(money) ?? .null),
            ("rung", .optional(role.rung?.rawValue)),
            ("pmo", role.pmo.map { .object([("key", .string($0.key)), ("name", .string($0.name)), ("type", .string($0.type.rawValue))]) } ?? .null),
            ("assistantTo", .optional(role.assistantTo)),
        ]
        if let depth { fields.append(("depth", .int(depth))) }
        return .object(fields + extra)
    }

    static func money(_ money: Money) -> JSON {
        .object([("amount", .string(money.amount)), ("currency", .string(money.currency))])
    }

    static func headcount(_ count: Headcount) -> JSON {
        .object([("roles", .int(count.roles)), ("filled", .int(count.filled)), ("vacant", .int(count.vacant)),
                 ("salaryCost", .array(count.salaryCost.map(money)))])
    }

    static func unit(_ unit: OrgUnit, extra: [(String, JSON)] = []) -> JSON {
        .object([
            ("key", .string(unit.key)),
            ("name", .string(unit.name)),
            ("kind", .string(unit.kind.rawValue)),
            ("pmoType", .optional(unit.pmoType?.rawValue)),
            ("parent", .optional(unit.parent)),
            ("head", .optional(unit.head)),
        ] + extra)
    }

    static func keys(_ keys: [String]) -> JSON { .array(keys.map(JSON.string)) }
}

extension JSON {
    static func change(_ record: ChangeRecord) -> JSON {
        .object([
            ("id", .int(Int(record.id))),
            ("recordedAt", .string(record.recordedAt.description)),
            ("effectiveAt", .string(record.effectiveAt.description)),
            ("command", .string(record.command)),
            ("summary", .array(record.summary.map(JSON.string))),
            ("undoes", record.undoes.map { .int(Int($0)) } ?? .null),
        ])
    }

    static func chartChange(_ change: ChartChange) -> JSON {
        .object([
            ("kind", .string(change.kind.rawValue)),
            ("key", .string(change.key)),
            ("field", .optional(change.field)),
            ("from", .optional(change.from)),
            ("to", .optional(change.to)),
            ("name", .optional(change.name)),
            ("holder", .optional(change.holder)),
            ("text", .string(change.description)),
            ("keyRef", .reference(role: change.keyRole, unit: change.keyUnit)),
            ("fromRef", .reference(role: change.fromRole, unit: change.fromUnit)),
            ("toRef", .reference(role: change.toRole, unit: change.toUnit)),
        ])
    }
}
