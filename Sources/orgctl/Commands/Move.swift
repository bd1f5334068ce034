import ArgumentParser
import OrgModel

/// `orgctl move KEY --to MANAGER`.
struct Move: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Give a role a new line manager; everyone below it moves with it.",
        discussion: "Refuses a move that would make a reporting cycle, naming the cycle.")
    static let example = """
          orgctl move pm-warehouse --to pmo-ops-manager
          orgctl move cfo --to-root
        """

    @OptionGroup var database: WriteOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The key of the role to move.") var key: String
    @Option(help: ArgumentHelp("The key of its new line manager.", valueName: "key")) var to: String?
    @Flag(help: "Make the role a root, with no line manager.") var toRoot = false

    func validate() throws {
        if (to == nil) == !toRoot { throw ValidationError("give exactly one of --to KEY or --to-root") }
    }

    func run(writingTo out: OutputSink) throws {
        try Self.run(key: key, to: to, in: database.openForWriting(), moment: WriteMoment(effective: database.effective),
                     json: output.json, writingTo: out)
    }

    /// The command's work on plain values, shared with its plain form read
    /// by hand (``PointCommand``).
    static func run(key: String, to: String?, in org: OrgDatabase, moment: WriteMoment, json: Bool,
                    writingTo out: OutputSink) throws {
        let report = try org.move(key, to: to)
        // A move changes lines, never holders: the chart after it names all three.
        let names = try org.references(for: [report.key] + [report.from, report.to].compactMap { $0 })
        if json {
            out.line(JSON.object([
                ("key", .string(report.key)), ("from", .optional(report.from)), ("to", .optional(report.to)),
                ("moved", .int(report.movedCount)), ("dottedLineReplaced", .bool(report.dottedLineReplaced)),
                ("keyRef", .reference(report.key, in: names)), ("fromRef", .reference(report.from, in: names)),
                ("toRef", .reference(report.to, in: names)), moment.plannedJSON,
            ]).text)
            return
        }
        let who = names.label(report.key)
        let destination = report.to.map(names.label) ?? "the top (a root)"
        if report.movedCount == 0 {
            out.line(TerminalText.safe("\(who) already reports to \(destination); nothing changed."))
            return
        }
        let others = report.movedCount - 1
        let route = "from \(report.from.map(names.label) ?? "the top") to \(destination)"
            + (others > 0 ? ", with the \(others) role\(others == 1 ? "" : "s") below it." : ".")
        out.line(TerminalText.safe(moment.says("Moved \(who) \(route)", planned: "\(who) moves \(route)")))
        if report.dottedLineReplaced {
            out.line(TerminalText.safe("Its dotted line to \(destination) is now its solid line."))
        }
    }
}
