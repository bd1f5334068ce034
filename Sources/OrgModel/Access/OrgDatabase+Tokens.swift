import OrgSQLite

extension OrgDatabase {
    /// Makes a token called `name` that allows `level`, limited to the branch
    /// of the role `branch` when one is given, and returns its secret: the
    /// only time the secret is available, since only its digest is kept.
    /// Refuses a name already in use, a name that is empty, too long or has
    /// control characters, and a branch key that names no role.
    public func addToken(name: String, level: AccessLevel, branch: String?) throws(OrgError) -> String {
        try Self.validateTokenName(name)
        let secret = Self.newSecret()
        try write {
            // Stored as the role spells it, whatever form the caller typed.
            let branchKey = try branch.map { try roleRow($0).key }
            if try db.integer("SELECT 1 FROM access_token WHERE name = ?", [.text(name)]) != nil {
                throw OrgError.duplicateTokenName(name: name)
            }
            try db.run("INSERT INTO access_token (name, digest, level, branch, created) VALUES (?, ?, ?, ?, ?)",
                       [.text(name), .text(SHA256.hex(secret)), .text(level.rawValue),
                        branchKey.map(SQLValue.text) ?? .null, .text(Timestamp.now().description)])
        }
        return secret
    }

    /// Every token, by name. Reading an older database that has no tokens
    /// yet gives none.
    public func tokens() throws(OrgError) -> [AccessToken] {
        try read {
            guard try hasTokenTable() else { return [] }
            return try db.statement("SELECT name, level, branch, created FROM access_token ORDER BY name").map([], Self.token)
        }
    }

    /// Revokes the token called `name`: its secret lets nobody in from now on.
    public func revokeToken(name: String) throws(OrgError) {
        try write {
            try db.run("DELETE FROM access_token WHERE name = ?", [.text(name)])
            if db.changes == 0 {
                let known = try db.statement("SELECT name FROM access_token ORDER BY name").map([]) { $0.text(0) }
                throw OrgError.unknownToken(name: name, known: known)
            }
        }
    }

    /// The token whose secret `secret` is, or nil when no token has it (never
    /// made, or revoked).
    public func token(forSecret secret: String) throws(OrgError) -> AccessToken? {
        // A secret of another shape can match no digest; hashing it anyway
        // would only cost time for a request that is refused.
        guard secret.utf8.count <= 256 else { return nil }
        return try read {
            guard try hasTokenTable() else { return nil }
            return try db.statement("SELECT name, level, branch, created FROM access_token WHERE digest = ?")
                .first([.text(SHA256.hex(secret))], Self.token)
        }
    }

    private func hasTokenTable() throws -> Bool {
        try db.integer("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'access_token'") != nil
    }

    private static func token(_ row: Row) -> AccessToken {
        AccessToken(name: row.text(0), level: AccessLevel(rawValue: row.text(1)) ?? .read,
                    branch: row.optionalText(2), created: Timestamp(stored: row.text(3)))
    }

    static func validateTokenName(_ name: String) throws(OrgError) {
        let reason: String? = if name.isEmpty {
            "it is empty"
        } else if name.count > AccessToken.maximumNameLength {
            "it is longer than \(AccessToken.maximumNameLength) characters"
        } else if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
            "it has spaces or control characters"
        } else {
            nil
        }
        if let reason { throw .invalidText(field: "token name", value: name, reason: reason + "; use a short name such as board-viewer") }
    }

    /// 32 random bytes from the system's secure generator, in base64url
    /// (43 characters) after a prefix that makes a leaked secret easy to
    /// recognise in logs and scanners.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "ogt_" + Base64URL.encode(bytes)
    }
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for position in 0...chunk.count { out.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 0x3f)]) }
            index += 3
        }
        return out
    }
}
