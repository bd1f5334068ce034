import ArgumentParser
import OrgModel

/// `orgctl set role|unit` (named so as not to hide the standard library's `Set`).
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a role's or a unit's fields.",
        subcommands: [SetRole.self, SetUnit.self])
}

extension SetCommand {
    /// `orgctl set role KEY …`.
    struct SetRole: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Change a role's title, holder, unit, grade or salary.",
            discussion: "Reporting lines change with 'move' and 'add line'.")
        static let example = """
              orgctl set role pm-fleet --holder "Marta Silva" --grade 6
              orgctl set role pm-crm --vacate
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the role to change.") var key: String
        @Option(help: "A new job title.") var title: String?
        @Option(help: "The person who now holds the role.") var holder: String?
        @Flag(help: "Mark the role vacant (nobody holds it).") var vacate = false
        @Option(help: ArgumentHelp("The key of the unit it now belongs to.", valueName: "key")) var unit: String?
        @Option(parsing: .unconditional, help: "A new grade, from 0 to 1,000,000.") var grade: Int?
        @OptionGroup var salary: SalaryOptions
        @Option(help: "Its career-ladder rung: \(Rung.allCases.map(\.rawValue).joined(separator: ", ")).") var rung: Rung?

        func validate() throws {
            if vacate && holder != nil { throw ValidationError("give either --holder or --vacate, not both") }
            if title == nil && holder == nil && !vacate && unit == nil && grade == nil && salary.salary == nil && rung == nil {
                throw ValidationError("nothing to change: give at least one of --title, --holder, --vacate, --unit, --grade, --salary, --rung")
            }
        }

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            let role = try org.updateRole(key, RoleChanges(
                title: title, holder: vacate ? .vacate : holder.map { .holder($0) }, unit: unit,
                grade: grade, salary: try salary.money(), rung: rung))
            if output.json {
                out.line(JSON.role(role, depth: role.depth).text)
            } else {
                out.line("Updated " + RoleText.line(role))
            }
        }
    }

    /// `orgctl set unit KEY …`.
    struct SetUnit: OrgCommand, Exemplified {
        static let configuration = CommandConfiguration(
            commandName: "unit",
            abstract: "Rename a unit, move it under another unit, name its head, or change a PMO's type.",
            discussion: """
                --pmo-type first shows which reporting lines the new type implies and changes nothing; \
                add --apply to change the type and those lines in one transaction.
                """)
        static let example = """
              orgctl set unit proj-fleet --head pm-fleet --parent ops
              orgctl set unit pmo-ops --pmo-type directive            # preview the line changes
              orgctl set unit pmo-ops --pmo-type directive --apply    # make them
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the unit to change.") var key: String
        @Option(help: "A new name.") var name: String?
        @Option(help: ArgumentHelp("The key of the unit it now sits in.", valueName: "key")) var parent: String?
        @Option(help: ArgumentHelp("The key of the role that now heads it.", valueName: "key")) var head: String?
        @Option(help: "A new PMO type: \(PMOType.allCases.map(\.rawValue).joined(separator: ", ")).") var pmoType: PMOType?
        @Flag(help: "With --pmo-type, make the change and its line changes (without it, only show them).") var apply = false

        func validate() throws {
            if name == nil && parent == nil && head == nil && pmoType == nil {
                throw ValidationError("nothing to change: give at least one of --name, --parent, --head, --pmo-type")
            }
            if pmoType != nil && (name != nil || parent != nil || head != nil) {
                throw ValidationError("change --pmo-type on its own, so its line changes can be reviewed; run the other changes separately")
            }
            if apply && pmoType == nil { throw ValidationError("--apply goes with --pmo-type") }
        }

        func run(writingTo out: OutputSink) throws {
            if let pmoType {
                let plan = apply
                    ? try database.openForWriting().changePMOType(key, to: pmoType)
                    : try database.openForReading().planPMOTypeChange(key, to: pmoType)
                output.json ? out.line(PlanText.json(plan).text) : PlanText.write(plan, to: out)
                return
            }
            let org = try database.openForWriting()
            let unit = try org.updateUnit(key, UnitChanges(name: name, parent: parent, head: head))
            if output.json {
                out.line(JSON.unit(unit).text)
            } else {
                out.line("Updated " + UnitText.line(unit))
            }
        }
    }
}
