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
        let org = try database.openForWriting()
        let report = try org.move(key, to: to)
        if output.json {
            out.line(JSON.object([
                ("key", .string(report.key)), ("from", .optional(report.from)), ("to", .optional(report.to)),
                ("moved", .int(report.movedCount)), ("dottedLineReplaced", .bool(report.dottedLineReplaced)),
            ]).text)
            return
        }
        let destination = report.to ?? "the top (a root)"
        if report.movedCount == 0 {
            out.line("\(report.key) already reports to \(destination); nothing changed.")
            return
        }
        let others = report.movedCount - 1
        out.line("Moved \(report.key) from \(report.from ?? "the top") to \(destination)"
            + (others > 0 ? ", with the \(others) role\(others == 1 ? "" : "s") below it." : "."))
        if report.dottedLineReplaced {
            out.line("Its dotted line to \(destination) is now its solid line.")
        }
    }
}
