import ArgumentParser
import OrgModel

/// `orgctl verify`.
struct Verify: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the whole database file for damage and inconsistency; exit 85 when anything is wrong.",
        discussion: """
            Reads every page: SQLite's integrity and foreign-key checks, each role's path label and \
            depth against its manager's, reporting cycles, and the history's records against each \
            other and the chart. It never writes to the file, and leaves a write-ahead log found \
            beside it as it is.
            """)
    static let example = """
          orgctl verify
          orgctl verify --db backup.db --json
        """

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    /// How many problems the text lists before counting the rest.
    static let linesShown = 20

    func run(writingTo out: OutputSink) throws {
        let found = try database.openForInspection().verify()
        if output.json {
            out.line(JSON.object([
                ("ok", .bool(found.isSound)),
                ("roles", .optional(found.roles)), ("units", .optional(found.units)), ("changes", .optional(found.changes)),
                ("count", .int(found.problemCount)),
                ("problems", .array(found.problems.map { problem in
                    .object([("check", .string(problem.check.rawValue)), ("detail", .string(problem.detail))])
                })),
            ]).text)
        } else if found.isSound {
            out.line("ok: \(Self.counted(found.roles ?? 0, "role")), \(Self.counted(found.units ?? 0, "unit")), "
                        + "\(Self.counted(found.changes ?? 0, "change")) checked")
        } else {
            for problem in found.problems.prefix(Self.linesShown) { out.line(TerminalText.safe(problem.description)) }
            if found.problemCount > Self.linesShown {
                out.line("… and \(found.problemCount - Self.linesShown) more (--json lists up to \(found.problems.count))")
            }
            out.line(TerminalText.safe("\(Self.counted(found.problemCount, "problem")) found in \(database.path); "
                        + "restore it from a backup, or export what still reads and import it into a new database"))
        }
        if !found.isSound { throw ExitCode(ExitStatus.damaged) }
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
