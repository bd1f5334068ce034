import OrgSQLite

/// The name index behind `find`: the folded words of every role's holder and
/// title and every unit's name (`search_term`), kept current by every write.
///
/// The schema's triggers note each role or unit whose indexed text changed
/// in `search_stale` (plain SQL, so the sqlite3 shell can still write the
/// file); ``refresh()`` folds those rows in Swift before the write commits.
/// Folding needs Unicode tables SQLite's own tokenizers lack (ł, ø, ı, and
/// apostrophes that vanish), hence the two steps. A reader that meets stale
/// rows (a file edited by another program, a chart rebuilt as of a moment)
/// folds them itself, so answers are always current.
struct SearchIndex {
    /// What a stored term is a word of.
    enum Field: Int64 {
        /// A word of a role's holder or a unit's name.
        case nameWord = 0
        /// A word of a role's title.
        case titleWord = 1
        /// The whole holder or unit name, folded.
        case wholeName = 2
    }

    let db: Connection

    /// How many noted rows make a load worth sorting first.
    static let sortedLoadThreshold: Int64 = 2_000

    /// A unit's owner number: roles and units share the index, units negated.
    static func owner(unitID: Int64) -> Int64 { -unitID }

    /// The schema version whose `@since` section creates the index.
    static let since: Int64 = 4

    /// Whether the file has the index (a file of schema version 3 or older
    /// read before its upgrade has not). The version, not the schema table:
    /// reading that is a scan of the whole schema on every write.
    func exists() throws -> Bool {
        try (db.integer("PRAGMA user_version") ?? 0) >= Self.since
    }

    /// Folds every stale role and unit into the index and clears the list.
    /// `knownToExist`: the caller knows the file has the index, which then
    /// need not be asked. `created`: the write says it added this role (an
    /// id never given before, so it has no terms), with its holder and title.
    func refresh(knownToExist: Bool = false, created: (owner: Int64, name: String?, title: String)? = nil) throws {
        // A chart rebuilt in memory from a file not yet upgraded has no index.
        guard try knownToExist || exists() else { return }
        if let created {
            // When the new role is the one row noted, its text is known: the
            // list is only counted, a statement far cheaper to prepare than
            // one that reads the rows' text.
            var sole = false
            try db.statement(Self.soleStale).scan([.integer(created.owner)]) { row in
                sole = row.int(0) == 1
                return false
            }
            if sole {
                try refresh((created.owner, created.name, created.title, false))
                return
            }
        }
        // A write notes one row, usually: it comes with its text in one
        // statement, and its terms are replaced. Kept in locals, not a
        // collection, whose first use costs the runtime more than the fold.
        var noted = 0
        var only: (owner: Int64, name: String?, title: String?, indexed: Bool)?
        try db.statement(Self.firstStale).scan { row in
            noted += 1
            if noted == 1 { only = (row.int(0), row.optionalText(1), row.optionalText(2), row.int(3) == 1) }
            return noted == 1
        }
        guard noted > 1 else {
            if let only { try refresh(only) }
            return
        }
        // What the rest depends on, in one statement: on a write of one
        // role, each statement prepared costs more than the work it does.
        guard let stale = try db.statement(Self.staleFacts).first([], { row in
            (count: row.int(0), emptyIndex: row.int(1) == 0, roles: row.int(2) == 1, units: row.int(3) == 1,
             indexed: row.int(4) == 1)
        }), stale.count > 0 else { return }
        // An import into an empty chart leaves everything stale and the index
        // empty: nothing to delete, and the owner index is built once at the end.
        let emptyIndex = stale.emptyIndex
        // The owner index's own definition, so schema.sql stays its one source.
        let ownerIndex = emptyIndex
            ? try db.statement("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'search_term_owner'").first([]) { $0.text(0) }
            : nil
        if ownerIndex != nil {
            try db.execute(script: "DROP INDEX search_term_owner")
        } else if stale.indexed {
            // New rows have no terms yet: only rows indexed before need theirs removed.
            try db.run("DELETE FROM search_term WHERE owner IN (SELECT owner FROM search_stale)")
        }
        // Terms arrive in row order, which is random order for the term index:
        // many rows (an import) go through a temporary table and into the
        // index sorted, so its pages fill one after another instead of being
        // revisited at random (at 100,000 roles, 12 s became well under one).
        let many = stale.count > Self.sortedLoadThreshold
        if many { try db.execute(script: "CREATE TEMP TABLE search_load (term TEXT, owner INTEGER, field INTEGER)") }
        let insert = try db.statement(many
            ? "INSERT INTO temp.search_load (term, owner, field) VALUES (?, ?, ?)"
            : "INSERT OR IGNORE INTO search_term (term, owner, field) VALUES (?, ?, ?)")
        // Titles repeat (a load holds a few hundred titles a million times):
        // each is folded once. Bounded, for a file of all-different titles;
        // not kept for one row, whose first dictionary costs more than its fold.
        var titleWords: [String: [String]] = [:]
        let memoLimit = stale.count > 1 ? Self.titleMemoLimit : 0
        func words(ofTitle title: String?) -> [String]? {
            guard let title else { return nil }
            if let known = titleWords[title] { return known }
            let words = SearchFolding.words(title)
            if titleWords.count < memoLimit { titleWords[title] = words }
            return words
        }
        func add(_ owner: Int64, _ name: String?, _ title: String?) throws {
            for term in Self.terms(name: name, titleWords: words(ofTitle: title)) {
                try insert.bind(1, term.term)
                try insert.bind(2, owner)
                try insert.bind(3, term.field.rawValue)
                try insert.runBound()
            }
        }
        if stale.roles { try db.statement(Self.staleRoles).forEachRow { try add($0.int(0), $0.optionalText(1), $0.text(2)) } }
        if stale.units { try db.statement(Self.staleUnits).forEachRow { try add($0.int(0), $0.text(1), nil) } }
        if many {
            try db.execute(script: """
                INSERT OR IGNORE INTO search_term (term, owner, field)
                    SELECT term, owner, field FROM temp.search_load ORDER BY term, owner, field;
                DROP TABLE temp.search_load;
                """)
        }
        if let ownerIndex { try db.execute(script: ownerIndex) }
        try db.run("DELETE FROM search_stale")
    }

    /// Replaces the terms of one stale row, given with its text (a role's
    /// holder and title, a unit's name; none for a row that has gone) and
    /// whether the index holds terms of it, then clears the list.
    private func refresh(_ row: (owner: Int64, name: String?, title: String?, indexed: Bool)) throws {
        if row.indexed { try db.run("DELETE FROM search_term WHERE owner = ?", [.integer(row.owner)]) }
        let insert = try db.statement("INSERT OR IGNORE INTO search_term (term, owner, field) VALUES (?, ?, ?)")
        for term in Self.terms(name: row.name, title: row.title) {
            try insert.bind(1, term.term)
            try insert.bind(2, row.owner)
            try insert.bind(3, term.field.rawValue)
            try insert.runBound()
        }
        try db.run("DELETE FROM search_stale")
    }

    /// Whether ?1 is the one stale row.
    static let soleStale = "SELECT count(*) = 1 AND max(owner) = ?1 FROM search_stale"

    /// The first two stale rows (owners): a role's holder and title or a
    /// unit's name, and whether the index holds terms of theirs. The noted
    /// rows are the outer loop (the left side of each LEFT JOIN), each row a
    /// look-up by id.
    static let firstStale = """
        SELECT s.owner, coalesce(r.holder, u.name), r.title,
               EXISTS (SELECT 1 FROM search_term t WHERE t.owner = s.owner)
        FROM search_stale s LEFT JOIN role r ON s.owner > 0 AND r.id = s.owner
        LEFT JOIN unit u ON s.owner < 0 AND u.id = -s.owner
        LIMIT 2
        """

    /// How many rows are stale; whether the index holds any term; whether
    /// roles, and units, are among the stale rows; whether any stale row
    /// has terms to remove (through the owner index, a look per stale row).
    static let staleFacts = """
        SELECT count(*), EXISTS (SELECT 1 FROM search_term), max(owner) > 0, min(owner) < 0,
               EXISTS (SELECT 1 FROM search_stale s CROSS JOIN search_term t ON t.owner = s.owner)
        FROM search_stale
        """

    /// The schema's trigger that notes each new role; a bulk load into an
    /// empty chart goes without it and runs ``noteAllRoles`` once instead.
    static let roleInsertTrigger = "search_role_insert"
    /// Notes every role, in id order, as the insert trigger would have one by one.
    static let noteAllRoles = "INSERT OR IGNORE INTO search_stale SELECT id FROM role ORDER BY id"

    // CROSS JOIN keeps the few noted rows as the outer loop: with a plain
    // JOIN, SQLite read `owner > 0` as a range of role ids and scanned the
    // whole role table for every write (85 ms per `add role` at 1M roles).
    static let staleRoles = """
        SELECT r.id, r.holder, r.title FROM search_stale s CROSS JOIN role r ON r.id = s.owner WHERE s.owner > 0
        """
    static let staleUnits = """
        SELECT -u.id, u.name FROM search_stale s CROSS JOIN unit u ON u.id = -s.owner WHERE s.owner < 0
        """

    /// How many distinct titles ``refresh()`` keeps folded at once.
    static let titleMemoLimit = 10_000

    /// The terms stored for a role (holder and title) or a unit (name).
    static func terms(name: String?, title: String?) -> [(term: String, field: Field)] {
        terms(name: name, titleWords: title.map(SearchFolding.words))
    }

    /// The same, from the title's folded words.
    static func terms(name: String?, titleWords: [String]?) -> [(term: String, field: Field)] {
        var terms: [(term: String, field: Field)] = []
        if let name {
            let words = SearchFolding.words(name)
            terms += words.map { ($0, .nameWord) }
            if !words.isEmpty { terms.append((words.joined(separator: " "), .wholeName)) }
        }
        if let titleWords { terms += titleWords.map { ($0, .titleWord) } }
        return terms
    }
}
