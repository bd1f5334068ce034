import OrgModel

/// A point command read by hand (``PointCommandLine``): the command and its
/// values, run through the command's own code (`Chain.run(key:in:json:writingTo:)`
/// and its like) without ArgumentParser's types, whose first use costs the
/// runtime more than the query.
enum PointCommand {
    /// `chain KEY`.
    case chain(key: String, database: DatabaseLocation, json: Bool)
    /// `compare A B`.
    case compare(first: String, second: String, database: DatabaseLocation, json: Bool)
    /// `who-reports-to KEY [--all] [--dotted] [--count]`.
    case whoReportsTo(key: String, database: DatabaseLocation, all: Bool, dotted: Bool, count: Bool, json: Bool)
    /// `find TEXT [--limit N]`.
    case find(text: String, limit: Int, database: DatabaseLocation, json: Bool)
    /// `add role KEY --title T [--holder H] [--reports-to M] [--unit U] [--assistant-to A]`.
    case addRole(RoleDraft, database: DatabaseLocation, json: Bool)
    /// `move KEY --to MANAGER` or `move KEY --to-root` (`to` nil).
    case move(key: String, to: String?, database: DatabaseLocation, json: Bool)
    /// `set role KEY [--title T] [--holder NAME | --vacate] [--unit U | --no-unit]`.
    case setRole(key: String, changes: RoleChanges, database: DatabaseLocation, json: Bool)

    /// Runs the command, as its ArgumentParser form would, writing to `out`.
    func run(writingTo out: OutputSink) throws {
        switch self {
        case let .chain(key, database, json):
            try Chain.run(key: key, in: database.openForReading(asOf: nil), json: json, writingTo: out)
        case let .compare(first, second, database, json):
            try Compare.run(first, second, in: database.openForReading(asOf: nil), json: json, writingTo: out)
        case let .whoReportsTo(key, database, all, dotted, count, json):
            try WhoReportsTo.run(key: key, in: database.openForReading(asOf: nil), all: all, depth: nil, dotted: dotted,
                                 count: count, json: json, writingTo: out)
        case let .find(text, limit, database, json):
            try Find.run(text, limit: limit, in: database.openForReading(asOf: nil), json: json, writingTo: out)
        case let .addRole(draft, database, json):
            try Add.AddRole.run(draft, in: database.openForWriting(effective: nil), moment: WriteMoment(effective: nil),
                                json: json, writingTo: out)
        case let .move(key, to, database, json):
            try Move.run(key: key, to: to, in: database.openForWriting(effective: nil), moment: WriteMoment(effective: nil),
                         json: json, writingTo: out)
        case let .setRole(key, changes, database, json):
            try SetCommand.SetRole.run(key: key, changes: changes, in: database.openForWriting(effective: nil),
                                       moment: WriteMoment(effective: nil), json: json, writingTo: out)
        }
    }
}
