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
        guard let array = Self.keyArray(keys) else { return References() }
        return try read { try Self.references(array, on: db) }
    }

    /// The keys as one JSON array, a single parameter for a statement of
    /// fixed text, prepared once for a handful of keys or ten thousand; nil
    /// when none could be a key.
    static func keyArray(_ keys: some Sequence<String>) -> SQLValue? {
        var list: [String] = []
        // A few keys (a write's summary names two or three) are told apart
        // in an array: the first hashed set of strings costs the runtime a
        // search of every protocol conformance, more than a small write's SQL.
        var few: [String] = []
        var seen: Set<String>?
        for key in keys where Validation.isPlausibleKey(key) {
            let folded = key.lowercased()
            if seen == nil && few.count < Self.fewKeys {
                guard !few.contains(folded) else { continue }
                few.append(folded)
            } else {
                if seen == nil { seen = Set(few) }
                guard seen?.insert(folded).inserted == true else { continue }
            }
            list.append(key)
        }
        guard !list.isEmpty else { return nil }
        var text = "["
        for (index, key) in list.enumerated() { text += (index == 0 ? "\"" : ",\"") + key + "\"" }
        return .text(text + "]")
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
