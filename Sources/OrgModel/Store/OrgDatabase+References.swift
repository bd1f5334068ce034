import OrgSQLite

/// Names for keys, many at a time: what turns an answer in keys into one a
/// person reads.
extension OrgDatabase {
    /// The roles and units that `keys` name, in one statement however many
    /// keys there are, so that a long listing never asks once per key. Keys
    /// that name nothing are left out.
    ///
    /// ```swift
    /// let names = try org.references(for: ["pm-payments", "pmo-it"])
    /// print(names.role("pm-payments")?.holder ?? "vacant", names.unit("pmo-it")?.name ?? "")
    /// ```
    public func references(for keys: some Sequence<String>) throws(OrgError) -> References {
        // An array, every caller's case, is read as one: walking the generic
        // sequence looks up its witnesses at run time, a search of every
        // protocol conformance on each write that names a manager.
        let list = (keys as? [String]) ?? Array(keys)
        guard let array = Self.keyArray(list) else { return References() }
        return try read { try keptReferences(for: list) ?? Self.references(array, on: db) }
    }

    /// Names a write read, with the file's `PRAGMA data_version` as it read them.
    struct KeptNames {
        let names: References
        let dataVersion: Int64
    }

    /// Keeps `names`, read by the write under way of rows it leaves as they
    /// are, for ``references(for:)`` to answer the report that follows the
    /// write without a statement of its own (a new role's answer names its
    /// manager). The next write forgets them, and a commit by another
    /// connection makes them stale (`PRAGMA data_version` changes).
    func keepNames(_ names: References) throws {
        keptNames = KeptNames(names: names, dataVersion: try db.integer("PRAGMA data_version") ?? 0)
    }

    /// The kept names of `keys`, when a name is kept for each key as stored
    /// and no other connection has committed since; nil to read them.
    private func keptReferences(for keys: [String]) throws -> References? {
        guard let kept = keptNames else { return nil }
        var found = References()
        for key in keys {
            guard let role = kept.names.role(key), role.key == key else { return nil }
            found.add(role)
        }
        guard try db.integer("PRAGMA data_version") == kept.dataVersion else {
            keptNames = nil
            return nil
        }
        return found
    }

    /// The keys as one JSON array, a single parameter for a statement of
    /// fixed text, prepared once for a handful of keys or ten thousand; nil
    /// when none could be a key.
    static func keyArray(_ keys: some Sequence<String>) -> SQLValue? {
        keyArray(Array(keys))
    }

    /// ``keyArray(_:)`` of an array, without the generic sequence.
    static func keyArray(_ keys: [String]) -> SQLValue? {
        var given: [String] = []
        for key in keys where Validation.isPlausibleKey(key) { given.append(key) }
        // A few keys (a write's summary names two or three) are told apart
        // in an array: the first hashed set of strings (even one only
        // destroyed, in a generic function) costs the runtime a search of
        // every protocol conformance, more than a small write's SQL.
        let list = given.count <= Self.fewKeys ? distinctFew(given) : distinctMany(given)
        guard !list.isEmpty else { return nil }
        var text = "["
        for (index, key) in list.enumerated() { text += (index == 0 ? "\"" : ",\"") + key + "\"" }
        return .text(text + "]")
    }

    /// `keys` without repeats (in any case), by searching those kept.
    private static func distinctFew(_ keys: [String]) -> [String] {
        var list: [String] = [], folded: [String] = []
        for key in keys {
            let lower = key.lowercased()
            guard !folded.contains(lower) else { continue }
            folded.append(lower)
            list.append(key)
        }
        return list
    }

    /// `keys` without repeats (in any case), through a set.
    private static func distinctMany(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0.lowercased()).inserted }
    }

    /// How many keys ``keyArray(_:)`` tells apart without a set.
    static let fewKeys = 16

    /// The references of the keys in `array` (from ``keyArray(_:)``), inside the caller's transaction.
    static func references(_ array: SQLValue, on db: Connection) throws -> References {
        var result = References()
        try db.statement(referenceSQL).forEachRow([array]) { row in
            if row.int(0) == 0 {
                result.add(RoleReference(key: row.text(1), title: row.text(2), holder: row.optionalText(3), unit: row.optionalText(4)))
            } else {
                result.add(UnitReference(key: row.text(1), name: row.text(2)))
            }
        }
        return result
    }

    /// Roles (0) and units (1) in one statement: a write that names a few
    /// keys prepares one statement, not two.
    static let referenceSQL = """
        SELECT 0, r.key, r.title, r.holder, u.key FROM role r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.key IN (SELECT value FROM json_each(?1))
        UNION ALL
        SELECT 1, key, name, NULL, NULL FROM unit WHERE key IN (SELECT value FROM json_each(?1))
        """
}
