import ArgumentParser
import OrgModel

extension ExportFormat: ExpressibleByArgument {}

/// `orgctl export --format FORMAT`.
struct Export: ParsableCommand, Exemplified {
    static let configuration = CommandConfiguration(
        abstract: "Export the chart as CSV, JSON, Graphviz DOT or Mermaid.",
        discussion: """
            csv and json re-import exactly ('orgctl import'); csv holds roles, and --units writes the units \
            file. With -o the file is written in full or not at all.
            """)
    static let example = """
          orgctl export --format csv -o roles.csv && orgctl export --format csv --units -o units.csv
          orgctl export --format json -o org.json
          orgctl export --format dot --root cio | dot -Tpng -o it.png
        """

    @OptionGroup var database: DatabaseOptions
    @Option(help: "One of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: ExportFormat
    @Option(help: ArgumentHelp("Export only this role's (or unit head's) tree.", valueName: "key")) var root: String?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "With --format csv, write the units instead of the roles.") var units = false

    func validate() throws {
        if units && format != .csv { throw ValidationError("--units goes with --format csv (json holds units and roles together)") }
    }

    func run() throws {
        let org = try database.openForReading()
        if let output { try Output.redirect(toFile: output) }
        let emit: (String) -> Void = { Output.write($0) }
        let title = "Organisation chart" + (root.map { " below \($0)" } ?? "")
        switch format {
        case .csv where units:
            CSVChartWriter.units(try org.exportUnits(), emit)
        case .csv:
            CSVChartWriter.header(emit)
            try org.exportRoles(root: root) { CSVChartWriter.role($0, emit) }
        case .json:
            JSONChartWriter.begin(units: try org.exportUnits(), emit)
            var first = true
            try org.exportRoles(root: root) { role in
                JSONChartWriter.role(role, first: first, emit)
                first = false
            }
            JSONChartWriter.end(emit)
        case .dot, .mermaid:
            var writer = GraphWriter(format == .dot ? .dot : .mermaid)
            writer.begin(title: title, emit)
            try org.exportRoles(root: root) { writer.role($0, emit) }
            writer.end(emit)
        }
    }
}
