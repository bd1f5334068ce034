import OrgSQLite

/// Why an entry matched a search, best first: the order `find` ranks in.
public enum SearchMatch: String, Sendable, Equatable, Codable, Comparable {
    /// The text is the role's key or the unit's key.
    case key
    /// The text is the whole holder (or unit name), ignoring case, accents and punctuation.
    case wholeName = "whole-name"
    /// Every word of the text begins a word of the holder (or unit name).
    case name
    /// Every word begins a word of the holder, the title or the unit name, not all of the name.
    case title
    /// The text begins the key.
    case keyPrefix = "key-prefix"

    private var rank: Int {
        switch self {
        case .key: 0
        case .wholeName: 1
        case .name: 2
        case .title: 3
        case .keyPrefix: 4
        }
    }

    /// Better matches sort first.
    public static func < (lhs: SearchMatch, rhs: SearchMatch) -> Bool { lhs.rank < rhs.rank }
}

/// One answer of ``OrgDatabase/find(_:limit:)``: a role or a unit.
public enum SearchResult: Sendable, Equatable {
    /// A role, with its unit's name and the top of its reporting chain.
    case role(FoundRole)
    /// A unit, with the holder of its head role.
    case unit(FoundUnit)

    /// Why it matched.
    public var match: SearchMatch {
        switch self {
        case let .role(found): found.match
        case let .unit(found): found.match
        }
    }

    /// The role's or the unit's key.
    public var key: String {
        switch self {
        case let .role(found): found.role.key
        case let .unit(found): found.unit.key
        }
    }
}

/// A role ``OrgDatabase/find(_:limit:)`` found.
public struct FoundRole: Sendable, Equatable {
    /// The role.
    public var role: Role
    /// The name of the role's unit, when it has one.
    public var unitName: String?
    /// The root of the role's reporting chain (the role itself for a root).
    public var top: Role
    /// Why it matched.
    public var match: SearchMatch
}

/// A unit ``OrgDatabase/find(_:limit:)`` found.
public struct FoundUnit: Sendable, Equatable {
    /// The unit.
    public var unit: OrgUnit
    /// Who holds the unit's head role: nil when it has no head or the head is vacant.
    public var headHolder: String?
    /// Why it matched.
    public var match: SearchMatch
}

extension OrgDatabase {
    /// The most words of a search that count; more only narrow it further.
    static let searchWordLimit = 8

    /// Roles and units matching `text` by holder, title, unit name or key,
    /// best first: the key itself, the whole name, names whose words begin
    /// with the text's words, then titles and unit names, then keys that begin
    /// with the text. Case, accents and apostrophes do not count: `renee`
    /// finds Renée, `oconnor` finds O'Connor, `dom cer` finds Dominika Černá.
    ///
    /// ```swift
    /// let first = try org.find("renee", limit: 5).first?.key   // "E1033"
    /// ```
    public func find(_ text: String, limit: Int = 20) throws(OrgError) -> [SearchResult] {
        try read {
            let owners = try searchOwners(text, limit: max(0, limit))
            let units = try units()
            // Matches mostly share their chart's one top: each is read once.
            var tops: [Int64: Role] = [:]
            return try owners.map { owner, match in try searchResult(owner: owner, match: match, units: units, tops: &tops) }
        }
    }

    /// The owners (role ids, unit ids negated) matching `text`, best first.
    func searchOwners(_ text: String, limit: Int) throws -> [(owner: Int64, match: SearchMatch)] {
        guard limit > 0 else { return [] }
        let words = Array(SearchFolding.words(text).prefix(Self.searchWordLimit))
        let index = SearchIndex(db: db)
        let indexed = try index.exists()
        // Rows the index does not hold yet are folded here: normally none.
        var stale: Set<Int64> = indexed
            ? Set(try db.statement("SELECT owner FROM search_stale").map { $0.int(0) })
            : Set(try db.statement("SELECT id FROM role UNION ALL SELECT -id FROM unit").map { $0.int(0) })
        // Over the chart as of a moment, the index speaks of the stored rows:
        // those the later changes touched are judged as they were then.
        if indexed && readsOverlay {
            stale.formUnion(try db.statement(ChartOverlay.touchedOwnersSQL).map { $0.int(0) })
        }
        var found: [(owner: Int64, match: SearchMatch)] = []
        var seen = Set<Int64>()
        func take(_ owners: [Int64], _ match: SearchMatch) {
            for owner in owners where found.count < limit && seen.insert(owner).inserted {
                found.append((owner, match))
            }
        }
        let key = text.trimmingSpaces()
        let keyLike = !key.isEmpty && key.utf8.count <= Validation.maxKeyLength
            && key.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 }
        if keyLike {
            take(try db.statement("SELECT id FROM role WHERE key = ?1 UNION ALL SELECT -id FROM unit WHERE key = ?1")
                .map([.text(key)]) { $0.int(0) }, .key)
        }
        let staleMatches = words.isEmpty ? [:] : try matchStale(stale, words: words)
        if !words.isEmpty {
            let fetch = Int64(limit + stale.count)
            // A search answered in full by better matches asks no more of the index.
            for match in [SearchMatch.wholeName, .name, .title] where found.count < limit {
                var owners = indexed ? try indexedOwners(words, match: match, limit: fetch) : []
                owners.removeAll { stale.contains($0) }
                take(owners, match)
                take(staleMatches[match, default: []], match)
            }
        }
        if keyLike && found.count < limit {
            let bounds: [SQLValue] = [.text(key), .text(key + PathLabel.upperBound)]
            take(try db.statement("SELECT id FROM role WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3")
                .map(bounds + [.integer(Int64(limit))]) { $0.int(0) }, .keyPrefix)
            take(try db.statement("SELECT -id FROM unit WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3")
                .map(bounds + [.integer(Int64(limit))]) { $0.int(0) }, .keyPrefix)
        }
        return found
    }

    /// Owners whose indexed words match `words` as `match` asks, in index order.
    private func indexedOwners(_ words: [String], match: SearchMatch, limit: Int64) throws -> [Int64] {
        if match == .wholeName {
            return try db.statement("SELECT owner FROM search_term WHERE term = ? AND field = 2 LIMIT ?")
                .map([.text(words.joined(separator: " ")), .integer(limit)]) { $0.int(0) }
        }
        // The longest word is likely the rarest: it drives the scan, the others are checked per owner.
        let ordered = words.enumerated().sorted { ($0.element.utf8.count, $1.offset) > ($1.element.utf8.count, $0.offset) }.map(\.element)
        let fields = match == .name ? "= 0" : "< 2"
        var sql = "SELECT DISTINCT a.owner FROM search_term a WHERE a.term >= ?1 AND a.term < ?2 AND a.field \(fields)"
        for index in 1..<ordered.count {
            sql += " AND EXISTS (SELECT 1 FROM search_term b WHERE b.owner = a.owner AND b.term >= ?\(2 * index + 1) AND b.term < ?\(2 * index + 2) AND b.field \(fields))"
        }
        sql += " LIMIT ?\(2 * ordered.count + 1)"
        let values = ordered.flatMap { [SQLValue.text($0), .text($0 + Self.afterEveryScalar)] } + [.integer(limit)]
        return try db.statement(sql).map(values) { $0.int(0) }
    }

    /// Sorts after any text that begins with the text before it.
    static let afterEveryScalar = "\u{10FFFF}"

    /// The stale owners matching `words`, by how they match.
    private func matchStale(_ stale: Set<Int64>, words: [String]) throws -> [SearchMatch: [Int64]] {
        guard !stale.isEmpty else { return [:] }
        var result: [SearchMatch: [Int64]] = [:]
        func judge(_ owner: Int64, name: String?, title: String?) {
            if let match = SearchMatch.judging(words, name: name, title: title) { result[match, default: []].append(owner) }
        }
        // Point look-ups: a few rows noted by another program's edit must not cost a scan of the chart.
        let role = try db.statement("SELECT holder, title FROM role WHERE id = ?")
        let unit = try db.statement("SELECT name FROM unit WHERE id = ?")
        // Roles before units, each in id order.
        for owner in stale.sorted(by: { ($0 < 0 ? 1 : 0, abs($0)) < ($1 < 0 ? 1 : 0, abs($1)) }) {
            if owner > 0 {
                _ = try role.first([.integer(owner)]) { judge(owner, name: $0.optionalText(0), title: $0.text(1)) }
            } else {
                _ = try unit.first([.integer(-owner)]) { judge(owner, name: $0.text(0), title: nil) }
            }
        }
        return result
    }

    private func searchResult(owner: Int64, match: SearchMatch, units: UnitDirectory, tops: inout [Int64: Role]) throws -> SearchResult {
        if owner < 0 {
            guard let entry = units.byID[-owner] else { throw Self.vanished("unit", -owner) }
            let holder = try db.statement("SELECT r.holder FROM unit u JOIN role r ON r.id = u.head_role_id WHERE u.id = ?")
                .first([.integer(-owner)]) { $0.optionalText(0) } ?? nil
            return .unit(FoundUnit(unit: entry.unit, headHolder: holder, match: match))
        }
        let lookup = try db.statement("SELECT \(Self.roleColumns), r.path, (SELECT u.name FROM unit u WHERE u.id = r.unit_id) FROM role r WHERE r.id = ?")
        guard let (role, path, unitName) = try lookup.first([.integer(owner)], {
            (makeRole($0, units: units), $0.text(Self.roleColumnCount), $0.optionalText(Self.roleColumnCount + 1))
        }) else { throw Self.vanished("role", owner) }
        var top = role
        if let rootID = PathLabel.ids(in: path).first, rootID != owner {
            if let known = tops[rootID] {
                top = known
            } else {
                let root = try db.statement("SELECT \(Self.roleColumns) FROM role r \(Self.roleJoins) WHERE r.id = ?")
                if let found = try root.first([.integer(rootID)], { makeRole($0, units: units) }) {
                    top = found
                    tops[rootID] = found
                }
            }
        }
        return .role(FoundRole(role: role, unitName: unitName, top: top, match: match))
    }
}
