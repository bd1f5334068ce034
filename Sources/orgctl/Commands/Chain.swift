import ArgumentParser
import OrgModel

/// `orgctl chain KEY`.
struct Chain: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Show the reporting chain from a role up to the top of the organisation.")
    static let example = """
          orgctl chain pm-payments
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A role's key, or a unit's key meaning its head.") var key: String

    func run(writingTo out: OutputSink) throws {
        try Self.run(key: key, in: database.openForReading(), json: output.json, writingTo: out)
    }

    /// The command's work on plain values, shared with its plain form read
    /// by hand (``PointCommand``).
    static func run(key: String, in chart: ChartSnapshot, json: Bool, writingTo out: OutputSink) throws {
        let chain = try chart.chain(of: key)
        if json {
            out.line(JSON.object([
                ("key", .string(chain[0].key)),
                ("chain", .array(chain.map { JSON.role($0, depth: $0.depth) })),
            ]).text)
            return
        }
        for (level, role) in chain.enumerated() {
            out.line((level == 0 ? "" : String(repeating: "  ", count: level - 1) + "↑ ") + RoleText.line(role))
        }
    }
}
