import ArgumentParser
import OrgModel

/// `orgctl ladder`.
struct Ladder: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Print the PMO and project career ladders with who stands on each rung.",
        discussion: "A role stands on a rung its title names (PMO Analyst, Programme Manager, CPO, …) or one set with --rung.")
    static let example = """
          orgctl ladder
          orgctl ladder --limit 5 --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Most roles to list per rung.", valueName: "n")) var limit = 50

    func run(writingTo out: OutputSink) throws {
        let rungs = try database.openForReading().ladder(limit: limit)
        if output.json {
            out.line(JSON.object([("rungs", .array(rungs.map { step in
                .object([("rung", .string(step.rung.rawValue)), ("ladder", .string(step.rung.ladder.rawValue)),
                         ("rank", .int(step.rung.rank)), ("title", .string(step.rung.title)), ("count", .int(step.count)),
                         ("roles", .array(step.roles.map { JSON.role($0, depth: $0.depth) }))])
            }))]).text)
            return
        }
        for ladder in Rung.Ladder.allCases {
            out.line("\(ladder.name), highest first:")
            for step in rungs.filter({ $0.rung.ladder == ladder }).reversed() {
                out.line("  \(step.rung.rank). \(step.rung.title) (\(step.count))")
                for role in step.roles { out.line("       " + RoleText.line(role)) }
                if step.count > step.roles.count { out.line("       … and \(step.count - step.roles.count) more") }
            }
        }
    }
}
