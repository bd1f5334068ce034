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
            let names = try org.references(for: report.reassigned + report.unitsWithoutHead + [report.reassignedTo].compactMap { $0 })
            if output.json {
                out.line(JSON.object([
                    ("removed", JSON.role(report.removed, depth: report.removed.depth)),
                    ("reassignedTo", .optional(report.reassignedTo)),
                    ("reassigned", .keys(report.reassigned)),
                    ("unitsWithoutHead", .keys(report.unitsWithoutHead)),
                    ("reassignedToRef", .reference(report.reassignedTo, in: names)),
                    ("reassignedRefs", .references(report.reassigned, in: names)),
                    ("unitsWithoutHeadRefs", .references(report.unitsWithoutHead, in: names)),
                    database.plannedJSON,
                ]).text)
                return
            }
            out.line(database.says("Removed ", planned: "removes ") + RoleText.line(report.removed))
            if let target = report.reassignedTo {
                let verb = database.plannedFor == nil
                    ? (report.reassigned.count == 1 ? " now reports" : "s now report") : (report.reassigned.count == 1 ? " will report" : "s will report")
                out.line(TerminalText.safe("\(report.reassigned.count) direct report\(verb) to \(names.label(target)): "
                    + report.reassigned.map(names.label).joined(separator: ", ")))
            }
            for unit in report.unitsWithoutHead {
                out.line(TerminalText.safe("Unit \(names.label(unit)) has no head now; name one with: orgctl set unit \(unit) --head KEY"))
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
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the unit to remove.") var key: String

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            // Its name, read before it goes: the unit is gone afterwards.
            let names = try org.references(for: [key])
            try org.removeUnit(key)
            let unit = names.unit(key)
            if output.json {
                out.line(JSON.object([("removedUnit", .string(unit?.key ?? key)),
                                      ("removedUnitRef", unit.map(JSON.reference) ?? .null), database.plannedJSON]).text)
                return
            }
            out.line(TerminalText.safe(database.says("Removed unit \(names.label(key)).", planned: "removes unit \(names.label(key)).")))
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
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the role that reports.") var role: String
        @Option(help: ArgumentHelp("The key of the manager it has the dotted line to.", valueName: "key")) var to: String
        @Flag(help: "The line is dotted (accepted, and the only kind removed here: a solid line changes with move).") var dotted = false

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            try org.removeDottedLine(from: role, to: to)
            try LineText.report(removed: true, role: role, to: to, in: org, options: database, json: output.json, to: out)
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
        @OptionGroup var output: OutputOptions
        @Argument(help: "The PMO's key.") var pmo: String
        @Argument(help: "The key of the unit it governs.") var unit: String

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            try org.removeGovernance(pmo: pmo, unit: unit)
            try LineText.report(governs: false, pmo: pmo, unit: unit, in: org, options: database, json: output.json, to: out)
        }
    }
}
