import OrgModel

/// The tokens `orgctl token add` stores in the database (only their
/// digests), looked up on every request so that a revoked token stops
/// working at once.
public struct LibraryTokens: TokenChecking {
    /// Tokens read from the database file being served.
    public init() {}

    /// The caller a secret stands for.
    public func caller(forSecret secret: String, in database: OrgDatabase) throws -> Caller? {
        guard let token = try database.token(forSecret: secret) else { return nil }
        return Caller(name: token.name, level: token.level == .edit ? .edit : .read, branch: token.branch)
    }
}
