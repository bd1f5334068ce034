import OrgSQLite

/// Names for keys, many at a time: what turns an answer in keys into one a
/// person reads.
extension OrgDatabase {
    /// The roles and units that `keys` name, in two statements however many
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
        var seen = Set<String>()
        for key in keys where Validation.isPlausibleKey(key) && seen.insert(key.lowercased()).inserted { list.append(key) }
        return list.isEmpty ? nil : .text("[" + list.map { "\"\($0)\"" }.joined(separator: ",") + "]")
    }

    /// The references of the keys in `array` (from ``keyArray(_:)``), inside the caller's transaction.
    static func references(_ array: SQLValue, on db: Connection) throws -> References {
        var result = References()
        try db.statement(roleReferenceSQL).forEachRow([array]) { row in
            result.add(RoleReference(key: row.text(0), title: row.text(1), holder: row.optionalText(2), unit: row.optionalText(3)))
        }
        try db.statement(unitReferenceSQL).forEachRow([array]) { row in
            result.add(UnitReference(key: row.text(0), name: row.text(1)))
        }
        return result
    }

    static let roleReferenceSQL = """
        SELECT r.key, r.title, r.holder, u.key FROM role r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.key IN (SELECT value FROM json_each(?1))
        """
    static let unitReferenceSQL = "SELECT key, name FROM unit WHERE key IN (SELECT value FROM json_each(?1))"
}
