import ArgumentParser
import OrgModel

/// `orgctl history [KEY]`.
struct History: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded changes, newest first, in plain words.",
        discussion: "Every write is recorded with the command that made it; give a key to see only the changes that touched that role or unit.")
    static let example = """
          orgctl history
          orgctl history pm-payments --since 2026-01-01
        """

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Only changes that touched this role or unit (present or removed).") var key: String?
    @Option(help: ArgumentHelp("Only changes taking effect on or after this date or timestamp.", valueName: "date"))
    var since: DateArgument?
    @Option(help: ArgumentHelp("At most this many changes, the newest.", valueName: "n")) var limit: Int?

    func validate() throws {
        try since?.validate("--since")
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
    }

    /// How many lines of a change's summary the text shows.
    static let linesShown = 12

    /// A moment for people, marked as UTC when it has a time of day.
    static func shown(_ moment: Timestamp) -> String {
        let text = moment.readable
        return text.count > 10 ? text + " UTC" : text
    }

    func run(writingTo out: OutputSink) throws {
        let records = Array(try database.openLive().history(of: key, since: since?.timestamp(day: .start)).prefix(limit ?? Int.max))
        if output.json {
            out.line(JSON.object([("changes", .array(records.map(JSON.change)))]).text)
            return
        }
        if records.isEmpty {
            out.line("No changes recorded" + (key.map { " for \($0)" } ?? "") + (since == nil ? "." : " in that period."))
            return
        }
        for record in records {
            var heading = "#\(record.id)  \(Self.shown(record.recordedAt))"
            if record.effectiveAt != record.recordedAt { heading += " (effective \(Self.shown(record.effectiveAt)))" }
            if !record.command.isEmpty { heading += "  " + TerminalText.safe(record.command) }
            out.line(heading)
            for line in record.summary.prefix(Self.linesShown) { out.line("    " + TerminalText.safe(line)) }
            if record.summary.count > Self.linesShown {
                out.line("    … and \(record.summary.count - Self.linesShown) more (all of them with --json)")
            }
        }
    }
}

/// `orgctl undo`.
struct Undo: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the most recent change not yet undone, or one given change, in one transaction.",
        discussion: """
            Without CHANGE, run it again to go further back. With CHANGE (a number from 'orgctl history'), \
            only that change is reverted, when no later change touched the same fields, lines or rows; \
            otherwise it is refused, naming those later changes. Each undo is recorded in the history; \
            an undo is not itself undone.
            """)
    static let example = """
          orgctl undo
          orgctl undo 8
        """

    @OptionGroup var database: WriteOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The number of the change to revert on its own, as 'orgctl history' lists it (8 or #8).",
                                 valueName: "change"))
    var change: String?

    /// The change number given, without a leading `#`.
    private var changeNumber: Int64? {
        guard let change else { return nil }
        return Int64(change.hasPrefix("#") ? String(change.dropFirst()) : change)
    }

    func validate() throws {
        if let change, changeNumber.map({ $0 < 1 }) ?? true {
            throw ValidationError("the change to undo is a number from 'orgctl history', such as 8, not '\(change)'")
        }
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openForWriting(creating: false)
        let record = try changeNumber.map { try org.undo(change: $0) } ?? org.undo()
        if output.json {
            out.line(JSON.change(record).text)
            return
        }
        out.line("Undid change #\(record.undoes ?? 0); recorded as #\(record.id):")
        for line in record.summary { out.line("    " + TerminalText.safe(line)) }
    }
}

/// `orgctl diff [OTHER.db] [--from DATE] [--to DATE]`.
struct Diff: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List what changed between two moments, or between this database and another.",
        discussion: """
            Without a file: the chart as of --from (default: before the first recorded change) \
            against the chart as of --to (default: now). With OTHER: this chart as of --from \
            against OTHER's as of --to (both default: now), so a copy changed as a what-if \
            shows what the copy would change.
            """)
    static let example = """
          orgctl diff --from 2026-03-01 --to 2026-06-30
          cp org.db what-if.db && orgctl move pm-crm --to cio --db what-if.db && orgctl diff what-if.db
        """

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("Another orgctl database to compare with.", valueName: "other")) var other: String?
    @Option(help: ArgumentHelp("The earlier moment: a date (its end) or a timestamp.", valueName: "date")) var from: DateArgument?
    @Option(help: ArgumentHelp("The later moment: a date (its end) or a timestamp.", valueName: "date")) var to: DateArgument?
    @Flag(help: "Exit with 1 when there are differences, 0 when there are none.") var exitCode = false

    func validate() throws {
        try from?.validate("--from")
        try to?.validate("--to")
        if let from, let to, from.timestamp(day: .end) > to.timestamp(day: .end) {
            throw ValidationError("--from \(from.text) is after --to \(to.text); give the earlier moment as --from")
        }
    }

    func run(writingTo out: OutputSink) throws {
        let org = try database.openLive()
        let before: ChartSnapshot, after: ChartSnapshot
        if let other {
            before = try org.snapshot(asOf: from?.timestamp(day: .end) ?? .now())
            after = try OrgDatabase(path: other, access: .read).snapshot(asOf: to?.timestamp(day: .end) ?? .now())
        } else {
            before = try org.snapshot(asOf: from?.timestamp(day: .end) ?? .beginning)
            after = try org.snapshot(asOf: to?.timestamp(day: .end) ?? .now())
        }
        // Each change is written as it is found, so a diff of a million roles
        // is never held whole; hence the count comes after the changes.
        var count = 0
        if output.json {
            out.write("{\"changes\":[")
            try before.forEachNamedDifference(to: after) { change in
                out.write((count == 0 ? "" : ",") + JSON.chartChange(change).text)
                count += 1
            }
            out.line("],\"count\":\(count)}")
        } else {
            try before.forEachNamedDifference(to: after) { change in
                out.line(TerminalText.safe(change.description))
                count += 1
            }
            if count == 0 { out.line("No differences.") }
        }
        if exitCode && count > 0 { throw ExitCode(ExitStatus.refused) }
    }
}
