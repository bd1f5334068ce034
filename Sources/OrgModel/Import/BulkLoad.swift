import OrgSQLite

/// Loading into an empty table is fastest with its indexes built once, from
/// sorted data, after the rows are in, and without per-row insert triggers
/// whose work the import does itself for every row. For roles:
/// - `role_key_free`: the import checks each key against the units' keys in
///   memory (and names the file and line when one clashes);
/// - `history_role_insert`: an import numbers its roles above the open
///   change's `role_seq`, and the trigger records nothing for such rows; the
///   id range names them.
/// - `search_role_insert`: it notes each new role for the name index, one
///   trigger program and one insert per row; `restore()` indexes them all
///   at once instead (`SearchTermLoad`), or notes them all in one set-based
///   statement (`SearchIndex.noteAllRoles`) when their names hold too many
///   different words to gather in memory.
/// For the dotted lines of a chart whose roles are all new,
/// `history_dotted_line_insert` likewise records nothing.
/// `role_path` is kept: a load numbers new roles depth first, so their
/// paths arrive in the index's own order, each appended at its end, which
/// costs less than sorting them all afterwards.
/// This drops the others for the load and recreates them from their own stored
/// SQL in the same transaction, so the schema keeps one source and a failed
/// or rehearsed import rolls back to them. Uniqueness is checked in memory
/// before any row is written.
struct BulkLoad {
    private let db: Connection
    private let table: String
    private let definitions: [String]
    /// Whether the load bypasses the trigger that notes new roles for the name index.
    private let notesSearchLater: Bool

    init(db: Connection, table: String = "role",
         triggers: [String] = ["role_key_free", "history_role_insert", SearchIndex.roleInsertTrigger],
         keeping kept: [String] = ["role_path"]) throws {
        self.db = db
        self.table = table
        // For roles the largest id, a search of the primary key: the query
        // plan checks allow no scan of the role table, not even a stopped one.
        let probe = table == "role" ? "SELECT max(id) IS NOT NULL FROM role" : "SELECT EXISTS (SELECT 1 FROM \(table))"
        guard try db.integer(probe) == 0 else {
            definitions = []
            notesSearchLater = false
            return
        }
        notesSearchLater = try table == "role" && triggers.contains(SearchIndex.roleInsertTrigger)
            && (db.integer("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?)",
                               [.text(SearchIndex.roleInsertTrigger)])) == 1
        definitions = try db.statement("""
            SELECT type, name, sql FROM sqlite_schema
            WHERE sql IS NOT NULL AND (type = 'index' AND tbl_name = ?1 AND name NOT IN (\(kept.map { "'\($0)'" }.joined(separator: ", ")))
                                       OR type = 'trigger' AND tbl_name = ?1 AND name IN (\(triggers.map { "'\($0)'" }.joined(separator: ", "))))
            """)
            .map([.text(table)]) { ($0.text(0), $0.text(1), $0.text(2)) }
            .map { type, name, sql in
                try db.execute(script: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \(name)")
                return sql
            }
    }

    /// Builds the dropped indexes and triggers again, and makes sure a load
    /// of roles kept the rule `role_key_free` stands for.
    func restore() throws {
        guard !definitions.isEmpty else { return }
        // The new roles' names are indexed here at once, or, when they hold
        // too many different words to gather in memory, noted for the refresh.
        if notesSearchLater, try !SearchTermLoad.build(on: db) { try db.run(SearchIndex.noteAllRoles) }
        for sql in definitions { try db.execute(script: sql) }
        guard table == "role" else { return }
        // A few look-ups in the rebuilt key index (units are few): cheap
        // insurance that the import's own check of keys against units held.
        if let clash = try db.statement("SELECT u.key FROM unit u JOIN role r ON r.key = u.key LIMIT 1").first([], { $0.text(0) }) {
            throw OrgError.internalError(detail: "the import gave a role the key of unit '\(clash)'")
        }
    }
}
