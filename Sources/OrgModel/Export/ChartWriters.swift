/// The text formats a chart can be exported as. Each writer streams its
/// document into `emit`, a piece at a time, so the whole chart is never held
/// as one string.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json, dot, mermaid, svg, html
}

/// CSV in orgctl's import columns; `export` and `import` round-trip exactly.
public enum CSVChartWriter {
    public static let roleColumns = ImportSource.RoleField.allCases.map(\.column)
    public static let unitColumns = ImportSource.UnitField.allCases.map(\.column)

    public static func header(_ emit: (String) -> Void) { emit(roleColumns.joined(separator: ",") + "\r\n") }

    public static func role(_ role: OrgDatabase.ExportRole, _ emit: (String) -> Void) {
        let cells = [
            role.key, role.title, role.holder ?? "", role.reportsTo ?? "", role.unit ?? "",
            role.dottedTo.joined(separator: ";"), role.grade.map(String.init) ?? "",
            role.salary?.amount ?? "", role.salary?.currency ?? "", role.rung?.rawValue ?? "",
        ]
        emit(cells.map { CSVReader.quoted(FormulaGuard.neutralised($0)) }.joined(separator: ",") + "\r\n")
    }

    public static func units(_ units: [OrgDatabase.ExportUnit], _ emit: (String) -> Void) {
        emit(unitColumns.joined(separator: ",") + "\r\n")
        for item in units {
            let unit = item.unit
            let cells = [unit.key, unit.name, unit.kind.rawValue, unit.pmoType?.rawValue ?? "", unit.parent ?? "",
                         unit.head ?? "", item.governedBy ?? ""]
            emit(cells.map { CSVReader.quoted(FormulaGuard.neutralised($0)) }.joined(separator: ",") + "\r\n")
        }
    }
}

/// The JSON document `import` reads back: `{"format", "version", "units", "roles"}`.
public enum JSONChartWriter {
    public static func begin(units: [OrgDatabase.ExportUnit], _ emit: (String) -> Void) {
        emit("{\"format\":\"orgctl\",\"version\":1,\"units\":[")
        for (index, item) in units.enumerated() {
            let unit = item.unit
            emit((index == 0 ? "\n" : ",\n") + "{\"key\":\(quote(unit.key)),\"name\":\(quote(unit.name)),\"kind\":\(quote(unit.kind.rawValue)),"
                + "\"pmoType\":\(quote(unit.pmoType?.rawValue)),\"parent\":\(quote(unit.parent)),\"head\":\(quote(unit.head)),"
                + "\"governedBy\":\(quote(item.governedBy))}")
        }
        emit("],\"roles\":[")
    }

    public static func role(_ role: OrgDatabase.ExportRole, first: Bool, _ emit: (String) -> Void) {
        let salary = role.salary.map { "{\"amount\":\(quote($0.amount)),\"currency\":\(quote($0.currency))}" } ?? "null"
        emit((first ? "\n" : ",\n") + "{\"key\":\(quote(role.key)),\"title\":\(quote(role.title)),\"holder\":\(quote(role.holder)),"
            + "\"reportsTo\":\(quote(role.reportsTo)),\"unit\":\(quote(role.unit)),"
            + "\"dottedTo\":[\(role.dottedTo.map { quote($0) }.joined(separator: ","))],"
            + "\"grade\":\(role.grade.map(String.init) ?? "null"),\"salary\":\(salary),\"rung\":\(quote(role.rung?.rawValue))}")
    }

    public static func end(_ emit: (String) -> Void) { emit("\n]}\n") }
    static func quote(_ text: String?) -> String { JSONText.quote(text) }
}
