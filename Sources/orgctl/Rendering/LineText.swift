import OrgModel

/// What `add`/`remove line` and `add`/`remove governs` say they did, in text or JSON.
enum LineText {
    static func report(removed: Bool, role: String, to manager: String, in org: OrgDatabase,
                       options: WriteOptions, json: Bool, to out: OutputSink) throws {
        let names = try org.references(for: [role, manager])
        if json {
            out.line(JSON.object([
                ("action", .string(removed ? "dotted-line-removed" : "dotted-line-added")),
                ("role", .string(names.role(role)?.key ?? role)), ("to", .string(names.role(manager)?.key ?? manager)),
                ("roleRef", .reference(role, in: names)), ("toRef", .reference(manager, in: names)), options.plannedJSON,
            ]).text)
            return
        }
        let line = "dotted line from \(names.label(role)) to \(names.label(manager))."
        out.line(TerminalText.safe(removed
            ? options.says("Removed the " + line, planned: "removes the " + line)
            : options.says("Added a " + line, planned: "adds a " + line)))
    }

    static func report(governs: Bool, pmo: String, unit: String, in org: OrgDatabase,
                       options: WriteOptions, json: Bool, to out: OutputSink) throws {
        let names = try org.references(for: [pmo, unit])
        if json {
            out.line(JSON.object([
                ("action", .string(governs ? "governance-added" : "governance-removed")),
                ("pmo", .string(names.unit(pmo)?.key ?? pmo)), ("unit", .string(names.unit(unit)?.key ?? unit)),
                ("pmoRef", .reference(pmo, in: names)), ("unitRef", .reference(unit, in: names)), options.plannedJSON,
            ]).text)
            return
        }
        let (who, what) = (names.label(pmo), names.label(unit))
        out.line(TerminalText.safe(governs
            ? options.says("\(who) now governs \(what).", planned: "\(who) governs \(what).")
            : options.says("\(who) no longer governs \(what).", planned: "\(who) no longer governs \(what).")))
    }
}
