import ArgumentParser
import OrgModel

/// `--db`, shared by every command that touches a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database file (default: $ORGCTL_DB, else ./org.db).", valueName: "path"))
    var explicitPath: String?

    /// The parsed `--db` as plain values, which open the database.
    var location: DatabaseLocation { DatabaseLocation(explicitPath: explicitPath) }

    /// Where the database is: `--db`, else `ORGCTL_DB`, else `./org.db`.
    var path: String { location.path }

    func validate() throws {
        // SQLite would take an empty name as a temporary database and the
        // command would seem to work while storing nothing.
        if explicitPath?.isEmpty == true {
            throw ValidationError("--db '' is empty; give the path of a database file, such as --db org.db")
        }
    }

    /// What a message about a damaged database advises.
    var damageHint: String { location.damageHint }

    /// Opens the database for reading, with every recorded change applied;
    /// a missing file is an error.
    func openLive() throws -> OrgDatabase { try location.openLive() }

    /// Opens the database to examine it without changing it, leaving even
    /// a write-ahead log found beside it as it is.
    func openForInspection() throws -> OrgDatabase { try location.openForInspection() }
}

/// The database options of a command that reads: `--db` and `--as-of`.
struct ReadOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Answer for the chart as it stood then: a date (its end) or a timestamp, UTC unless a zone is given (default: now).",
        valueName: "date"))
    var asOf: DateArgument?

    var path: String { database.path }

    func validate() throws { try asOf?.validate("--as-of") }

    /// The chart as of `--as-of`, else as of now: a change recorded with a
    /// later effective date is not in force yet.
    func openForReading() throws -> ChartSnapshot {
        try database.location.openForReading(asOf: asOf)
    }
}

/// The database options of a command that writes: `--db` and `--effective`.
struct WriteOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(
        "When the change takes effect, if not now: a date (its start) or a timestamp, UTC unless a zone is given; for a planned or a late-recorded change.",
        valueName: "date"))
    var effective: DateArgument?

    var path: String { database.path }

    func validate() throws { try effective?.validate("--effective") }

    /// Opens the database for writing, creating it when it does not exist
    /// (unless `creating` is false); what is written is recorded as this command line.
    func openForWriting(creating: Bool = true) throws -> OrgDatabase {
        try database.location.openForWriting(effective: effective, creating: creating)
    }

    /// Opens the database to plan a write without making it: every recorded
    /// change applied, as the write would see it.
    func openForReading() throws -> OrgDatabase { try database.openLive() }
}

/// A date or timestamp given on the command line, read as ``Timestamp`` reads it.
/// Parsed once, when the command line is read; `validate(_:)` only reports
/// text that is neither.
struct DateArgument: ExpressibleByArgument {
    let text: String
    /// The moment it names, read with a bare date as its first millisecond;
    /// nil when the text is not a date or time.
    private let start: Timestamp?
    /// The same, with a bare date as its last millisecond.
    private let end: Timestamp?

    // Any text is taken here and reported in `validate(_:)`, whose message
    // names the option and says which forms are understood: a value
    // ArgumentParser refuses itself gets its generic message instead.
    init?(argument: String) {
        text = argument
        let now = Timestamp.now()
        start = Timestamp.parse(argument, day: .start, now: now)
        end = start == nil ? nil : Timestamp.parse(argument, day: .end, now: now)
    }

    /// Throws a usage error naming `option` when the text is not a date or time.
    func validate(_ option: String) throws {
        guard start == nil else { return }
        throw ValidationError(OrgError.invalidTimestamp(option: option, value: text).description)
    }

    /// The moment it names; a bare date means its first or last millisecond.
    func timestamp(day meaning: Timestamp.DayMeaning) -> Timestamp {
        switch meaning {
        case .start: start ?? .now()
        case .end: end ?? .now()
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// The command line as typed, for the history: `orgctl move pm-x --to pmo-director`.
enum CommandLineText {
    static var current: String {
        // Built by hand: the generic joined(separator:) costs a write's start
        // more than the text is worth.
        var text = "orgctl"
        for argument in CommandLine.arguments.dropFirst() { text += " " + quoted(argument) }
        return text
    }

    private static func quoted(_ argument: String) -> String {
        // ASCII is judged by hand: the first look at a scalar's Unicode
        // properties costs about as much as a small write's SQL.
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: true
            case ..<0x80: "-_./=:@+,".unicodeScalars.contains(scalar)
            default: scalar.properties.isAlphabetic
            }
        }
        return plain ? argument : "'" + argument.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// `--json`, shared by every command that answers a question.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Write one JSON document to standard output instead of text.")
    var json = false
}
