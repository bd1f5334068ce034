import OrgModel

/// Who is asking: the access token a request carried (or the anonymous
/// reader of a server started with public reading).
public struct Caller: Sendable, Equatable {
    /// What a caller may do.
    public enum Level: String, Sendable {
        /// Read only.
        case read
        /// Read and change the chart.
        case edit
    }

    /// The token's name, as `token list` shows it.
    public var name: String
    /// What the token allows.
    public var level: Level
    /// The role at the top of the branch the token is limited to, or nil for the whole chart.
    public var branch: String?

    /// A caller with these rights.
    public init(name: String, level: Level, branch: String?) {
        self.name = name
        self.level = level
        self.branch = branch
    }

    /// Anyone, on a server that reads the chart to the public.
    static let anonymous = Caller(name: "anonymous", level: .read, branch: nil)
}

/// A caller found, with its token's rate counter.
struct KnownCaller: Sendable {
    var caller: Caller
    var counter: RateLimiter.Counter
}

/// Finds the token a secret belongs to. The server asks on every request, so
/// that a revoked token stops working at once.
public protocol TokenChecking: Sendable {
    /// The caller a secret stands for, or nil for an unknown or revoked secret.
    func caller(forSecret secret: String, in database: OrgDatabase) throws -> Caller?
}
