import Foundation
import Testing
@testable import OrgModel

/// The whole of one export, as text.
func exportText(_ org: OrgDatabase, _ format: ExportFormat, root: String? = nil, units: Bool = false) throws -> String {
    var out = ""
    try org.export(format, root: root, units: units, title: "Chart") { out += $0 }
    return out
}

/// Everything a chart stores, independent of row ids: roles (key, title,
/// holder, manager, unit, grade, salary, rung, depth, dotted lines, PMO),
/// units and governance, sorted by key.
func chartSnapshot(_ org: OrgDatabase) throws -> [String] {
    var lines: [String] = []
    for role in try org.exportRolesList().sorted(by: { $0.key < $1.key }) {
        let salary = role.salary.map { "\($0.minorUnits) \($0.currency)" } ?? "-"
        let fields: [String] = [
            role.key, role.title, role.holder ?? "∅", role.reportsTo ?? "∅", role.unit ?? "∅",
            role.grade.map(String.init) ?? "∅", salary, role.rung?.rawValue ?? "∅", String(role.depth),
            role.dottedTo.sorted().joined(separator: ";"), role.pmo.map { "\($0.key)/\($0.type.rawValue)" } ?? "∅",
        ]
        lines.append("role|" + fields.joined(separator: "|"))
    }
    for item in try org.exportUnits().sorted(by: { $0.unit.key < $1.unit.key }) {
        let unit = item.unit
        let fields: [String] = [unit.key, unit.name, unit.kind.rawValue, unit.pmoType?.rawValue ?? "∅",
                                unit.parent ?? "∅", unit.head ?? "∅", item.governedBy ?? "∅"]
        lines.append("unit|" + fields.joined(separator: "|"))
    }
    return lines
}

/// A chart with hostile text in every name a user may type.
func hostileDatabase() throws -> OrgDatabase {
    let org = try emptyDatabase()
    try org.addUnit(UnitDraft(key: "co", name: "=cmd|' /C calc'!A0", kind: .company))
    try org.addUnit(UnitDraft(key: "pmo", name: "@SUM(1), \"the\" PMO", kind: .pmo, pmoType: .controlling, parent: "co"))
    try org.addUnit(UnitDraft(key: "proj", name: "-x 😀 مشروع", kind: .project, parent: "co"))
    try org.addRole(RoleDraft(key: "boss", title: "=cmd|' /C calc'!A0", holder: "+1", unit: "co", grade: 9,
                              salary: Money(minorUnits: 12_345_67, currency: "GBP")))
    try org.addRole(RoleDraft(key: "pmo-lead", title: "@SUM(1)", holder: "-x", reportsTo: "boss", unit: "pmo"))
    try org.addRole(RoleDraft(key: "pm", title: "O\"Brien, \"Jr.\"", holder: "'=already", reportsTo: "pmo-lead", unit: "proj",
                              rung: .pmoManager))
    try org.addRole(RoleDraft(key: "emoji", title: "👩🏽‍💻 Lead, Δ", holder: "مدير المشاريع", reportsTo: "boss"))
    try org.addRole(RoleDraft(key: "rtl", title: "\u{202E}evil\u{202C} שלום", holder: "''", reportsTo: "emoji"))
    try org.addRole(RoleDraft(key: "script", title: "<script>alert(1)</script>", holder: "back\\slash \"q\"", reportsTo: "emoji"))
    try org.addDottedLine(from: "pm", to: "emoji")
    try org.addDottedLine(from: "rtl", to: "pmo-lead")
    try org.addGovernance(pmo: "pmo", unit: "proj")
    return org
}

/// Exports `org` as JSON and as CSV (roles and units), imports each into an
/// empty database, and returns the two copies.
func roundTrips(_ org: OrgDatabase) throws -> (json: OrgDatabase, csv: OrgDatabase) {
    let json = try emptyDatabase()
    try json.importChart(try ImportSource.json(Array(try exportText(org, .json).utf8), file: "org.json"))
    let csv = try emptyDatabase()
    let source = try ImportSource.csv(roles: Array(try exportText(org, .csv).utf8), file: "roles.csv",
                                      units: Array(try exportText(org, .csv, units: true).utf8), unitsFile: "units.csv",
                                      options: ImportOptions())
    try csv.importChart(source)
    return (json, csv)
}

/// The path of an executable on PATH, or nil.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

@Suite("Export")
struct ExportTests {
    /// A branch's files import on their own: dotted lines and unit heads
    /// outside the branch are left out of them.
    @Test func aBranchExportImportsIntoAnEmptyDatabase() throws {
        let org = try exampleDatabase()
        let json = try emptyDatabase()
        try json.importChart(try ImportSource.json(Array(try exportText(org, .json, root: "cio").utf8), file: "cio.json"))
        let csv = try emptyDatabase()
        try csv.importChart(try ImportSource.csv(
            roles: Array(try exportText(org, .csv, root: "cio").utf8), file: "cio.csv",
            units: Array(try exportText(org, .csv, root: "cio", units: true).utf8), unitsFile: "units.csv",
            options: ImportOptions()))
        for copy in [json, csv] {
            #expect(try copy.countReports(to: "cio", all: true) == 7)
            #expect(try copy.role("cio").reportsTo == nil)
            #expect(try copy.unit("it").head == "cio")
            #expect(try copy.unit("acme").head == nil)
            if case .role(let director) = try copy.details(of: "pmo-it-director") { #expect(director.dottedTo.isEmpty) }
            if case .role(let lead) = try copy.details(of: "eng-lead-payments") { #expect(lead.dottedTo == ["pm-payments"]) }
        }
    }

    @Test("the example survives JSON and CSV round trips exactly")
    func exampleRoundTrip() throws {
        let org = try exampleDatabase()
        let expected = try chartSnapshot(org)
        #expect(expected.count > 40)
        #expect(expected.contains { $0.hasPrefix("role|pm-warehouse|") && $0.contains("|pmo-ops-manager|") })
        let (json, csv) = try roundTrips(org)
        #expect(try chartSnapshot(json) == expected)
        #expect(try chartSnapshot(csv) == expected)
        // Exported again, the copies give the same documents.
        #expect(try exportText(json, .json) == exportText(org, .json))
        #expect(try exportText(csv, .csv) == exportText(org, .csv))
        #expect(try exportText(csv, .csv, units: true) == exportText(org, .csv, units: true))
    }

    @Test("hostile names survive JSON and CSV round trips exactly")
    func hostileRoundTrip() throws {
        let org = try hostileDatabase()
        let expected = try chartSnapshot(org)
        let (json, csv) = try roundTrips(org)
        #expect(try chartSnapshot(json) == expected)
        #expect(try chartSnapshot(csv) == expected)
        #expect(try csv.role("boss").title == "=cmd|' /C calc'!A0")
        #expect(try csv.role("pm").holder == "'=already")
        #expect(try csv.role("rtl").holder == "''")
    }

    @Test("CSV cells that start with = + - @ are written with a leading apostrophe")
    func formulaCells() throws {
        let org = try hostileDatabase()
        let roles = try exportText(org, .csv)
        #expect(roles.hasPrefix("key,title,holder,reports_to,unit,dotted_to,grade,salary,currency,rung,assistant_to\r\n"))
        let records = try CSVReader.records(Array(roles.utf8))
        let boss = try #require(records.first { $0.fields.first == "boss" })
        #expect(boss.fields[1] == "'=cmd|' /C calc'!A0")
        #expect(boss.fields[2] == "'+1")
        let lead = try #require(records.first { $0.fields.first == "pmo-lead" })
        #expect(lead.fields[1] == "'@SUM(1)" && lead.fields[2] == "'-x")
        let pm = try #require(records.first { $0.fields.first == "pm" })
        #expect(pm.fields[1] == "O\"Brien, \"Jr.\"" && pm.fields[2] == "''=already")
        for record in records {
            for cell in record.fields {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "unguarded cell \(cell)")
            }
        }
        let units = try CSVReader.records(Array(try exportText(org, .csv, units: true).utf8))
        #expect(units.first { $0.fields.first == "co" }?.fields[1] == "'=cmd|' /C calc'!A0")
        #expect(units.first { $0.fields.first == "pmo" }?.fields[1] == "'@SUM(1), \"the\" PMO")
    }

    @Test("the JSON export is valid JSON that Foundation reads too")
    func jsonIsJSON() throws {
        let text = try exportText(try hostileDatabase(), .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "orgctl")
        #expect((object["roles"] as? [Any])?.count == 6)
        #expect((object["units"] as? [Any])?.count == 3)
    }

    @Test("export with a root holds only that tree, and its top has no manager")
    func rootExport() throws {
        let org = try exampleDatabase()
        let roles = try org.exportRolesList(root: "cio")
        let expectedKeys = Set(try org.exportRolesList().map(\.key).filter { try keys(org.chain(of: $0)).contains("cio") })
        #expect(expectedKeys.count > 3)
        #expect(Set(roles.map(\.key)) == expectedKeys)
        #expect(roles.first?.key == "cio" && roles.first?.reportsTo == nil && roles.first?.depth == 0)
        #expect(roles.dropFirst().allSatisfy { $0.reportsTo.map(expectedKeys.contains) == true })
        let csv = try CSVReader.records(Array(try exportText(org, .csv, root: "cio").utf8))
        #expect(Set(csv.dropFirst().map { $0.fields[0] }) == expectedKeys)
        #expect(csv.dropFirst().first?.fields[3] == "")
    }

    @Test("DOT: generated node ids, escaped labels, dashed dotted lines, PMO clusters")
    func dot() throws {
        let text = try exportText(try hostileDatabase(), .dot)
        #expect(text.hasPrefix("digraph org {\n"))
        #expect(text.hasSuffix("}\n"))
        let nodes = text.matches(of: /(?m)^\s*(?:subgraph cluster_\d+ \{[^\n]*?; )?(\S+) \[label=/).map { String($0.1) }
        #expect(nodes == (0..<6).map { "n\($0)" })
        for edge in text.matches(of: /(?m)^\s*(\S+) -> (\S+?)[;\s]/) {
            #expect(edge.1.wholeMatch(of: /n\d+/) != nil && edge.2.wholeMatch(of: /n\d+/) != nil, "\(edge.0)")
        }
        #expect(text.contains(#"O\"Brien, \"Jr.\""#))
        #expect(text.contains(#"back\\slash \"q\""#))
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("👩🏽‍💻 Lead, Δ"))
        #expect(text.contains("[style=dashed, constraint=false]"))
        #expect(text.matches(of: /style=dashed/).count == 2)
        #expect(text.contains(#"label="@SUM(1), \"the\" PMO (controlling PMO)""#))
        // No label ends early: every line has an even number of unescaped quotes.
        for line in text.split(separator: "\n") {
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "")
            #expect(unescaped.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
        try runGraphviz(text)
    }

    @Test("DOT of the example labels each PMO cluster with its type")
    func dotExample() throws {
        let text = try exportText(try exampleDatabase(), .dot)
        #expect(text.contains(#"label="IT Delivery PMO (directive PMO)""#))
        #expect(text.contains(#"label="Operations PMO (controlling PMO)""#))
        #expect(text.contains(#"label="Marketing PMO (supportive PMO)""#))
        #expect(text.contains(#"label="Enterprise PMO (enterprise PMO)""#))
        #expect(!text.contains("pm-payments ->"))
        try runGraphviz(text)
    }

    @Test("Mermaid: generated node ids, entity-coded labels, dashed dotted lines, PMO subgraphs")
    func mermaid() throws {
        let text = try exportText(try hostileDatabase(), .mermaid)
        #expect(text.hasPrefix("---\ntitle: Chart\n---\nflowchart TB\n"))
        let nodes = text.matches(of: /(?m)^  (\S+?)\["/).map { String($0.1) }
        #expect(nodes == (0..<6).map { "n\($0)" })
        for edge in text.matches(of: /(?m)^  (\S+) (?:-->|-\.->) (\S+)$/) {
            #expect(edge.1.wholeMatch(of: /n\d+/) != nil && edge.2.wholeMatch(of: /n\d+/) != nil, "\(edge.0)")
        }
        #expect(text.matches(of: /-\.->/).count == 2)
        #expect(!text.contains("<script>"))
        #expect(text.contains("#lt;script#gt;alert(1)#lt;/script#gt;"))
        #expect(text.contains("O#quot;Brien, #quot;Jr.#quot;"))
        #expect(text.contains("back#92;slash #quot;q#quot;"))
        #expect(text.contains("👩🏽‍💻 Lead, Δ"))
        #expect(text.contains("subgraph pmo0[\"@SUM(1), #quot;the#quot; PMO: controlling PMO\"]"))
        // Inside a label, only the <br/> separators are markup.
        for label in text.matches(of: /\["([^"\n]*)"\]/) {
            #expect(!label.1.replacingOccurrences(of: "<br/>", with: "").contains("<"), "\(label.1)")
        }
    }

    @Test("Mermaid of the example groups PMO roles under their type")
    func mermaidExample() throws {
        let text = try exportText(try exampleDatabase(), .mermaid)
        #expect(text.contains("[\"IT Delivery PMO: directive PMO\"]"))
        #expect(text.contains("[\"Operations PMO: controlling PMO\"]"))
        #expect(text.contains("-.->"))
        #expect(text.components(separatedBy: "  subgraph ").count - 1 == text.components(separatedBy: "\n  end\n").count - 1)
    }

    /// Runs Graphviz on `text` when `dot` is installed; otherwise notes the skip.
    private func runGraphviz(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let dot = executableOnPath("dot") else {
            print("skipped: Graphviz 'dot' is not on PATH; checked the DOT text only")
            return
        }
        let folder = try TemporaryDirectory()
        let input = folder.file("chart.dot")
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg", "-o", folder.file("chart.svg"), input]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "dot -Tsvg failed", sourceLocation: sourceLocation)
    }
}
