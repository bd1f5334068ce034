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
    @Argument(help: "The source: CSV with a header row, or JSON as 'orgctl export --format json' writes.") var file: String
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
        for mapping in mappings where mapping.pair == nil {
            throw ValidationError("--map takes SOURCE=FIELD, such as --map \"Employee ID=key\"; got '\(mapping.text)'")
        }
    }

    func run(writingTo out: OutputSink) throws {
        var columnMap: [String: String] = [:]
        for case let (source, field)? in mappings.map(\.pair) { columnMap[source] = field }
        let options = reading.applied(to: ImportOptions(columnMap: columnMap, ignoreUnknownColumns: ignoreUnknownColumns, update: true))
        let bytes = try Descriptor.readAll(file)
        let isJSON = file.lowercased().hasSuffix(".json") || bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0xEF }) == UInt8(ascii: "{")
        let source = isJSON
            ? try ImportSource.json(bytes, file: file, options: options)
            : try ImportSource.csv(roles: bytes, file: file, options: options)
        let org = try database.openForWriting()
        let plan = try org.sync(source, options: SyncOptions(leavers: leavers, scope: scope, apply: apply))
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
