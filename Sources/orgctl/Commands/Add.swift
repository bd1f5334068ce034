import ArgumentParser
import OrgModel

/// `orgctl add role|unit|line`.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a role, a unit or a dotted reporting line.",
        subcommands: [AddRole.self, AddUnit.self, AddLine.self, AddGoverns.self])
}

extension Add {
    /// `orgctl add role KEY --title TITLE …`.
    struct AddRole: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Add a role (a position), optionally reporting to a manager.")
        static let example = """
              orgctl add role pm-payments --title "Project Manager" --holder "Jane Doe" \\
                  --reports-to pmo-it-director --unit proj-payments --grade 6 --salary 68000 --currency GBP
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The new role's key: letters, digits, '-', '_' and '.'.") var key: String
        @Option(help: "The job title.") var title: String
        @Option(help: "The person holding the role; leave out for a vacant role.") var holder: String?
        @Option(help: ArgumentHelp("The key of its line manager (the solid line).", valueName: "key")) var reportsTo: String?
        @Option(help: ArgumentHelp("The key of the unit it belongs to.", valueName: "key")) var unit: String?
        @Option(parsing: .unconditional, help: "A numeric grade, from 0 to 1,000,000.") var grade: Int?
        @OptionGroup var salary: SalaryOptions
        @Option(help: "Its career-ladder rung, when the title does not name one: \(Rung.allCases.map(\.rawValue).joined(separator: ", ")).")
        var rung: Rung?
        @Option(help: ArgumentHelp("The key of the role it assists; it reports to that role (--reports-to may be left out).",
                                   valueName: "key"))
        var assistantTo: String?

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            try Self.run(RoleDraft(key: key, title: title, holder: holder, reportsTo: reportsTo, unit: unit,
                                   grade: grade, salary: try salary.money(), rung: rung, assistantTo: assistantTo),
                         in: org, moment: WriteMoment(effective: database.effective), json: output.json, writingTo: out)
        }

        /// The command's work on plain values, shared with its plain form
        /// read by hand (``PointCommand``).
        static func run(_ draft: RoleDraft, in org: OrgDatabase, moment: WriteMoment, json: Bool,
                        writingTo out: OutputSink) throws {
            let role = try org.addRole(draft)
            if json {
                out.line(JSON.role(role, depth: role.depth, extra: [moment.plannedJSON]).text)
            } else {
                let manager = try role.reportsTo.map { try org.references(for: [$0]).label($0) }
                let line = role.assistantTo != nil ? ", assistant to " : ", reporting to "
                out.line(moment.says("Added ", planned: "adds ") + RoleText.line(role)
                    + TerminalText.safe(manager.map { line + $0 } ?? " as a root"))
            }
        }
    }

    /// `orgctl add unit KEY --name NAME --kind KIND …`.
    struct AddUnit: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "unit",
            abstract: "Add an organisational unit; a unit of kind pmo needs a PMO type.")
        static let example = """
              orgctl add unit pmo-it --name "IT Delivery PMO" --kind pmo --pmo-type directive --parent it --head pmo-it-director
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The new unit's key: letters, digits, '-', '_' and '.'.") var key: String
        @Option(help: "The unit's name.") var name: String
        @Option(help: "One of: \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: UnitKind
        @Option(help: "For a PMO: \(PMOType.allCases.map(\.rawValue).joined(separator: ", ")).") var pmoType: PMOType?
        @Option(help: ArgumentHelp("The key of the unit it sits in.", valueName: "key")) var parent: String?
        @Option(help: ArgumentHelp("The key of the role that heads it.", valueName: "key")) var head: String?

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            let unit = try org.addUnit(UnitDraft(key: key, name: name, kind: kind, pmoType: pmoType, parent: parent, head: head))
            if output.json {
                out.line(JSON.unit(unit, extra: [database.plannedJSON]).text)
            } else {
                out.line(database.says("Added ", planned: "adds ") + UnitText.line(unit))
            }
        }
    }

    /// `orgctl add line ROLE --to MANAGER --dotted`.
    struct AddLine: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "line",
            abstract: "Add a dotted (matrix) reporting line from a role to another manager.",
            discussion: "Solid lines are set with 'add role --reports-to' and 'move'.")
        static let example = """
              orgctl add line pm-warehouse --to pmo-ops-manager
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the role that reports.") var role: String
        @Option(help: ArgumentHelp("The key of the manager it reports to.", valueName: "key")) var to: String
        @Flag(help: "The line is dotted (accepted, and the only kind added here: solid lines come from --reports-to and move).")
        var dotted = false

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            try org.addDottedLine(from: role, to: to)
            try LineText.report(removed: false, role: role, to: to, in: org, options: database, json: output.json, to: out)
        }
    }
}

extension Add {
    /// `orgctl add governs PMO UNIT`.
    struct AddGoverns: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "governs",
            abstract: "Make a PMO govern a unit (a project, programme or department).",
            discussion: "The heads of the governed unit, and of the projects inside it, are the project managers the PMO's type applies to.")
        static let example = """
              orgctl add governs pmo-ops proj-warehouse
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The PMO's key.") var pmo: String
        @Argument(help: "The key of the unit it governs.") var unit: String

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            try org.addGovernance(pmo: pmo, unit: unit)
            try LineText.report(governs: true, pmo: pmo, unit: unit, in: org, options: database, json: output.json, to: out)
        }
    }
}
