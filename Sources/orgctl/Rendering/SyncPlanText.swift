import OrgModel

/// A sync plan in people's words, and as JSON.
enum SyncPlanText {
    static func label(_ role: SyncPlan.RoleName?) -> String {
        role.map { roleLabel(key: $0.key, holder: $0.holder) } ?? "the top"
    }

    /// One line per step.
    static func line(_ step: SyncPlan.Step) -> String {
        switch step {
        case .joins(let role, let manager):
            manager.map { "\(label(role)) joins under \(label($0))" } ?? "\(label(role)) joins at the top"
        case .moves(let role, let from, let to):
            "\(label(role)) moves from \(label(from)) to \(label(to))"
        case .leaves(let role, let removed):
            "\(label(role)) left: " + (removed ? "role removed, its reports go to its manager" : "position vacant")
        case .changes(let role, let field, let from, let to):
            "\(label(role)) \(field) changes from \(from.map { "'\($0)'" } ?? "nothing") to \(to.map { "'\($0)'" } ?? "nothing")"
        case .dottedLine(let role, let to, let drawn):
            "\(label(role)) \(drawn ? "gains" : "loses") a dotted line to \(label(to))"
        case .unitAdded(let key, let name):
            "unit \(key) (\(name)) is created"
        case .assistant(let role, let to, let becomes):
            "\(label(role)) \(becomes ? "becomes" : "stops being") assistant to \(label(to))"
        }
    }

    /// A conflict with a planned change, both values, its number and date.
    static func line(_ conflict: PlannedChangeConflict) -> String {
        let plan = "change #\(conflict.change) (\(conflict.effective.readable))"
        if conflict.field == "role" {
            return "\(conflict.key): \(plan) \(conflict.plannedValue == "added" ? "adds" : "changes") this role later; the source is left to it"
        }
        return "\(conflict.key) \(conflict.field): the source says \(conflict.sourceValue.map { "'\($0)'" } ?? "nothing"), "
            + "\(plan) sets \(conflict.plannedValue.map { "'\($0)'" } ?? "nothing"); the planned change is kept"
    }

    /// The counts line.
    static func summary(_ plan: SyncPlan) -> String {
        let counts = plan.counts
        var parts = ["\(counts.joins) joining", "\(counts.moves) moving", "\(counts.leaves) leaving (\(plan.leaverPolicy.rawValue))",
                     "\(counts.changes) changed"]
        if counts.lines > 0 { parts.append(counted(counts.lines, "dotted line") + " changed") }
        if counts.units > 0 { parts.append(counted(counts.units, "new unit")) }
        if !plan.leaversKept.isEmpty { parts.append("\(plan.leaversKept.count) not in the source kept") }
        if !plan.conflicts.isEmpty { parts.append(counted(plan.conflicts.count, "conflict") + " with planned changes") }
        return parts.joined(separator: ", ")
    }

    static func json(_ plan: SyncPlan) -> JSON {
        let counts = plan.counts
        func role(_ role: SyncPlan.RoleName?) -> JSON {
            guard let role else { return .null }
            return .object([("key", .string(role.key)), ("title", .optional(role.title)), ("holder", .optional(role.holder))])
        }
        let steps: [JSON] = plan.steps.map { step in
            let fields: [(String, JSON)] = switch step {
            case .joins(let r, let m): [("kind", .string("join")), ("role", role(r)), ("manager", role(m))]
            case .moves(let r, let f, let t): [("kind", .string("move")), ("role", role(r)), ("from", role(f)), ("to", role(t))]
            case .leaves(let r, let removed): [("kind", .string("leave")), ("role", role(r)), ("removed", .bool(removed))]
            case .changes(let r, let field, let from, let to):
                [("kind", .string("change")), ("role", role(r)), ("field", .string(field)), ("from", .optional(from)), ("to", .optional(to))]
            case .dottedLine(let r, let to, let drawn):
                [("kind", .string(drawn ? "dottedLineAdded" : "dottedLineRemoved")), ("role", role(r)), ("manager", role(to))]
            case .unitAdded(let key, let name): [("kind", .string("unitAdded")), ("unit", .string(key)), ("name", .string(name))]
            case .assistant(let r, let to, let becomes):
                [("kind", .string(becomes ? "assistantAdded" : "assistantRemoved")), ("role", role(r)), ("manager", role(to))]
            }
            return .object(fields + [("text", .string(line(step)))])
        }
        return .object([
            ("applied", .bool(plan.applied)), ("inStep", .bool(plan.isInStep)), ("leavers", .string(plan.leaverPolicy.rawValue)),
            ("joins", .int(counts.joins)), ("moves", .int(counts.moves)), ("leaves", .int(counts.leaves)),
            ("changed", .int(counts.changes)), ("steps", .array(steps)),
            ("leaversKept", .array(plan.leaversKept.map { role($0) })),
            ("conflicts", .array(plan.conflicts.map { conflict in
                .object([("key", .string(conflict.key)), ("field", .string(conflict.field)),
                         ("sourceValue", .optional(conflict.sourceValue)), ("plannedValue", .optional(conflict.plannedValue)),
                         ("change", .int(Int(conflict.change))), ("effective", .string(conflict.effective.readable)),
                         ("text", .string(line(conflict)))])
            })),
        ])
    }
}
