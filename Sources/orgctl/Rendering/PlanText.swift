import OrgModel

/// A PMO type change plan, as text and as JSON.
enum PlanText {
    static func write(_ plan: PMOTypePlan, names: References = References(), to out: OutputSink) {
        let change = "\(names.label(plan.pmo)) from \(plan.from.rawValue) to \(plan.to.rawValue)"
        if plan.changes.isEmpty {
            out.line(plan.applied ? "Changed \(change); no reporting line needed to change." : "Changing \(change) changes no reporting line.")
        } else {
            out.line(plan.applied
                ? "Changed \(change), with \(plan.changes.count) line change\(plan.changes.count == 1 ? "" : "s"):"
                : "Changing \(change) implies \(plan.changes.count) line change\(plan.changes.count == 1 ? "" : "s"):")
            for line in plan.changes { out.line("  " + TerminalText.safe(describe(line, names: names))) }
        }
        for note in plan.notes { out.line("Note: " + TerminalText.safe(NoteText.message(note))) }
        if !plan.applied && plan.from != plan.to {
            out.line("Nothing has been changed. Add --apply to change the type and these lines in one transaction.")
        }
    }

    static func describe(_ line: LineChange, names: References = References()) -> String {
        let role = names.holderLabel(line.role)
        let from = line.from.map(names.holderLabel), to = line.to.map(names.holderLabel)
        return switch line.action {
        case .move: "move \(role): solid line \(from ?? "none") → \(to ?? "none") (\(line.reason))"
        case .addDotted: "add a dotted line \(role) → \(to ?? "") (\(line.reason))"
        case .removeDotted: "remove the dotted line \(role) → \(from ?? "") (\(line.reason))"
        }
    }

    static func json(_ plan: PMOTypePlan, names: References = References()) -> JSON {
        .object([
            ("pmo", .string(plan.pmo)), ("from", .string(plan.from.rawValue)), ("to", .string(plan.to.rawValue)),
            ("pmoRef", .reference(plan.pmo, in: names)),
            ("applied", .bool(plan.applied)),
            ("changes", .array(plan.changes.map { line in
                .object([("action", .string(line.action.rawValue)), ("role", .string(line.role)),
                         ("from", .optional(line.from)), ("to", .optional(line.to)), ("reason", .string(line.reason)),
                         ("roleRef", .reference(line.role, in: names)), ("fromRef", .reference(line.from, in: names)),
                         ("toRef", .reference(line.to, in: names))])
            })),
            ("notes", .keys(plan.notes.map(NoteText.message))),
        ])
    }
}
