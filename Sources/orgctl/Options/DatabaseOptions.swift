import ArgumentParser
import Glibc
import OrgModel

/// `--db`, shared by every command that touches a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database file (default: $ORGCTL_DB, else ./org.db).", valueName: "path"))
    var explicitPath: String?

    /// Where the database is: `--db`, else `ORGCTL_DB`, else `./org.db`.
    var path: String {
        if let explicitPath { return explicitPath }
        if let fromEnvironment = getenv("ORGCTL_DB").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "org.db"
    }

    /// Opens the database for reading; a missing file is an error.
    func openForReading() throws -> OrgDatabase { try OrgDatabase(path: path, access: .read) }

    /// Opens the database for writing, creating it when it does not exist.
    func openForWriting() throws -> OrgDatabase { try OrgDatabase(path: path, access: .write) }
}

/// `--json`, shared by every command that answers a question.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Write one JSON document to standard output instead of text.")
    var json = false
}
