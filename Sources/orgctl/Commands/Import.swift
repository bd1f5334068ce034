import ArgumentParser
import OrgModel

/// `orgctl import FILE`.
struct Import: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import roles (and units) from CSV or orgctl JSON, all or nothing.",
        discussion: """
            CSV needs a header row. Role columns: key, title, holder, reports_to, unit, dotted_to (keys \
            separated by ';'), grade, salary, currency, rung; unit columns (--units): key, name, kind, \
            pmo_type, parent, head, governed_by. Roles may report to roles further down the file. Any bad \
            row stops the import with FILE:LINE and nothing is written.
            """)
    static let example = """
          orgctl import --units examples/units.csv examples/roles.csv
          orgctl import org.json --update --dry-run
          orgctl import d3-org-chart-sample.csv --ignore-unknown-columns \\
              --map id=key --map parentId=reports_to --map positionName=title --map name=holder
        """

    @OptionGroup var database: WriteOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The roles file: CSV, JSON as 'orgctl export --format json' writes, or a directory's users (LDIF, Microsoft Graph, SCIM, Google); several files (a listing's pages) for a directory.", valueName: "file"))
    var files: [String] = []
    /// The files as messages name them.
    var file: String { files.joined(separator: ", ") }
    @Option(help: ArgumentHelp("A CSV file of units to import with the roles.", valueName: "file")) var units: String?
    @Option(name: .customLong("map"), help: ArgumentHelp("Read the file's column SOURCE as orgctl's FIELD (repeatable).", valueName: "SOURCE=FIELD"))
    var mappings: [ColumnMapping] = []
    @Flag(help: "Ignore columns that are neither orgctl fields nor mapped.") var ignoreUnknownColumns = false
    @OptionGroup var reading: SourceReadingOptions
    @Flag(help: "Update roles and units whose keys already exist, instead of refusing them.") var update = false
    @Flag(help: "Check everything and report what would change, without writing.") var dryRun = false
    @Flag(help: "Create the units (departments) the roles name that the chart does not have.") var createUnits = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name the file to import, such as 'orgctl import roles.csv'") }
        for mapping in mappings where mapping.pair == nil {
            throw ValidationError("--map takes SOURCE=FIELD, such as --map \"Employee ID=key\"; got '\(mapping.text)'")
        }
    }

    func run(writingTo out: OutputSink) throws {
        var columnMap: [String: String] = [:]
        for case let (source, field)? in mappings.map(\.pair) { columnMap[source] = field }
        var options = reading.applied(to: ImportOptions(columnMap: columnMap, ignoreUnknownColumns: ignoreUnknownColumns, update: update, dryRun: dryRun))
        options.createUnits = createUnits
        let showProgress = Diagnostics.isTerminal && !output.json
        if showProgress { Diagnostics.progress("reading \(file)…") }
        let bytes = try Descriptor.readAll(files[0])
        let format = reading.format(of: files, firstBytes: bytes)
        if !format.isDirectory, files.count > 1 {
            throw ValidationError("several files are read together only for a directory's users (LDIF, Graph, SCIM, Google); \(files[0]) is \(format.rawValue), so import one file")
        }
        let isJSON = format == .json
        if format != .csv, let units {
            // A JSON chart carries its units inside it.
            throw ValidationError(isJSON
                ? "--units takes a CSV file of units, and \(file) is a JSON chart, which holds its units itself; drop --units \(units)"
                : "--units takes a CSV file of units, and \(file) is a directory's users, whose departments become units with --create-units; drop --units \(units)")
        }
        let source = format.isDirectory
            ? try reading.directorySource(files, first: bytes, format: format, options: options)
            : isJSON
            ? try ImportSource.json(bytes, file: file, options: options)
            : try ImportSource.csv(roles: bytes, file: file, units: try units.map { try Descriptor.readAll($0) }, unitsFile: units ?? "", options: options)
        if showProgress { Diagnostics.progress("importing \(source.roleCount) roles and \(source.unitCount) units…") }
        let org = try database.openForWriting()
        let report: ImportReport
        do {
            report = try org.importChart(source, options: options)
        } catch {
            if showProgress { Diagnostics.progress("") }
            throw source.located(error)
        }
        if showProgress { Diagnostics.progress("") }
        if output.json {
            out.line(JSON.object([
                ("dryRun", .bool(report.dryRun)), ("rolesAdded", .int(report.rolesAdded)), ("rolesUpdated", .int(report.rolesUpdated)),
                ("rolesMoved", .int(report.rolesMoved)), ("unitsAdded", .int(report.unitsAdded)), ("unitsUpdated", .int(report.unitsUpdated)),
                ("dottedLinesAdded", .int(report.dottedLinesAdded)), ("dottedLinesRemoved", .int(report.dottedLinesRemoved)),
                ("governanceAdded", .int(report.governanceAdded)),
                ("plannedConflicts", .array(report.plannedConflicts.map { conflict in
                    .object([("key", .string(conflict.key)), ("field", .string(conflict.field)),
                             ("sourceValue", .optional(conflict.sourceValue)), ("plannedValue", .optional(conflict.plannedValue)),
                             ("change", .int(Int(conflict.change))), ("effective", .string(conflict.effective.readable)),
                             ("text", .string(SyncPlanText.line(conflict)))])
                })),
            ]).text)
            return
        }
        // Moves and changed fields are counted apart: a role can move without
        // a field changing, and the reverse.
        var roles = counted(report.rolesAdded, "role") + " added"
        if report.rolesMoved + report.rolesUpdated > 0 { roles += ", \(report.rolesMoved) moved, \(report.rolesUpdated) changed" }
        var parts = [roles]
        if report.unitsAdded + report.unitsUpdated > 0 { parts.append(counted(report.unitsAdded, "unit") + " added, \(report.unitsUpdated) changed") }
        if report.dottedLinesAdded + report.dottedLinesRemoved > 0 {
            parts.append(counted(report.dottedLinesAdded, "dotted line") + " added, \(report.dottedLinesRemoved) removed")
        }
        if report.governanceAdded > 0 { parts.append(counted(report.governanceAdded, "governed unit")) }
        let summary = report.changesNothing ? "nothing to add or change" : parts.joined(separator: "; ")
        out.line((report.dryRun ? "Dry run, nothing written: would import " : "Imported ") + TerminalText.safe(file) + ": " + summary + ".")
        if !report.plannedConflicts.isEmpty {
            out.line("Kept, planned for later:")
            for conflict in report.plannedConflicts { out.line(TerminalText.safe("  " + SyncPlanText.line(conflict))) }
        }
    }
}

/// `--map SOURCE=FIELD`, split when the command line is read; text without
/// a SOURCE and a FIELD around its first '=' is reported by `Import.validate()`,
/// whose message shows the form expected.
struct ColumnMapping: ExpressibleByArgument {
    let text: String
    /// The file's column and the orgctl field it is read as; nil when malformed.
    let pair: (source: String, field: String)?

    init?(argument: String) {
        text = argument
        if let equals = argument.firstIndex(of: "="), equals != argument.startIndex, argument.last != "=" {
            pair = (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        } else {
            pair = nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// "1 role", "2 roles".
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
