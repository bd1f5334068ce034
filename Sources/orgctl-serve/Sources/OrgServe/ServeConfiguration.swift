/// How the server runs: the file, the address, who may read.
public struct ServeConfiguration: Sendable {
    /// The database file.
    public var databasePath: String
    /// The address to listen on; loopback unless given.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port: Int = 8080
    /// Anonymous requests may read the whole chart.
    public var publicRead = false
    /// Origins of other pages allowed to call the API (CORS); none by default.
    public var allowedOrigins: [String] = []
    /// The limits every request is held to.
    public var limits = RequestLimits()
    /// How often the events poller looks at the file, in milliseconds.
    public var pollMilliseconds = 250
    /// How often an open event stream gets a comment to keep proxies from closing it, in seconds.
    public var keepAliveSeconds = 15
    /// How often the file's commit counter is read for the requests, in
    /// milliseconds: the longest a commit of another program (the command
    /// line's write, a `token revoke`) goes unseen by kept answers and tokens.
    package var generationPollMilliseconds = 25

    /// A configuration serving `databasePath` on loopback.
    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}

/// The limits every request is held to.
public struct RequestLimits: Sendable {
    /// Largest request body, in bytes.
    public var bodyBytes = 64 * 1024
    /// Longest query string or key, in bytes.
    public var textBytes = 512
    /// Requests per second per token.
    public var requestsPerSecond = 200
    /// Writes per second per token.
    public var writesPerSecond = 20

    /// The limits of the API's documentation.
    public init() {}
}
