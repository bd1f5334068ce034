import ArgumentParser
import OrgModel

/// `orgctl who-reports-to KEY`.
struct WhoReportsTo: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "who-reports-to",
        abstract: "List who reports to a role (or to a unit's head): direct reports, or with --all everyone below.")
    static let example = """
          orgctl who-reports-to cio
          orgctl who-reports-to pmo-it --all --dotted
          orgctl who-reports-to ceo --all --count
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A role's key, or a unit's key meaning its head.") var key: String
    @Flag(help: "Everyone in the reporting tree below, not only direct reports.") var all = false
    @Option(help: ArgumentHelp("With --all, how many levels down to go.", valueName: "n")) var depth: Int?
    @Flag(help: "Also list dotted-line reports, marked as such.") var dotted = false
    @Flag(help: "Print only how many there are.") var count = false

    func validate() throws {
        if let depth, depth < 1 { throw ValidationError("--depth must be 1 or more, not \(depth)") }
        if depth != nil && !all { throw ValidationError("--depth goes with --all") }
        if count && dotted { throw ValidationError("--count counts solid-line reports; leave out --dotted") }
    }

    func run(writingTo out: OutputSink) throws {
        try Self.run(key: key, in: database.openForReading(), all: all, depth: depth, dotted: dotted, count: count,
                     json: output.json, writingTo: out)
    }

    /// The command's work on plain values, shared with its plain form read
    /// by hand (``PointCommand``).
    static func run(key: String, in org: ChartSnapshot, all: Bool, depth: Int?, dotted: Bool, count: Bool, json: Bool,
                    writingTo out: OutputSink) throws {
        if count {
            let number = try org.countReports(to: key, all: all, maxDepth: depth)
            out.line(json ? JSON.object([("key", .string(key)), ("count", .int(number))]).text : String(number))
            return
        }
        let list = try org.reports(to: key, all: all, maxDepth: depth, includeDotted: dotted)
        if json {
            out.line(JSON.object([
                ("manager", JSON.role(list.manager, depth: list.manager.depth)),
                ("count", .int(list.reports.count)),
                ("reports", .array(list.reports.map { entry in
                    JSON.role(entry.role, depth: entry.depth,
                              extra: [("line", .string(entry.line.rawValue)), ("dottedTo", .optional(entry.dottedTo))])
                })),
            ]).text)
            return
        }
        if list.reports.isEmpty {
            out.line("Nobody reports to \(TerminalText.safe(list.manager.key)).")
            return
        }
        for entry in list.reports {
            let indent = String(repeating: "  ", count: all ? entry.depth - 1 : 0)
            let marker = entry.line == .dotted ? "  (dotted line to \(entry.dottedTo ?? list.manager.key))"
                : entry.role.assistantTo != nil ? "  (assistant)" : ""
            out.line(indent + RoleText.line(entry.role) + TerminalText.safe(marker))
        }
    }
}
