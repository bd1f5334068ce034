import ArgumentParser
import OrgModel

/// `orgctl stats`.
struct Stats: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Headcount, span of control, depth, PMOs by type and salary cost, overall or for one unit.",
        discussion: "Salary cost is summed per currency; different currencies are never added together.")
    static let example = """
          orgctl stats
          orgctl stats --unit ops --json
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Only this unit and the units inside it.", valueName: "key")) var unit: String?
    @Option(help: ArgumentHelp("Span of control above which a manager is counted as over the limit.", valueName: "n"))
    var maxSpan = 10

    func run(writingTo out: OutputSink) throws {
        let stats = try database.openForReading().stats(unit: unit, limits: CheckLimits(maxSpan: maxSpan))
        if output.json {
            out.line(StatsText.json(stats).text)
        } else {
            StatsText.write(stats, to: out)
        }
    }
}
