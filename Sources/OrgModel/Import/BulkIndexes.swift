/// Loading into an empty role table is fastest with its indexes built once,
/// from sorted data, after the rows are in. This drops them for the load and
/// recreates them from their own stored SQL, so the schema keeps one source.
/// Uniqueness is checked in memory before any row is written.
struct BulkIndexes {
    private let db: Connection
    private let definitions: [String]

    init(db: Connection) throws {
        self.db = db
        guard try db.integer("SELECT EXISTS (SELECT 1 FROM role)") == 0 else {
            definitions = []
            return
        }
        definitions = try db.statement("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'role' AND sql IS NOT NULL")
            .map { ($0.text(0), $0.text(1)) }
            .map { name, sql in
                try db.execute(script: "DROP INDEX \(name)")
                return sql
            }
    }

    /// Builds the dropped indexes again.
    func restore() throws {
        for sql in definitions { try db.execute(script: sql) }
    }
}
