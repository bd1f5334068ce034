import OrgModel

/// The tokens `orgctl token add` stores in the database.
public struct LibraryTokens: TokenChecking {
    /// Tokens read from the database file being served.
    public init() {}

    /// The caller a secret stands for.
    public func caller(forSecret secret: String, in database: OrgDatabase) throws -> Caller? {
        // Until the library stores tokens, nobody has one.
        nil
    }
}
