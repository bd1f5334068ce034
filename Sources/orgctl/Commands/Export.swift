import ArgumentParser
import OrgModel

extension ExportFormat: ExpressibleByArgument {}

/// `orgctl export --format FORMAT`.
struct Export: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the chart as CSV, JSON, Graphviz DOT, Mermaid, an SVG picture or an HTML page.",
        discussion: """
            csv and json re-import exactly ('orgctl import'); csv holds roles, and --units writes the units \
            file. With -o a file is written in full or not at all, keeping its mode and owner; a device or \
            named pipe is written through, and a database is never overwritten.
            """)
    static let example = """
          orgctl export --format csv -o roles.csv && orgctl export --format csv --units -o units.csv
          orgctl export --format json -o org.json
          orgctl export --format dot --root cio | dot -Tpng -o it.png
        """

    @OptionGroup var database: ReadOptions
    @Option(help: "One of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: ExportFormat
    @Option(help: ArgumentHelp("Export only this role's (or unit head's) tree.", valueName: "key")) var root: String?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "With --format csv, write the units instead of the roles.") var units = false

    func validate() throws {
        if units && format != .csv { throw ValidationError("--units goes with --format csv (json holds units and roles together)") }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name, such as -o chart.svg") }
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForReading()
        if let output { try out.redirect(toFile: output, sparing: database.path) }
        let title = "Organisation chart" + (root.map { " below \($0)" } ?? "")
        try org.export(format, root: root, units: units, title: title) { out.write($0) }
    }
}
