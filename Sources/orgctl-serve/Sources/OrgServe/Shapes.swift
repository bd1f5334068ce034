import OrgModel

/// The JSON shapes of the API (docs/openapi.yaml names them).
enum Shapes {
    /// RoleRef: `{"key","title","holder"}`.
    static func roleRef(_ role: Role) -> JSON {
        .object([("key", .string(role.key)), ("title", .string(role.title)), ("holder", .optional(role.holder))])
    }

    static func roleRef(_ reference: RoleReference) -> JSON {
        .object([("key", .string(reference.key)), ("title", .string(reference.title)), ("holder", .optional(reference.holder))])
    }

    /// RoleNode: RoleRef with its unit, the PMO type of the unit it heads, and its report counts.
    static func roleNode(_ role: Role, counts: ReportCount, in chart: ChartSnapshot) throws -> [(String, JSON)] {
        var unit = JSON.null
        var pmoType = JSON.null
        if let key = role.unit {
            let found = try chart.unit(key)
            unit = .object([("key", .string(found.key)), ("name", .string(found.name))])
            if found.head?.lowercased() == role.key.lowercased(), let type = found.pmoType { pmoType = .string(type.rawValue) }
        }
        return [
            ("key", .string(role.key)), ("title", .string(role.title)), ("holder", .optional(role.holder)),
            ("unit", unit), ("pmoType", pmoType),
            ("directReports", .int(counts.solid)), ("dottedReports", .int(counts.dotted)), ("vacant", .bool(role.isVacant)),
        ]
    }

    /// RoleNode for one report of a page of ``ChildPage``, which carries its unit's name and its counts.
    static func roleNode(_ child: ChildPage.Child) -> [(String, JSON)] {
        let role = child.role
        let unit = role.unit.map { JSON.object([("key", .string($0)), ("name", .string(child.unitName ?? $0))]) } ?? .null
        return [
            ("key", .string(role.key)), ("title", .string(role.title)), ("holder", .optional(role.holder)),
            ("unit", unit), ("pmoType", .optional(child.headedPMOType?.rawValue)),
            ("directReports", .int(child.directReports)), ("dottedReports", .int(child.dottedReports)),
            ("vacant", .bool(role.isVacant)),
        ]
    }

    /// Finding: one `check` finding, its roles named by `references`.
    static func finding(_ finding: Finding, references: [JSON]) -> JSON {
        .object([
            ("rule", .string(finding.rule.rawValue)), ("severity", .string(finding.severity.rawValue)),
            ("role", references.first ?? .null), ("roles", .array(references)),
            ("units", .array(finding.units.map(JSON.string))),
            ("message", .string(finding.message)), ("situation", .string(finding.situation)),
            ("fix", .optional(finding.remedy.flatMap(WebRemedy.text))),
        ])
    }

    /// Change: `{"id","command","at","effective","summary","planned","undoes"}`.
    static func change(_ record: ChangeRecord, now: Timestamp = .now()) -> JSON {
        .object([
            ("id", .int(Int(record.id))),
            ("command", .string(record.command)),
            ("at", .string(record.recordedAt.description)),
            ("effective", .string(record.effectiveAt.description)),
            ("summary", .array(record.summary.map(JSON.string))),
            ("planned", .bool(record.effectiveAt > now)),
            ("undoes", record.undoes.map { .int(Int($0)) } ?? .null),
        ])
    }

    /// One difference, as `orgctl diff --json` writes it.
    static func chartChange(_ change: ChartChange) -> JSON {
        func reference(_ role: RoleReference?, _ unit: UnitReference?) -> JSON {
            if let role { return roleRef(role) }
            if let unit { return .object([("key", .string(unit.key)), ("name", .string(unit.name))]) }
            return .null
        }
        return .object([
            ("kind", .string(change.kind.rawValue)), ("key", .string(change.key)), ("field", .optional(change.field)),
            ("from", .optional(change.from)), ("to", .optional(change.to)), ("name", .optional(change.name)),
            ("holder", .optional(change.holder)), ("text", .string(change.description)),
            ("keyRef", reference(change.keyRole, change.keyUnit)), ("fromRef", reference(change.fromRole, change.fromUnit)),
            ("toRef", reference(change.toRole, change.toUnit)),
        ])
    }
}

/// How many roles report to one, by solid and by dotted line.
struct ReportCount: Sendable {
    var solid = 0
    var dotted = 0
}
