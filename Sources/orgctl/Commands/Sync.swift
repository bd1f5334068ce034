import ArgumentParser
import OrgModel

/// `orgctl sync FILE`.
struct Sync: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Make the chart match an HR export: show the plan, or write it with --apply.",
        discussion: """
            Roles in the file are added, moved and updated as it says; roles in the chart (or in the \
            --scope branch) that the file does not name are leavers. Without --apply nothing is written \
            and the plan is printed in people's words. Changes planned for later are kept: where the file \
            contradicts one, the plan says so. Exits 0; with --exit-code, 1 when the chart was not in step.
            """)
    static let example = """
          orgctl sync hr-export.csv
          orgctl sync hr-export.csv --leavers remove --apply
          orgctl sync division.csv --scope cio --exit-code
        """

    @OptionGroup var database: WriteOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The source: CSV with a header row, JSON as 'orgctl export --format json' writes, or a directory's users (LDIF, Microsoft Graph, SCIM, Google); several files (a listing's pages) for a directory.", valueName: "file"))
    var files: [String] = []
    /// The files as messages name them.
    var file: String { files.joined(separator: ", ") }
    @Option(name: .customLong("map"), help: ArgumentHelp("Read the file's column SOURCE as orgctl's FIELD (repeatable).", valueName: "SOURCE=FIELD"))
    var mappings: [ColumnMapping] = []
    @Flag(help: "Ignore columns that are neither orgctl fields nor mapped.") var ignoreUnknownColumns = false
    @OptionGroup var reading: SourceReadingOptions
    @Option(help: ArgumentHelp("Compare only the branch under this role: the file covers one division.", valueName: "key")) var scope: String?
    @Option(help: ArgumentHelp("What becomes of roles the file does not name: vacate, remove or keep.", valueName: "policy"))
    var leavers: LeaverPolicy = .vacate
    @Flag(help: "Write the plan, as one recorded change.") var apply = false
    @Flag(help: "Exit 1 when the chart was not in step with the file.") var exitCode = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name the file to sync with, such as 'orgctl sync hr-export.csv'") }
        for mapping in mappings where mapping.pair == nil {
            throw ValidationError("--map takes SOURCE=FIELD, such as --map \"Employee ID=key\"; got '\(mapping.text)'")
        }
    }

    func run(writingTo out: OutputSink) throws {
        var columnMap: [String: String] = [:]
        for case let (source, field)? in mappings.map(\.pair) { columnMap[source] = field }
        let options = reading.applied(to: ImportOptions(columnMap: columnMap, ignoreUnknownColumns: ignoreUnknownColumns, update: true))
        let bytes = try Descriptor.readAll(files[0])
        let format = reading.format(of: files, firstBytes: bytes)
        if !format.isDirectory, files.count > 1 {
            throw ValidationError("several files are read together only for a directory's users (LDIF, Graph, SCIM, Google); \(files[0]) is \(format.rawValue), so sync with one file")
        }
        let source = switch format {
        case .json: try ImportSource.json(bytes, file: file, options: options)
        case .csv: try ImportSource.csv(roles: bytes, file: file, options: options)
        default: try reading.directorySource(files, first: bytes, format: format, options: options)
        }
        let org = try database.openForWriting()
        let plan: SyncPlan
        do {
            plan = try org.sync(source, options: SyncOptions(leavers: leavers, scope: scope, apply: apply))
        } catch {
            throw source.located(error)
        }
        if output.json {
            out.line(SyncPlanText.json(plan).text)
        } else if plan.isInStep && plan.conflicts.isEmpty {
            out.line(TerminalText.safe("In step with \(file): nothing to change."))
        } else {
            out.line(TerminalText.safe("\(plan.applied ? "Synced with" : "Plan for") \(file): \(SyncPlanText.summary(plan))."))
            for step in plan.steps { out.line(TerminalText.safe("  " + SyncPlanText.line(step))) }
            if !plan.conflicts.isEmpty {
                out.line("Kept, planned for later:")
                for conflict in plan.conflicts { out.line(TerminalText.safe("  " + SyncPlanText.line(conflict))) }
            }
            if !plan.isInStep {
                out.line(plan.applied ? "Written as one change; 'orgctl undo' takes it back." : "Nothing written; run it again with --apply to make these changes.")
            }
        }
        if exitCode && !plan.isInStep { throw ExitCode(ExitStatus.refused) }
    }
}

extension LeaverPolicy: ExpressibleByArgument {}
