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
            abstract: "Change a role's title, holder, unit, grade or salary, or whom it assists.",
            discussion: """
                Reporting lines change with 'move' and 'add line'. --assistant-to makes the role the assistant \
                of another, which it then reports to: if it reported elsewhere, it moves (with its reports) \
                under that role in the same change.
                """)
        static let example = """
              orgctl set role pm-fleet --holder "Marta Silva" --grade 6
              orgctl set role pm-crm --vacate
              orgctl set role pa-ceo --assistant-to ceo
            """

        @OptionGroup var database: WriteOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The key of the role to change.") var key: String
        @Option(help: "A new job title.") var title: String?
        @Option(help: "The person who now holds the role.") var holder: String?
        @Flag(help: "Mark the role vacant (nobody holds it).") var vacate = false
        @Option(help: ArgumentHelp("The key of the unit it now belongs to.", valueName: "key")) var unit: String?
        @Option(parsing: .unconditional, help: "A new grade, from 0 to 1,000,000.") var grade: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp(
            "Yearly salary, such as 51638 or 51638.50; in the role's current currency unless --currency is given.", valueName: "amount"))
        var salary: String?
        @Option(help: ArgumentHelp("ISO 4217 currency of the salary, such as GBP (with --salary).", valueName: "code"))
        var currency: String?
        @Option(help: "Its career-ladder rung: \(Rung.allCases.map(\.rawValue).joined(separator: ", ")).") var rung: Rung?
        @Flag(name: .customLong("no-unit"), help: "Take the role out of its unit.") var noUnit = false
        @Flag(name: .customLong("no-grade"), help: "Clear the role's grade.") var noGrade = false
        @Flag(name: .customLong("no-salary"), help: "Clear the role's salary and its currency.") var noSalary = false
        @Flag(name: .customLong("no-rung"), help: "Clear the explicit rung (the title places it again).") var noRung = false
        @Option(help: ArgumentHelp("Make it the assistant of this role, moving it under that role if it reports elsewhere.",
                                   valueName: "key"))
        var assistantTo: String?
        @Flag(name: .customLong("no-assistant"), help: "It is no longer an assistant; it keeps its manager.") var noAssistant = false

        func validate() throws {
            if vacate && holder != nil { throw ValidationError("give either --holder or --vacate, not both") }
            for (set, clear, name) in [(unit != nil, noUnit, "unit"), (grade != nil, noGrade, "grade"),
                                       (salary != nil || currency != nil, noSalary, "salary"), (rung != nil, noRung, "rung")] where set && clear {
                throw ValidationError("give either --\(name) or --no-\(name), not both")
            }
            if assistantTo != nil && noAssistant { throw ValidationError("give either --assistant-to or --no-assistant, not both") }
            if currency != nil && salary == nil {
                throw ValidationError("--currency goes with --salary: give the amount too, such as --salary 51638 --currency GBP")
            }
            if title == nil && holder == nil && !vacate && unit == nil && grade == nil && salary == nil && rung == nil
                && !noUnit && !noGrade && !noSalary && !noRung && assistantTo == nil && !noAssistant {
                throw ValidationError("nothing to change: give at least one of --title, --holder, --vacate, --unit, --grade, --salary, --rung, --no-unit, --no-grade, --no-salary, --no-rung, --assistant-to, --no-assistant")
            }
        }

        func run(writingTo out: OutputSink) throws {
            let org = try database.openForWriting()
            var clearing: Swift.Set<RoleChanges.ClearableField> = []
            for (flag, field) in [(noUnit, RoleChanges.ClearableField.unit), (noGrade, .grade), (noSalary, .salary), (noRung, .rung)] where flag {
                clearing.insert(field)
            }
            let money = try currency.flatMap { code in try salary.map { try Money(amount: $0, currency: code) } }
            var changes = RoleChanges(
                title: title, holder: vacate ? .vacate : holder.map { .holder($0) }, unit: unit,
                grade: grade, salary: money, rung: rung,
                salaryAmount: currency == nil ? salary : nil, clearing: clearing)
            changes.assistant = noAssistant ? RoleChanges.AssistantChange.none : assistantTo.map { .assistantTo($0) }
            try Self.run(key: key, changes: changes, in: org, moment: WriteMoment(effective: database.effective),
                         json: output.json, writingTo: out)
        }

        /// The command's work on plain values, shared with its plain form
        /// read by hand (``PointCommand``).
        static func run(key: String, changes: RoleChanges, in org: OrgDatabase, moment: WriteMoment, json: Bool,
                        writingTo out: OutputSink) throws {
            let role = try org.updateRole(key, changes)
            if json {
                out.line(JSON.role(role, depth: role.depth, extra: [moment.plannedJSON]).text)
            } else {
                let assisting = changes.assistant == nil ? nil
                    : try role.assistantTo.map { ", assistant to " + (try org.references(for: [$0]).label($0)) } ?? ", not an assistant"
                out.line(moment.says("Updated ", planned: "updates ") + RoleText.line(role) + TerminalText.safe(assisting ?? ""))
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
        @Flag(name: .customLong("no-head"), help: "Leave the unit without a head role.") var noHead = false
        @Flag(name: .customLong("no-parent"), help: "Make the unit a top-level unit, inside no other.") var noParent = false

        func validate() throws {
            if name == nil && parent == nil && head == nil && pmoType == nil && !noHead && !noParent {
                throw ValidationError("nothing to change: give at least one of --name, --parent, --head, --pmo-type, --no-head, --no-parent")
            }
            if head != nil && noHead { throw ValidationError("give either --head or --no-head, not both") }
            if parent != nil && noParent { throw ValidationError("give either --parent or --no-parent, not both") }
            if pmoType != nil && (name != nil || parent != nil || head != nil || noHead || noParent) {
                throw ValidationError("change --pmo-type on its own, so its line changes can be reviewed; run the other changes separately")
            }
            if apply && pmoType == nil { throw ValidationError("--apply goes with --pmo-type") }
        }

        func run(writingTo out: OutputSink) throws {
            if let pmoType {
                let org = apply ? try database.openForWriting() : try database.openForReading()
                let plan = apply ? try org.changePMOType(key, to: pmoType) : try org.planPMOTypeChange(key, to: pmoType)
                // A type change moves lines, never holders: one look-up serves before and after.
                let names = try org.references(for: [plan.pmo] + plan.changes.flatMap { [$0.role] + [$0.from, $0.to].compactMap { $0 } })
                output.json ? out.line(PlanText.json(plan, names: names).text) : PlanText.write(plan, names: names, to: out)
                return
            }
            let org = try database.openForWriting()
            var clearing: Swift.Set<UnitChanges.ClearableField> = []
            if noHead { clearing.insert(.head) }
            if noParent { clearing.insert(.parent) }
            let unit = try org.updateUnit(key, UnitChanges(name: name, parent: parent, head: head, clearing: clearing))
            if output.json {
                out.line(JSON.unit(unit, extra: [database.plannedJSON]).text)
            } else {
                out.line(database.says("Updated ", planned: "updates ") + UnitText.line(unit))
            }
        }
    }
}
