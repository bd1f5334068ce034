#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrgModel

/// Where the database is and how a command opens it, in plain values: what
/// ``DatabaseOptions`` holds once ArgumentParser has parsed `--db`, and what
/// a point command read by hand (``PointCommand``) makes without it, so that
/// both open the file the same way.
struct DatabaseLocation {
    /// `--db`, when given.
    var explicitPath: String?

    /// Where the database is: `--db`, else `ORGCTL_DB`, else `./org.db`.
    /// An empty ORGCTL_DB counts as unset, as an empty variable does for most
    /// tools; an empty `--db` is refused before a command runs.
    var path: String {
        if let explicitPath { return explicitPath }
        if let fromEnvironment = getenv("ORGCTL_DB").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "org.db"
    }

    /// What a message about a damaged database advises.
    var damageHint: String { "see what is damaged with 'orgctl verify --db \(path)', and restore it from a backup" }

    /// Opens the database for reading, with every recorded change applied;
    /// a missing file is an error.
    func openLive() throws -> OrgDatabase { try OrgDatabase(path: path, access: .read, damageHint: damageHint) }

    /// Opens the database to examine it without changing it, leaving even
    /// a write-ahead log found beside it as it is.
    func openForInspection() throws -> OrgDatabase { try OrgDatabase(path: path, access: .inspect, damageHint: damageHint) }

    /// The chart as of `asOf`, else as of now: a change recorded with a
    /// later effective date is not in force yet.
    func openForReading(asOf: DateArgument?) throws -> ChartSnapshot {
        try openLive().snapshot(asOf: asOf?.timestamp(day: .end) ?? .now())
    }

    /// Opens the database for writing, creating it when it does not exist
    /// (unless `creating` is false); what is written is recorded as this
    /// command line, taking effect at `effective` (else now).
    func openForWriting(effective: DateArgument?, creating: Bool = true) throws -> OrgDatabase {
        let org = try OrgDatabase(path: path, access: .write, creating: creating, damageHint: damageHint)
        org.intent = ChangeIntent(command: CommandLineText.current, effective: effective?.timestamp(day: .start))
        // For `make bench` alone, which measures what recording costs.
        org.recordsChanges = getenv("ORGCTL_HISTORY").map { String(cString: $0) } != "off"
        return org
    }
}
