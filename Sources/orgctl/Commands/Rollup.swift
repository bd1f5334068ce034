import ArgumentParser
import OrgModel

/// `orgctl rollup [KEY] [--managers]`.
struct RollupCommand: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Headcount and salary cost of a role's team: the role and everyone below it on solid lines.",
        discussion: """
            With --managers, the same for the role and every manager (a role with solid reports) \
            below it, or for every manager in the whole chart when no role is named, depth first. Salary cost is summed per \
            currency; different currencies are never added together.
            """)
    static let example = """
          orgctl rollup cio
          orgctl rollup cio --managers --depth 2
          orgctl rollup --managers --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A role's key, or a unit's key meaning its head.") var key: String?
    @Flag(help: "The role's team and every manager's below it (or in the whole chart), one line each.") var managers = false
    @Option(help: ArgumentHelp("With --managers, how many levels below the top to list.", valueName: "n")) var depth: Int?

    func validate() throws {
        if key == nil && !managers {
            throw ValidationError("name a role (orgctl rollup ceo), or pass --managers for every manager's team")
        }
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more, not \(depth)") }
        if depth != nil && !managers { throw ValidationError("--depth goes with --managers") }
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForReading()
        guard managers else {
            let rollup = try org.rollup(of: key!)
            if output.json { out.line(RollupText.json(rollup).text) } else { RollupText.write(rollup, to: out) }
            return
        }
        // Written as each roll-up is made: a million-role chart has a
        // hundred thousand managers, too many to hold as text or JSON at once.
        let rollups = try org.eachManagerRollup(under: key, maxDepth: depth)
        if output.json {
            var iterator = rollups.makeIterator()
            let top = JSON.optional(key == nil ? nil : iterator.next()?.role.key)
            out.write("{\"top\":\(top.text),\"count\":\(rollups.count),\"managers\":[")
            var separator = ""
            for rollup in rollups {
                out.write(separator + RollupText.json(rollup).text)
                separator = ","
            }
            out.line("]}")
            return
        }
        if rollups.count == 0 { out.line("Nobody in the chart has reports.") }
        for rollup in rollups { out.line(RollupText.line(rollup)) }
    }
}
