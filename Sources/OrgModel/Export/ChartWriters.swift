/// The text formats a chart can be exported as. Each writer streams its
/// document into `emit`, a piece at a time, so the whole chart is never held
/// as one string.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// The roles (or, asked for, the units) in the columns import reads.
    case csv
    /// Units and roles in one document that imports back identically.
    case json
    /// A Graphviz digraph, PMOs as clusters.
    case dot
    /// A Mermaid flowchart, PMOs as subgraphs.
    case mermaid
    /// A picture of the chart, drawn as a tidy tree.
    case svg
    /// One offline page with that picture, a search box and collapsible branches.
    case html
}

/// CSV in orgctl's import columns; `export` and `import` round-trip exactly.
enum CSVChartWriter {
    static let roleColumns = ImportSource.RoleField.allCases.map(\.column)
    static let unitColumns = ImportSource.UnitField.allCases.map(\.column)

    static func header(_ emit: (String) -> Void) { emit(roleColumns.joined(separator: ",") + "\r\n") }

    static func role(_ role: OrgDatabase.ExportRole, _ emit: (String) -> Void) {
        let cells = [
            role.key, role.title, role.holder ?? "", role.reportsTo ?? "", role.unit ?? "",
            role.dottedTo.joined(separator: ";"), role.grade.map(String.init) ?? "",
            role.salary?.amount ?? "", role.salary?.currency ?? "", role.rung?.rawValue ?? "",
            role.assistantTo ?? "",
        ]
        emit(line(cells))
    }

    static func units(_ units: [OrgDatabase.ExportUnit], _ emit: (String) -> Void) {
        emit(unitColumns.joined(separator: ",") + "\r\n")
        for item in units {
            let unit = item.unit
            let cells = [unit.key, unit.name, unit.kind.rawValue, unit.pmoType?.rawValue ?? "", unit.parent ?? "",
                         unit.head ?? "", item.governedBy ?? ""]
            emit(line(cells))
        }
    }

    /// One CSV record: each cell guarded against formulas and quoted when it
    /// must be, built as bytes since a million-role export writes ten million cells.
    static func line(_ cells: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(cell, to: &out)
        }
        out += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ cell: String, to out: inout [UInt8]) {
        let bytes = Array(cell.utf8)
        // Where the first characters are plain ASCII, bytes are characters and
        // the rules apply to them directly; otherwise the Character-based
        // rules decide (a combining mark can make "=" part of a larger character).
        guard bytes.prefix(3).allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            out += Array(CSVReader.quoted(FormulaGuard.neutralised(cell)).utf8)
            return
        }
        let isTrigger = { (byte: UInt8) in byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@") }
        let apostrophe = UInt8(ascii: "'")
        let guarded = bytes.first.map(isTrigger) == true
            || (bytes.first == apostrophe && bytes.count > 1 && (isTrigger(bytes[1]) || bytes[1] == apostrophe))
        let special = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        let quote = special || (!guarded && bytes.first == UInt8(ascii: " ")) || bytes.last == UInt8(ascii: " ")
        if quote { out.append(UInt8(ascii: "\"")) }
        if guarded { out.append(apostrophe) }
        if special {
            for byte in bytes {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
        } else {
            out += bytes
        }
        if quote { out.append(UInt8(ascii: "\"")) }
    }
}

/// The JSON document `import` reads back: `{"format", "version", "units", "roles"}`.
enum JSONChartWriter {
    static func begin(units: [OrgDatabase.ExportUnit], _ emit: (String) -> Void) {
        emit("{\"format\":\"\(ImportSource.jsonFormat)\",\"version\":\(ImportSource.jsonVersion),\"units\":[")
        for (index, item) in units.enumerated() {
            let unit = item.unit
            emit((index == 0 ? "\n" : ",\n") + "{\"key\":\(quote(unit.key)),\"name\":\(quote(unit.name)),\"kind\":\(quote(unit.kind.rawValue)),"
                + "\"pmoType\":\(quote(unit.pmoType?.rawValue)),\"parent\":\(quote(unit.parent)),\"head\":\(quote(unit.head)),"
                + "\"governedBy\":\(quote(item.governedBy))}")
        }
        emit("],\"roles\":[")
    }

    static func role(_ role: OrgDatabase.ExportRole, first: Bool, _ emit: (String) -> Void) {
        let salary = role.salary.map { "{\"amount\":\(quote($0.amount)),\"currency\":\(quote($0.currency))}" } ?? "null"
        emit((first ? "\n" : ",\n") + "{\"key\":\(quote(role.key)),\"title\":\(quote(role.title)),\"holder\":\(quote(role.holder)),"
            + "\"reportsTo\":\(quote(role.reportsTo)),\"unit\":\(quote(role.unit)),"
            + "\"dottedTo\":[\(role.dottedTo.map { quote($0) }.joined(separator: ","))],"
            + "\"grade\":\(role.grade.map(String.init) ?? "null"),\"salary\":\(salary),\"rung\":\(quote(role.rung?.rawValue)),"
            + "\"assistantTo\":\(quote(role.assistantTo))}")
    }

    static func end(_ emit: (String) -> Void) { emit("\n]}\n") }
    static func quote(_ text: String?) -> String { JSONText.quote(text) }
}
