import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `orgctl serve`: runs `orgctl-serve`, the web server built apart (on
/// SwiftNIO) so that orgctl stays a small static program; it takes over this
/// process, so signals (Ctrl-C, SIGTERM) go straight to it.
struct Serve: OrgCommand, Exemplified {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the chart as a live web page and a JSON API (needs orgctl-serve; make serve builds it).",
        discussion: """
            Listens on 127.0.0.1 unless --host is given. Every request needs an access token \
            (orgctl token add NAME --can read|edit [--branch KEY]), sent as Authorization: Bearer TOKEN; \
            open the page as http://HOST:PORT/#token=TOKEN. With --public-read anyone may read the \
            whole chart; on an address other than loopback that also needs --i-know-this-is-public. \
            Writes go through the same rules and history as the command line, and the page sees \
            writes from the command line within a second. The API is described in docs/openapi.yaml.
            """)
    static let example = """
          orgctl serve
          orgctl serve --db org.db --port 0 --public-read
        """

    static let program = "orgctl-serve"

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one, shown when the server starts).", valueName: "port"))
    var port: Int = 8080

    @Flag(help: "Let anyone who reaches the server read the whole chart without a token.")
    var publicRead = false

    @Option(help: ArgumentHelp("An origin whose pages may call the API, such as https://intranet.example (repeatable).",
                               valueName: "origin"))
    var allowOrigin: [String] = []

    @Flag(help: "Allow --public-read on an address other than loopback.")
    var iKnowThisIsPublic = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a port; give 0 to 65535") }
    }

    /// The arguments orgctl-serve gets: the same options, the database resolved as orgctl resolves it.
    var serverArguments: [String] {
        var arguments = ["--db", database.path, "--host", host, "--port", String(port)]
        if publicRead { arguments.append("--public-read") }
        for origin in allowOrigin { arguments += ["--allow-origin", origin] }
        if iKnowThisIsPublic { arguments.append("--i-know-this-is-public") }
        return arguments
    }

    func run(writingTo output: OutputSink) throws {
        guard let path = CompanionProgram.locate(Self.program) else {
            throw OutputError(message: "\(Self.program) is not installed next to orgctl, and serve needs it; "
                + "run 'make serve' (or put \(Self.program) beside orgctl)", status: ExitStatus.unavailable)
        }
        let argv = ([path] + serverArguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw OutputError(message: "cannot start \(path): \(String(cString: strerror(errno)))", status: ExitStatus.unavailable)
    }

}
