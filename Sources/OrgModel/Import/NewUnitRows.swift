import OrgSQLite

/// New units gathered as JSON and inserted a batch per statement, and their
/// governing PMOs likewise: a statement per row made SQLite copy each page
/// it touched to the statement journal (a file) before changing it, which
/// was most of the time of a large units file. Batches keep the JSON, and
/// SQLite's parse of it, to a few megabytes.
struct NewUnitRows {
    private let db: Connection
    private var batch = JSONBatch()

    init(db: Connection) {
        self.db = db
    }

    static let insertSQL = """
        INSERT INTO unit (id, key, name, kind, pmo_type, parent_id)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?1) ORDER BY key
        """

    /// Notes a unit to insert, with its parent when already known.
    mutating func add(id: Int64, key: String, name: String, kind: UnitKind, type: PMOType?, parent: Int64?) throws {
        batch.add("[\(id),\(JSONText.quote(key)),\(JSONText.quote(name)),\(JSONText.quote(kind.rawValue)),"
                  + "\(JSONText.quote(type?.rawValue)),\(parent.map(String.init) ?? "null")]")
        if batch.isFull { try flush() }
    }

    /// Inserts the units noted since the last flush, in the order they were noted.
    mutating func flush() throws {
        guard let json = batch.take() else { return }
        try db.run(Self.insertSQL, [.text(json)])
    }
}

/// Governing PMOs to set: each unit's old link goes, then its new one is
/// inserted, a batch per statement (see ``NewUnitRows``).
struct GovernanceChanges {
    private let db: Connection
    private var cleared = JSONBatch()
    private var added = JSONBatch()

    init(db: Connection) {
        self.db = db
    }

    static let deleteSQL = "DELETE FROM governance WHERE unit_id IN (SELECT value FROM json_each(?1))"
    static let insertSQL = "INSERT INTO governance (unit_id, pmo_id) SELECT value ->> 0, value ->> 1 FROM json_each(?1) ORDER BY key"

    /// Notes that `unit`'s governing PMO becomes `pmo` (none when nil).
    mutating func set(unit: Int64, pmo: Int64?) throws {
        cleared.add(String(unit))
        if let pmo { added.add("[\(unit),\(pmo)]") }
        if cleared.isFull { try flush() }
    }

    /// Writes the changes noted since the last flush.
    mutating func flush() throws {
        if let json = cleared.take() { try db.run(Self.deleteSQL, [.text(json)]) }
        if let json = added.take() { try db.run(Self.insertSQL, [.text(json)]) }
    }
}

/// A JSON array built item by item, taken whole when full or at the end.
struct JSONBatch {
    /// Items per batch: few statements, and a few megabytes of JSON at most.
    static let size = 10_000
    private var json = ""
    private var count = 0

    var isFull: Bool { count >= Self.size }

    mutating func add(_ item: String) {
        json += count == 0 ? "[" : ","
        json += item
        count += 1
    }

    /// The array of the items added since the last take, or nil when none were.
    mutating func take() -> String? {
        guard count > 0 else { return nil }
        defer { json = ""; count = 0 }
        return json + "]"
    }
}
