import OrgModel

/// `show` as text: one fact per line, labels aligned.
enum DetailsText {
    static func role(_ details: RoleDetails, names: References = References(), to out: OutputSink) {
        let role = details.role
        let list = { (keys: [String]) in keys.map(names.label).joined(separator: ", ") }
        var facts: [(String, String)] = [
            ("role", role.key), ("title", role.title), ("holder", role.holder ?? "vacant"),
            ("reports to", role.reportsTo.map(names.label) ?? "nobody (a root)"),
        ]
        if let assisted = role.assistantTo { facts.append(("assistant to", names.label(assisted))) }
        if !details.assistants.isEmpty {
            facts.append((details.assistants.count == 1 ? "assistant" : "assistants", list(details.assistants)))
        }
        if !details.dottedTo.isEmpty { facts.append(("dotted to", list(details.dottedTo))) }
        facts.append(("unit", role.unit.map(names.label) ?? "none"))
        if let pmo = role.pmo { facts.append(("PMO", "\(pmo.key), \(pmo.name) (\(pmo.type.rawValue))")) }
        if let grade = role.grade { facts.append(("grade", String(grade))) }
        if let salary = role.salary { facts.append(("salary", "\(salary.amount) \(salary.currency)")) }
        facts.append(("depth", "\(role.depth) (levels below the top)"))
        facts.append(("chain", details.chain.isEmpty ? "none (a root)" : details.chain.map(names.label).joined(separator: " → ")))
        facts.append(("reports", "\(details.directReports) direct, \(details.allReports) in all"))
        if !details.dottedReports.isEmpty { facts.append(("dotted reports", list(details.dottedReports))) }
        if !details.heads.isEmpty { facts.append(("heads", list(details.heads))) }
        write(facts, to: out)
    }

    static func unit(_ details: UnitDetails, names: References = References(), to out: OutputSink) {
        let unit = details.unit
        let list = { (keys: [String]) in keys.map(names.label).joined(separator: ", ") }
        var facts: [(String, String)] = [
            ("unit", unit.key), ("name", unit.name), ("kind", unit.kind.rawValue),
        ]
        if let type = unit.pmoType { facts.append(("PMO type", "\(type.rawValue) (\(type.degreeOfControl) control)")) }
        facts.append(("within", details.within.isEmpty ? "nothing (top level)" : details.within.map(names.label).joined(separator: " → ")))
        if unit.pmoType == nil, let pmo = details.pmo { facts.append(("PMO", "\(pmo.key), \(pmo.name) (\(pmo.type.rawValue))")) }
        facts.append(("head", details.head.map { "\($0.key), \($0.title) — \($0.holder ?? "vacant")" } ?? "none"))
        facts.append(("roles", "\(details.roles) (\(details.vacantRoles) vacant)"))
        if !details.subUnits.isEmpty { facts.append(("sub-units", list(details.subUnits))) }
        if !details.governs.isEmpty { facts.append(("governs", list(details.governs))) }
        if let pmo = details.governedBy { facts.append(("governed by", names.label(pmo))) }
        write(facts, to: out)
    }

    private static func write(_ facts: [(String, String)], to out: OutputSink) {
        let width = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts {
            out.line(label + ":" + String(repeating: " ", count: width - label.count + 1) + TerminalText.safe(value))
        }
    }
}

/// `show --json`.
enum DetailsJSON {
    static func role(_ details: RoleDetails, names: References = References()) -> JSON {
        JSON.role(details.role, depth: details.role.depth, extra: [
            ("dottedTo", .keys(details.dottedTo)),
            ("chain", .keys(details.chain)),
            ("directReports", .int(details.directReports)),
            ("allReports", .int(details.allReports)),
            ("dottedReports", .keys(details.dottedReports)),
            ("heads", .keys(details.heads)),
            ("reportsToRef", .reference(details.role.reportsTo, in: names)),
            ("unitRef", .reference(details.role.unit, in: names)),
            ("dottedToRefs", .references(details.dottedTo, in: names)),
            ("chainRefs", .references(details.chain, in: names)),
            ("dottedReportsRefs", .references(details.dottedReports, in: names)),
            ("headsRefs", .references(details.heads, in: names)),
            ("assistants", .keys(details.assistants)),
            ("assistantsRefs", .references(details.assistants, in: names)),
        ])
    }

    static func unit(_ details: UnitDetails, names: References = References()) -> JSON {
        guard case .object(var fields) = JSON.unit(details.unit) else { return .null }
        fields += [
            ("within", .keys(details.within)),
            ("pmo", details.pmo.map { .object([("key", .string($0.key)), ("name", .string($0.name)), ("type", .string($0.type.rawValue))]) } ?? .null),
            ("headRole", details.head.map { JSON.role($0, depth: $0.depth) } ?? .null),
            ("roles", .int(details.roles)),
            ("vacantRoles", .int(details.vacantRoles)),
            ("subUnits", .keys(details.subUnits)),
            ("governs", .keys(details.governs)),
            ("governedBy", .optional(details.governedBy)),
            ("withinRefs", .references(details.within, in: names)),
            ("subUnitsRefs", .references(details.subUnits, in: names)),
            ("governsRefs", .references(details.governs, in: names)),
            ("governedByRef", .reference(details.governedBy, in: names)),
        ]
        return .object(fields)
    }
}
