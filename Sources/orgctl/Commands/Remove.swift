import ArgumentParser
import OrgModel

/// `orgctl remove role|unit|line`.
struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a role, an empty unit or a dotted line.",
        subcommands: [RemoveRole.self, RemoveUnit.self, RemoveLine.self, RemoveGoverns.self])
}

extension Remove {
    /// `orgctl remove role KEY [--reassign-to KEY]`.
    struct RemoveRole: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Remove a role; its direct reports move to --reassign-to, by default to its own manager.",
            discussion: "Never leaves anyone without a manager: removing a root with reports needs --reassign-to.")
        static let example = """
              orgctl remove role prog-digital-manager
              orgctl remove role eng-director --reassign-to cio
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the role to remove.") var key: String
        @Option(help: ArgumentHelp("Who takes over its direct reports.", valueName: "key")) var reassignTo: String?

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            let report = try org.removeRole(key, reassignTo: reassignTo)
            if output.json {
                out.line(JSON.object([
                    ("removed", JSON.role(report.removed, depth: report.removed.depth)),
                    ("reassignedTo", .optional(report.reassignedTo)),
                    ("reassigned", .keys(report.reassigned)),
                    ("unitsWithoutHead", .keys(report.unitsWithoutHead)),
                ]).text)
                return
            }
            out.line("Removed " + RoleText.line(report.removed))
            if let target = report.reassignedTo {
                out.line("\(report.reassigned.count) direct report\(report.reassigned.count == 1 ? " now reports" : "s now report") to \(target): "
                    + report.reassigned.joined(separator: ", "))
            }
            for unit in report.unitsWithoutHead {
                out.line("Unit \(unit) has no head now; name one with: orgctl set unit \(unit) --head KEY")
            }
        }
    }

    /// `orgctl remove unit KEY`.
    struct RemoveUnit: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "unit",
            abstract: "Remove a unit that has no roles and no sub-units.")
        static let example = """
              orgctl remove unit proj-fleet
            """

        @OptionGroup var database: WriteOptions
        @Argument(help: "The key of the unit to remove.") var key: String

        func run(writingTo out: OutputSink) throws {
            try database.openForWriting().removeUnit(key)
            out.line("Removed unit \(TerminalText.safe(key)).")
        }
    }

    /// `orgctl remove line ROLE --to MANAGER --dotted`.
    struct RemoveLine: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "line",
            abstract: "Remove a dotted reporting line.")
        static let example = """
              orgctl remove line eng-lead-payments --to pm-payments --dotted
            """

        @OptionGroup var database: WriteOptions
        @Argument(help: "The key of the role that reports.") var role: String
        @Option(help: ArgumentHelp("The key of the manager it has the dotted line to.", valueName: "key")) var to: String
        @Flag(help: "The line is dotted (required: a solid line changes with move).") var dotted = false

        func validate() throws {
            guard dotted else {
                throw ValidationError("only dotted lines are removed here: add --dotted, or change the solid line with 'orgctl move \(role) --to KEY'")
            }
        }

        func run(writingTo out: OutputSink) throws {
            try database.openForWriting().removeDottedLine(from: role, to: to)
            out.line("Removed the dotted line from \(TerminalText.safe(role)) to \(TerminalText.safe(to)).")
        }
    }
}

extension Remove {
    /// `orgctl remove governs PMO UNIT`.
    struct RemoveGoverns: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "governs",
            abstract: "End a PMO's governance of a unit.")
        static let example = """
              orgctl remove governs pmo-mkt proj-rebrand
            """

        @OptionGroup var database: WriteOptions
        @Argument(help: "The PMO's key.") var pmo: String
        @Argument(help: "The key of the unit it governs.") var unit: String

        func run(writingTo out: OutputSink) throws {
            try database.openForWriting().removeGovernance(pmo: pmo, unit: unit)
            out.line("\(TerminalText.safe(pmo)) no longer governs \(TerminalText.safe(unit)).")
        }
    }
}
