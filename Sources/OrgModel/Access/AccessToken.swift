/// What an access token lets its bearer do with the chart over the network.
public enum AccessLevel: String, Sendable, CaseIterable, Codable {
    /// Read the chart, search it, and read its history.
    case read
    /// Everything `read` allows, and change the chart.
    case edit
}

/// A token that lets a program or a person's browser read or change the
/// chart through a server built on OrgModel. The secret itself is never
/// stored or returned after the token is made: only its digest.
public struct AccessToken: Sendable, Equatable {
    /// The name people know the token by, unique in the database.
    public let name: String
    /// What the token allows.
    public let level: AccessLevel
    /// The key of the role whose branch (that role and everyone below it by
    /// solid line) is all the token may see and change; nil for the whole chart.
    public let branch: String?
    /// When the token was made.
    public let created: Timestamp

    /// A token as stored; ``OrgDatabase/addToken(name:level:branch:)`` makes new ones.
    public init(name: String, level: AccessLevel, branch: String?, created: Timestamp) {
        self.name = name
        self.level = level
        self.branch = branch
        self.created = created
    }

    /// The longest name a token may have.
    static let maximumNameLength = 64
}
