import ArgumentParser
import OrgModel

/// `orgctl find TEXT`.
struct Find: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find roles and units by holder, title, unit name or key, ignoring case, accents and punctuation.")
    static let example = """
          orgctl find renee              # Renée Lévesque
          orgctl find "dom cer"          # words that begin the holder's words: Dominika Černá
          orgctl find payroll --limit 5
        """

    @OptionGroup var database: ReadOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Show at most this many matches (default: 20).", valueName: "n"))
    var limit: Int = 20
    @Argument(help: "Words to look for: each must begin a word of the holder, title or unit name; or a key.")
    var text: String

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit \(limit) is not a positive number; give a count such as --limit 20") }
    }

    func run(writingTo out: OutputSink) throws {
        try Self.run(text, limit: limit, in: database.openForReading(), json: output.json, writingTo: out)
    }

    /// The command's work on plain values, shared with its plain form read
    /// by hand (``PointCommand``).
    static func run(_ text: String, limit: Int, in chart: ChartSnapshot, json: Bool, writingTo out: OutputSink) throws {
        let results = try chart.find(text, limit: limit)
        if json {
            out.line(JSON.object([
                ("query", .string(text)),
                ("count", .int(results.count)),
                ("results", .array(results.map(SearchText.json))),
            ]).text)
            return
        }
        if results.isEmpty {
            out.line(TerminalText.safe("Nothing matches '\(text)'; try fewer or shorter words."))
            return
        }
        for result in results { out.line(SearchText.line(result)) }
    }
}
